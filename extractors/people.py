"""Who is named in a Doc and with which titles: the govkg_people pipeline component.

It reads, for every PERSON entity, the titles before the name ("Provincial Party Secretary Trần
Tiến Dũng") and in apposition after it (", Deputy Secretary of ... and Chairman of ..."), and the
bare titles that stand for a person ("the Minister of Finance", "The Minister"). A doc-level pass
then completes bare roles from titles named elsewhere in the article ("Minister Nguyễn Văn Thắng"
+ "the Minister of Finance" -> Minister of the Ministry of Finance). Result: doc._.people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import vocab
from .facts import OrgRef, PersonRef, PlaceRef, org_chain
from .nlp import doc_text
from .places import fold
from .titles import (APOS, LOWER_UNITS, Post, TitleContext, back_reference_matches, canonical, context_of, default_org,
                     make_org, parse_org, parse_pre_title, parse_title, parse_titles, role_fits, role_of,
                     vietnamese_name)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in a sentence, with the posts its titles give."""

    person: PersonRef
    start: int  # the name's char offsets
    end: int
    sent_start: int
    sent_end: int
    posts: tuple[Post, ...]
    span_start: int  # where the titles before the name start
    span_end: int  # where the apposition after the name ends


@dataclass(frozen=True, slots=True)
class TitleRef:
    """A title standing for a person ("the Minister of Finance"), resolved to a person when possible."""

    post: Post
    start: int
    end: int
    sent_start: int
    person: PersonRef | None = None


@dataclass(frozen=True, slots=True)
class People:
    mentions: tuple[Mention, ...]
    titles: tuple[TitleRef, ...]
    orgs: tuple[tuple[int, OrgRef], ...] = ()  # organisations named, in text order with their offsets
    elsewhere: tuple[tuple[int, TitleContext], ...] = ()  # sentences (by start) set in a named province

    def in_sentence(self, post: Post, sent_start: int) -> Post:
        """A bare role in a sentence set in a named province ("In the province of Yên Bái, X ... was elected
        the new chairman") is that province's post of the role; otherwise the post as it is."""
        ctx = dict(self.elsewhere).get(sent_start)
        if post.org is not None or post.ref or ctx is None:
            return post
        org = default_org(post.role, ctx)
        return canonical(replace(post, org=org)) if org is not None else post

    def referred(self, post: Post, floor: int | None = None) -> Post | None:
        """A back-referenced body ("Secretary of the committee") resolved to the nearest matching organisation
        named before it, and before `floor` (where the person's own titles start: "Deputy Secretary of the
        Provincial Party Committee, Secretary of the Party Committee" means another Party Committee); None when
        none is."""
        bound = post.ref_at if floor is None else min(post.ref_at, floor)
        before = [org for at, org in self.orgs if at < bound and back_reference_matches(post.ref, org)
                  and role_fits(post.role, org)]  # "Chairman of the committee": not the Party Committee
        if post.ref.startswith("type:"):  # "the Party Committee" with no level: a body below the province's,
            lower = [o for o in before if not _provincial(o)]  # which would have been called "Provincial"
            before = lower or before
        if before:
            return canonical(replace(post, org=before[-1], ref=None))
        if post.ref.startswith("either:") and all(o.jurisdiction is None or o.jurisdiction.kind == "country"
                                                  for _at, o in self.orgs):
            # a bare "Organisation Commission" in an article that names no local body: the Centre's
            return canonical(replace(post, org=make_org(post.ref[7:].split(":")[0]), ref=None))
        return None

    def holders(self, role: str, org: OrgRef | None = None) -> list[PersonRef]:
        """Distinct persons holding role (in org, when given) in this article, in order of appearance."""
        seen: dict[str, PersonRef] = {}
        for m in self.mentions:
            for p in m.posts:
                if p.role == role and (org is None or p.org == org):
                    seen.setdefault(m.person.key, m.person)
        return list(seen.values())

    def posts_of(self, person: PersonRef) -> list[Post]:
        return [p for m in self.mentions if m.person.key == person.key for p in m.posts]

    def at(self, start: int, end: int) -> PersonRef | None:
        """The person named, or the resolved title, within [start, end)."""
        for m in self.mentions:  # a name overlapping the span (a parse may split "Lê | Thành Đô")
            if m.start < end and start < m.end:
                return m.person
        for t in self.titles:
            if start <= t.start and t.end <= end and t.person is not None:
                return t.person
        return None


if not Doc.has_extension("people"):
    Doc.set_extension("people", default=None)


@cache
def _honorific_re() -> re.Pattern[str]:
    forms = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in vocab.honorifics())
    return re.compile(rf"(?:(?:{forms})\s+)+$", re.I)


