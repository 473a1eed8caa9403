"""Leadership changes stated in text: appointments, elections, transfers, retirements and hand-overs.

Doc -> Iterator[Event | Holding]. "X was elected Secretary of ... on October 15", "the session elected X as ...",
"X has been appointed Director of ... from September 1, 2025, replacing Y", "X, Vice Chairman of ..., retired on
August 1", "Outgoing Secretary X handed over the post to Y", "X was transferred to ...". Each statement becomes an
Event (kind appointment | election | transfer | retirement) naming the person and the post, dated by the date written
in the sentence and resolved against the article's date; the posts concerned become Holdings with the stated start or
end (status "current" for the new holder, "former" for the one leaving). Bare roles ("Outgoing Secretary X") are
completed with the organisation the article's statements name for that role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from . import vocab
from .dates import PartialDate, find_dates
from .evidence import evidence_at
from .facts import DateValue, Event, Evidence, Holding, OrgRef, PersonRef, PlaceRef
from .nlp import doc_text
from .people import Mention, People, doc_context, plural_title_at, plural_title_span
from .places import count_province_mentions, fold, lookup_place
from .titles import (ASIDE, Post, TitleContext, canonical, make_org, parse_org, parse_titles, role_of,
                     vietnamese_name)

_BE = r"(?:(?:was|were|has\s+been|have\s+been|had\s+been|is|is\s+being|will\s+be)\s+)"
_ADV = r"(?:(?:officially|formally|unanimously|recently|newly|now|also|just|later|then|subsequently|again)\s+)?"


def kind_of(position: str, verb: str) -> str:
    """The kind of change a change verb states in a position (change_verbs.tsv): "assigning" -> appointment."""
    return next(kind for pattern, kind in vocab.change_verbs()[position].items() if re.fullmatch(pattern, verb, re.I))

# what may stand between the verb and the title: "as", "to the post of", "to hold the position of", ...
_TO_POST = (r"(?:\s*[,–—-]?\s*(?:as|to\s+serve\s+as|to\s+work\s+as|to\s+take\s+up|to\s+assume|to\s+hold|to\s+be|to|for)?"
            r"\s*(?:the\s+)?(?:(?:post|position|role|office|duties)\s+of\s+)?)")
# "X [, titles,] was elected Secretary ...", "X was mobilised and appointed ..." / "X took office as ..." / "X retired"
@cache
def _passive() -> re.Pattern[str]:
    verbs = vocab.change_verb_alternation("after")
    return re.compile(rf"^\s*,?\s*(?:who\s+)?{_BE}?{_ADV}(?:(?:{verbs})\s+and\s+)?(?P<verb>{verbs})\b"
                      r"(?:\s+by\s+the\s+[\w’' -]{3,40}?(?=\s+(?:to|as)\b))?", re.I)

_TOOK = re.compile(r"^\s*,?\s*(?:who\s+)?(?:has\s+|had\s+)?(?:officially\s+)?(?:took|takes|taken|assumed|assumes)\s+"
                   r"(?:office|over|up\s+the\s+(?:post|position)\s+of|the\s+(?:post|position)\s+of)\b", re.I)
_RETIRE = re.compile(r"^\s*,?\s*(?:who\s+)?(?:has\s+|had\s+)?(?:also\s+)?(?:officially\s+)?(?:retired|retires|went\s+into\s+"
                     r"retirement|(?:took|takes|taken)\s+(?:an?\s+)?(?:early\s+)?retirement|stepped\s+down|steps\s+down"
                     r"|resigned)\b", re.I)
_HANDOVER = re.compile(r"^\s*,?\s*(?:has\s+|had\s+)?(?:handed|hands)\s+over\s+(?:the|his|her)\s+(?:post|position|"
                       r"duties|office|responsibilit(?:y|ies))\b(?:\s+of\s+)?", re.I)
# the verb right before the person: "... elected Comrade X as Secretary ...", "the decision appointing X to ..."
# ("before"), "... dismissed comrade X from the position of ..." ("leave")
@cache
def _verb_before(position: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?P<verb>{vocab.change_verb_alternation(position)})\s+(?:comrades\s+)?$", re.I)


@cache
def _verb_ahead(position: str) -> re.Pattern[str]:
    """A change word of `position` anywhere, its object after it: "... elected three new Vice Chairmen ..."."""
    return re.compile(rf"\b(?P<verb>{vocab.change_verb_alternation(position)})\s+", re.I)

_REPLACING = re.compile(r"(?:,\s*)?\b(?:replacing|succeeding|to\s+replace|to\s+succeed|who\s+replaces|"
                        r"who\s+succeeds|in\s+place\s+of)(?:\s+for)?\s+$", re.I)
# a sentence of its own about the last change: "He was chosen to replace Y", "She replaces Y", "X's predecessor is Y"
_REPLACES_NEXT = re.compile(r"^\s*,?\s*(?:(?:was|has\s+been|had\s+been)\s+(?:chosen|elected|appointed|selected|picked)"
                            r"\s+to\s+(?:replace|succeed)|replaces|replaced|succeeds|succeeded|takes\s+over\s+from"
                            r"|took\s+over\s+from|[’']s\s+predecessor\s+(?:is|was)|[’']s\s+predecessor,)(?:\s+for)?\s+", re.I)
_FROM_POST = re.compile(r"\s*from\s+(?:the\s+|his\s+|her\s+)?(?:(?:post|position|role|office)\s+(?:of|as)\s+)?",
                        re.I)  # "from the post of", "from her position as" ("the positions of A and B": respectively)
_TO_ORG = re.compile(r"\s*to\s+(?:work\s+(?:at|in)\s+|the\s+)?", re.I)
_FUTURE = re.compile(r"\bwill\s+(?:be\s+)?$", re.I)
# a change still to come, in the clause before an active verb: "will vote to dismiss", "proposed to elect"
INTENDED = re.compile(r"\b(?:will|shall|would|plans?\s+to|planned\s+to|propos(?:ed|es|al|als)\s+to|expected\s+to"
                       r"|(?:is|are)\s+(?:due\s+)?to|consider(?:s|ed|ing)?)\b[^.;]*$", re.I)
# a post held before: "X, held the position of ... since 2020", "X previously served as ..."
_HELD = re.compile(r"^\s*,?\s*(?:who\s+)?(?:previously|formerly)?\s*(?:held|served\s+as)\s+(?:the\s+)?"
                   r"(?:(?:post|position|office)\s+of\s+)?", re.I)
_CEASED = re.compile(r"^\s*,?\s*(?:who\s+)?(?:has\s+|had\s+)?(?:ceased|stopped)\s+(?:to\s+hold|holding)\s+(?:the\s+)?"
                     r"(?:(?:post|position|office)\s+of\s+)?", re.I)
# a career list: "X held many important positions such as: A; B, C; D", "previously held the posts of A, B and C"
_CAREER = re.compile(r"^\s*,?\s*(?:who\s+)?(?:has\s+|had\s+)?(?:previously\s+|formerly\s+)?(?:held|holding)\s+"
                     r"(?:many|several|various|a\s+number\s+of|the)?\s*(?:important\s+|key\s+|leadership\s+|following\s+)?"
                     r"(?:positions|posts)\s*,?\s*(?:such\s+as|including|of|as)?\s*:?\s*", re.I)


@cache
def _was() -> re.Pattern[str]:
    """A post held before, said with a copula or "worked as": "From 2010 to 2011, he was Deputy Director of ...", "he
    worked as Secretary of ..., Chairman of ...", "used to be the director of ...". A bare "was" counts only where the
    sentence sets it in the past (a year, "previously", "then"): "X was Chairman" alone may be today's narrative; a
    bare "was" before a change word (change_verbs.tsv) is a change, not a post."""
    return re.compile(rf"^\s*,?\s*(?:who\s+)?(?:(?:had\s+been|used\s+to\s+be|(?:was\s+)?(?:then\s+|later\s+|previously\s+)?"
                      rf"worked\s+as)\s+|(?P<bare>was)\s+(?:previously\s+|formerly\s+|then\s+|once\s+)?"
                      rf"(?!(?:{vocab.change_verb_alternation('after')})\b))(?:an?\s+|the\s+)?", re.I)


# posts held now, said with a copula: "X, 46, is now a member of ... and ...", "X is the new Director of ..."
_IS_NOW = re.compile(r"^\s*,?\s*(?:who\s+)?(?:is|are)\s+(?:(?:now|currently|presently)\s+(?:also\s+)?(?:an?\s+|the\s+)?"
                     r"|the\s+new\s+)", re.I)
_PAST = re.compile(r"\b(?:19|20)\d\d\b|\b(?:previously|formerly|then|once|before\s+that|after\s+that|earlier)\b",
                   re.I)
# a later step of a career told in the past: "In 2007, he became ... before serving as Secretary of ..."
_THEN_SERVING = re.compile(r"\b(?:before|after|then)\s+(?:serving|working)\s+as\s+(?:an?\s+|the\s+)?", re.I)
_PAST_VERB = re.compile(r"\b(?:was|were|had|became|served|worked|held)\b", re.I)
# the career cue further on in the person's clause: "He has worked in Thái Nguyên for many years, holding the
# positions of A, B and C"
_CAREER_LATER = re.compile(r",\s*(?:holding|having\s+held)\s+(?:the\s+|many\s+|several\s+|various\s+)?(?:important\s+|key\s+|following\s+)?"
                           r"(?:positions|posts)\s*,?\s*(?:(?:such\s+as|including|of|as)\s*:?|:)\s*", re.I)
_ITEM_WHEN = re.compile(r"\s*(?:\(\s*)?(?:from\s+(?:[A-Z][a-z]+\s+)?\d{4}\s+(?:to|until)\s+(?:[A-Z][a-z]+\s+)?(?:\d{4}|now|present)"
                        r"|(?:since|in|until)\s+(?:[A-Z][a-z]+\s+)?\d{4}|\d{4}\s*[-–]\s*\d{4})(?:\s*\))?")
_CAREER_SEP = re.compile(r"\s*(?:;|,)\s*(?:and\s+)?|\s+and\s+", re.I)


def _career_posts(doc: Doc, pos: int, end: int, ctx) -> tuple[Post, ...]:
    """The posts of a career list from pos to the sentence's end; a part the grammar cannot read is skipped up to
    the next semicolon ("Head of Cầu Treo Border Guard Station, Border Guard of Hà Tĩnh province; Director ...").
    In a career across provinces a bare "Provincial ..." is of the province the list named last before it."""
    text = doc_text(doc)
    posts: list[Post] = []
    named = set(count_province_mentions(text[pos:end]))
    across = ctx.province is None or bool(named - {ctx.province.label})
    last: PlaceRef | None = None  # the province the list named last
    names_at = {m.span_start for m in doc._.people.mentions}
    while pos < end:
        if across:
            ctx = TitleContext(province=last)
        t = parse_titles(text, pos, ctx, lead_sep=False)
        semi = text.find(";", pos, end)
        item_end = t.end if t is not None and t.posts else (semi if semi >= 0 else end)
        here = set(count_province_mentions(text[pos:item_end]))
        last = lookup_place(next(iter(here))) if len(here) == 1 else last
        if t is not None and t.posts and t.end <= end:
            if re.match(r"\s*", text[t.end:]).end() + t.end in names_at:
                break  # "...; Chairman of the PPC Lê Thành Đô presented ...": another person's title
            posts += [p for p in t.posts if p.org is not None]
            when = _ITEM_WHEN.match(text, t.end)  # "..., Vice Chairman of X from 2016 to 2020, Deputy Minister ..."
            sep = _CAREER_SEP.match(text, when.end() if when else t.end)
            if sep is None:
                break
            pos = sep.end()
            continue
        if semi < 0 or not text[pos:pos + 1].isupper():  # only a title the grammar cannot read is passed over
            break
        pos = semi + 1
        while pos < end and text[pos].isspace():
            pos += 1
    return tuple(dict.fromkeys(posts))


# "X holds the position of ...", "X continues to hold the post of ...": a post held now, stated as such
_HOLDS = re.compile(r"^\s*,?\s*(?:who\s+)?(?:now\s+|still\s+)?(?:holds|continues\s+to\s+hold|keeps)\s+(?:the\s+)?"
                    r"(?:post|position|office)\s+of\s+", re.I)
# where the post stands further on in the clause: "appointed by the Secretariat to join ... and hold the position of"
_POST_CUE = re.compile(r"\b(?:hold|holding|take|taking|assume|assuming)\s+(?:up\s+)?(?:the\s+)?(?:post|position|role)\s+"
                       r"of\s+|\bto\s+the\s+(?:post|position)\s+of\s+|\b(?:and|to)\s+serve\s+as\s+|,\s+as\s+", re.I)
# what may stand between a person's titles and the verb: an age, a birth year, where the post was
_ASIDE_AFTER = re.compile(rf"(?:{ASIDE}"
                          r"|\s+in\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:Vietnam|region|provinces?)\b(?=\s*,))+", re.I)
_CLAUSE_END = re.compile(r"[;.]\s|,\s+(?:while|and\s+(?:the|a)\b|but)\b")


@dataclass(frozen=True, slots=True)
class _Change:
    kind: str  # appointment, election, transfer, retirement
    person: PersonRef
    post: Post | None  # the post taken (appointment/election/transfer) or left (retirement)
    verb_at: int  # char offset of the statement's verb, for the date nearest to it
    left: tuple[Post, ...] = ()  # posts the person leaves (transfer from, retirement, hand-over)
    successor: PersonRef | None = None  # hand-over: who takes the post
    predecessor: PersonRef | None = None  # "replacing Y"
    org_only: OrgRef | None = None  # transfer to a body without a stated role
    handover: bool = False  # "handed over the post (of ...) (to Y)"
    ends_then: bool = False  # a post held up to the statement's date ("... to replace Mr. Y": Y's post)
    joins: bool = False  # a membership that comes with the post the statement names ("to join the Standing Board
    # and hold the position of Secretary"): a holding from that date, not a change of its own


def _role_label(role: str) -> str:
    r = vocab.roles().get(role)
    return r.label if r is not None else role.replace("-", " ").capitalize()


def post_text(post: Post) -> str:
    """Readable post name for event labels ("Secretary of the Điện Biên Provincial Party Committee")."""
    org = post.org.label if post.org is not None else ""
    if org.startswith("Ministry of ") and post.role == "minister":
        return f"Minister of {org[len('Ministry of '):]}"
    return f"{_role_label(post.role)} of the {org}" if org else _role_label(post.role)


def sentence_date(doc: Doc, start: int, end: int, at: int) -> DateValue | None:
    """The date written in [start, end) nearest to offset `at`, resolved against the article's date."""
    article = doc._.article
    reference = article.published if article is not None else None
    best: tuple[int, DateValue] | None = None
    for s, e, value in _dates_in(doc_text(doc)[start:end]):
        if isinstance(value, PartialDate):
            value = value.resolve(reference) if reference is not None else None
        if value is None:
            continue
        distance = abs(start + s - at)
        if best is None or distance < best[0]:
            best = (distance, value)
    return best[1] if best else None


