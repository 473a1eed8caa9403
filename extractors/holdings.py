"""Holdings (person holds a post), bylines and the organisations an article names.

Doc -> Iterator[fact], reading doc._.people (the govkg_people component) and the org grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from .evidence import evidence_at, sentence_evidence
from .facts import Authorship, Holding, OrgMention
from . import vocab
from .nlp import doc_text
from .people import person_ref
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
_BY = re.compile(r"^\s*(?:By|Story\s+by|Written\s+by|Reported\s+by|Translated\s+by|Story\s+and\s+photos?\s*:?)"
                 r"\s+", re.I)
# one byline line may credit several people: "Reported by X - Translated by Y", "By X and Y"
_CREDIT_SEP = re.compile(r"\s+[-–—|]\s+|\s*;\s*|\s*,\s*|\s+and\s+")
_CAPS_NAME = re.compile(r"^[A-ZĐÀ-Ỹ]{1,7}(?:\s+[A-ZĐÀ-Ỹ]{1,7}){1,3}$")


def _credits(line: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) of each name credited on a byline line, its "By"/"Reported by" and agency stripped."""
    out = []
    pos = 0
    parts = []
    for m in _CREDIT_SEP.finditer(line):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(line)))
    for a, b in parts:
        piece = line[a:b]
        by = _BY.match(piece)
        a += by.end() if by else 0
        piece = _AGENCY.sub("", line[a:b]).rstrip().rstrip(".")
        lead = len(piece) - len(piece.lstrip())
        out.append((start + a + lead, start + a + len(piece)))
    return out


def _caps_author(text: str, start: int, end: int) -> str | None:
    """An upper-case name heading a dateline ("HA KIEN January 14, 2025"), as a name: "Ha Kien"."""
    from .dates import find_dates  # noqa: PLC0415
    from .places import fold  # noqa: PLC0415

    chunk = text[start:end]
    dates = find_dates(chunk)
    if dates and chunk[dates[-1][1]:].strip(" .,") == "":
        chunk = chunk[:dates[0][0]]
    chunk = chunk.strip(" ,.-–—|")
    if not _CAPS_NAME.match(chunk):
        return None
    name = chunk.title()
    family = {fold(s) for s in vocab.surnames()}
    from .places import lookup_place  # noqa: PLC0415

    if fold(name.split()[0]) not in family or lookup_place(name) is not None:  # "HA NOI January 14" is a dateline
        return None
    return name


def extract_bylines(doc: Doc) -> Iterator[Authorship]:
    """A person named alone on the article's last line, on a "By X" / "Reported by X - Translated by Y" line, or
    in upper case before a dateline ("HA KIEN January 14, 2025") among the first or last lines, is its author."""
    text = doc_text(doc)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    if not lines:
        return
    candidates = {lines[-1]}
    candidates.update(span for span in lines[:3] if _BY.match(text[span[0]:span[1]]))
    seen: set[str] = set()
    for start, end in sorted(candidates):
        line = text[start:end]
        credits = _credits(line, start) if _BY.match(line) or len(line) < 80 else []
        named = [next((m for m in doc._.people.mentions if m.start == a and m.end == b and not m.posts), None)
                 for a, b in credits]
        if not named or None in named:
            continue  # the line says more than names: not a byline
        for m in named:
            if m.person.key not in seen:
                seen.add(m.person.key)
                yield Authorship(person=m.person, evidence=evidence_at(doc, m.start))
    for start, end in [*lines[1:3], lines[-1]]:  # the title line is never a byline
        name = _caps_author(text, start, end)
        if name is not None:
            person = person_ref(name)
            if person.key not in seen:
                seen.add(person.key)
                yield Authorship(person=person, evidence=evidence_at(doc, start))


def extract_organisations(doc: Doc) -> Iterator[OrgMention]:
    """Every organisation the grammar can read, once per sentence and label."""
    article = doc._.article
    ctx = context_of(article)
    text = doc_text(doc)
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