def _clean_name(text: str) -> str:
    text = re.sub(rf"{APOS}s?$", "", text.strip())
    words = text.split()
    honorifics = {h.lower() for h in vocab.honorifics()}
    while words and words[0].lower() in honorifics:
        words = words[1:]
    return " ".join(words)


def person_ref(name: str) -> PersonRef:
    name = _clean_name(name)
    return PersonRef(name=name, key=fold(name))


_UNIT_KINDS = ("city", "district", "town")


def doc_context(doc: Doc) -> TitleContext:
    """The article's title context: its province, and the one city, district or town of each level whose bodies it
    names in full ("the People's Council of Thái Nguyên City"), so that "the City Party Committee" is that city's.
    Computed once per Doc."""
    if "govkg_ctx" not in doc.user_data:
        base = context_of(doc._.article)
        orgs = _named_orgs(doc, base)
        seen: dict[str, set[PlaceRef]] = {}
        for _at, org in orgs:
            place = org.jurisdiction
            if place is not None and place.kind in _UNIT_KINDS and place.parent is not None:
                seen.setdefault(place.kind, set()).add(place)
        units = tuple(next(iter(v)) for _k, v in sorted(seen.items()) if len(v) == 1)
        doc.user_data["govkg_ctx"] = replace(base, units=units) if units else base
        doc.user_data["govkg_orgs"] = orgs if not units else None  # read with units, the bodies may differ
    return doc.user_data["govkg_ctx"]


def _doc_orgs(doc: Doc) -> list[tuple[int, OrgRef]]:
    """The bodies the article names (what back-references resolve against), read once per Doc."""
    ctx = doc_context(doc)
    if doc.user_data.get("govkg_orgs") is None:
        doc.user_data["govkg_orgs"] = _named_orgs(doc, ctx)
    return doc.user_data["govkg_orgs"]


_GROUP = r"(?:leaders?|leadership|delegation|delegates|officials|authorities|guests|visitors)"


@cache
def _foreign_group_re() -> re.Pattern[str]:
    from .places import all_place_names  # noqa: PLC0415

    places = "|".join(re.escape(n) for n in sorted(all_place_names(), key=len, reverse=True) if len(n) > 2)
    return re.compile(rf"\b{_GROUP}\s+(?:of|from)\s+(?:the\s+)?(?P<a>{places})\s+province\b"
                      rf"|\b(?P<b>{places})\s+(?:province|provincial)(?:{APOS}s)?\s+{_GROUP}\b"
                      # a sentence set in another province: "In the northern province of Yên Bái, Mr. X, ..."
                      rf"|^\W*In\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}province\s+of\s+(?P<c>{places})\s*,"
                      rf"|^\W*In\s+(?P<d>{places})\s+province\s*,", re.I)


def _sentence_context(text: str, sent, ctx: TitleContext, place: PlaceRef | None) -> TitleContext:
    """The province "the Provincial ..." means in one sentence: the article's, unless the sentence is about another
    province's group of people ("The leaders of Bình Phước province included X, Secretary of the Provincial Party
    Committee": `place`, the sentence's setting) and does not name the article's province."""
    if place is None or (ctx.province is not None and place.label == ctx.province.label):
        return ctx
    if ctx.province is not None and fold(ctx.province.label) in fold(text[sent.start_char:sent.end_char]):
        return ctx
    return TitleContext(province=place)


def _sentence_setting(text: str, sent) -> PlaceRef | None:
    """The one province a sentence says it is set in or speaks of the people of ("In the northern province of
    Yên Bái, ...", "The leaders of Bình Phước province ..."), else None."""
    from .places import lookup_place  # noqa: PLC0415

    chunk = text[sent.start_char:sent.end_char]
    found = {lookup_place(m.group("a") or m.group("b") or m.group("c") or m.group("d"))
             for m in _foreign_group_re().finditer(chunk)}
    found.discard(None)
    place = next(iter(found)) if len(found) == 1 else None
    return place if place is not None and place.kind == "province" else None