_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b")
_MONTH_WORD = re.compile(r"[A-Z][a-z]+")


def _dates_in(text: str):
    """find_dates, but "from September 1, 2025" gives the day, not the month read from "from September"."""
    out = []
    for s, e, value in find_dates(text):
        if _DAY_AFTER.match(text, e):
            word = _MONTH_WORD.search(text, s, e)
            again = find_dates(text[word.start():]) if word else []
            if again and again[0][0] == 0:
                s2, e2, v2 = again[0]
                out.append((word.start() + s2, word.start() + e2, v2))
                continue
        out.append((s, e, value))
    return out


def _mention_after(people: People, pos: int, sent_end: int) -> Mention | None:
    """The person named at pos (honorifics and titles before the name included), if any."""
    for m in people.mentions:
        if pos <= m.span_start <= pos + 1 and m.start < sent_end:
            return m
    return None


def _title_at(doc: Doc, pos: int, ctx) -> Post | None:
    """The first post of the title at pos; None for a role whose body follows in words the grammar cannot read
    ("Deputy Secretary of the capital city's 18th Party Committee"): not a bare role to complete from context."""
    t = parse_titles(doc_text(doc), pos, ctx, lead_sep=False)
    if t is None or not t.posts:
        return None
    if t.posts[0].org is None and not t.posts[0].ref and re.match(r"\s+of\s", doc_text(doc)[t.end:]):
        return None
    return t.posts[0]


