"""Organisation names and official titles: a small grammar compiled from the ontology's vocabularies.

parse_org("the Provincial People's Committee") -> Điện Biên Provincial People's Committee (given the
article's province); parse_titles(", Deputy Secretary of the Provincial Party Committee and Chairman of
the Provincial People's Committee") -> two posts. Every surface form (roles, organisation types,
sectors, places, honorifics) comes from ontology/ data; this module only knows English syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from . import vocab
from .facts import OrgRef, PlaceRef
from .places import all_place_names, fold, folded_surnames, lookup_place, province_of

APOS = "['’]"
_LEVEL_WORDS = {
    "provincial": "province",
    "province": "province",
    "municipal": "city",
    "city": "city",
    "district": "district",
    "town": "town",
    "commune": "commune",
    "ward": "ward",
}
_LEVEL_LABEL = {"province": "Provincial", "city": "City", "district": "District", "town": "Town",
                "commune": "Commune", "ward": "Ward"}
_STATUS_WORDS = {
    "acting": "acting",
    "former": "former",
    "ex-": "former",
    "outgoing": "former",
    "newly appointed": "current",
    "newly elected": "current",
    "new": "current",
    "incoming": "incoming",
    "incumbent": "current",
}
# Abbreviations the English-language press uses for the province's own bodies: (level, organisation type).
_ABBREVIATIONS = {"PPC": ("province", "peoples-committee"), "PPPC": ("province", "party-committee")}
_ABBREVIATION = re.compile(r"(PPC|PPPC)(?=['’]s\b|(?![\w’'-]))")  # "PPC", "the PPC's Vice Chairman"
PARTY_TYPES = {"party-committee", "party-central-committee", "standing-board", "inspection-commission",
               "politburo", "secretariat"}


def _status_of(surface: str) -> str:
    """The status a status word gives ("newly-appointed" as "newly appointed", "ex-")."""
    key = " ".join(surface.replace("-", " ").lower().split())
    return next((v for k, v in _STATUS_WORDS.items() if " ".join(k.replace("-", " ").split()) == key), "current")


def _alt(forms) -> str:
    """A regex alternation of literal forms, longest first, apostrophes made variant-tolerant."""
    ordered = sorted(set(forms), key=lambda s: (-len(s), s))
    return "|".join(re.sub(r"['’]", lambda _: APOS, re.escape(f)).replace(r"\ ", r"(?:\s+|\s*-\s*)") for f in ordered)


@dataclass(frozen=True, slots=True)
class Post:
    """A role in an organisation as read from a title; org None when the title names no body."""

    role: str
    org: OrgRef | None
    status: str = "current"
    ref: str | None = None  # "Secretary of the committee": the head noun of a body named earlier, to resolve in context
    ref_at: int = -1  # where that back-reference stands in the text


@dataclass(frozen=True, slots=True)
class TitleContext:
    """What a title is read against: the article's province (for "the provincial ...")."""

    province: PlaceRef | None = None
    # the one city, district or town (per level) whose bodies the article names: "the City Party Committee" in an
    # article about Thái Nguyên City is that city's
    units: tuple[PlaceRef, ...] = ()


# --- compiled vocabulary ------------------------------------------------------------------------------


@cache
def _role_index() -> dict[str, str]:
    """Folded surface form -> role id (labels and alt labels)."""
    index = {}
    for role in vocab.roles().values():
        for form in (role.label, *role.alt_labels):
            index[_norm(form)] = role.id
    return index


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("-", " ").lower().split())


@cache
def _type_index() -> dict[str, str]:
    index = {}
    for t in vocab.org_types().values():
        for form in (t.label, *t.alt_labels):
            index[_norm(form)] = t.id
    return index


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    roles = _alt(_role_index_forms())
    types = vocab.org_types()
    local = _alt(f for t in types.values() if t.scope in ("local", "nested")
                 for f in (t.label, *t.alt_labels))
    national = _alt(f for t in types.values() if t.scope == "national" for f in (t.label, *t.alt_labels))
    nested = _alt(f for t in types.values() if t.scope == "nested" for f in (t.label, *t.alt_labels))
    sectors = _alt(vocab.sectors())
    places = _alt(n for n in all_place_names() if len(n) > 2)
    status = _alt(_STATUS_WORDS)
    levels = _alt(_LEVEL_WORDS)
    ordinal = r"\d{1,3}(?:st|nd|rd|th)(?:[\s-](?:tenure|term))?"
    ordinal_only = r"\d{1,3}(?:st|nd|rd|th)"
    place_name = r"[A-ZĐ][\w’'-]*(?:\s+[A-ZĐ][\w’'-]*){0,3}"
    years = r"\d{4}\s*[–-]\s*\d{4}"
    return {
        # "An Giang", "A Lưới" are places: a capital "An"/"A" is an article only before a lower-case word
        "det": re.compile(r"(?:[Tt]he|an?|(?:An|A)(?=\s+[a-z]))\s+"),
        "status": re.compile(rf"(?:{status})\s*", re.I),
        "role": re.compile(rf"(?:{roles})\b", re.I),
        "national": re.compile(rf"(?:{national})\b"),
        "nested": re.compile(rf"(?:{nested})\b", re.I),
        "local_type": re.compile(rf"(?:{local})\b", re.I),
        "level": re.compile(rf"(?:{levels})\b", re.I),
        "place": re.compile(rf"(?:{places})\b"),
        # the unit's name must be capitalised; only the level word may be in any case
        "named_unit": re.compile(rf"(?P<name>{place_name})\s+(?P<level>(?i:commune|ward|district|town|city))\b"),
        "ordinal": re.compile(rf"{ordinal}\s+", re.I),
        "sector_of": re.compile(rf"(?P<kind>Ministry|Department|Central\s+Commission|Commission)\s+(?:of|for)\s+"
                                rf"(?:the\s+)?(?P<sector>{sectors})\b", re.I),
        "sector_pre": re.compile(rf"(?P<sector>{sectors})\s+(?P<kind>Ministry|Department|Commission)\b", re.I),
        "sector": re.compile(rf"(?P<sector>{sectors})\b", re.I),
        "party": re.compile(r"Party\b", re.I),
        "of": re.compile(r"\s+(?:of|at|in)\s+(?:the\s+)?", re.I),
        "space": re.compile(r"\s+"),
        "possessive": re.compile(rf"{APOS}s?\s+"),
        "term": re.compile(
            rf"\s*\((?:{years}\s+term|term\s+{years})\)"  # "(2020–2025 term)"
            rf"|,?\s+(?:term|tenure)\s+(?:{years}|[IVXL]+\b|\d{{1,2}}\b)(?:\s*,\s*(?:term\s+)?{years})?"  # ", term XV, 2021-2026"
            rf"|,?\s+(?:for\s+)?the\s+{ordinal_only}\s+(?:term|tenure)\b(?:\s*,\s*{years})?"  # "for the 15th term, 2021-2026"
            rf"|,\s+{years}\s+term\b"  # ", 2021-2026 term"
            rf"|,?\s+(?:for\s+|in\s+|of\s+)?the\s+{years}\s+(?:term|tenure)\b", re.I),  # "for the 2020-2025 tenure"
    }


