"""Holdings (person holds a post), bylines and the organisations an article names.

Doc -> Iterator[fact], reading doc._.people (the govkg_people component) and the org grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc

from .appointments import INTENDED, change_event, kind_of, sentence_date
from .evidence import evidence_at, sentence_evidence
from .facts import Authorship, Event, Holding, OrgMention, OrgRef
from . import vocab
from .nlp import doc_text
from .people import Mention, doc_context, person_ref
from .titles import Post, context_of, parse_org


def extract_holdings(doc: Doc) -> Iterator[Holding]:
    """One Holding per (mention, post) whose organisation is known."""
    for m in doc._.people.mentions:
        for post in m.posts:
            if post.org is None:
                continue
            yield Holding(person=m.person, role=post.role, org=post.org, evidence=evidence_at(doc, m.start),
                          status=post.status)


_MEMBERS = re.compile(r"\s+members\b")
_SPACE = re.compile(r"\s+")
# between two items: a separator, then perhaps a title the grammar did not read ("former Minister of Defence")
_ITEM_GAP = re.compile(r"\s*(?:,|;)?\s*(?:and\s+)?(?:(?:former|[A-Z][\w’'.-]*|of|the|for)\s+){0,8}")
_BODY_LOOKBACK = 90  # characters before "members" where the body's name may start
_WORD_START = re.compile(r"(?<![\w’'-])\w")


def _cue(position: str) -> str:
    return f"(?:{'|'.join(vocab.member_list_cues()[position])})"


_TO_JOIN = re.compile(r"\s+to\s+join\s+(?:the\s+)?", re.I)  # "assigning Politburo members to join the Secretariat"


@cache
def _list_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cues after "<body> members" in the same sentence, opening the next one, going on with the list in the
    one after, and saying they left. A short clause may stand before a same-sentence cue ("Politburo members of the
    13th tenure, including"), but not another group ("Politburo members and leaders of the province, including":
    the list is of both)."""
    clause = r"(?:(?:(?!\b(?:and|or|with|as\s+well\s+as)\b)[^,;.:]){0,80}?,\s*)?"
    return (re.compile(rf"\s*,?\s*{clause}{_cue('same')}\s*", re.I), re.compile(rf"\s*{_cue('next')}\s+", re.I),
            re.compile(rf"\s*{_cue('more')}\s+", re.I), re.compile(f"{_cue('former')}|{_cue('retired')}", re.I))


def _listed(mentions: list[Mention], pos: int, text: str) -> list[Mention]:
    """The people of a list starting at pos: each item right after the previous one's titles, separated by only a
    comma, a semicolon or "and"; in a list cut by semicolons, what stands before an item's semicolon is its own."""
    out: list[Mention] = []
    semicolons = ";" in text[pos:mentions[-1].span_start] if mentions else False
    for m in mentions:
        gap = text[pos:m.span_start]
        if m.span_start < pos or not (_ITEM_GAP.fullmatch(gap) or (out and semicolons and re.fullmatch(
                r"[^;]*;\s*(?:and\s+)?", gap))):
            break
        out.append(m)
        pos = m.span_end
    return out


def extract_group_members(doc: Doc) -> Iterator[Holding | Event]:
    """Members of a body named as a list after "<body> members": "several Politburo members, including A, ...; B,
    ..." or "six Politburo members ... . They included A, B and C. Other members are D and E" (cue words:
    ontology/member_lists.tsv); "Politburo members to join the Secretariat" are members of both. The list must follow
    the cue directly, item after item; "former Politburo members" and "retire" make them former."""
    text = doc_text(doc)
    ctx = doc_context(doc)
    mentions = sorted(doc._.people.mentions, key=lambda m: m.span_start)
    sents = list(doc.sents)
    same, nxt, go_on, former = _list_cues()
    for i, sent in enumerate(sents):
        for hit in _MEMBERS.finditer(text, sent.start_char, sent.end_char):
            body = None
            for word in _WORD_START.finditer(text, max(sent.start_char, hit.start() - _BODY_LOOKBACK), hit.start()):
                match = parse_org(text, word.start(), ctx)
                if match is not None and match.end == hit.start():
                    body = match.org
                    break
            if body is None:
                continue
            bodies, after = [body], hit.end()
            join = _TO_JOIN.match(text, hit.end())
            joined = parse_org(text, join.end(), ctx) if join else None
            if joined is not None and joined.end <= sent.end_char:  # members of the one, who join the other
                bodies, after = [body, joined.org], joined.end
            cue = same.match(text, after)
            direct = _SPACE.match(text, hit.end())  # "Secretariat members A and B"
            if cue is None and direct and any(m.span_start == direct.end() for m in mentions):
                cue = direct
            start, end = (cue.end(), sent.end_char) if cue else (None, None)
            more = None  # "They include A, B and C. Other members are D and E.": the list goes on
            if cue is None and i + 1 < len(sents):
                opener = nxt.match(text, sents[i + 1].start_char)
                if opener:
                    j = i + 1  # the parser may cut "They included | former Chairwoman A, B and C" after the cue
                    if not text[opener.end():sents[j].end_char].strip() and j + 1 < len(sents):
                        j += 1
                    start, end = opener.end(), sents[j].end_char
                    more = go_on.match(text, sents[j + 1].start_char) if j + 1 < len(sents) else None
            if start is None:
                continue
            # what the sentence says of the members, outside the list and the people it names
            said, at = [], sent.start_char
            for m in mentions:
                if at <= m.span_start and m.span_end <= start:
                    said.append(text[at:m.span_start])
                    at = m.span_end
            said.append(text[at:min(start, sent.end_char)])
            status = "former" if any(former.search(part) for part in said) else "current"
            listed = _listed([m for m in mentions if start <= m.span_start < end], start, text)
            if more is not None:
                last = sents[j + 1].end_char
                listed += _listed([m for m in mentions if more.end() <= m.span_start < last], more.end(), text)
            kind, changed = _list_change(said, bodies, status)
            when = sentence_date(doc, sent.start_char, sent.end_char, hit.start()) if kind else None
            for m in listed:
                for org in bodies:
                    dated = org in changed
                    yield Holding(person=m.person, role="member", org=org, evidence=evidence_at(doc, m.start),
                                  status=status, start=when if dated and status == "current" else None,
                                  end=when if dated and status == "former" else None)
                for org in changed:
                    yield change_event(kind, m.person, Post("member", org), when, sentence_evidence(doc, sent))


def _list_change(said: list[str], bodies: list[OrgRef], status: str) -> tuple[str | None, list[OrgRef]]:
    """The change a list's sentence states, and of which bodies: "decision assigning Politburo members to join the
    Secretariat" appoints them to the body they join; "presented retirement decisions to six Politburo members"
    retires them from it (cue words: ontology/member_lists.tsv "retired", change_verbs.tsv "before")."""
    retired = re.compile(_cue("retired"), re.I)
    verbs = re.compile(rf"\b(?:{vocab.change_verb_alternation('before')})\b", re.I)
    for part in said:
        for cue in (*retired.finditer(part), *verbs.finditer(part)):
            if INTENDED.search(part, max(0, cue.start() - 60), cue.start()):  # "members would retire": not yet
                continue
            if cue.re is retired and status == "former":
                return "retirement", bodies
            if cue.re is verbs and kind_of("before", cue.group(0)) == "appointment" and len(bodies) > 1:
                return "appointment", bodies[1:]
    return None, []


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