def analyse(doc: Doc) -> People:
    text = doc_text(doc)
    article_ctx = doc_context(doc)
    sent_ctx: dict[int, TitleContext] = {}
    settings = {s.start_char: place for s in doc.sents if (place := _sentence_setting(text, s)) is not None}

    def ctx_of(sent) -> TitleContext:
        if sent.start_char not in sent_ctx:
            sent_ctx[sent.start_char] = _sentence_context(text, sent, article_ctx, settings.get(sent.start_char))
        return sent_ctx[sent.start_char]
    ctx = article_ctx
    headline_end = text.find("\n")
    ents = [e for e in (_headline_name(doc, e, headline_end) for e in doc.ents)
            if e is not None and e.label_ == "PERSON" and len(_clean_name(e.text).split()) >= 2
            and not _opens_body(text, e, ctx) and role_of(_clean_name(e.text)) is None  # not "Deputy Head"
            and not _BODY_WORD.search(e.text)  # not "Giang Provincial"
            and not _UNIT_AFTER.match(text, e.end_char)]  # "the People's Council of Bac Son district": a place
    # pass 1: honorifics and titles before each name
    fronts: list[tuple[int, list[Post]]] = []
    for ent in ents:
        s0 = ent.sent.start_char
        before = text[s0:ent.start_char]
        hon = _honorific_re().search(before)
        pre_end = s0 + (hon.start() if hon else len(before))
        sctx = ctx_of(ent.sent)
        pre = parse_pre_title(text, pre_end, s0, sctx) if pre_end > s0 else None
        if pre is None and pre_end > s0:
            pre = _comma_pre_title(text, s0, pre_end, ent.end_char, sctx)
        fronts.append((pre.end, list(pre.posts)) if pre is not None else (pre_end, []))
    # pass 2: the apposition after each name stops where the next person's titles (or name) begin
    mentions: list[Mention] = []
    for n, ent in enumerate(ents):
        sent = ent.sent
        s0, s1 = sent.start_char, sent.end_char
        span_start, posts = fronts[n][0], list(fronts[n][1])
        limit = s1
        if n + 1 < len(ents) and ents[n + 1].start_char < s1:
            limit = min(fronts[n + 1][0], ents[n + 1].start_char)
        ctx = ctx_of(sent)
        after = parse_titles(text, ent.end_char, ctx, limit=limit)
        span_end = ent.end_char
        paren = re.match(r"\s*\(", text[ent.end_char:limit])
        dash = re.match(r"\s+[-–—]\s*|\s*[-–—]\s+", text[ent.end_char:limit])
        if after is None and dash:  # "Mr. Lê Quốc Phong - Secretary of the Provincial Party Committee - chaired"
            after = parse_titles(text, ent.end_char + dash.end(), ctx, lead_sep=False, limit=limit)
        if after is not None and after.end <= s1 + 1:
            posts.extend(after.posts)
            span_end = after.end
        elif paren:
            inside = parse_titles(text, ent.end_char + paren.end(), ctx, lead_sep=False, limit=limit)
            if inside is not None and re.match(r"\s*\)", text[inside.end:]):
                posts.extend(inside.posts)
                span_end = inside.end
        if span_end > ent.end_char:
            posts = posts[:len(fronts[n][1])] + _rebind_province(text, ent.end_char, span_end,
                                                                 posts[len(fronts[n][1]):], ctx)
        if fronts[n][1]:  # the titles before the name: "Deputy Secretary of the Provincial Party Committee,
            # Chairman of An Giang Provincial People's Committee Hồ Văn Mừng" in an article about another province
            posts = _rebind_province(text, span_start, span_start, posts[:len(fronts[n][1])], ctx) + \
                posts[len(fronts[n][1]):]
        mentions.append(Mention(person_ref(ent.text), ent.start_char, ent.end_char, s0, s1,
                                tuple(dict.fromkeys(posts)), span_start, span_end))
    mentions = _group_posts(text, mentions, ctx_of, {m.sent_start: s for s in doc.sents for m in mentions
                                                     if s.start_char == m.sent_start})
    mentions = sorted([*mentions, *_short_references(doc, mentions, ctx_of)], key=lambda m: m.start)
    # "President Hồ Chí Minh": a title of history, never a post held at the article's date
    mentions = [replace(m, posts=()) if m.person.key in vocab.historical_figures() else m for m in mentions]
    mentions = [_foreign_guest(text, m) for m in mentions]
    ctx = article_ctx
    titles = _title_refs(doc, mentions, ctx)
    # sentences set in a named province, the article's own included: a bare role there is that province's post
    elsewhere = tuple((start, TitleContext(province=place)) for start, place in settings.items())
    return _resolve(People(tuple(mentions), tuple(titles), tuple(_doc_orgs(doc)), elsewhere))