def _post_at(doc: Doc, pos: int, end: int, ctx, plural: bool = False) -> Post | None:
    """The post a change statement names from pos: right there ("as Secretary of ...", "to the position of ...")
    or further on in the same clause after a cue ("... by the Secretariat to join the Standing Board and hold the
    position of Deputy Secretary of ..."); with `plural` (several subjects) also "Deputy Secretaries of ..."."""
    text = doc_text(doc)
    tp = re.match(_TO_POST, text[pos:end])
    at = pos + (tp.end() if tp else 0)
    post = _title_at(doc, at, ctx) or (plural_title_at(text, at, ctx) if plural else None)
    if post is not None:
        return post
    stop = _CLAUSE_END.search(text, pos, end)
    cue = _POST_CUE.search(text, pos, stop.start() if stop else end)
    return _title_at(doc, cue.end(), ctx) if cue else None


_JOIN = re.compile(r"\s*(?:,\s*)?to\s+join\s+(?:the\s+)?", re.I)
_AND_ITS = re.compile(r"\s+and\s+its\s+(?:Standing\s+(?:Board|Committee))\b", re.I)


# the bodies a change makes the person a member of, named before their Party Committee: "to join the Executive
# Committee, the Standing Committee and hold the position of Secretary of the X Party Committee", "to join the
# Executive and Standing committees of the X Party Committee", "to take part in the executive and standing boards"
_BODY_ITEM = (r"(?:the\s+)?(?:(?:Provincial|provincial|District|district|City|city|Municipal|municipal)\s+)?(?:Party\s+)?"
              r"(?:Executive|executive|Standing|standing)(?:\s+and\s+(?:Standing|standing))?\s+(?:Committees?|Boards?|"
              r"committees?|boards?)")
_BODY_ITEMS = rf"(?P<items>{_BODY_ITEM}(?:\s*(?:,\s*and|,|and)\s+{_BODY_ITEM})*)"
_BODIES = re.compile(rf"\s*(?:,\s*)?(?:to\s+join|to\s+take\s+part\s+in|to\s+participate\s+in|participated\s+in|to)\s+"
                     rf"{_BODY_ITEMS}"
                     r"(?:\s+of\s+|\s*,?\s+and\s+(?:to\s+)?(?:hold|held|take\s+up|took\s+up)\s+the\s+(?:position|post)\s*(?:of\s+)?)")


