"""Holdings (person holds a post), bylines and the organisations an article names.

Doc -> Iterator[fact], reading doc._.people (the govkg_people component) and the org grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from .evidence import evidence_at, sentence_evidence
from .facts import Authorship, Holding, OrgMention
from .titles import context_of, parse_org


def extract_holdings(doc: Doc) -> Iterator[Holding]:
    """One Holding per (mention, post) whose organisation is known."""
    for m in doc._.people.mentions:
        for post in m.posts:
            if post.org is None:
                continue
            yield Holding(person=m.person, role=post.role, org=post.org, evidence=evidence_at(doc, m.start),
                          status=post.status)


_AGENCY = re.compile(r"\s*[(\[]\s*[A-Z][A-Za-z/&. ]{1,15}[)\]]$")  # "Lê Lan (VNA)": the agency after the name
_BY = re.compile(r"^\s*(?:By|Story\s+by|Written\s+by|Reported\s+by)\s+", re.I)


def extract_bylines(doc: Doc) -> Iterator[Authorship]:
    """A person named alone on the article's last line (or on a "By X" line) is its author."""
    text = doc.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    if not lines:
        return
    candidates = {lines[-1]}
    candidates.update(span for span in lines[:3] if _BY.match(text[span[0]:span[1]]))
    for m in doc._.people.mentions:
        for start, end in candidates:
            line = text[start:end]
            rest = _AGENCY.sub("", _BY.sub("", line).strip()).strip().rstrip(".")
            if start <= m.start < end and rest == text[m.start:m.end] and not m.posts:
                yield Authorship(person=m.person, evidence=evidence_at(doc, m.start))


def extract_organisations(doc: Doc) -> Iterator[OrgMention]:
    """Every organisation the grammar can read, once per sentence and label."""
    article = doc._.article
    ctx = context_of(article)
    text = doc.text
    for sent in doc.sents:
        seen: set[str] = set()
        pos = sent.start_char
        starts = [sent.start_char + m.start() for m in re.finditer(r"(?<![\w’'-])\w", sent.text)]
        for start in starts:
            if start < pos:
                continue
            match = parse_org(text, start, ctx)
            if match is None or match.end > sent.end_char:
                continue
            if match.org.label not in seen:
                seen.add(match.org.label)
                yield OrgMention(org=match.org, evidence=sentence_evidence(doc, sent))
            pos = match.end