@cache
def _short_reference_re() -> re.Pattern[str]:
    """An honorific or a title, then one given name: "Ms Giang", "Mr. Đô", "General Secretary Lam"."""
    titles = {f for r in vocab.roles().values() for f in (r.label, *r.alt_labels) if f[:1].isupper()}
    forms = "|".join(re.escape(h).replace(r"\ ", r"\s+")
                     for h in sorted({*vocab.honorifics(), *titles}, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{forms})\s+(?P<name>[A-ZĐ]\w+)\b(?!\s+[A-ZĐ])")


# a sentence that opens with a bare given name and goes on as about a person: "Thắng, 52, ...", "Duy, member of
# the Party Central Committee, ...", "Than leaves the ...", also after an opening time phrase ("In 2016, Thắng was ...")
_BARE_GIVEN_NAME = re.compile(r"\s*(?:(?:In|On|From|By|Since|Later|Then|After\s+that)\b[^,.;:\n]{0,30},\s+)?"
                              r"(?P<name>[A-ZĐ]\w+)\b(?=\s*,\s*(?:\d|a\s|an\s|the\s|who\b|[A-ZĐ]|member\b)"
                              r"|\s+(?:was|is|has|had|will|would|said|says|also|then|later|previously|currently|leaves|left"
                              r"|holds|held|served|serves|became|took|asked|affirmed|stressed|noted|emphasised"
                              r"|emphasized|thanked|pledged|expressed)\b|[’']s\s+predecessor\b)")


# the same mid-sentence, after a lower-case word and before a comma: "the Politburo held that Duy, member of ...";
# taken only when a title follows it
_BARE_GIVEN_NAME_MID = re.compile(r"(?<=[a-z]\s)(?P<name>[A-ZĐ]\w+)\b(?=\s*,\s*(?:a\s|an\s|the\s)?[A-ZĐa-z])")


@cache
def _change_object() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{vocab.change_verb_alternation('before', 'leave')})\s+$", re.I)


def _object_of_change(text: str, start: int) -> bool:
    """The word before is a change verb taking the person as its object: "decided to appoint Quân, ..., as"."""
    return _change_object().search(text, max(0, start - 40), start) is not None


def _short_references(doc: Doc, mentions: list[Mention], ctx_of) -> list[Mention]:
    """"Ms Giang", "Mr. Đô", and a sentence opening with "Thắng, 52, ..." or "Duy was ...": a given name, after the
    article has named exactly one person with that given name in full, is that person (a mention with no titles
    of its own; the apposition after it is read as usual by the change statements)."""
    text = doc_text(doc)
    taken = [(m.span_start, m.span_end) for m in mentions]
    found = []
    hits = [*_short_reference_re().finditer(text),
            *(h for s in doc.sents if (h := _BARE_GIVEN_NAME.match(text, s.start_char, s.end_char)))]
    titled = [h for h in _BARE_GIVEN_NAME_MID.finditer(text)  # after a lower-case word, not a title's last word
              if re.search(r"(?<![\w’'-])[a-z]+\s$", text[max(0, h.start() - 30):h.start()])]
    for hit in sorted([*hits, *titled], key=lambda h: h.start()):
        start, end = hit.start("name"), hit.end("name")
        if any(a <= start < b for a, b in taken):
            continue
        given = fold(hit.group("name"))
        named = {m.person.key: m.person for m in mentions if m.end <= hit.start() and len(m.person.name.split()) >= 2
                 and vietnamese_name(m.person.name) and fold(m.person.name.split()[-1]) == given}
        if len(named) != 1:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        after = parse_titles(text, end, ctx_of(sent), limit=sent.end_char)
        posts, span_end = (after.posts, after.end) if after is not None else ((), end)
        if hit in titled and not any(p.org is not None or p.ref for p in posts) and not _object_of_change(text, start):
            continue
        found.append(Mention(next(iter(named.values())), start, end, sent.start_char, sent.end_char, posts,
                             hit.start(), span_end))
    return found


def _headline_name(doc: Doc, ent, headline_end: int):
    """A Title Case headline makes names of words: a name there that runs into the next word ("... Ho Van Mung
    Chairs Provincial Meeting") is the longest part of it the text names again; one the text never names again is a
    person only if it reads as Vietnamese ("State President Joins Tree Planting Festival": None)."""
    text = doc_text(doc)
    if ent.label_ != "PERSON" or ent.start_char >= headline_end or text.count(ent.text, headline_end):
        return ent
    for k in range(len(ent) - 1, 1, -1):
        part = ent[:k]
        if text.count(part.text, headline_end):
            return doc.char_span(part.start_char, part.end_char, label="PERSON") or ent
    return ent if vietnamese_name(_clean_name(ent.text)) else None


_UNIT_AFTER = re.compile(rf"\s+(?:{LOWER_UNITS}|province)\b")
_BODY_WORD = re.compile(r"\b(?:Provincial|Province|District|Committee|Council|Department|Ministry|Commune|Ward"
                        r"|Festival)\b")