def _joined(doc: Doc, pos: int, end: int, ctx) -> tuple[Post, ...]:
    """Memberships a change gives: "appointed ... to join the Hanoi Party Committee and its Standing Board" is a
    Member of both; so is "... to join the Executive Committee, the Standing Committee and hold the position of
    Secretary of the X Party Committee" (the Party Committee the post after them names)."""
    text = doc_text(doc)
    bm = _BODIES.match(text, pos)
    if bm is not None and bm.end() < end:
        return _bodies_joined(text, bm, end, ctx)
    jm = _JOIN.match(doc_text(doc), pos)
    org = parse_org(doc_text(doc), jm.end(), ctx) if jm else None
    if org is None or org.end > end or org.org.org_type != "party-committee":
        return ()
    posts = [Post("member", org.org)]
    if _AND_ITS.match(doc_text(doc), org.end):
        posts.append(Post("member", _board_of(org.org)))
    return tuple(posts)


_LEAVES = re.compile(r"\s*,?\s*(?:who\s+)?(?:has\s+)?(?:ceased|ceases|stopped|stops)\s+to\s+be\s+(?:a\s+)?members?\s+of\s+"
                     r"|\s*,?\s*(?:who\s+)?(?:leaves|left|has\s+left)\s+(?=the\s+(?:\w+\s+){0,2}(?:Party|Executive|Standing))"
                     r"|\s*,?\s*(?:who\s+)?no\s+longer\s+(?:belongs\s+to|sits\s+on|is\s+a\s+member\s+of)\s+", re.I)
_AND_BOARD = re.compile(r"\s+and\s+(?:its|the)\s+Standing\s+(?:Board|Committee)\b", re.I)
_LEFT_ITEMS = re.compile(rf"(?:the\s+)?{_BODY_ITEMS}\s+of\s+")  # "the executive and standing boards of ..."


def _board_of(party: OrgRef) -> OrgRef:
    """The Standing Board of a Party Committee."""
    return make_org("standing-board", party.jurisdiction, parent=party)


def _left_bodies(doc: Doc, pos: int, end: int, ctx) -> tuple[Post, ...]:
    """The memberships a person leaves: "ceased to be a member of the Provincial Party Executive Committee and the
    Standing Board", "no longer belongs to the executive and standing boards of the HCMC Party Committee"."""
    text = doc_text(doc)
    lm = _LEAVES.match(text, pos)
    if lm is None:
        return ()
    bm = _LEFT_ITEMS.match(text, lm.end())
    if bm is not None:
        return _bodies_joined(text, bm, end, ctx)
    org = parse_org(text, lm.end(), ctx)
    if org is None or org.end > end or org.org.org_type != "party-committee":
        return ()
    posts = [Post("member", org.org)]
    if _AND_BOARD.match(text, org.end):
        posts.append(Post("member", _board_of(org.org)))
    return tuple(posts)


def _bodies_joined(text: str, bm: re.Match, end: int, ctx) -> tuple[Post, ...]:
    """The memberships of "Executive ... Standing ..." items, in the Party Committee named after them (or the one the
    post after them sits in)."""
    org = parse_org(text, bm.end(), ctx)
    party = org.org if org is not None and org.end <= end else None
    if party is None:
        t = parse_titles(text, bm.end(), ctx, lead_sep=False)
        party = next((p.org for p in (t.posts if t else ()) if p.org is not None), None)
        party = party.parent if party is not None and party.org_type != "party-committee" else party
    if party is None or party.org_type != "party-committee":
        return ()
    items = bm.group("items").lower()
    posts = [Post("member", party)] if "executive" in items else []
    if "standing" in items:
        posts.append(Post("member", _board_of(party)))
    return tuple(posts)


_THEIR_POSTS = re.compile(r"\s*(?:from|of)\s+(?:their\s+)?(?:posts?|positions?|duties)\s+(?:of|as)\s+(?:the\s+)?", re.I)
_PLURAL_ROLE = re.compile(r"\s+(?P<r>[A-Za-z ]{3,30}?)(?P<pl>ies|s)\b")  # "members", "deputy secretaries"
_SEVERAL_ROLES = re.compile(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+of\b")


def _left_post(doc: Doc, pos: int, ctx) -> Post | None:
    """The post left, after "from [the position of]" / "of [the post of]": "dismissed X from the position of ..."."""
    left = _left_posts(doc, pos, ctx)
    return left[0] if left else None


def _left_posts(doc: Doc, pos: int, ctx, plural: bool = False) -> tuple[Post, ...]:
    """Every post left: "relieving X of his positions as Central Committee Secretary and member of the ..."; with
    `plural` (several people) one post they all leave: "A, B and C from their positions as Central Committee members"."""
    if plural:
        text = doc_text(doc)
        fm = _THEIR_POSTS.match(text, pos)
        if fm is None or _SEVERAL_ROLES.match(text, fm.end()):
            return ()  # "A and B from the positions of Head and Deputy Head of ...": respectively, not both
        post = plural_title_at(text, fm.end(), ctx)
        org = parse_org(text, fm.end(), ctx) if post is None else None
        role = _PLURAL_ROLE.match(text, org.end) if org is not None else None
        if role is not None:  # "... as 13th Central Committee members": the body, then its role
            rid = role_of(role.group("r") + ("y" if role.group("pl") == "ies" else ""))
            post = canonical(Post(rid, org.org)) if rid else None
        return (post,) if post is not None and post.org is not None else ()
    fm = _FROM_POST.match(doc_text(doc), pos) or re.compile(r"\s*(?:of|as)\s+(?:(?:his|her|the)\s+)?(?:(?:posts?|positions?|"
                                                       r"duties)\s+(?:of|as)\s+)?", re.I).match(doc_text(doc), pos)
    first = _title_at(doc, fm.end(), ctx) if fm else None
    if first is None:
        return ()
    t = parse_titles(doc_text(doc), fm.end(), ctx, lead_sep=False)  # its separators join the posts ("A and B")
    return tuple(dict.fromkeys(p for p in t.posts if p.org is not None)) or (first,)


_SUBJECT_PRONOUN = re.compile(r"(?:^|(?<=[;,]\s)|(?<=\bthen\s)|(?<=\band\s))(?:[Hh]e|[Ss]he)\b(?=\s)")
_PRONOUN_LOOKBACK = 3  # sentences


def _pronoun_subjects(doc: Doc, people: People) -> list[Mention]:
    """"He"/"she" as the subject of a clause, standing for the one person the nearest earlier full sentence with
    names names ("Tuan, 46, was Chief of Office ... In July 2024, he was elected ..."). Nothing when that sentence
    names two people, when another person is named before the pronoun in its own sentence, or when the sentence
    with the name has no full stop (a photo caption or heading)."""
    text = doc_text(doc)
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    named: dict[int, list[Mention]] = {}
    for m in people.mentions:
        named.setdefault(m.sent_start, []).append(m)
    out = []
    for i, (s0, s1) in enumerate(sents):
        for pm in _SUBJECT_PRONOUN.finditer(text[s0:s1]):
            at = s0 + pm.start()
            own = [m for m in named.get(s0, []) if m.start < at]
            if own:
                if len({m.person.key for m in own}) == 1 and re.search(r"[;,]\s$", text[s0:at]):
                    person = own[-1].person
                else:
                    continue
            else:
                person = None
                for j in range(i - 1, max(i - 1 - _PRONOUN_LOOKBACK, -1), -1):
                    p0, p1 = sents[j]
                    ms = named.get(p0, [])
                    if not ms:
                        continue
                    if len({m.person.key for m in ms}) == 1 and re.search(r"[.!?][\"”’']?\s*$", text[p0:p1]):
                        person = ms[-1].person
                    break
                if person is None:
                    continue
            out.append(Mention(person, at, s0 + pm.end(), s0, s1, (), at, s0 + pm.end()))
    return out


def _then_serving(doc: Doc, people: People, m: Mention, base: int, end: int, ctx) -> list[_Change]:
    """Posts held before, named further on in the person's own clause: "he became ... before serving as Secretary
    of ..." (where the sentence is told in the past), "he has worked in X for years, holding the positions of A, B
    and C". Read up to the next person the sentence names."""
    text = doc_text(doc)
    end = min([end, *(o.span_start for o in people.mentions if base <= o.span_start < end)])
    out = []
    cue = _THEN_SERVING.search(text, base, end)
    if cue is not None and (_PAST.search(text, m.sent_start, cue.start()) or _PAST_VERB.search(text, base, cue.start())):
        held = _career_posts(doc, cue.end(), end, ctx)
        out += [_Change("former", m.person, held[0], cue.start(), held)] if held else []
    cue = _CAREER_LATER.search(text, base, end)
    if cue is not None:
        where = set(count_province_mentions(text[base:cue.start()]))  # "has worked in Thái Nguyên ..., holding"
        if len(where) == 1:
            ctx = TitleContext(province=lookup_place(next(iter(where))))
        held = _career_posts(doc, cue.end(), end, ctx)
        out += [_Change("former", m.person, held[0], cue.start(), held)] if held else []
    return out


_AND_NEXT = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|and\s+)$|\s*(?:[,;]\s*(?:and\s+)?|and\s+)(?=\S)")
_PLURAL_VERB = re.compile(r"\b(?:were|have\s+been)\s+(?:\w+\s+)?$", re.I)  # "were (unanimously) elected"


