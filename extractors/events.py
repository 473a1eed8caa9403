"""Events: meetings and sessions, working sessions of visiting delegations, field visits.

Doc -> Iterator[Event]. Chairs come from "chaired by" / "co-chaired by these ..." statements,
attendees from attendance lists, speakers from photo captions ("X, title, speaks at ...") and from
the subjects of speech verbs (the article's main event takes them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from spacy.tokens import Doc

from . import vocab
from .dates import PartialDate, find_dates, resolve_date
from .evidence import sentence_evidence
from .facts import DateValue, Event, OrgRef, PersonRef
from .nlp import doc_text
from .people import People
from .places import fold, lookup_place
from .titles import bare_local_org, context_of, is_national, parse_org, term_after

SPEECH_VERBS = {
    "speak", "say", "emphasize", "emphasise", "stress", "note", "affirm", "propose", "recommend", "request",
    "suggest", "clarify", "respond", "praise", "ask", "urge", "direct", "conclude", "report", "add", "highlight",
    "underline", "state", "address", "deliver", "instruct", "assert", "acknowledge", "appreciate", "commend",
}
# Words that may stand between a session's number and its noun ("7th special session", "25th thematic session").
_SESSION_ADJ_WORDS = (r"regular|thematic|special|extraordinary|unscheduled|plenary|expanded|periodic|monthly|quarterly|"
                      r"mid-year|year-end|online|first|second|third|fourth")
_SESSION_ADJ = rf"(?P<adj>(?:(?:{_SESSION_ADJ_WORDS})\s+){{0,2}})"
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth")
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50}
# spelled ordinals up to the fifty-ninth: "the Sixth Session", "the twenty-first meeting"
SPELLED_ORDINALS = {**{w: n + 1 for n, w in enumerate(_UNITS)}, **{w: n + 10 for n, w in enumerate(_TEENS)},
                    **{f"{t}ieth": v for t, v in _TENS.items()},
                    **{f"{t}y-{u}": v + n + 1 for t, v in _TENS.items() for n, u in enumerate(_UNITS)}}
_ORD = (r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|"
        + "|".join(sorted(SPELLED_ORDINALS, key=len, reverse=True)) + r")")
_MEETING = re.compile(
    rf"\b{_ORD}\s+{_SESSION_ADJ}(?P<noun>session|meeting|conference|plenum|congress)(?:\s*\([^()]{{0,80}}\))?"
    rf"(?:\s+of\s+|\s+(?:organi[sz]ed|held|convened|hosted)\s+by\s+)", re.I)
# "The People's Council of Sơn La province, term XV, held the 25th thematic session": the body is the subject
_HELD_SESSION = re.compile(
    rf"\b(?:held|convened|opened|organi[sz]ed|hosted|(?:will|is\s+to)\s+(?:hold|convene|open))\s+(?:the|its)\s+"
    rf"{_ORD}\s+{_SESSION_ADJ}(?P<noun>session|meeting|plenum)\b(?!\s+of\b)", re.I)
# unnumbered meetings a person or body chairs or holds: "chaired the regular meeting of ...", "held a conference on ..."
_HOLD_LEMMAS = {"chair", "co-chair", "hold", "convene", "organise", "organize", "host", "preside"}
_MEETING_NOUNS = {"meeting": "meeting", "session": "meeting", "conference": "conference"}
_MEETING_KIND = {"session": "meeting", "meeting": "meeting", "plenum": "meeting", "conference": "conference",
                 "congress": "conference"}
_WORKING = re.compile(r"\bworking\s+(?:session|visit|trip)\b|\bworked\s+with\b|\bworking\s+delegation\b", re.I)
_FIELD = re.compile(
    r"\b(?:conducted|made|carried\s+out|paid|undertook|had)\s+an?\s+(?P<noun>field\s+survey|field\s+trip|"
    r"site\s+survey|site\s+visit|fact-finding\s+trip|inspection\s+tour|inspection)"
    r"(?P<what>\s+(?:of|on|into)\s+[^,.;]+?)?\s+at\s+(?P<where>the\s+[^,.;]+)", re.I)
_VISIT = re.compile(r"\bdelegation\s+led\s+by\b.*\b(?:visit(?:ed|s)?|worked|working\s+(?:session|visit|trip))\b", re.I)
# the chairs named after the cue: "chaired by X", "presided over by X", "under the chairmanship of X", "co-chairing were X"
_CHAIR = re.compile(r"\b(?:co-)?chaired\s+by\b|\bpresided\s+over\s+by\b|\bunder\s+the\s+(?:co-)?(?:chairmanship|presidency|"
                    r"direction)\s+of\b|\b(?:co-)?chairing\s+(?:the\s+\w+\s+)?(?:were|was)\b|\bchaired\s+jointly\s+by\b", re.I)
_CHAIR_ANAPHOR = re.compile(r"\bby\s+(?:these|those|the\s+above|them|the\s+three|the\s+two)\b", re.I)
# the chairs named before the cue: "X chaired the meeting", "X chairs the session" (a caption), "X presided over"
_CHAIR_ACTIVE = re.compile(r"\b(?:co-)?chair(?:ed|s)\b(?!\s+(?:of|at)\b)|\bpresid(?:ed|es)\s+over\b"
                           r"|\b(?:when|while)\s+(?:co-)?chairing\b", re.I)  # "..., X, when chairing the meeting"
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


# "December 9 to 11", "9-10 December", "December 9 and 10": the last day of a session that lasts several days
_DAY_RANGE_AFTER = re.compile(r"\s*(?:-|\u2013|to|and|through|until)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|per|million|billion))")
_DAY_RANGE_BEFORE = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*$")


def _sentence_date(doc: Doc, start: int, end: int) -> DateValue | None:
    """The day a sentence dates its event to, as precise as it is written: a stated day ("December 27", "the
    afternoon of February 11") wins over a weekday or "yesterday" that only restates it ("on Friday (December 27)");
    a range of days ("December 9 to 11") gives the first day with the last as its upper bound."""
    article = doc._.article
    reference = article.published if article is not None else None
    if reference is None:
        return None
    text = doc_text(doc)[start:end]
    found = []
    for s, e, value in find_dates(text):
        resolved = resolve_date(text[s:e], reference)
        if resolved is not None and len(resolved.value) == 10:
            explicit = not isinstance(value, PartialDate) or value.kind == "month-day"
            found.append((not explicit, s, e, resolved))
    if not found:
        return None
    _, s, e, first = min(found, key=lambda f: (f[0], f[1]))
    last = _range_end(text, s, e, first)
    return DateValue(first.value, first.earliest, last) if last else first


_OPENING_SENTENCES = 4


def _range_after(doc: Doc, sents, sent, day: DateValue) -> DateValue:
    """A one-day date whose session the next sentence says lasts longer ("It is expected to last from July 8 to July
    10"): the same first day with the range's last day as its upper bound."""
    if day.latest != day.earliest:
        return day
    nxt = next((s for s in sents if s.start_char >= sent.end_char), None)
    if nxt is None:
        return day
    wider = _sentence_date(doc, nxt.start_char, nxt.end_char)
    if wider is not None and wider.earliest == day.earliest and wider.latest > day.latest and re.search(
            r"\b(?:last|lasts|lasting|from)\b", nxt.text, re.I):
        return wider
    return day


def _event_date(doc: Doc, sents, sent) -> DateValue | None:
    """The day of the event a sentence names: stated in that sentence, else in the article's opening sentences
    ("On the morning of December 11, ..." before "The 35th session ... opened")."""
    found = _sentence_date(doc, sent.start_char, sent.end_char)
    if found is not None:
        return _range_after(doc, sents, sent, found)
    article = doc._.article
    body = [s for s in sents if article is None or s.start_char >= article.body_start]
    for other in body[:_OPENING_SENTENCES]:
        if len(_DATE_LINE_WORDS.findall(other.text)) < 3:
            continue  # "Tuesday, 10/12/2024": the page's dateline, not the event's day
        if _AS_OF.match(other.text):
            continue  # "As of January 30, all communes had ...": a figure's cut-off day, not the event's
        found = _sentence_date(doc, other.start_char, other.end_char)
        if found is not None:
            return found
    return None


_AS_OF = re.compile(r"\s*(?:As\s+(?:of|at)|By|Since|Until|Up\s+to)\b")
_DATE_LINE_WORDS = re.compile(r"\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Za-z]{3,}\b")


_MONTH_DAY_AFTER = re.compile(r"\s*(?:-|\u2013|to|through|until)\s*(?P<month>[A-Za-z]+)\s+(?P<day>[0-3]?\d)\b", re.I)


def _range_end(text: str, s: int, e: int, first: DateValue) -> str | None:
    """The last day of "December 9 to 11" / "December 9-10" (after the date) or "9-11 December" (before it)."""
    day = None
    m = _DAY_RANGE_AFTER.match(text, e)
    again = _MONTH_DAY_AFTER.match(text, e)  # "from July 8 to July 10": the month named again
    if again and again.group("month").lower() == date.fromisoformat(first.value).strftime("%B").lower():
        day = int(again.group("day"))
    elif m and not re.match(r"\s*[A-Z][a-z]+", text[m.end():m.end() + 4]):  # not the day of another month
        day = int(m.group("day"))
    else:
        before = _DAY_RANGE_BEFORE.search(text[max(0, s - 12) : s])
        if before is not None:  # "9-11 December": the found date is the last day
            return None
    if day is None:
        return None
    try:
        last = date.fromisoformat(first.value).replace(day=day)
    except ValueError:
        return None
    return last.isoformat() if last > date.fromisoformat(first.value) else None


def speakers(doc: Doc) -> list[PersonRef]:
    """Persons who speak: caption subjects ("X, title, speaks at") and subjects of speech verbs."""
    people = _people(doc)
    found: dict[str, PersonRef] = {}
    for m in people.mentions:
        if _CAPTION_SPEAKS.match(doc_text(doc)[m.span_end:m.sent_end]):
            found.setdefault(m.person.key, m.person)
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        heads = [tok, *[c for c in tok.conjuncts if c.i < tok.i]]
        for head in heads:
            for child in head.children:
                if child.dep_ == "nsubj":  # the speaker, not the subject of a passive
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
        for p in m.posts:  # a former President attending is no delegation's head
            if p.org is not None and p.status != "former" and is_national(p.org) and \
                    p.org.org_type not in ("party-central-committee", "politburo", "secretariat"):
                rank = vocab.roles()[p.role].rank
                if best is None or rank > best[0]:
                    best = (rank, p.org)
    return best[1] if best else None


def extract_events(doc: Doc) -> Iterator[Event]:
    article = doc._.article
    people = _people(doc)
    ctx = context_of(article)
    published = article.published if article is not None else None
    text = doc_text(doc)
    sents = list(doc.sents)
    main: Event | None = None
    events: list[Event] = []

    # Sessions and meetings: "The 20th session of the 14th Provincial Party Committee took place on July 5"
    numbered = _numbered_sessions(doc, sents, ctx)
    if numbered:
        (ordinal, adj, noun), (org, term), sent = numbered[0]
        if term is None:  # "the 26th session" named again later with its term ("..., term 13")
            term = next((t for (o, a, n), (g, t), _ in numbered[1:] if (o, n) == (ordinal, noun) and
                         g.org_type == org.org_type and t is not None), None)
        term_s = f"{_ordinal(term)} " if term else ""
        label = f"{ordinal} {adj}{noun} of the {term_s}{org.label}"
        date = _event_date(doc, sents, sent) or published
        evidence = sentence_evidence(doc, sent)
        events.append(Event(kind=_MEETING_KIND[noun], label=label, key=_key(label, date.value if date else ""),
                            evidence=(evidence,), date=date, organizer=org))
    held = _held_meeting(doc, sents, ctx, people)
    if held is not None and events and not re.search(r"\d|\b(?:first|second|third)\b", held.label.split(" of the ")[0]) \
            and held.evidence[0].start < events[0].evidence[0].start:
        # "On November 29, the Standing Committee held a regular meeting ... to prepare for the 25th session": the
        # meeting the lead says was held is the article's main event; the session it prepared is another one
        own = events[0].evidence[0]  # the other session keeps only a date its own sentence states
        date = _sentence_date(doc, own.start, own.end)
        events = [held, Event(**{**_fields(events[0]), "date": date,
                                 "key": _key(events[0].label, date.value if date else "")})]
    if not events and held is not None:
        events.append(held)

    # Working sessions and visits of a delegation: a national body's (its highest official present) or another
    # province's ("the delegation of Bình Phước province had a working session with ...")
    visit = next((s for s in sents if _VISIT.search(s.text)), None)
    if not events and (visit is not None or any(_WORKING.search(s.text) for s in sents)):
        visitor = _visitor(people)
        province = ctx.province
        guests = None if visitor is not None else _visiting_province(text, province)
        leader = _leader(people, visit) if visit is not None else None
        if visitor is not None and province is not None and leader is not None:
            label = f"Visit of the {visitor.label} delegation led by {leader.name} to {province.label} province"
            events.append(Event(kind="working-visit", label=label,
                                key=_key(label, published.value if published else ""),
                                evidence=(sentence_evidence(doc, visit),), date=_event_date(doc, sents, visit) or published,
                                organizer=visitor,
                                location=province))
        elif (visitor is not None or guests is not None) and province is not None:
            who = visitor.label if visitor is not None else f"{guests.label} provincial"
            label = f"Working session of the {who} delegation with {province.label} province"
            cue = [sentence_evidence(doc, s) for s in sents if _WORKING.search(s.text)]
            events.append(Event(kind="working-visit", label=label,
                                key=_key(label, published.value if published else ""), evidence=tuple(cue[:3]),
                                date=_event_date(doc, sents, sents[0]) or published, organizer=visitor,
                                location=province))

    if not events:
        opening = _opening_event(doc, sents, people)
        if opening is not None:
            events.append(opening)

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


_OPENING_EVENT_SENTENCES = 3  # of the body, after the headline
_PHRASE_WORDS = 14  # an object phrase longer than this (up to its first comma) is not part of an event's name


def _opening_event(doc: Doc, sents, people: People) -> Event | None:
    """The article's main event told in its first sentences (or its headline) when it is not a session, meeting or
    working session: "Chairman X received the delegation of ...", "a ceremony to launch ...", "President X paid a
    Lunar New Year visit to ...", "X held talks with Y" (cue words: ontology/event_cues.tsv). A person must be its
    subject (or, for a ceremony, none is needed); the label is the cue's noun with its object, never the sentence."""
    article = doc._.article
    body_start = article.body_start if article is not None else 0
    body = [s for s in sents if s.start_char >= body_start][:_OPENING_EVENT_SENTENCES]
    head = [s for s in sents if s.start_char < body_start]
    for sent in [*body, *head]:
        for tok in sent:
            cue = vocab.event_cues().get((tok.lemma_.lower(), "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_))
            if cue is None:
                continue
            label = _cue_label(doc, people, tok, cue)
            if label is None:
                continue
            published = article.published if article is not None else None
            date = _event_date(doc, sents, sent) or published
            return Event(kind=cue.kind, label=label, key=_key(label, date.value if date else ""),
                         evidence=(sentence_evidence(doc, sent),), date=date)
    return None


def _phrase(doc: Doc, tok) -> str | None:
    """A token's subtree as a name part (no leading article, no trailing clause), or None when it is too long."""
    words = [t for t in tok.subtree if not (t.dep_ == "det" and t.i < tok.i)]
    # not the clauses after it, a verb joined to it ("inspected sites and encouraged workers": the sites) or its date
    cut = {t.i for c in tok.children if c.dep_ in ("acl", "relcl", "appos", "advcl") or (c.dep_ == "conj" and
           c.pos_ == "VERB") or (c.dep_ == "prep" and any(x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME")
                                                   for x in c.children))
           for t in c.subtree}
    words = [t for t in words if t.i not in cut]
    words = [t for n, t in enumerate(words) if all(words[k + 1].i == words[k].i + 1 for k in range(n))]
    stop = next((n for n, t in enumerate(words) if n and (t.text in (",", "(", ";") or t.lower_ == "and" and
                 n + 1 < len(words) and words[n + 1].pos_ == "VERB")), len(words))
    words = words[:stop]  # "the delegation of Hà Khẩu district, Hồng Hà district, ...": up to the first comma
    if len(words) > _PHRASE_WORDS:  # a long object: up to the last preposition that keeps it short
        cut_at = [n for n, t in enumerate(words[:_PHRASE_WORDS + 1]) if n > 2 and t.dep_ == "prep"]
        words = words[:cut_at[-1]] if cut_at else []
    if not words:
        return None
    text = doc_text(doc)[words[0].idx:words[-1].idx + len(words[-1])]
    return _honorific().sub("", " ".join(text.split()).strip(" ,;:()"))


@cache
def _honorific() -> re.Pattern[str]:
    """An honorific opening a phrase ("Mr. Khamphan ..."), from ontology/honorifics.txt."""
    forms = sorted(vocab.honorifics(), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(f) for f in forms)})\.?\s+", re.I)


def _agent(people: People, verb) -> PersonRef | None:
    """The person who is the verb's subject (the parse may give a dateline a subject's place as well)."""
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        sub = list(subj.subtree)
        person = people.at(sub[0].idx, sub[-1].idx + len(sub[-1]))
        if person is not None:
            return person
    return None


def _cue_label(doc: Doc, people: People, tok, cue) -> str | None:
    """The label of the event a cue word names, or None when the sentence does not say enough to name it."""
    if cue.pos == "VERB":
        who = _agent(people, tok)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None and cue.objects is None:  # "inspected and directed the work of ...", "visited and
            # presented gifts to X": the object of the verb joined to it, or where the visit went
            obj = next((c for v in tok.conjuncts for c in v.children if c.dep_ == "dobj"), None) \
                if cue.kind != "working-visit" else None
            obj = obj or next((g for v in (tok, *tok.conjuncts) for c in v.children if c.dep_ == "prep" and
                               c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
        if who is None or obj is None or (cue.objects is not None and not any(
                t.lemma_.lower() in cue.objects for t in obj.subtree) and people.at(obj.idx, obj.idx + 1) is None):
            return None
        what = _phrase(doc, obj)
        if what is None:
            return None
        return f"{cue.noun} of {what} by {who.name}" if cue.kind != "working-visit" else f"{cue.noun} of {who.name} to {what}"
    # the noun: its modifiers ("groundbreaking", "Lunar New Year"), its object ("of/for/to X", "to launch X") and
    # the person whose act it is ("X paid a visit", "X held talks with Y", "X chaired a reception for Y")
    mods = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i == tok.i - 1 or
            (t.dep_ in ("compound", "amod", "nmod", "punct") and any(x.i == tok.i - 1 for x in t.subtree))]
    first = min((x.i for t in mods for x in t.subtree), default=tok.i)
    head = " ".join(doc[first:tok.i + 1].text.split())
    head = head[:1].upper() + head[1:]
    verb = tok.head if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    rest = ""
    # its object: on the noun, or on the verb right after it ("chaired a reception for X": the parser's choice)
    after = [c for c in verb.children if c.i > tok.i] if verb is not None and verb.pos_ in ("VERB", "AUX") else []
    for c in [*tok.children, *after]:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "to", "with", "between"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            part = _phrase(doc, pobj) if pobj is not None else None
            if part:
                rest = f" {c.lower_} {part}"
                break
        if c.dep_ == "acl" or c.dep_ in ("advcl", "xcomp", "relcl") and any(a.lower_ == "to" for a in c.children):
            part = _phrase(doc, c)  # "a ceremony to launch the tree-planting festival", "... commemorating ..."
            if part:
                to = any(a.lower_ == "to" for a in c.children) and not part.lower().startswith("to ")
                rest = f" to {part}" if to else f" {part}"
                break
    who = _agent(people, verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    if (cue.kind != "ceremony" and who is None) or not rest:
        return None  # "began at a ceremony": not enough to name it
    if who is not None and cue.kind == "working-visit":
        return f"{head} of {who.name}{rest}"
    if cue.kind == "meeting":  # "Talks of X with Y"; "X chaired a meeting of the committee's Standing Board"
        return f"{head} of {who.name}{rest}" if not rest.startswith(" of ") else f"{head}{rest}"
    return f"{head}{rest} by {who.name}" if who is not None else f"{head}{rest}"


def _numbered_sessions(doc: Doc, sents, ctx):
    """Every "Nth [adj] session of BODY" and "BODY ... held the Nth [adj] session", in text order:
    ((ordinal, adjectives, noun), (organiser, term), sentence)."""
    text = doc_text(doc)
    out = []
    for sent in sents:
        for m in _MEETING.finditer(text, sent.start_char, sent.end_char):
            org = parse_org(text, m.end(), ctx) or bare_local_org(text, m.end(), ctx)
            if org is None:
                continue
            term = org.term or term_after(text, org.end)
            out.append(((_ord(m), _adj(m), m.group("noun").lower()), (org.org, term), sent))
        for m in _HELD_SESSION.finditer(text, sent.start_char, sent.end_char):
            found = _subject_org(text, sent.start_char, m.start(), ctx, last=True)
            if found is None:
                continue
            org, term = found
            out.append(((_ord(m), _adj(m), m.group("noun").lower()), (org, term), sent))
    return out


def _adj(m: re.Match) -> str:
    return " ".join(m.group("adj").lower().split()) + " " if m.group("adj").strip() else ""


def _subject_org(text: str, start: int, end: int, ctx, last: bool = False):
    """The first (last: the nearest before `end`, the subject of "... that the Council will convene the 26th
    session") organisation named in text[start:end], with its term."""
    found = None
    pos = start
    for w in re.finditer(r"(?<![\w’'-])\w", text[start:end]):
        if start + w.start() < pos:
            continue
        org = parse_org(text, start + w.start(), ctx)
        if org is not None and org.end <= end:
            found = (org.org, org.term or term_after(text, org.end))
            if not last:
                return found
            pos = org.end
    return found


_LABEL_WORDS = 14  # an object phrase longer than this is a copied sentence, not a name


def _copied(phrase: str, people: People, start: int, end: int) -> bool:
    """An object phrase that cannot serve as an event's name: too long, or naming a person or a web address."""
    if len(phrase.split()) > _LABEL_WORDS or re.search(r"\w\.(?:vn|com|net)\b|:", phrase):
        return True
    return any(start <= m.start < end for m in people.mentions)


def _clean_label(words: str) -> str:
    words = " ".join(words.split()).strip(" ,;:")
    return words[:1].upper() + words[1:]


def _held_meeting(doc: Doc, sents, ctx, people: People) -> Event | None:
    """An unnumbered meeting or conference that a named official or a body chairs or holds: "Mr. X, Chairman of
    ..., chaired the regular meeting of the Provincial People's Committee in September", "the Provincial People's
    Committee held a meeting to ...". The label is the object phrase (without its purpose clause), bodies named in
    it written out in full."""
    text = doc_text(doc)
    article = doc._.article
    published = article.published if article is not None else None
    for sent in sents:
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in _HOLD_LEMMAS:
                continue
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _MEETING_NOUNS]
            if verb.lemma_.lower() == "preside":
                objs = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"
                        for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in _MEETING_NOUNS]
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if not objs:
                continue
            # the words between the sentence's last comma before the verb and the verb: where the parser may have
            # left the subject ("On ..., under the chairmanship of X, the Provincial People's Committee held ...")
            after_comma = text.rfind(",", sent.start_char, verb.idx) + 1
            if subj:
                sub = list(subj[0].subtree)
                s0, s1 = sub[0].idx, sub[-1].idx + len(sub[-1])
            else:  # the parser hung the subject on the long opening phrase
                s0, s1 = after_comma, verb.idx
                if s0 <= sent.start_char or not text[s0:s1].strip():
                    continue
            person = people.at(s0, s1)
            body = _subject_org(text, s0, s1, ctx) if person is None else None
            if person is None and body is None:
                continue  # "delegates held a meeting": no one named holds it
            obj = objs[0]
            cut = {t.i for c in obj.children if c.dep_ in ("acl", "relcl") for t in c.subtree}  # "to hear ..."
            keep = [t for t in obj.subtree if t.i not in cut and not (t.dep_ in ("det", "poss") and t.i < obj.i)]
            keep = [t for n, t in enumerate(keep) if all(keep[k + 1].i == keep[k].i + 1 for k in range(n))]
            if not keep or (len(keep) == 1 and body is None):
                continue  # "chaired the meeting": a meeting named elsewhere, or not at all
            a0, a1 = keep[0].idx, keep[-1].idx + len(keep[-1])
            for prep in (c for c in verb.rights if c.dep_ == "prep" and c.i > obj.i):  # "... in the first 9 months"
                span = list(prep.subtree)
                if not re.fullmatch(r"\s*", text[a1:span[0].idx]) or not any(
                        t.ent_type_ == "DATE" for t in span):
                    break
                a1 = span[-1].idx + len(span[-1])
            phrase = text[a0:a1]
            organizer = None
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" and a0 < c.idx < a1), None)
            if of is not None:  # the meeting's own body: "the regular meeting of the Provincial People's Committee"
                org = parse_org(text, of.idx + 3, ctx)
                if org is None or org.end > a1:
                    continue  # "a meeting of the steering committee": a body the grammar cannot name
                organizer = org.org
                phrase = f"{text[a0:of.idx + 3]}the {org.org.label}{text[org.end:a1]}"
            if organizer is None and body is None:  # "..., Chairman ... Lê Thành Đô, the Provincial People's
                # Committee held ...": the parser made the name the subject; the body stands right before the verb
                body = _subject_org(text, after_comma, verb.idx, ctx) if after_comma > sent.start_char else None
            if organizer is None and body is not None:
                organizer = body[0]
                phrase = f"{phrase} of the {organizer.label}"
            noun = _MEETING_NOUNS[obj.lemma_.lower()]
            if _copied(phrase, people, a0, a1) and organizer is not None:
                adj = [c.lower_ for c in obj.children if c.dep_ in ("amod", "compound") and c.i < obj.i
                       and re.fullmatch(_SESSION_ADJ_WORDS, c.lower_)]
                phrase = " ".join([*adj, obj.lower_, "of the", organizer.label])  # the kind and the body, not the sentence
            label = _clean_label(phrase)
            date = _event_date(doc, sents, sent) or published
            return Event(kind=noun, label=label, key=_key(label, date.value if date else ""),
                         evidence=(sentence_evidence(doc, sent),), date=date, organizer=organizer)
    return None


def _leader(people: People, sent) -> PersonRef | None:
    """The person named right after "delegation led by" in the sentence."""
    m = re.search(r"\bled\s+by\s+", sent.text)
    if m is None:
        return None
    at = sent.start_char + m.end()
    for mention in people.mentions:
        if at <= mention.span_start <= at + 1 or at <= mention.start <= at + 1:
            return mention.person
    return None


_GUESTS = re.compile(r"\bdelegation\s+(?:of|from)\s+(?:the\s+)?(?P<a>[A-ZĐ][\w’'-]*(?:\s+[A-ZĐ][\w’'-]*){0,3})"
                     r"(?:\s+province)?|\b(?P<b>[A-ZĐ][\w’'-]*(?:\s+[A-ZĐ][\w’'-]*){0,3})\s+(?:provincial|province(?:['’]s)?)"
                     r"\s+(?:working\s+)?delegation\b")


def _visiting_province(text: str, home) -> object | None:
    """The one other province whose delegation the article names ("the delegation of Bình Phước province")."""
    found = {}
    for m in _GUESTS.finditer(text):
        place = lookup_place(m.group("a") or m.group("b"))
        if place is not None and place.kind == "province" and (home is None or place.label != home.label):
            found[place.label] = place
    return next(iter(found.values())) if len(found) == 1 else None


def _fields(ev: Event) -> dict:
    return {f: getattr(ev, f) for f in Event.__slots__}


def _unique(persons: list[PersonRef]) -> list[PersonRef]:
    seen: dict[str, PersonRef] = {}
    for p in persons:
        seen.setdefault(p.key, p)
    return list(seen.values())


def _ord(m: re.Match) -> str:
    """The session's ordinal as digits ("Sixth" -> "6th"), so both spellings name one event."""
    word = m.group("ord").lower()
    return _ordinal(SPELLED_ORDINALS[word]) if word in SPELLED_ORDINALS else m.group("ord")


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
            before = _persons_in(people, sent.start_char, sent.start_char + m.start())
            if not before and i + 1 < len(sents) and re.match(r"(?i)\s*(?:the\s+)?(?:standing|presidium|leaders?|board)",
                                                                sent.text[: m.start()].split(",")[-1] + " "):
                before = _persons_in(people, sents[i + 1].start_char, sents[i + 1].end_char)  # "The Standing Board
                # chaired the conference." followed by the list of its members
            found.extend(before)
    return _unique(found)


def _attendees(doc: Doc, sents, people: People) -> list[PersonRef]:
    found: list[PersonRef] = []
    for sent in sents:
        if _ATTEND.search(sent.text):
            found.extend(_persons_in(people, sent.start_char, sent.end_char))
    return _unique(found)