def _provincial(org: OrgRef) -> bool:
    """A province's own body of its kind ("Lào Cai Provincial Party Committee"), not one nested in or below it."""
    place = org.jurisdiction
    return place is not None and place.kind in ("province", "city") and place.parent is None and (
        org.parent is None or org.parent.jurisdiction is None or org.parent.jurisdiction.kind == "country")


def _foreign_guest(text: str, m: Mention) -> Mention:
    """A person whose name is not Vietnamese keeps a local post only where the title names the place: "Secretary
    of the Provincial Party Committee Khampheng ..." at a border meeting is the guest's own province's."""
    if vietnamese_name(m.person.name) or not m.posts:
        return m
    said = fold(text[m.span_start:m.span_end])

    def named(post: Post) -> bool:
        place = post.org.jurisdiction if post.org is not None else None
        return post.org is None or place is None or place.kind == "country" or fold(place.label) in said

    return replace(m, posts=tuple(p for p in m.posts if named(p)))


def _opens_body(text: str, ent, ctx: TitleContext) -> bool:
    """A name that opens a body's name is no person: "Hồ Chí Minh National Academy of Politics"."""
    org = parse_org(text, ent.start_char, ctx)
    return org is not None and org.end > ent.end_char


def _rebind_province(text: str, start: int, end: int, posts: list[Post], ctx: TitleContext) -> list[Post]:
    """An apposition that ends by naming a province binds its earlier "Provincial" bodies to it: "Deputy Secretary
    of the Provincial Party Committee, Chairman of the People's Committee of Quảng Trị province" is Quảng Trị's
    Deputy Secretary in an article about Nghệ An."""
    from .places import lookup_place, province_of  # noqa: PLC0415
    from .facts import swap_place  # noqa: PLC0415

    tail = _TAIL_PLACE.search(text, start, end)
    place = lookup_place(tail.group("place")) if tail else None
    place = province_of(place) if place is not None else None
    if place is None:  # one person's posts in the article's province and in one other, named: the other's
        named = {p.org.jurisdiction for p in posts if p.org is not None and p.org.jurisdiction is not None
                 and p.org.jurisdiction.kind == "province"}
        place = next(iter(named - {ctx.province})) if len(named) == 2 and ctx.province in named else None
    if place is None or ctx.province is None or place == ctx.province:
        return posts
    return [swap_place(p, ctx.province, place) for p in posts]


_TAIL_PLACE = re.compile(r"\bof\s+(?:the\s+)?(?:(?:northern|southern|central|north|south|western|eastern|"
                         r"north-central|south-central|highland|mountainous|coastal)\s+)?(?P<place>[A-ZĐ][\w’'-]*"
                         r"(?:\s+[A-ZĐ][\w’'-]*){0,3})(?:\s+(?:province|city|City))?\s*[,;.)]?\s*$")


def _plural(form: str) -> str:
    """"Vice Chairman" -> "Vice Chairmen", "Deputy Secretary" -> "Deputy Secretaries", "Member" -> "Members"."""
    head, _, last = form.rpartition(" ")
    if last.lower().endswith("man"):
        last = last[:-3] + last[-3:].replace("man", "men").replace("Man", "Men")
    elif last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