def _shared(found: list[_Change], co: list[Mention], since: int, text: str, semicolon: set[int]) -> list[_Change]:
    """The elections and appointments stated of the last subject, once more for each subject joined to it ("A and
    B were elected Deputy Secretaries": B's election, and A's), when the post is named after the verb; "replacing
    Y" stays with the statement's last subject. A subject joined by a semicolon ("A, title; B, title; and C, title,
    were elected") shares only a plural verb: "A, title; B was elected" is about B alone."""
    return [replace(c, person=m.person, predecessor=None, left=()) for m in co for c in found[since:]
            if c.kind in ("appointment", "election") and c.post is not None and c.post.org is not None
            and (m.start not in semicolon or _PLURAL_VERB.search(text, max(0, c.verb_at - 40), c.verb_at))]


def _changes(doc: Doc) -> list[_Change]:
    text = doc_text(doc)
    people: People = doc._.people
    article_ctx = doc_context(doc)
    settings = dict(people.elsewhere)  # a sentence set in a named province reads its titles against it
    found: list[_Change] = []
    replaces: list[tuple[Mention, PersonRef]] = []  # "He was chosen to replace Y", about the person's last change
    co: list[Mention] = []  # subjects joined to the next one: "A, B and C were elected ..."
    share: tuple[list[Mention], int] = ([], 0)  # the co-subjects of the last subject, and where its changes begin
    semicolon: set[int] = set()  # co-subjects joined by a semicolon: they share only a plural verb
    for m in sorted((*people.mentions, *_pronoun_subjects(doc, people)), key=lambda m: m.start):
        found += _shared(found, *share, text, semicolon)
        ctx = settings.get(m.sent_start, article_ctx)
        rest_end = m.sent_end
        aside = _ASIDE_AFTER.match(text, m.span_end, rest_end)  # ", 58 years old,", " in central Vietnam,"
        base = aside.end() if aside else m.span_end
        after = text[base:rest_end]
        join = _AND_NEXT.match(after)
        if join and _mention_after(people, base + join.end(), rest_end) is not None:
            co = [*co, m] if not co or co[0].sent_start == m.sent_start else [m]
            if ";" in join.group(0):
                semicolon.add(m.start)
            share = ([], len(found))
            continue
        share, co = ((co, len(found)) if co and co[0].sent_start == m.sent_start else ([], len(found))), []
        found += _then_serving(doc, people, m, base, rest_end, ctx)
        rn = _REPLACES_NEXT.match(after)
        gone = _mention_after(people, base + rn.end(), rest_end) if rn else None
        if gone is not None:  # "X was elected Chairman ... He was chosen to replace Y": settled once all are read
            replaces.append((m, gone.person))
            continue
        left_bodies = _left_bodies(doc, base, rest_end, ctx)
        if left_bodies:  # "X ceased to be a member of the Provincial Party Executive Committee and the Standing Board"
            found += [_Change("dismissal", m.person, p, base, (p,)) for p in left_bodies]
            continue
        # passive / intransitive forms after the person (and the apposition titles)
        pm = _passive().match(after)
        if pm and not _FUTURE.search(after[: pm.start("verb")]):
            kind = kind_of("after", pm.group("verb"))
            pos = base + pm.end()
            if kind == "dismissal":  # "X was dismissed from the position of ...", "X was relieved of the post of ..."
                found += [_Change("dismissal", m.person, old, base + pm.start("verb"), (old,))
                          for old in _left_posts(doc, pos, ctx)]  # each post left is a change of its own
                continue
            left: tuple[Post, ...] = ()
            fm = _FROM_POST.match(text, pos) if kind == "transfer" else None
            if fm:
                old = _title_at(doc, fm.end(), ctx)
                if old is not None:
                    left = (old,)
                    t = parse_titles(text, fm.end(), ctx, lead_sep=False)
                    pos = t.end if t else pos
            if kind == "transfer" and not left:
                left = tuple(p for p in m.posts if p.status != "former")
            post = _post_at(doc, pos, rest_end, ctx, plural=bool(share[0]))
            org_only = None
            if post is None and kind == "transfer":
                to = _TO_ORG.match(text, pos)
                org = parse_org(text, to.end(), ctx) if to else None
                org_only = org.org if org else None
            joined = _joined(doc, pos, rest_end, ctx) if kind in ("appointment", "election", "transfer") else ()
            found += [_Change(kind, m.person, p, base + pm.start("verb"), joins=post is not None) for p in joined]
            if post is not None or left or org_only is not None:
                found.append(_Change(kind, m.person, post, base + pm.start("verb"), left, org_only=org_only,
                                     predecessor=_replaced(doc, people, pos, rest_end)))
            continue
        tm = _TOOK.match(after)
        if tm:
            pos = base + tm.end()
            post = _post_at(doc, pos, rest_end, ctx)
            if post is not None:
                found.append(_Change("appointment", m.person, post, base + tm.start(),
                                     predecessor=_replaced(doc, people, pos, rest_end)))
            continue
        cm = _CAREER.match(after)
        # a list after a colon may stand in the next "sentence": read it to the end of the paragraph
        para_end = text.find("\n", base) if cm and text[base:rest_end].rstrip().endswith(":") else -1
        career = _career_posts(doc, base + cm.end(), para_end if para_end > 0 else rest_end, ctx) if cm else ()
        if career:  # "held many important positions such as: A; B, C; D": each a post held before
            found.append(_Change("former", m.person, career[0], base + cm.start(), career))
            continue
        wm = _was().match(after)
        if wm and (not wm.group("bare") or _PAST.search(text, m.sent_start, rest_end)):
            held = _career_posts(doc, base + wm.end(), rest_end, ctx)
            if held:  # "he was Deputy Director of ...", "he worked as A, B and C": each a post held before
                found.append(_Change("former", m.person, held[0], base + wm.start(), held))
                continue
        nm = _IS_NOW.match(after)
        now = _career_posts(doc, base + nm.end(), rest_end, ctx) if nm else ()
        if now:  # "he is now a member of the ... Standing Board and Head of ...": each a post held now
            found += [_Change("holds", m.person, p, base + nm.start()) for p in now]
            continue
        for pattern, kind in ((_HELD, "former"), (_CEASED, "dismissal"), (_HOLDS, "holds")):
            hd = pattern.match(after)
            post = _title_at(doc, base + hd.end(), ctx) if hd else None
            if post is not None:
                # "previously served as A from 2016 to 2020, B from 2020 to 2025, and C": every post of the list
                left = (_career_posts(doc, base + hd.end(), rest_end, ctx) or (post,)) if kind == "former" else \
                    (post,) if kind != "holds" else ()
                found.append(_Change(kind, m.person, post, base + hd.start(), left))
                break
        else:
            hd = None
        if hd:
            continue
        rm = _RETIRE.match(after)
        if rm:
            pos = base + rm.end()
            fm = _FROM_POST.match(text, pos)
            post = _title_at(doc, fm.end(), ctx) if fm else None
            left = (post,) if post is not None else tuple(p for p in m.posts)
            if left:
                found.append(_Change("retirement", m.person, left[0], base + rm.start(), left))
            continue
        hm = _HANDOVER.match(after)
        if hm:
            pos = base + hm.end()
            post = _title_at(doc, pos, ctx)
            t = parse_titles(text, pos, ctx, lead_sep=False) if post is not None else None
            to = re.compile(r"\s*to\s+", re.I).match(text, t.end if t else pos)
            successor = _mention_after(people, to.end(), rest_end) if to else None
            left = (post,) if post is not None else tuple(p for p in m.posts)
            if left:
                found.append(_Change("transfer", m.person, left[0], base + hm.start(), left,
                                     successor=successor.person if successor else None, handover=True))
            continue
    found += _shared(found, *share, text, semicolon)
    # active forms: "... elected Comrade X as Secretary of ...", "... dismissed comrade X from the position of ...";
    # a second object joined by "and" shares the verb: "dismissed Mr. A - Deputy Head of ... and Mr. B - ..."
    previous: tuple[Mention, str, int] | None = None
    for m in people.mentions:
        ctx = settings.get(m.sent_start, article_ctx)
        before = text[m.sent_start:m.span_start]
        joined = previous if previous and previous[0].sent_start == m.sent_start and re.fullmatch(
            r"\s*(?:,\s*)?and\s+", text[previous[0].span_end:m.span_start]) else None
        dm = _verb_before("leave").search(before)
        dm = None if dm and INTENDED.search(before, max(0, dm.start() - 60), dm.start()) else dm
        if dm or (joined and joined[1] == "dismissal"):
            at = m.sent_start + dm.start() if dm else joined[2]
            left = _left_posts(doc, m.span_end, ctx) or tuple(p for p in m.posts if p.status != "former")
            co = _name_list(text, people, m) if dm and not left else [m]
            if len(co) > 1:  # "agreed to remove A, B and C from their positions as Central Committee members"
                left = _left_posts(doc, co[-1].span_end, ctx, plural=True)
                if left:
                    found += [_Change("dismissal", c.person, p, at, (p,)) for c in co[1:] for p in left]
            if left:  # the posts left: after "from ...", or the ones the apposition names; each a change
                found += [_Change("dismissal", m.person, p, at, (p,)) for p in left]
                previous = (m, "dismissal", at)
                continue
        previous = None
        given = _post_given_to(doc, m, ctx)
        if given is not None:  # "approving the election results for the position of P for Mr. X"
            found.append(given)
            continue
        am = _verb_before("before").search(before)
        if am is None or INTENDED.search(before, max(0, am.start() - 60), am.start()):
            continue  # "the council will elect X as ...", "proposed to relieve X of ...": not done yet
        kind = kind_of("before", am.group("verb"))
        post = _post_at(doc, m.span_end, m.sent_end, ctx)
        if kind in ("appointment", "election", "transfer"):  # "... appoint X to join the Executive Committee, ..."
            found += [_Change(kind, m.person, p, m.sent_start + am.start(), joins=post is not None)
                      for p in _joined(doc, m.span_end, m.sent_end, ctx)]
        if post is None and kind in ("appointment", "election"):  # "appointed comrades A, B and C as Deputy Secretaries"
            co = _name_list(text, people, m)
            post = _post_at(doc, co[-1].span_end, m.sent_end, ctx, plural=True) if len(co) > 1 else None
            if post is not None:
                found += [_Change(kind, c.person, post, m.sent_start + am.start()) for c in co[1:]]
        if post is None:
            continue
        found.append(_Change(kind, m.person, post, m.sent_start + am.start(),
                             predecessor=_replaced(doc, people, m.span_end, m.sent_end)))
    return _predecessors(found, replaces) + _listed(doc, people, settings, article_ctx)


