"""Events: meetings and sessions, working sessions of visiting delegations, field visits.

Doc -> Iterator[Event]. Chairs come from "chaired by" / "co-chaired by these ..." statements,
attendees from attendance lists, speakers from photo captions ("X, title, speaks at ...") and from
the subjects of speech verbs (the article's main event takes them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from .dates import find_dates, resolve_date
from .evidence import sentence_evidence
from .facts import DateValue, Event, OrgRef, PersonRef
from .people import People
from .places import fold, lookup_place
from .titles import context_of, is_national, parse_org

SPEECH_VERBS = {
    "speak", "say", "emphasize", "emphasise", "stress", "note", "affirm", "propose", "recommend", "request",
    "suggest", "clarify", "respond", "praise", "ask", "urge", "direct", "conclude", "report", "add", "highlight",
    "underline", "state", "address", "deliver", "instruct", "assert", "acknowledge", "appreciate", "commend",
}
_MEETING = re.compile(
    r"(?P<ord>\d{1,3}(?:st|nd|rd|th))\s+(?P<noun>session|meeting|conference|plenum|congress)\s+of\s+", re.I)
_MEETING_KIND = {"session": "meeting", "meeting": "meeting", "plenum": "meeting", "conference": "conference",
                 "congress": "conference"}
_WORKING = re.compile(r"\bworking\s+(?:session|visit|trip)\b|\bworked\s+with\b|\bworking\s+delegation\b", re.I)
_FIELD = re.compile(
    r"\b(?:conducted|made|carried\s+out|paid|undertook|had)\s+an?\s+(?P<noun>field\s+survey|field\s+trip|"
    r"site\s+survey|site\s+visit|fact-finding\s+trip|inspection\s+tour|inspection)"
    r"(?P<what>\s+(?:of|on|into)\s+[^,.;]+?)?\s+at\s+(?P<where>the\s+[^,.;]+)", re.I)
_CHAIR = re.compile(r"\b(?:co-)?chaired\s+by\b|\bpresided\s+over\s+by\b", re.I)
_CHAIR_ANAPHOR = re.compile(r"\bby\s+(?:these|those|the\s+above|them|the\s+three|the\s+two)\b", re.I)
_CHAIR_ACTIVE = re.compile(r"\b(?:co-)?chaired\b|\bpresided\s+over\b", re.I)
_ATTEND = re.compile(r"\battend(?:ees|ing|ed)\b|\bparticipants?\b|\btook\s+part\b|\bpresent\s+were\b|"
                     r"\bworked\s+with\b", re.I)
_CAPTION_SPEAKS = re.compile(r"^[,\s]*(?:speaks|speaking|delivers|addresses|talks)\b", re.I)


def _people(doc: Doc) -> People:
    return doc._.people


def _persons_in(people: People, start: int, end: int) -> list[PersonRef]:
    out: dict[str, PersonRef] = {}
    for m in people.mentions:
        if start <= m.start < end:
            out.setdefault(m.person.key, m.person)
    for t in people.titles:
        if start <= t.start < end and t.person is not None:
            out.setdefault(t.person.key, t.person)
    return list(out.values())


def _sentence_date(doc: Doc, start: int, end: int) -> DateValue | None:
    article = doc._.article
    reference = article.published if article is not None else None
    text = doc.text[start:end]
    for s, e, _ in find_dates(text):
        if reference is None:
            continue
        value = resolve_date(text[s:e], reference)
        if value is not None and len(value.value) == 10:
            return value
    return None


def speakers(doc: Doc) -> list[PersonRef]:
    """Persons who speak: caption subjects ("X, title, speaks at") and subjects of speech verbs."""
    people = _people(doc)
    found: dict[str, PersonRef] = {}
    for m in people.mentions:
        if _CAPTION_SPEAKS.match(doc.text[m.span_end:m.sent_end]):
            found.setdefault(m.person.key, m.person)
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        heads = [tok, *[c for c in tok.conjuncts if c.i < tok.i]]
        for head in heads:
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
                    sub = list(child.subtree)
                    person = people.at(sub[0].idx, sub[-1].idx + len(sub[-1]))
                    if person is not None:
                        found.setdefault(person.key, person)
    return list(found.values())


def _key(*parts: str) -> str:
    return " | ".join(fold(p) for p in parts if p)


def _visitor(people: People) -> OrgRef | None:
    """The national body whose official is present (the visiting delegation's), highest rank first."""
    from . import vocab  # noqa: PLC0415

    best: tuple[int, OrgRef] | None = None
    for m in people.mentions:
        for p in m.posts:
            if p.org is not None and is_national(p.org) and p.org.org_type != "party-central-committee":
                rank = vocab.roles()[p.role].rank
                if best is None or rank > best[0]:
                    best = (rank, p.org)
    return best[1] if best else None


def extract_events(doc: Doc) -> Iterator[Event]:
    article = doc._.article
    people = _people(doc)
    ctx = context_of(article)
    published = article.published if article is not None else None
    text = doc.text
    sents = list(doc.sents)
    main: Event | None = None
    events: list[Event] = []

    # Sessions and meetings: "The 20th session of the 14th Provincial Party Committee took place on July 5"
    for sent in sents:
        m = _MEETING.search(text, sent.start_char, sent.end_char)
        if m is None:
            continue
        org = parse_org(text, m.end(), ctx)
        if org is None:
            continue
        term = f"{_ordinal(org.term)} " if org.term else ""
        noun = m.group("noun").lower()
        label = f"{m.group('ord')} {noun} of the {term}{org.org.label}"
        date = _sentence_date(doc, sent.start_char, sent.end_char) or published
        evidence = sentence_evidence(doc, sent)
        ev = Event(kind=_MEETING_KIND[noun], label=label, key=_key(label, date.value if date else ""),
                   evidence=(evidence,), date=date, organizer=org.org)
        events.append(ev)
        break

    # Working sessions with a visiting delegation
    if not events and any(_WORKING.search(s.text) for s in sents):
        visitor = _visitor(people)
        province = ctx.province
        if visitor is not None and province is not None:
            label = f"Working session of the {visitor.label} delegation with {province.label} province"
            cue = [sentence_evidence(doc, s) for s in sents if _WORKING.search(s.text)]
            events.append(Event(kind="working-visit", label=label,
                                key=_key(label, published.value if published else ""), evidence=tuple(cue[:3]),
                                date=published, organizer=visitor, location=province))

    if events:
        main = events[0]
        chairs = _chairs(doc, sents, people)
        spk = speakers(doc)
        attendees = _attendees(doc, sents, people)
        if main.kind == "working-visit":  # everyone named with a post took part
            attendees = [*attendees, *[m.person for m in people.mentions if m.posts]]
        all_att = _unique([*chairs, *spk, *attendees])
        events[0] = Event(**{**_fields(main), "chairs": tuple(chairs), "speakers": tuple(spk),
                             "attendees": tuple(all_att)})

    # Field visits: "conducted a field survey of X at the Y"
    for sent in sents:
        m = _FIELD.search(sent.text)
        if m is None:
            continue
        where_start = sent.start_char + m.start("where")
        org = parse_org(text, where_start, ctx)
        noun = " ".join(m.group("noun").split())
        what = " ".join(m.group("what").split()) if m.group("what") else ""
        place = None
        if org is not None:
            where_label = f"the {org.org.label}"
            place = org.org.jurisdiction
        else:
            where_label = " ".join(m.group("where").split())
            place = lookup_place(where_label)
        label = f"{noun[0].upper()}{noun[1:]} {what} at {where_label}".replace("  ", " ")
        events.append(Event(kind="field-visit", label=label, key=_key(label, published.value if published else ""),
                            evidence=(sentence_evidence(doc, sent),), date=published, location=place,
                            organizer=main.organizer if main is not None else None))
    yield from events


def _fields(ev: Event) -> dict:
    return {f: getattr(ev, f) for f in Event.__slots__}


def _unique(persons: list[PersonRef]) -> list[PersonRef]:
    seen: dict[str, PersonRef] = {}
    for p in persons:
        seen.setdefault(p.key, p)
    return list(seen.values())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _chairs(doc: Doc, sents, people: People) -> list[PersonRef]:
    found: list[PersonRef] = []
    for i, sent in enumerate(sents):
        m = _CHAIR.search(sent.text)
        if m:
            rest = sent.text[m.end():]
            if _CHAIR_ANAPHOR.match(rest.lstrip()) or re.match(r"\s*(?:by\s+)?(?:these|those|them)\b", rest):
                if i > 0:
                    found.extend(_persons_in(people, sents[i - 1].start_char, sents[i - 1].end_char))
            else:
                found.extend(_persons_in(people, sent.start_char + m.end(), sent.end_char))
            continue
        m = _CHAIR_ACTIVE.search(sent.text)
        if m:
            found.extend(_persons_in(people, sent.start_char, sent.start_char + m.start()))
    return _unique(found)


def _attendees(doc: Doc, sents, people: People) -> list[PersonRef]:
    found: list[PersonRef] = []
    for sent in sents:
        if _ATTEND.search(sent.text):
            found.extend(_persons_in(people, sent.start_char, sent.end_char))
    return _unique(found)