def _role_index_forms():
    forms = []
    for role in vocab.roles().values():
        forms.extend((role.label, *role.alt_labels))
    return forms


def role_of(surface: str) -> str | None:
    return _role_index().get(_norm(surface))


# --- organisations ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgMatch:
    org: OrgRef
    end: int
    term: int | None = None  # "14th Provincial Party Committee" -> 14
    bare: str | None = None  # "the Organisation Commission" with no "Central" and no place: which body is meant is
    # for the context to say; a back-reference matching the central body or the Party Committee's own (bare_ref)


def _level_place(level: str | None, place: PlaceRef | None, ctx: TitleContext) -> PlaceRef | None:
    if place is not None:
        return place
    if level == "province":
        return ctx.province
    if level == "city" and ctx.province is not None and ctx.province.kind == "city" and ctx.province.parent is None:
        return ctx.province  # "the City Party Committee" in an article about a centrally-run city
    return next((u for u in ctx.units if u.kind == level), None)


def provincial_city(place: PlaceRef | None, level: str | None) -> PlaceRef | None:
    """"Thái Nguyên City" where Thái Nguyên is a province: the province's city of that name, not the province."""
    if place is not None and place.kind == "province" and level == "city":
        return PlaceRef(label=place.label, kind="city", parent=place.label)
    return place


def org_label(type_id: str, place: PlaceRef | None, level: str | None = None, sector: str | None = None,
              parent: OrgRef | None = None) -> str:
    t = vocab.org_types()[type_id]
    if t.scope == "national":
        return t.fixed_label or t.label
    if t.scope == "nested" and parent is not None:
        return f"{t.label} of the {parent.label}"
    if t.scope == "sector":
        base = f"{t.label} of {sector}" if type_id != "central-commission" else f"Central Commission for {sector}"
        return f"{place.label} {base}" if place is not None and type_id == "department" else base
    if t.label_template and place is not None:  # "National Assembly Delegation of Lạng Sơn"
        return t.label_template.format(label=t.label, place=place.label)
    level = level or (place.kind if place is not None else None)
    lvl = _LEVEL_LABEL.get(level or "", "")
    if place is not None and place.kind == "city" and level == "city" and place.parent is None:
        lvl = ""  # centrally-run city: "Hà Nội People's Committee"
    name = place.label if place is not None else ""
    return " ".join(x for x in (name, lvl, t.label) if x)


def make_org(type_id: str, place: PlaceRef | None = None, level: str | None = None, sector: str | None = None,
             parent: OrgRef | None = None) -> OrgRef:
    t = vocab.org_types()[type_id]
    if t.scope == "national" or type_id in ("ministry", "central-commission"):
        place = lookup_place("Vietnam")  # national bodies govern the country
    return OrgRef(label=org_label(type_id, place, level, sector, parent), org_type=type_id,
                  jurisdiction=place, parent=parent or _default_parent(type_id, place))


def _default_parent(type_id: str, place: PlaceRef | None) -> OrgRef | None:
    t = vocab.org_types()[type_id]
    parent = t.parent_type
    if parent is None:
        return None
    pt = vocab.org_types()[parent]
    if t.scope == "local" and place is not None and place.kind in ("commune", "ward", "district", "town"):
        province = lookup_place(place.parent) if place.parent else None
        if province is not None:  # a commune's People's Committee sits under the province's
            return OrgRef(label=org_label(type_id, province, "province"), org_type=type_id, jurisdiction=province)
        return None
    if pt.scope == "national":
        return make_org(parent)
    if t.scope == "sector" and place is not None:  # a department sits in its People's Committee
        return OrgRef(label=org_label(parent, place, "province"), org_type=parent, jurisdiction=place)
    return None


LOWER_UNITS = r"district|commune|ward|town"  # the units below a province a body can be named for
_UNLISTED_UNIT = re.compile(rf"(?P<name>[A-ZĐ][\w’'-]*(?:\s+[A-ZĐ][\w’'-]*){{0,2}})\s+(?P<unit>{LOWER_UNITS})\b")
_REGION_BEFORE_PLACE = re.compile(r"(?:the\s+)?(?:northern|southern|central|north-central|south-central|"
                                  r"northwestern|northeastern|north-western|north-eastern|mountainous|border|coastal|"
                                  r"highland)\s+(?=[A-ZĐ])", re.I)


def _place_with_unit(text: str, pos: int, ctx: TitleContext) -> tuple[PlaceRef, int] | None:
    """A place named after "of", with the unit word that may follow it: "Điện Biên province", "Hạ Long ward" (a
    ward of that name, not the city the gazetteer knows by it)."""
    region = _REGION_BEFORE_PLACE.match(text, pos)  # "of northern Lạng Sơn province"
    pl = _place_at(text, region.end() if region else pos)
    if pl is None:  # a district or commune the gazetteer does not list: "of Bac Son district"
        unknown = _UNLISTED_UNIT.match(text, region.end() if region else pos)
        if unknown is None or fold(unknown.group("name")) in _name_openers():
            return None
        kind = unknown.group("unit").lower()
        return PlaceRef(label=unknown.group("name"), kind=kind,
                        parent=ctx.province.label if ctx.province else None), unknown.end()
    place, end = pl
    unit = re.match(r"\s+(province|city|commune|ward|district|town)\b", text[end:], re.I)
    if unit is None:
        return place, end
    kind = unit.group(1).lower()
    place = provincial_city(place, kind)
    if kind in ("commune", "ward", "district", "town") and kind != place.kind:
        parent = province_label(place) if place.kind != "province" else place.label
        place = PlaceRef(label=place.label, kind=kind, parent=parent or (ctx.province.label if ctx.province else None))
    return place, end + unit.end()


def _place_at(text: str, pos: int) -> tuple[PlaceRef, int] | None:
    p = _patterns()
    m = p["place"].match(text, pos)
    if m:
        ref = lookup_place(m.group(0))
        if ref is not None:
            return ref, m.end()
    return None


_PCC = re.compile(rf"(?:the\s+)?(?:(?:CPV)?PCC{APOS}s|CPVCC{APOS}s|Party\s+Central\s+Committee{APOS}s\s+\(PCC{APOS}s\)"
                  rf"|(?:CPV)?PCC(?=\s+Commission\b))(?=\s)")
_PCC_LONG = "the Party Central Committee's"


_EXECUTIVE_AFTER = re.compile(r"\s+Executive\s+(?:Committee|Board)\b")
_OWN_PARTY_COMMITTEE = re.compile(r"\s+Party\s+Committee\b(?!\s+of\b)(?!['’])")
_ABBR_INSIDE = re.compile(r"\s*\([A-ZĐ][A-Za-z]{1,7}\)(?=\s+[A-ZĐ])")  # "(NA)" before more of the name