def _name_list(text: str, people: People, first: Mention) -> list[Mention]:
    """The mentions of a list of bare names starting at `first`, in its sentence: "A, B, C and D" (no titles between
    them: otherwise the list is of people with their own posts)."""
    out = [first]
    for m in sorted(people.mentions, key=lambda x: x.start):
        if m.start <= out[-1].start or m.sent_start != first.sent_start:
            continue
        if out[-1].posts or m.posts or not _NAME_LIST_GAP.fullmatch(text[out[-1].span_end:m.span_start]):
            break
        out.append(m)
    return out


_NAME_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _predecessors(found: list[_Change], replaces: list[tuple[Mention, PersonRef]]) -> list[_Change]:
    """A sentence of its own saying whom the person replaced names the predecessor of the person's last election
    or appointment before it."""
    for m, gone in replaces:
        before = [i for i, c in enumerate(found) if c.person.key == m.person.key and c.verb_at < m.sent_start]
        last = max(before, key=lambda i: found[i].verb_at) if before else None
        ch = found[last] if last is not None else None
        if ch is not None and ch.kind in ("appointment", "election") and ch.post is not None and ch.predecessor is None:
            found[last] = replace(ch, predecessor=gone)
    return found


_LIST_AFTER_TITLE = re.compile(
    r"(?:\s+for\s+the\s+[\d\s–-]+(?:term|period|tenure))?\s*(?:,\s*)?(?:including|namely|:)\s*", re.I)