@cache
def _group_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a body's members: "Politburo members:", "members of the Party Central Committee, including";
    plural roles: "Vice Chairmen of the Provincial People's Committee:", "Deputy Secretaries")."""
    plurals = {}
    for role in vocab.roles().values():
        for form in (role.label, *role.alt_labels):
            plurals[_plural(form)] = role.id
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(plurals, key=len, reverse=True))
    return (re.compile(r"\b(?:members|Members)\b"),
            re.compile(rf"(?<![\w’'-])(?P<role>{alt})\b", re.I)), plurals


_COUNT_BEFORE_PLURAL = re.compile(r"(?:(?:the|two|three|four|five|six|new|additional)\s+)+", re.I)


def plural_title_at(text: str, pos: int, ctx: TitleContext) -> Post | None:
    """A plural title right at pos, with its body: "Deputy Secretaries of the Provincial Party Committee" -> the
    Deputy Secretary post (the change statement of several people: "A and B were elected Deputy Secretaries of ...")."""
    found = plural_title_span(text, pos, ctx)
    return found[0] if found else None


def plural_title_span(text: str, pos: int, ctx: TitleContext, bare: bool = False) -> tuple[Post, int] | None:
    """plural_title_at, with where the title ends; with `bare`, also a plural role with no body after it ("the
    Executive Board elected two Deputy Secretaries, including ..."), as a post with no organisation."""
    (_, plural_re), plurals = _group_patterns()
    count = _COUNT_BEFORE_PLURAL.match(text, pos)  # "were approved to be two Deputy Secretaries of ..."
    m = plural_re.match(text, count.end() if count else pos)
    if m is None:
        return None
    role = next((r for f, r in plurals.items()
                 if re.fullmatch(re.escape(f).replace(r"\ ", r"\s+"), m.group("role"), re.I)), None)
    of = re.compile(r"\s+of\s+").match(text, m.end())
    org = parse_org(text, of.end(), ctx) if of else None
    if role is not None and org is None and bare and not of:
        return Post(role, None), m.end()
    return (canonical(Post(role, org.org)), org.end) if role is not None and org is not None else None


_LIST_OPEN = re.compile(r"\s*(?:[:,]\s*|\s+[-–—]\s+|\s+)(?:(?:including|include|includes|namely|were|are|was)\s*:?\s*)?(?:comrades?\s+)?",
                        re.I)
_LIST_END = re.compile(r"\b(?:leaders?|representatives|members|heads|officials|delegates|secretaries)\s+of\b|"
                       r"\b(?:to\s+replace(?:\s+for)?|replacing|to\s+succeed|succeeding|in\s+place\s+of)\b|"
                       r"\b(?:and|as\s+well\s+as)\s+(?:other\s+)?(?:leaders|representatives|officials)\b", re.I)


def _group_posts(text: str, mentions: list[Mention], ctx_of, sents: dict) -> list[Mention]:
    """Posts a group phrase gives every person it lists: "Politburo members: A - title; B - title" (each is a
    Member of the Politburo), "Vice Chairmen of the Provincial People's Committee A and B" (each a Vice Chairman).
    The list runs from the phrase to the end of the sentence or the next group ("leaders of ..."); the first
    name must follow the phrase at once, so a body named in passing lends nothing."""
    (members_re, plural_re), plurals = _group_patterns()
    extra: dict[int, list[Post]] = {}
    by_sent: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sent.setdefault(m.sent_start, []).append(i)
    for s0, idxs in by_sent.items():
        s1 = mentions[idxs[0]].sent_end
        ctx = ctx_of(sents[s0])
        groups: list[tuple[int, int, Post]] = []  # (phrase start, phrase end, post)
        for m in members_re.finditer(text, s0, s1):
            of = re.compile(r"\s+of\s+").match(text, m.end())
            if of:  # "members of the Party Central Committee"
                org = parse_org(text, of.end(), ctx)
                if org is not None:
                    groups.append((m.start(), org.end, Post("member", org.org)))
                continue
            before = text[s0:m.start()]  # "Politburo members", "Standing Board members": the body just before
            for k in (mm.start() for mm in re.finditer(r"(?<![\w’'-])(?=\w)", before)):
                org = parse_org(text, s0 + k, ctx)
                if org is not None and text[org.end:m.start()].strip() == "":
                    groups.append((s0 + k, m.end(), Post("member", org.org)))
                    break
        for m in plural_re.finditer(text, s0, s1):
            role = next((r for f, r in plurals.items() if re.fullmatch(re.escape(f).replace(r"\ ", r"\s+"),
                                                                         m.group("role"), re.I)), None)
            if role is None or role == "member":
                continue
            end, org_ref = m.end(), None
            of = re.compile(r"\s+of\s+").match(text, end)
            if of:
                org = parse_org(text, of.end(), ctx)
                if org is None:
                    continue
                end, org_ref = org.end, org.org
            else:  # "Deputy Prime Ministers A, B and C": a national role's one body
                default = vocab.roles()[role].default_org_type
                if default is not None and vocab.org_types()[default].scope == "national":
                    org_ref = make_org(default)
            groups.append((m.start(), end, Post(role, org_ref)))
        # a singular title before a colon and a list: "Vice Chairman of the Provincial People's Committee: A; B; C"
        covered = s0
        for m in re.finditer(r"(?<![\w’'-])(?=[A-Z])", text[s0:s1]):
            if s0 + m.start() < covered:
                continue  # inside a title already read ("Chairman" of "Vice Chairman of ...")
            t = parse_title(text, s0 + m.start(), ctx)
            if t is None:
                continue
            covered = t.end
            if len(t.posts) != 1 or t.posts[0].org is None or not re.match(r"\s*:", text[t.end:t.end + 3]):
                continue
            following = [i for i in idxs if t.end <= mentions[i].span_start]
            if len(following) >= 2 and re.search(r"[;,]|\band\b", text[mentions[following[0]].end:
                                                                          mentions[following[1]].span_start]):
                groups.append((s0 + m.start(), t.end, t.posts[0]))
        groups.sort()
        carried: list[Post] = []  # "members of the Provincial Party Committee, Vice Chairmen of ...: A, B": both
        for n, (g0, g1, post) in enumerate(groups):
            nxt = groups[n + 1][0] if n + 1 < len(groups) else s1
            if n + 1 < len(groups) and re.fullmatch(r"[\s,;]*", text[g1:nxt]):  # not ", and": another group
                carried.append(post)
                continue
            opener = _LIST_OPEN.match(text, g1)
            first = opener.end() if opener else g1
            stop = min([nxt] + [e.start() for e in _LIST_END.finditer(text, first, s1)])
            listed = [i for i in idxs if first <= mentions[i].span_start < stop]
            posts, carried = [*carried, post], []
            if not listed or mentions[listed[0]].span_start - first > 12:
                continue  # the phrase is not followed by its list
            for i in listed:
                extra.setdefault(i, []).extend(canonical(p) for p in posts)
    return [replace(m, posts=tuple(dict.fromkeys((*m.posts, *extra.get(i, ()))))) if i in extra else m
            for i, m in enumerate(mentions)]


_DEF_TITLE = re.compile(r"(?:^|(?<=[\s(]))(?:the|The)\s+")


def _comma_pre_title(text: str, s0: int, name_start: int, name_end: int, ctx: TitleContext):
    """A definite title set off by commas before the name: "the Standing Vice Chairman of the People's Council of
    Quang Ngai province, Nguyen Cao Phuc, signed ..." (or the same title opening the sentence).

    The title must start the sentence or start with "the", end at the comma before the name, and the name must be
    followed by a comma, so a list "A, Secretary of X, B, Chairman of Y" never lends A's title to B."""
    gap = re.search(r",\s*$", text[s0:name_start])
    if gap is None or not re.match(r"\s*[,;]|\s*\.?\s*$", text[name_end:name_end + 3]):
        return None
    comma = s0 + gap.start()
    # the title opens the sentence, follows "the", or opens an item of a list ("were ...", ": ...", "; ...")
    starts = [s0] + [s0 + m.start() for m in _DEF_TITLE.finditer(text[s0:comma])] + [
        s0 + m.end() for m in re.finditer(r"(?:[:;]|\b(?:were|was|are|is|included|includes|include))\s+",
                                          text[s0:comma])]
    for start in sorted(set(starts)):
        t = parse_titles(text, start, ctx, lead_sep=False)
        if t is not None and text[t.end:comma].strip() == "":
            return t.__class__(t.posts, start)
    return None


def _named_orgs(doc: Doc, ctx: TitleContext) -> list[tuple[int, OrgRef]]:
    """Organisations the article names, in text order with their offsets: what bare roles and back-references
    ("Secretary of the committee") are resolved against."""
    text = doc_text(doc)
    found: list[tuple[int, OrgRef]] = []
    pos = 0
    for m in re.finditer(r"(?<![\w’'-])(?=[A-ZĐ]|the\s)", text):
        if m.start() < pos:
            continue
        org = parse_org(text, m.start(), ctx)
        if org is not None:
            if not org.bare:  # a bare "the Organisation Commission" is itself to be resolved, not a referent
                found.append((m.start(), org.org))
            pos = org.end
    return found



_TITLE_START = re.compile(r"(?<![\w’'-])(?:the\s+|The\s+)?(?=[A-Za-z])")


def _title_refs(doc: Doc, mentions: list[Mention], ctx: TitleContext) -> list[TitleRef]:
    """Titles that stand alone for a person: "the Minister of Finance emphasized", "The Minister requested"."""
    text = doc_text(doc)
    covered = [(m.span_start, m.span_end) for m in mentions]
    refs = []
    for sent in doc.sents:
        pos = sent.start_char
        while pos < sent.end_char:
            m = re.compile(r"(?<![\w’'-])(the|The)\s+").search(text, pos, sent.end_char)
            if m is None:
                break
            pos = m.end()
            if any(a <= m.start() < b for a, b in covered):
                continue
            t = parse_title(text, m.start(), ctx)
            if t is None or len(t.posts) != 1 or t.end > sent.end_char:
                continue
            # a title followed by a name is a pre-title, handled with the mention
            if any(abs(mm.span_start - m.start()) <= 1 for mm in mentions):
                continue
            nxt = text[t.end:t.end + 3]
            if re.match(r"s\b|’s|'s", nxt) and not re.match(r"['’]s\s", text[t.end:t.end + 3]):
                continue  # plural ("members of ...") is not one person
            refs.append(TitleRef(t.posts[0], m.start(), t.end, sent.start_char))
            pos = t.end
    return refs


def _party_committee_of_next(post: Post, before: tuple[Post, ...], rest: tuple[Post, ...]) -> Post | None:
    """A bare "the Party Committee" among one person's posts, read from the body whose post follows: the Party
    Committee of that body's place ("Deputy Secretary of the Party Committee and Chairman of the People's
    Committee of Lạng Sơn province", "... of the People's Council of Hạ Long ward"), or, when the place's own
    Party Committee was already named ("Deputy Secretary of the Provincial Party Committee, Secretary of the Party
    Committee, Chairman of the Provincial People's Committee"), the Party Committee of that body."""
    if post.ref is None or post.ref.partition("@")[0] != "type:party-committee":
        return None
    nxt = next((p.org for p in rest if p.org is not None), None)
    if nxt is None or nxt.org_type not in ("peoples-committee", "peoples-council") or nxt.jurisdiction is None:
        return None
    place = nxt.jurisdiction
    stated = post.ref.partition("@")[2]  # "the District Party Committee": only a district's body can tell which
    if stated and place.kind != stated:
        return None
    level = place.kind if place.kind in ("district", "town", "commune", "ward") else "province"
    own = make_org("party-committee", place, level if place.kind != "city" else None)
    named = any(o == own for p in before for o in org_chain(p.org))  # "Member of the Standing Committee of the
    # Provincial Party Committee, ..." names it too
    if named and nxt.org_type == "peoples-committee" and place.kind in ("province", "city"):
        org = OrgRef(f"Party Committee of the {nxt.label}", "party-committee", place, nxt)
    elif not named:
        org = own
    else:
        return None
    return canonical(replace(post, org=org, ref=None))


def _resolve(people: People) -> People:
    """Resolve back-references to the body named before them; complete bare roles from titles named elsewhere
    (else from the one body of the role's kind the article names); point bare titles at the person holding them."""
    by_type: dict[str, set[OrgRef]] = {}
    for _at, org in people.orgs:
        by_type.setdefault(org.org_type, set()).add(org)
    # what a back-reference was read as where the text made it plain ("Deputy Secretary of the Provincial Party
    # Committee, Secretary of the Party Committee, Chairman of the Provincial People's Committee"): a writer who
    # keeps "the Provincial Party Committee" apart from "the Party Committee" keeps it so for the next person too
    plain: dict[str, OrgRef] = {}

    def resolved(m: Mention, k: int, p: Post) -> Post | None:
        if not p.ref:
            return p
        own = _party_committee_of_next(p, m.posts[:k], m.posts[k + 1:])
        if own is not None:
            if own.org is not None and not _provincial(own.org):
                plain[p.ref] = own.org
            return own
        found = people.referred(p, min(m.span_start, m.start))
        if p.ref in plain and (found is None or (found.org is not None and _provincial(found.org))):
            return canonical(replace(p, org=plain[p.ref], ref=None))
        return found

    people = replace(people, mentions=tuple(
        replace(m, posts=tuple(q for q in (resolved(m, k, p) for k, p in enumerate(m.posts)) if q))
        for m in people.mentions))
    known: dict[str, set[OrgRef]] = {}
    for m in people.mentions:
        for p in m.posts:
            if p.org is not None:
                known.setdefault(p.role, set()).add(p.org)
    for t in people.titles:
        if t.post.org is not None:
            known.setdefault(t.post.role, set()).add(t.post.org)
    mentions = []
    for m in people.mentions:
        posts = []
        guess = vietnamese_name(m.person.name)  # a bare role is completed by guess only for a Vietnamese name
        for p in (people.in_sentence(q, m.sent_start) for q in m.posts):
            if p.org is None and not guess:
                posts.append(p)
                continue
            if p.org is None and len(known.get(p.role, ())) == 1:
                p = replace(p, org=next(iter(known[p.role])))
            elif p.org is None and not known.get(p.role) and by_type:
                kind = vocab.roles()[p.role].default_org_type
                if kind is not None and len(by_type.get(kind, ())) == 1:
                    p = replace(p, org=next(iter(by_type[kind])))
            posts.append(canonical(p))
        mentions.append(replace(m, posts=tuple(posts)))
    resolved = People(tuple(mentions), (), people.orgs, people.elsewhere)
    titles = []
    for t in people.titles:
        holders = resolved.holders(t.post.role, t.post.org) if t.post.org else resolved.holders(t.post.role)
        titles.append(replace(t, person=holders[0] if len(holders) == 1 else None))
    return People(tuple(mentions), tuple(titles), people.orgs, people.elsewhere)


@Language.component("govkg_people", requires=["doc.ents", "doc.sents"], assigns=["doc._.people"])
def people_component(doc: Doc) -> Doc:
    doc._.people = analyse(doc)
    return doc