def parse_org(text: str, pos: int, ctx: TitleContext) -> OrgMatch | None:
    """The organisation named at text[pos:], if any (longest reading), with a possessive nested body after it
    ("the Provincial Party Committee's Standing Board" = Standing Board of the ... Party Committee). "the PCC's
    Commission for ..." and "the Party Central Committee's (PCC's) ..." read as the Party Central Committee's."""
    short = _PCC.match(text, pos)
    if short is not None:  # read the long form, then map the end back onto the text as written
        found = parse_org(text[:pos] + _PCC_LONG + text[short.end():], pos, ctx)
        shift = len(_PCC_LONG) - (short.end() - pos)
        return replace(found, end=found.end - shift) if found is not None and found.end - shift > short.end() \
            else None
    base = _parse_org(text, pos, ctx)
    if base is None:
        return None
    abbr = _ABBR_INSIDE.match(text, base.end)
    if abbr is not None:  # "the 15th National Assembly (NA) Delegation of Đồng Tháp": the name goes on past "(NA)"
        longer = parse_org(text[:base.end] + text[abbr.end():], pos, ctx)
        if longer is not None and longer.end > base.end:
            return replace(longer, end=longer.end + abbr.end() - base.end)
    own = _OWN_PARTY_COMMITTEE.match(text, base.end)
    if own is not None and base.org.org_type != "party-committee" and \
            vocab.org_types()[base.org.org_type].scope == "local":  # "the Provincial People's Committee Party Committee"
        label = f"{vocab.org_types()['party-committee'].label} of the {base.org.label}"
        return OrgMatch(OrgRef(label, "party-committee", base.org.jurisdiction, base.org), own.end(), base.term)
    ex = _EXECUTIVE_AFTER.match(text, base.end) if base.org.org_type == "party-committee" else None
    if ex is not None:  # "the Provincial Party Committee Executive Committee" is that Party Committee
        return replace(base, end=ex.end())
    m = re.compile(rf"{APOS}s?\s+").match(text, base.end)
    if m is None and base.org.org_type == "party-committee":  # "the provincial Party Committee Commission of Inspection"
        m = re.compile(r" (?=[A-Z])").match(text, base.end)
    if m:
        t = _patterns()["nested"].match(text, m.end())
        type_id = _type_index()[_norm(t.group(0))] if t else None
        if t and base.org.org_type in ("party-committee", vocab.org_types()[type_id].parent_type):
            label = f"{vocab.org_types()[type_id].label} of the {base.org.label}"
            return OrgMatch(OrgRef(label, type_id, base.org.jurisdiction, base.org), t.end(), base.term)
    return base


def bare_ref(central: str, written: str) -> str:
    """The back-reference a bare commission name makes: the central body, or a Party Committee's commission of the
    same name ("Organisation Commission" is both the Centre's and each province's)."""
    nested = _type_index().get(_norm(written))
    return "either:" + ":".join(t for t in (central, nested) if t)


def bare_local_org(text: str, pos: int, ctx: TitleContext) -> OrgMatch | None:
    """"[the] [19th] People's Council" with no place or level: the article province's body of that type. Only for
    contexts that fix the level (a numbered session of a termed council), never for a bare title."""
    p = _patterns()
    i, term = _det_ordinal(text, pos)
    m = p["local_type"].match(text, i)
    if m is None or ctx.province is None:
        return None
    type_id = _type_index()[_norm(m.group(0))]
    if vocab.org_types()[type_id].scope != "local":
        return None
    level = "province" if ctx.province.kind == "province" else None
    return OrgMatch(make_org(type_id, ctx.province, level), m.end(), term)