_LIST_STOP = re.compile(r"\b(?:to\s+replace|replacing|in\s+place\s+of|to\s+succeed|succeeding)\b", re.I)


def _listed(doc: Doc, people: People, settings: dict, article_ctx) -> list[_Change]:
    """'... elected three new Vice Chairmen of the Provincial People's Committee, including Mr. A, ...; Mr. B, ...':
    each person the list names takes the post of the plural title (up to 'to replace ...')."""
    text = doc_text(doc)
    verbs = _verb_ahead("before")
    out: list[_Change] = []
    for sent in doc.sents:
        ctx = settings.get(sent.start_char, article_ctx)
        for vm in verbs.finditer(text, sent.start_char, sent.end_char):
            if INTENDED.search(text, max(sent.start_char, vm.start() - 60), vm.start()):
                continue
            title = plural_title_span(text, vm.end(), ctx, bare=True)
            opener = _LIST_AFTER_TITLE.match(text, title[1]) if title else None
            if opener is None:
                continue
            if title[0].org is None:  # "the Executive Board of the X Party Committee elected two Deputy Secretaries"
                kind_of_body = vocab.roles()[title[0].role].default_org_type
                subject = [o for at, o in people.orgs
                           if sent.start_char <= at < vm.start() and o.org_type == kind_of_body]
                if not subject:
                    continue
                title = (canonical(replace(title[0], org=subject[-1])), title[1])
            stop = _LIST_STOP.search(text, opener.end(), sent.end_char)
            end = stop.start() if stop else sent.end_char
            kind = kind_of("before", vm.group("verb"))
            out += [_Change(kind, m.person, title[0], vm.start()) for m in people.mentions
                    if opener.end() <= m.start < end]
            if stop:  # "... to replace Mr. D, Mr. E and Mr. F": each held the post before
                out += [_Change("former", m.person, title[0], stop.start(), (title[0],), ends_then=True)
                        for m in people.mentions if stop.end() <= m.start < sent.end_char]
    return out


_POST_OF = re.compile(r"\b(?:post|position|title)\s+of\s+", re.I)
_GIVEN_TO = re.compile(r"(?:,?\s+(?:for\s+the\s+)?(?:term\s+)?\d{4}\s*[-–]\s*\d{4}(?:\s+(?:term|tenure))?)?\s*,?\s+"
                       r"(?:for|to)\s+$", re.I)
_ELECTION_WORD = re.compile(r"\belect", re.I)
_VERB_TITLE = re.compile(r"\b(?:appointing|electing|assigning)\s+(?:the\s+)?(?=[A-Z])")


def _post_given_to(doc: Doc, m: Mention, ctx) -> _Change | None:
    """A post given to the person named after it: "approved the election results for the position of Chairman of
    X for Mr. Y", "assigning the post of Acting Chairman of X to Y" — a change word must open the sentence's
    clause before the post."""
    text = doc_text(doc)
    before = text[m.sent_start:m.span_start]
    of = None
    for of in _POST_OF.finditer(before):
        pass
    verb = None
    for verb in _VERB_TITLE.finditer(before):
        pass
    if verb is not None and (of is None or verb.start() > of.start()):  # "on appointing Chairman of X for Mr. Y"
        t = parse_titles(text, m.sent_start + verb.end(), ctx, lead_sep=False)
        if t is not None and t.posts and _GIVEN_TO.fullmatch(text, t.end, m.span_start):
            kind = "election" if _ELECTION_WORD.search(verb.group(0)) else "appointment"
            return _Change(kind, m.person, t.posts[0], m.sent_start + verb.start())
    if of is None:
        return None
    t = parse_titles(text, m.sent_start + of.end(), ctx, lead_sep=False)
    if t is None or not t.posts or not _GIVEN_TO.fullmatch(text, t.end, m.span_start):
        return None
    opening = before[:of.start()]
    cue = re.search(rf"\b(?:{vocab.change_verb_alternation('before')}|election|appointment)\b", opening, re.I)
    if cue is None:
        return None
    kind = "election" if _ELECTION_WORD.search(opening) else "appointment"
    return _Change(kind, m.person, t.posts[0], m.sent_start + cue.start())


def _replaced(doc: Doc, people: People, pos: int, sent_end: int) -> PersonRef | None:
    """The person a new holder replaces: "..., replacing Mr. Y" later in the same sentence."""
    for m in people.mentions:
        if pos <= m.span_start < sent_end and _REPLACING.search(doc_text(doc)[pos:m.span_start]):
            return m.person
    return None


def _complete(post: Post | None, known: dict[str, list[tuple[int, OrgRef]]], people: People,
              until: int) -> Post | None:
    """A back-referenced body ("Secretary of the committee") resolved in context; a bare role ("Outgoing
    Secretary") with the one organisation the article names for that role before `until` (the end of the
    statement's sentence: a body named only further on belongs to another part of the story)."""
    if post is None or post.org is not None:
        return post
    if post.ref:
        return people.referred(post)
    orgs = {org for at, org in known.get(post.role, ()) if at < until}
    if len(orgs) == 1:
        return canonical(Post(post.role, next(iter(orgs)), post.status))
    return None


def _rungs_left(people: People, ch: _Change, post: Post) -> list[Post]:
    """A lower rung of the same body's ladder that the person's titles in the statement's sentence name: "X, Vice
    Chairman of the PPC, was elected Chairman of the PPC" leaves the Vice Chairman post (roles.ttl gk:rungOf,
    gk:rank)."""
    roles = vocab.roles()
    ladder = roles[post.role].ladder if post.role in roles else None
    if ladder is None:
        return []
    return [p for m in people.mentions if m.person.key == ch.person.key and m.sent_start <= ch.verb_at < m.sent_end
            for p in m.posts if p.org == post.org and p.role != post.role and p.status != "former"
            and p.role in roles and roles[p.role].ladder == ladder
            and roles[p.role].rank < roles[post.role].rank]  # a rung below: a Standing Deputy elected Deputy stays


def _key(*parts: str) -> str:
    return " | ".join(fold(p) for p in parts if p)


_CHANGE_LABEL = {"appointment": "Appointment of {name} as {post}", "election": "Election of {name} as {post}",
                 "retirement": "Retirement of {name} from {post}", "dismissal": "Dismissal of {name} from {post}"}


def change_event(kind: str, person: PersonRef, post: Post | None, date: DateValue | None, evidence: Evidence,
                 label: str | None = None, org: OrgRef | None = None, attendees: tuple[PersonRef, ...] = ()) -> Event:
    """The event of one person's change of post; its key (kind, person, post, date) is what the graph mints."""
    org = post.org if post is not None else org
    if label is None:
        label = _CHANGE_LABEL[kind].format(name=person.name, post=post_text(post))
    return Event(kind=kind, label=label, key=_key(kind, person.key, post.role if post else "",
                                                  org.label if org else "", date.value if date else ""),
                 evidence=(evidence,), date=date, subject=person, role=post.role if post else None, org=org,
                 attendees=attendees)


def extract_appointments(doc: Doc) -> Iterator[Event | Holding]:
    """Events for leadership changes and Holdings with the start or end they state."""
    article = doc._.article
    people: People = doc._.people
    changes = _changes(doc)
    known: dict[str, list[tuple[int, OrgRef]]] = {}  # role -> (where named, organisation)
    for ch in changes:
        for p in (ch.post, *ch.left):
            if p is not None and p.org is not None:
                known.setdefault(p.role, []).append((ch.verb_at, p.org))
    for m in people.mentions:
        for p in m.posts:
            if p.org is not None:
                known.setdefault(p.role, []).append((m.start, p.org))
    seen: set[tuple] = set()

    def holding(person: PersonRef, post: Post | None, at: int, status: str, start=None, end=None):
        post = _complete(post, known, people, evidence_at(doc, at).end)
        if post is None:
            return None
        key = (person.key, post.role, post.org.label, status, start, end)
        if key in seen:
            return None
        seen.add(key)
        return Holding(person=person, role=post.role, org=post.org, evidence=evidence_at(doc, at), status=status,
                       start=start, end=end)

    for ch in changes:
        sent = evidence_at(doc, ch.verb_at)
        ch = replace(ch, post=people.in_sentence(ch.post, sent.start) if ch.post is not None else None)
        date = sentence_date(doc, sent.start, sent.end, ch.verb_at)
        post = _complete(ch.post, known, people, sent.end)
        left = tuple(p for p in (_complete(p, known, people, sent.end) for p in ch.left) if p is not None)
        name = ch.person.name
        if ch.joins and post is not None:  # the membership that comes with the post: held from the date
            h = holding(ch.person, post, ch.verb_at, "current", start=date)
            if h is not None:
                yield h
            continue
        if ch.kind in ("appointment", "election") and post is not None:
            label = None  # change_event's wording ("Appointment of X as ...")
            out = [holding(ch.person, post, ch.verb_at, "current", start=date)]
            out += [holding(ch.person, p, ch.verb_at, "former", end=date) for p in _rungs_left(people, ch, post)]
            if ch.predecessor is not None:
                out.append(holding(ch.predecessor, post, ch.verb_at, "former", end=date))
        elif ch.kind == "former":  # a post stated as held before ("previously served as"): no event
            end = date if ch.ends_then else None
            yield from (h for h in (holding(ch.person, p, ch.verb_at, "former", end=end) for p in left) if h)
            continue
        elif ch.kind == "holds":  # "X holds the position of ...": a post held now, stated as such
            h = holding(ch.person, post, ch.verb_at, "current")
            if h is not None:
                yield h
            continue
        elif ch.kind == "dismissal" and left:
            post = left[0]
            label = None
            out = [holding(ch.person, p, ch.verb_at, "former", end=date) for p in left]
        elif ch.kind == "retirement" and left:
            post = left[0]
            label = None
            out = [holding(ch.person, p, ch.verb_at, "former", end=date) for p in left]
        elif ch.handover and left:
            post = left[0]
            to = f" to {ch.successor.name}" if ch.successor is not None else ""
            label = f"{name} hands over {post_text(post)}{to}"
            out = [holding(ch.person, p, ch.verb_at, "former", end=date) for p in left]
            if ch.successor is not None:
                out.append(holding(ch.successor, post, ch.verb_at, "current", start=date))
        elif ch.kind == "transfer":
            target = post_text(post) if post is not None else (ch.org_only.label if ch.org_only else "")
            origin = f" from {post_text(left[0])}" if left else ""
            label = f"Transfer of {name}{origin}" + (f" to {target}" if target else "")
            out = [holding(ch.person, p, ch.verb_at, "former", end=date) for p in left]
            if post is not None:
                out.append(holding(ch.person, post, ch.verb_at, "current", start=date))
            post = post or (left[0] if left else None)
        else:
            continue
        yield from (h for h in out if h is not None)
        yield change_event(ch.kind, ch.person, post, date, sent, label=label, org=ch.org_only,
                           attendees=(ch.successor,) if ch.successor else ())

    # bare-role mentions the statements above complete ("Secretary Trần Tiến Dũng" once the article names the body)
    for m in people.mentions:
        for p in m.posts:
            if p.org is None and vietnamese_name(m.person.name):
                h = holding(m.person, p, m.start, p.status)
                if h is not None:
                    yield h