_TERM_AFTER = re.compile(r",?\s+(?:(?:term|tenure)\s+(?P<n>[IVXL]+|\d{1,2})\b|(?:for\s+)?the\s+(?P<o>\d{1,2})"
                         r"(?:st|nd|rd|th)\s+(?:term|tenure)\b)", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def term_after(text: str, end: int) -> int | None:
    """The term written after a body: ", term XV" -> 15, ", term 13" -> 13, "for the 15th term" -> 15."""
    m = _TERM_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("o"):
        return int(m.group("o"))
    n = m.group("n").upper()
    if n.isdigit():
        return int(n)
    total = 0
    for a, b in zip(n, n[1:] + " "):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


def _det_ordinal(text: str, pos: int) -> tuple[int, int | None]:
    """Skip "the"/"a" and a term ordinal before a body's name: where the name starts, and the term ("14th" -> 14)."""
    p = _patterns()
    m = p["det"].match(text, pos)
    i = m.end() if m else pos
    m = p["ordinal"].match(text, i)
    if m is None:
        return i, None
    return m.end(), int(re.match(r"\d+", m.group(0)).group(0))


def possessor_only(text: str, org: OrgMatch) -> bool:
    """The body is only the possessor of another, unread one: "the provincial People's Council's Budget Board"."""
    return re.compile(rf"{APOS}s?\s+(?:\([^)]{{1,20}}\)\s+)?[A-ZĐ]").match(text, org.end) is not None


def _parse_org(text: str, pos: int, ctx: TitleContext) -> OrgMatch | None:
    """The organisation named at text[pos:], if any (longest reading)."""
    p = _patterns()
    i, term = _det_ordinal(text, pos)
    # "the Executive Committee of the Provincial Party Committee" is that Party Committee itself
    ex = re.compile(r"Executive\s+(?:Committee|Board)\s+of\s+(?:the\s+)?", re.I).match(text, i)
    if ex:
        inner = parse_org(text, ex.end(), ctx)
        if inner is not None and inner.org.org_type == "party-committee":
            return OrgMatch(inner.org, inner.end, term)
    # a unit of a central body named by what it does: "Department of Public Asset Management under the Ministry of
    # Finance", "Department of Localities I of the Central Organisation Commission"
    unit = _CENTRAL_UNIT.match(text, i)
    inner = parse_org(text, unit.end(), ctx) if unit else None
    if inner is not None and inner.org.jurisdiction is not None and inner.org.jurisdiction.kind == "country":
        label = " ".join(unit.group("unit").split()) + f" of the {inner.org.label}"
        return OrgMatch(OrgRef(label, "central-department", inner.org.jurisdiction, inner.org), inner.end, term)
    # national bodies first: "Standing Committee of the National Assembly" is one body, not a Standing Board
    m = p["national"].match(text, i)
    longer = p["local_type"].match(text, i)  # "National Assembly Delegation of Nghệ An": a local body's longer name
    if m and not (longer and longer.end() > m.end()):
        if _NAME_GOES_ON.match(text, m.end()):
            return None  # "the Office of the National Assembly Delegation and ...": a body the grammar cannot name
        type_id = _type_index()[_norm(m.group(0))]
        return OrgMatch(make_org(type_id), m.end(), term)
    # nested bodies: "Standing Board of the provincial Party Committee", "Party Committee of the ... People's Committee"
    m = p["local_type"].match(text, i)
    if m:
        type_id = _type_index()[_norm(m.group(0))]
        of = p["of"].match(text, m.end())
        if of and text[m.end():of.end()].strip().lower().startswith("of"):
            inner = parse_org(text, of.end(), ctx)
            if inner is not None:
                if vocab.org_types()[type_id].scope == "nested" or type_id == "party-committee":
                    if type_id == "party-committee" and inner.org.org_type == "party-committee":
                        pass  # "Party Committee of the ... Party Committee" is not a thing; fall through
                    else:
                        label = f"{vocab.org_types()[type_id].label} of the {inner.org.label}"
                        return OrgMatch(OrgRef(label, type_id, inner.org.jurisdiction, inner.org), inner.end, term)
        # "Party Committee of Điện Biên province"
        if of and text[m.end():of.end()].strip().lower().startswith("of"):
            pl = _place_with_unit(text, of.end(), ctx)
            if pl is not None:
                return OrgMatch(make_org(type_id, pl[0], pl[0].kind if pl[0].kind != "province" else None), pl[1],
                                term)
            # "Fatherland Front Committee of the province": the article's province
            prov = re.match(r"province\b", text[of.end():], re.I)
            if prov and vocab.org_types()[type_id].scope == "local" and ctx.province is not None:
                return OrgMatch(make_org(type_id, ctx.province, "province" if ctx.province.kind == "province" else None),
                                of.end() + prov.end(), term)
    # sector bodies: "Ministry of Finance", "Department of Culture, Sports and Tourism"
    place, j = None, i
    pl = _place_at(text, i)
    if pl is not None and pl[0].kind == "country" and p["local_type"].match(text, i):
        pl = None  # "Vietnam Fatherland Front Committee": the country's name is part of the body's name
    if pl is not None and pl[0].kind == "country":
        after = p["space"].match(text, pl[1])
        t = p["local_type"].match(text, after.end()) if after else None
        if t is not None:  # "the Vietnam Fatherland Front": the national body of a local kind, or nothing we know
            national = {"fatherland-front": "fatherland-front-central-committee"}.get(_type_index()[_norm(t.group(0))])
            return OrgMatch(make_org(national), t.end(), term) if national else None
    if pl is not None:
        place, j = pl
        unit = re.compile(r"\s+(?:Province|City)(?=['’])").match(text, j)  # "Quảng Ninh Province’s Party Committee"
        j = unit.end() if unit else j
        poss = p["possessive"].match(text, j)  # "Hải Dương's Provincial Party Committee"
        if poss and (p["level"].match(text, poss.end()) or p["local_type"].match(text, poss.end())):
            j = poss.end()
        j = p["space"].match(text, j).end() if p["space"].match(text, j) else j
    ab = _ABBREVIATION.match(text, j) if place is None else None
    if ab:  # "PPC" = the article province's People's Committee
        level, type_id = _ABBREVIATIONS[ab.group(1)]
        where = _level_place(level, None, ctx)
        if where is not None:
            return OrgMatch(make_org(type_id, where, level), ab.end(), term)
    lvl = p["level"].match(text, j)
    level = None
    if lvl:
        level = _LEVEL_WORDS[lvl.group(0).lower()]
        j2 = p["space"].match(text, lvl.end())
        j = j2.end() if j2 else lvl.end()
    place = provincial_city(place, level)
    for key in ("sector_of", "sector_pre"):
        m = p[key].match(text, j)
        if m:
            kind = m.group("kind").lower().split()[0]
            type_id = {"ministry": "ministry", "department": "department", "central": "central-commission",
                       "commission": "central-commission"}[kind]
            sector = _canonical_sector(m.group("sector"))
            if type_id == "central-commission" and (place is not None or level is not None):
                continue  # "the Provincial Mass Mobilisation Commission": the province's Party body, not the Centre's
            if type_id == "central-commission" and sector in _commission_by_sector():
                central = _commission_by_sector()[sector]
                bare = (bare_ref(central, text[m.start():m.end()])
                        if key == "sector_pre" or m.group("kind").lower() == "commission" else None)
                return OrgMatch(make_org(central), m.end(), term, bare)
            where = place or (ctx.province if type_id == "department" else None)
            if type_id == "ministry":
                where = None
            return OrgMatch(make_org(type_id, where, level, sector), m.end(), term)
    # named units: "Thanh Nưa commune People's Committee"
    if place is None and level is None:
        m = p["named_unit"].match(text, i)
        if m and not p["local_type"].match(m.group("name")):
            after = p["space"].match(text, m.end())
            if after:
                t = p["local_type"].match(text, after.end())
                if t:
                    lvl_kind = m.group("level").lower()
                    known = lookup_place(m.group("name"))
                    parent = ctx.province.label if ctx.province else None
                    unit = known if known is not None and known.kind == lvl_kind else PlaceRef(
                        label=m.group("name"), kind=lvl_kind, parent=parent)
                    type_id = _type_index()[_norm(t.group(0))]
                    return OrgMatch(make_org(type_id, unit, lvl_kind), t.end(), term)
    # a Party body named with the Party's level: "Provincial Party Standing Committee", "Provincial Party Organisation
    # Committee" = that body of the place's Party Committee
    if place is not None or level is not None:
        pm = re.compile(r"(?:Party\s+)?").match(text, j)
        t = p["nested"].match(text, pm.end())
        # without the word "Party" only a body the Party alone has: "Provincial Internal Affairs Committee"
        t = t if t and (pm.group(0) or vocab.org_types()[_type_index()[_norm(t.group(0))]].party_only) else None
        where = _level_place(level, place, ctx)
        if t and where is not None:
            party = make_org("party-committee", where, level or ("province" if where.kind == "province" else None))
            type_id = _type_index()[_norm(t.group(0))]
            label = f"{vocab.org_types()[type_id].label} of the {party.label}"
            return OrgMatch(OrgRef(label, type_id, party.jurisdiction, party), t.end(), term)
    # "the Provincial Committee of the Vietnam Fatherland Front": the province's Fatherland Front Committee
    ff = _FRONT_COMMITTEE.match(text, j)
    if ff and (place is not None or level is not None):
        where = _level_place(level, place, ctx)
        if where is not None:
            return OrgMatch(make_org("fatherland-front", where, level or ("province" if where.kind == "province"
                                                                          else None)), ff.end(), term)
    # local bodies: "[Điện Biên] [provincial] People's Committee", "provincial Party Committee"
    m = p["local_type"].match(text, j)
    if m and (place is not None or level is not None):
        type_id = _type_index()[_norm(m.group(0))]
        if vocab.org_types()[type_id].scope == "nested":
            return None
        where = _level_place(level, place, ctx)
        if where is None:
            return None
        end = m.end()
        if _NAME_GOES_ON.match(text, end):
            return None  # "the Provincial Party Committee Office": another body, not the Party Committee
        of = re.match(r"\s+of\s+(?:the\s+)?", text[end:], re.I)
        bloc = p["local_type"].match(text, end + of.end()) if of and type_id == "party-committee" else None
        if bloc is not None and vocab.org_types()[_type_index()[_norm(bloc.group(0))]].class_name == "AgencyBloc":
            # "Provincial Party Committee of Agencies and Enterprises": the Party Committee of that bloc
            inner = make_org(_type_index()[_norm(bloc.group(0))], where,
                             level or ("province" if where.kind == "province" else None))
            return OrgMatch(OrgRef(f"{vocab.org_types()[type_id].label} of the {inner.label}", type_id,
                                   inner.jurisdiction, inner), bloc.end(), term)
        if of and type_id == "party-committee" and _BLOC_AFTER.match(text, end + of.end()):
            return None  # "Provincial Party Committee of Agencies": a bloc's Party Committee the grammar does not know
        if of and place is None:
            pl2 = _place_with_unit(text, end + of.end(), ctx)
            if pl2 is not None:
                where, end = pl2
                if where.kind in ("commune", "ward", "district", "town"):
                    return OrgMatch(make_org(type_id, where, where.kind), end, term)
        return OrgMatch(make_org(type_id, where, level or ("province" if where.kind == "province" else None)),
                        end, term)
    return None


# a body's name that goes on with another body noun is a different body ("... Party Committee Office")
_CENTRAL_UNIT = re.compile(r"(?P<unit>(?:General\s+)?(?:Department|Bureau|Agency)\s+(?:of|for)\s+[A-Z][\w-]*"
                           r"(?:\s+(?:and\s+)?(?:[A-Z][\w-]*|[IVX]+\b))*)\s+(?:of|under)\s+(?:the\s+)?(?=[A-Z])")
_NAME_GOES_ON = re.compile(r"\s+(?:Delegation|Deputies|Office|Department|Agency|Institute|Academy|Secretariat"
                           r"|Commission)\b")
_FRONT_COMMITTEE = re.compile(r"Committee\s+of\s+(?:the\s+)?(?:Viet\s*Nam\s+)?Fatherland\s+Front\b(?!\s+Committee)", re.I)
_BLOC_AFTER = re.compile(r"(?:provincial\s+|city\s+)?(?:[\w-]+\s+){0,2}(?:agencies|enterprises|businesses|bloc)\b", re.I)


@cache
def _commission_by_sector() -> dict[str, str]:
    """Sector -> the national body the press also calls "Central Commission for <sector>"."""
    return {sec: t.id for t in vocab.org_types().values() for sec in t.sectors}


@cache
def _sector_index() -> dict[str, str]:
    return {_norm(s): canonical for s, canonical in vocab.sector_forms().items()}


def _canonical_sector(surface: str) -> str:
    return _sector_index().get(_norm(surface), " ".join(surface.split()))


# --- titles ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleMatch:
    posts: tuple[Post, ...]
    end: int


def _compatible(role_id: str, org: OrgRef) -> OrgRef:
    """Shared-organisation coordination: a Party role attached to a state body moves to that place's Party Committee."""
    role = vocab.roles()[role_id]
    if role.default_org_type == "party-committee" and org.org_type not in PARTY_TYPES:
        place = org.jurisdiction
        if place is not None:
            level = "province" if place.kind == "province" else place.kind
            return make_org("party-committee", place, level)
    return org


def _default_org(role_id: str, place: PlaceRef | None, level: str | None, ctx: TitleContext) -> OrgRef | None:
    role = vocab.roles()[role_id]
    type_id = role.default_org_type
    if type_id is None:
        return None
    t = vocab.org_types()[type_id]
    if t.scope == "national":
        return make_org(type_id)
    if t.scope == "local":
        where = _level_place(level, place, ctx)
        if where is None:
            return None
        return make_org(type_id, where, level or ("province" if where.kind == "province" else None))
    return None


def canonical(post: Post) -> Post:
    """The post with the role its body gives that title (ontology/role_aliases.tsv); a role of a nested body stated
    of the body it serves is the nested body's ("Chief of Office of the People's Committee": of its Office)."""
    role = vocab.canonical_role(post.role, post.org.org_type if post.org is not None else None)
    post = post if role == post.role else replace(post, role=role)
    own = vocab.roles()[role].default_org_type if role in vocab.roles() else None
    if post.org is not None and own is not None and post.org.org_type != own and vocab.org_types()[own].scope == \
            "nested" and vocab.org_types()[post.org.org_type].scope == "local":
        post = replace(post, org=make_org(own, post.org.jurisdiction, parent=post.org))
    return post


def default_org(role_id: str, ctx: TitleContext) -> OrgRef | None:
    """The body a bare role of the context's province belongs to ("chairman" -> its People's Committee)."""
    if ctx.province is None:
        return None
    return _default_org(role_id, ctx.province, "province" if ctx.province.kind == "province" else None, ctx)


def parse_title(text: str, pos: int, ctx: TitleContext) -> TitleMatch | None:
    """One title at text[pos:]: roles sharing one organisation ("Deputy Secretary and Chairman of X")."""
    t = _parse_title(text, pos, ctx)
    return TitleMatch(tuple(canonical(p) for p in t.posts), t.end) if t is not None else None


def _parse_title(text: str, pos: int, ctx: TitleContext) -> TitleMatch | None:
    p = _patterns()
    i = pos
    m = p["det"].match(text, i)
    if m:
        i = m.end()
    status = "current"
    m = p["status"].match(text, i)
    if m:
        status = _status_of(m.group(0))
        i = m.end()
    # Form 1: ROLE [and ROLE]* [of|at ORG | of PLACE | of SECTOR]
    roles, j = [], i
    while True:
        m = p["role"].match(text, j)
        if not m:
            break
        roles.append(role_of(m.group(0)))
        j = m.end()
        nxt = re.match(r"\s+and\s+(?:the\s+)?", text[j:], re.I)
        if nxt and p["role"].match(text, j + nxt.end()):
            # only coordinate when the next role is followed by "of ORG" or ends the title list
            j += nxt.end()
            continue
        break
    if roles:
        of = p["of"].match(text, j)
        if of:
            org = parse_org(text, of.end(), ctx)
            if org is not None and possessor_only(text, org):
                return None  # "Head of the Council's <unknown> Committee": the post is in a body we cannot name
            if org is not None and _name_goes_on(text, org.end, ctx):
                return None  # "Party Committee of the Vietnam Fatherland Front and Central Mass Organisations"
            if org is not None and org.bare:  # the Centre's, or a Party Committee's own: the context says which
                end = _skip_term(text, org.end)
                return TitleMatch(tuple(Post(r, None, status, ref=org.bare, ref_at=of.end()) for r in roles), end)
            if org is not None:
                end = _skip_term(text, org.end)
                posts = tuple(Post(r, _compatible(r, org.org) if len(roles) > 1 else org.org, status)
                              for r in roles)
                return TitleMatch(posts, end)
            # "chairman of the southern province of Cà Mau": the place after its description
            desc = _PLACE_DESCRIBED.match(text, of.end())
            pl = _place_at(text, desc.end() if desc else of.end())
            # "Party chief of Điện Biên [province]" - the place must end the phrase: "of the Ninh Bình People'sCommittee"
            # (a body the grammar cannot read) is not "of Ninh Bình"
            ends = re.match(r"(?:\s+(?:province|city))?(?=\s*(?:[,;.:)\]]|$|\s+[a-z]))", text[pl[1]:]) if pl else None
            if pl is not None and ends:
                posts = tuple(Post(r, _default_org(r, pl[0], None, ctx), status) for r in roles)
                if all(po.org for po in posts):
                    return TitleMatch(posts, _skip_term(text, pl[1] + ends.end()))
            sec = p["sector"].match(text, of.end())
            if sec and all(vocab.roles()[r].default_org_type in ("ministry", "department", "central-commission")
                           for r in roles):  # "Minister of Finance"
                posts = tuple(Post(r, make_org(vocab.roles()[r].default_org_type,
                                               ctx.province if vocab.roles()[r].default_org_type == "department"
                                               else None, None, _canonical_sector(sec.group(0))), status)
                              for r in roles)
                return TitleMatch(posts, sec.end())
            back = _back_reference(text, of.end(), ctx)
            if back is not None:  # "Secretary of the committee": a body the text set up earlier
                ref, end = back
                if ref == "province":
                    posts = tuple(Post(r, _default_org(r, ctx.province, "province", ctx), status) for r in roles)
                    return TitleMatch(posts, end) if all(po.org for po in posts) else None
                return TitleMatch(tuple(Post(r, None, status, ref=ref, ref_at=of.end()) for r in roles), end)
            if _NAMED_BODY.match(text, of.end()):
                return None  # "Head of the Organising Board": a body the grammar cannot name; a guess would be wrong
        if len(roles) == 1:
            default = vocab.roles()[roles[0]].default_org_type
            national = default is not None and vocab.org_types()[default].scope == "national"
            org_ref = make_org(default) if national else None
            return TitleMatch((Post(roles[0], org_ref, status),), _skip_term(text, j))
        return None
    # Form 2: ORG ROLE ("Central Committee Member", "provincial People's Committee Chairman")
    org = parse_org(text, i, ctx)
    if org is not None:
        sp = p["possessive"].match(text, org.end) or p["space"].match(text, org.end)
        if sp:
            m = p["role"].match(text, sp.end())
            if m:
                role = role_of(m.group(0))
                return TitleMatch((Post(role, _compatible(role, org.org), status),), _skip_term(text, m.end()))
    # Form 3: [RANK] [PLACE] [LEVEL] ROLE-with-default-body ("Provincial Party Secretary", "Điện Biên Party chief",
    # "Deputy Provincial Party Secretary": the rank word belongs to the role)
    rank = re.compile(r"((?i:permanent\s+deputy|standing\s+deputy|deputy|vice))\s+(?=[A-ZĐ])").match(text, i)
    if rank:
        inner = _parse_title(text, rank.end(), ctx)
        if inner is not None and len(inner.posts) == 1 and inner.posts[0].org is not None:
            body = text[rank.end():inner.end]
            last = p["role"].search(body)
            ranked = role_of(f"{rank.group(1)} {last.group(0)}") if last and last.end() == len(body) else None
            if ranked is not None and not p["role"].match(body):
                return TitleMatch((Post(ranked, _compatible(ranked, inner.posts[0].org), status),), inner.end)
    place, j = None, i
    pl = _place_at(text, i)
    if pl is not None:
        place, j = pl
        sp = p["space"].match(text, j)
        j = sp.end() if sp else j
    level = None
    m = p["level"].match(text, j)
    if m:
        level = _LEVEL_WORDS[m.group(0).lower()]
        sp = p["space"].match(text, m.end())
        j = sp.end() if sp else m.end()
    if place is None and level is None:
        # "Finance Minister"
        sec = p["sector"].match(text, i)
        if sec:
            sp = p["space"].match(text, sec.end())
            m = p["role"].match(text, sp.end()) if sp else None
            if m:
                role = role_of(m.group(0))
                t = vocab.roles()[role].default_org_type
                if t in ("ministry", "department"):
                    where = ctx.province if t == "department" else None
                    org_ref = make_org(t, where, None, _canonical_sector(sec.group(0)))
                    return TitleMatch((Post(role, org_ref, status),), m.end())
        return None
    m = p["role"].match(text, j)
    if m:
        role = role_of(m.group(0))
        org_ref = _default_org(role, place, level, ctx)
        if org_ref is not None:
            return TitleMatch((Post(role, org_ref, status),), _skip_term(text, m.end()))
    return None


_BACK_NOUN = re.compile(r"(?:same\s+|said\s+|above\s+)?(?P<noun>committee|council|board|commission|ministry|department|"
                        r"front|command|province)(?P<end>)(?!\s+(?:of|for|on)\s+(?:the\s+)?[A-ZĐ])(?![\w’'-])", re.I)
# what may follow "of [the]" in a title when the body is named with a capital: a body we cannot read
# after "of the": a named body ("the Organising Board") or a common one ("the steering board for ...") the grammar
# does not know; the role is then not a bare one to complete from context
_NAMED_BODY = re.compile(r"[A-ZĐ]|(?:[a-z-]+\s+){0,3}(?:board|committee|subcommittee|council|group|team|delegation"
                         r"|office|commission|department|agency|association|union|federation|cent(?:re|er)"
                         r"|institute|school|university|club|company|corporation|force)s?\b")


def _back_reference(text: str, pos: int, ctx: TitleContext) -> tuple[str, int] | None:
    """A body referred back to after "of [the]": "the committee" -> ("committee", end); "the Party Committee" with no
    place or level -> ("type:party-committee", end); "the province" -> ("province", end)."""
    m = _BACK_NOUN.match(text, pos)
    if m:
        return m.group("noun").lower(), m.end("end")
    t = _patterns()["local_type"].match(text, pos)
    if t is not None:
        type_id = _type_index()[_norm(t.group(0))]
        if vocab.org_types()[type_id].scope == "local" and not re.match(r"\s+(?:of|for)\s", text[t.end():t.end() + 6]):
            return f"type:{type_id}", t.end()
    lower = _LOWER_LEVEL.match(text, pos)  # "the District Party Committee": a district's, which one the text says
    t = _patterns()["local_type"].match(text, lower.end()) if lower else None
    if t is not None and not re.match(r"\s+(?:of|for)\s", text[t.end():t.end() + 6]):
        type_id = _type_index()[_norm(t.group(0))]
        if vocab.org_types()[type_id].scope == "local":
            return f"type:{type_id}@{lower.group(1).lower()}", t.end()
    return None


_LOWER_LEVEL = re.compile(rf"({LOWER_UNITS})\s+", re.I)


_NO_CHAIR = {"party-committee", "party-central-committee", "standing-board", "politburo", "secretariat"}
_NO_SECRETARY = {"peoples-committee", "peoples-council"}


def role_fits(role: str, org: OrgRef) -> bool:
    """Whether a role can be a post of the body at all: a Party Committee has a Secretary, no Chairman; a People's
    Committee a Chairman, no Secretary (its Party Committee has one)."""
    default = vocab.roles()[role].default_org_type if role in vocab.roles() else None
    if default == "peoples-committee" and org.org_type in _NO_CHAIR:
        return False
    return not (default == "party-committee" and org.org_type in _NO_SECRETARY)


def back_reference_matches(ref: str, org: OrgRef) -> bool:
    """Whether an organisation named earlier is what a back-reference ("committee", "type:party-committee") means."""
    if ref.startswith("either:"):
        return org.org_type in ref[7:].split(":")
    if ref.startswith("type:"):
        kind, _, level = ref[5:].partition("@")
        return org.org_type == kind and (not level or (org.jurisdiction is not None
                                                       and org.jurisdiction.kind == level))
    return org.label.rsplit(" ", 1)[-1].lower() == ref


# capitalised words running on right after a body's name, up to a body noun: the name was longer than the reading
_CAPITALISED_RUN = re.compile(r" (?P<run>(?:[A-ZĐ][a-zà-ỹđ]+ ){0,3}[A-ZĐ][a-zà-ỹđ]+)\b(?![’'])")
_BODY_NOUN = re.compile(r"\b(?:Committee|Council|Commission|Department|Board|Office|Agency|Management|Union"
                        r"|Association|Corporation|Bank|Fund|Institute|Centre|Center|Authority|Administration)$")
_AND_NAME = re.compile(r"\s+and\s+(?:the\s+)?(?P<word>[A-ZĐ][\w’'-]*)")


_OF_FOREIGN = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]+\s+)?(?:Communist\s+Party|People['’]s\s+Revolutionary\s+Party)"
                         r"|[A-Z][\w’'-]+\s+(?:People['’]s\s+)?(?:Party|Republic|Kingdom))\b")


def _name_goes_on(text: str, end: int, ctx: TitleContext) -> bool:
    """The body's name runs on past what the grammar read: "... of the Vietnam Fatherland Front and Central Mass
    Organisations", "the Central Committee of the Communist Party of China". "and" followed by a role, a body or a
    person's family name is a new item, not more name."""
    if _OF_FOREIGN.match(text, end):
        return True
    nxt = _CAPITALISED_RUN.match(text, end)  # "Chairman of the State Capital Management Committee": not "the State"
    if nxt is not None and _BODY_NOUN.search(nxt.group("run")) and fold(nxt.group("run").split()[0]) not in \
            _name_openers() and not _patterns()["role"].match(text, nxt.start("run")) \
            and parse_org(text, nxt.start("run"), ctx) is None:
        return True
    m = _AND_NAME.match(text, end)
    if m is None:
        return False
    word = m.group("word")
    if _patterns()["role"].match(text, m.start("word")) or parse_org(text, m.start("word"), ctx) is not None:
        return False
    return fold(word) not in _name_openers()


@cache
def vietnamese_name(name: str) -> bool:
    """Whether a person's name reads as Vietnamese: a family name of surnames.txt, Vietnamese diacritics, or the
    middle name Văn/Thị. Foreign guests ("Wang Ning", "Khampheng Xaysompheng") never get a post by guess."""
    words = name.split()
    if not words:
        return False
    if fold(words[0]) in folded_surnames() or any(fold(w) in ("van", "thi") for w in words[1:-1]):
        return True
    return any(ord(c) > 127 for c in name)


def _name_openers() -> frozenset[str]:
    """Folded family names and honorifics: words that open a person's name, not a body's."""
    return frozenset(fold(w) for w in (*vocab.surnames(), *vocab.honorifics()) if " " not in w)


_PLACE_DESCRIBED = re.compile(r"(?:(?:northern|southern|central|north-central|south-central|northwestern|northeastern|"
                              r"highland|mountainous|coastal|border|Mekong\s+Delta)\s+)*(?:province|city)\s+of\s+",
                              re.I)


def _skip_term(text: str, end: int) -> int:
    m = _patterns()["term"].match(text, end)
    return m.end() if m else end


# an aside between a name and its titles (or its verb): ", born in 1965,", ", aged 58,", ", 58 years old,", ", 46,"
# what a person's apposition may say besides posts: an age, a birth year, a home town, a degree
ASIDE = (r"\s*,\s*(?:born\s+in\s+\d{4}|aged\s+\d{2}|\d{2}\s+years\s+old|\d{2}|an?\s+native\s+of\s+[^,;.]{3,60}?"
         r"|an?\s+(?:PhD|Ph\.D\.|doctor|master|bachelor)\s+(?:of|in)\s+[^,;.]{3,60}?)(?=\s*,)")
_ASIDE = re.compile(ASIDE, re.I)
_SEP = re.compile(r"\s*(?:,\s*who\s+is\s+(?:also\s+|now\s+|currently\s+)?|,\s*and\s+|;\s*and\s+|,|\s+and\s+|\s+cum\s+|;)\s*",
                  re.I)


def parse_titles(text: str, pos: int, ctx: TitleContext, lead_sep: bool = True,
                 limit: int | None = None) -> TitleMatch | None:
    """A list of titles from pos: ", Central Committee Member, Provincial Party Secretary" (lead_sep: comma first).

    limit: no title may start at or after it (where the next person's own titles or name begin)."""
    posts: list[Post] = []
    i = end = pos
    while True:
        aside = _ASIDE.match(text, i) if (lead_sep or posts) else None
        if aside and (limit is None or aside.end() < limit):  # ", born in 1965," between the name and its titles
            i = aside.end()
        j = i
        if lead_sep or posts:
            sep = _SEP.match(text, i)
            if not sep or (lead_sep and not posts and ";" in sep.group(0)):
                break  # "Name; Title ...": after a semicolon the titles are the next person's
            j = sep.end()
        if limit is not None and j >= limit:
            break
        t = parse_title(text, j, ctx) or _shared_parent_title(text, j, ctx)
        if t is not None and posts and any(p.ref and p.ref.startswith("type:") for p in t.posts):
            t = _same_level_title(text, j, posts[-1], ctx) or t  # "..., Chairman of the People's Council"
        if t is None or (limit is not None and t.end > limit):
            break
        more = _OF_MORE.match(text, t.end)
        if more and any(p.org is not None for p in t.posts):
            # "Deputy Head of the Propaganda Department of the Central Committee of ...": the body goes on past what
            # the grammar read, so the reading is not the body named, unless what follows names the same body
            # ("provincial Vice Chairman of the People's Committee of Quảng Nam")
            again = parse_org(text, more.end() - len(more.group("head")), ctx)
            named = {o.label for p in t.posts if p.org is not None for o in (p.org, p.org.parent) if o is not None}
            if again is None or again.org.label not in named:  # the same body, or the one it sits in
                break
            t = TitleMatch(t.posts, again.end)
        posts.extend(t.posts)
        i = end = t.end
    return TitleMatch(tuple(posts), end) if posts else None


_OF_MORE = re.compile(r"\s+(?:of|under)\s+(?P<head>(?:the\s+)?(?:Central|Party|People|National|Ministry|Vietnam|Viet\s+Nam"
                      r"|Provincial|Province|City|District)\b)")


def _shared_parent_title(text: str, pos: int, ctx: TitleContext) -> TitleMatch | None:
    """"Member of the Standing Committee and Head of the ... Commission of the Provincial Party Committee": a body
    nested in another, named bare before "and", sits in the body the next title's own body sits in."""
    p = _patterns()
    role = p["role"].match(text, pos)
    of = re.compile(r"\s+of\s+(?:the\s+)?").match(text, role.end()) if role else None
    body = p["nested"].match(text, of.end()) if of else None
    joint = re.compile(r"\s+and\s+").match(text, body.end()) if body else None
    if joint is None:
        return None
    type_id = _type_index()[_norm(body.group(0))]
    nxt = parse_title(text, joint.end(), ctx)
    parent = nxt.posts[0].org.parent if nxt is not None and nxt.posts[0].org is not None else None
    if parent is None or parent.org_type != vocab.org_types()[type_id].parent_type:
        return None
    org = make_org(type_id, parent.jurisdiction, parent=parent)
    return TitleMatch((canonical(Post(role_of(role.group(0)), org)), *nxt.posts), nxt.end)


_BARE_LOCAL_BODY = re.compile(r"\s+of\s+the\s+(?=(?:People['’]s\s+(?:Council|Committee)|Fatherland\s+Front)\b)", re.I)


def _same_level_title(text: str, pos: int, previous: Post, ctx: TitleContext) -> TitleMatch | None:
    """A title whose body is named without its level after a provincial one: "Secretary of the Provincial Party
    Committee and Chairman of the People's Council" is that province's People's Council."""
    org = previous.org
    if org is None or org.jurisdiction is None or org.jurisdiction.kind not in ("province", "city"):
        return None
    bare = _BARE_LOCAL_BODY.search(text, pos, min(len(text), pos + 60))
    if bare is None or text[pos:bare.start()].count(" ") > 4:
        return None
    spliced = text[:bare.end()] + "Provincial " + text[bare.end():]
    t = parse_title(spliced, pos, TitleContext(province=org.jurisdiction))
    if t is None or t.end <= bare.end():
        return None
    return TitleMatch(t.posts, t.end - len("Provincial "))


def parse_pre_title(text: str, name_start: int, floor: int, ctx: TitleContext) -> TitleMatch | None:
    """Titles standing right before a name ("Provincial Party Secretary Trần Tiến Dũng"), longest reading."""
    word_starts = [m.start() for m in re.finditer(r"(?<![\w’'])\w", text[floor:name_start])]
    for off in word_starts:
        start = floor + off
        owner = _possessor_place(text, floor, start)  # "Bình Phước province's Party Secretary X": Bình Phước's
        t = parse_titles(text, start, TitleContext(province=owner) if owner else ctx, lead_sep=False)
        if t is None:
            continue
        gap = text[t.end:name_start]
        if "\n" in text[start:name_start]:
            continue  # a title never runs across a line break (the headline above the first paragraph)
        if ";" in text[start:t.end]:
            continue  # a semicolon ends the previous person's titles: "A - Minister of X; Head of Y B"
        if (gap.strip() == "" and gap) or re.fullmatch(r"\s+[-–—]\s+", gap):  # "Director of X - Trương Văn Liệp"
            if re.search(r"(?i:\b(?:deputy|vice|standing|permanent|assistant))\s+$", text[floor:start]):
                return None  # "... deputy Head of X Name": a rank the grammar did not read with its role
            if re.search(r"\b(?:who|which)\s+(?:is|was|are|were)(?:\s+also)?\s+$|\b(?:is|was)\s+also\s+$",
                         text[floor:start]):
                continue  # "X, who is also Chairman of Y, and Z": the title is said of X, not a title before Z
            if _unknown_place_before(text, floor, start):
                return None  # "Yunnan Provincial Party Secretary Wang Ning": a place we do not know, not ours
            body = _BODY_NOUN_BEFORE.search(text, floor, start)
            if body is not None:  # "council chairman Nguyễn Đức Dũng": the chair of the province's council, if any
                if body.group(1).lower() != "council" or ctx.province is None or any(p.org is not None for p in t.posts):
                    return None
                council = make_org("peoples-council", ctx.province, "province" if ctx.province.kind == "province" else None)
                return TitleMatch(tuple(canonical(replace(p, org=council)) for p in t.posts), start)
            if owner is not None:  # the possessor's own body of the role
                return TitleMatch(tuple(p if p.org is not None else canonical(replace(
                    p, org=default_org(p.role, TitleContext(province=owner)))) for p in t.posts), start)
            return TitleMatch(t.posts, start)
    return None


_BODY_NOUN_BEFORE = re.compile(r"(?<![\w’'-])(council|committee|front|board|commission)\s+\Z")
_LEVEL_START = re.compile(r"(?:provincial|province|municipal|district|commune|ward)\b", re.I)
_POSSESSOR = re.compile(r"((?:[A-ZĐ][\w-]*\s+){0,3}[A-ZĐ][\w-]*)(?:\s+(?:province|city))?['’]s\s+$")


def _possessor_place(text: str, floor: int, start: int) -> PlaceRef | None:
    """The province or city a title before a name is said of with a possessive ("Bình Phước province's")."""
    m = _POSSESSOR.search(text[floor:start])
    place = lookup_place(m.group(1)) if m else None
    return place if place is not None and place.kind in ("province", "city") else None


def _unknown_place_before(text: str, floor: int, start: int) -> bool:
    """A title that opens with a level word ("Provincial Party Secretary") right after a capitalised word the
    gazetteer does not know ("Yunnan"): the level belongs to that unknown place."""
    if not _LEVEL_START.match(text, start):
        return False
    before = re.search(r"([A-ZĐ][\w’'-]+)\s+$", text[floor:start])
    if before is None:
        return False
    word = before.group(1)
    return lookup_place(word) is None and word not in ("The", "A", "An", "And", "Of") and fold(word) not in _name_openers()


def with_status(post: Post, status: str) -> Post:
    return replace(post, status=status)


def is_national(org: OrgRef | None) -> bool:
    if org is None:
        return False
    t = vocab.org_types()[org.org_type]
    return t.scope == "national" or org.org_type == "ministry" or (
        org.org_type == "central-commission")


def province_label(place: PlaceRef | None) -> str | None:
    if place is None:
        return None
    prov = province_of(place)
    return prov.label if prov else place.label


_UNNAMED = "(unnamed province, {})"


def unnamed_province(article_id: str) -> PlaceRef:
    """The stand-in for the province of an article that names none: its bodies are kept, labelled as such, and
    placed at corpus level (graph.derive.placement) when other articles show the same people in one province."""
    return PlaceRef(label=_UNNAMED.format(article_id), kind="province")


def is_unnamed_province(place: PlaceRef | None) -> bool:
    return place is not None and place.label.startswith(_UNNAMED.split("{")[0]) and place.label.endswith(")")


def context_of(article) -> TitleContext:
    """The title context of an article: its province as a gazetteer place (or as written); the unnamed-province
    stand-in when nothing gave one."""
    label = getattr(article, "province", None)
    if not label:
        article_id = getattr(article, "id", None)
        return TitleContext(province=unnamed_province(article_id)) if article_id else TitleContext()
    return TitleContext(province=lookup_place(label) or PlaceRef(label=label))
