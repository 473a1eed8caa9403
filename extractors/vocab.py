"""Domain vocabularies read once from ontology/: roles, organisation types, sectors, name lists.

The Turtle schemes are both what the extractors recognise (their labels) and what the graph
publishes (the vocabulary named graph), so a spelling added there is recognised and labelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib.namespace import SKOS

from ontology.namespaces import GK

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ROLE_NS = "https://w3id.org/govkg/id/role/"
ORG_TYPE_NS = "https://w3id.org/govkg/id/org-type/"
VOCABULARY_FILES = ("roles.ttl", "org_types.ttl", "indicators.ttl")


class VocabularyError(RuntimeError):
    """A vocabulary file under ontology/ is missing or malformed."""


@dataclass(frozen=True, slots=True)
class RoleDef:
    id: str
    label: str
    alt_labels: tuple[str, ...]
    single_holder: bool
    default_org_type: str | None
    rank: int
    ladder: str | None = None  # the head role whose ladder this role is a rung of (itself for a head), else None


@dataclass(frozen=True, slots=True)
class OrgTypeDef:
    id: str
    label: str
    alt_labels: tuple[str, ...]
    class_name: str  # local name of the gk: class, e.g. "PeoplesCommittee"
    scope: str  # local, sector, national, nested, named
    fixed_label: str | None
    parent_type: str | None
    sectors: tuple[str, ...] = ()  # sector names under which the press also names this national body
    label_template: str | None = None  # how a local body's label is made when not "{place} {Level} {label}"
    party_only: bool = False  # a kind of body only the Party has


def _local(iri: rdflib.term.Node, base: str) -> str:
    text = str(iri)
    if not text.startswith(base):
        raise VocabularyError(f"{iri} is not under {base}")
    return text[len(base):]


def _parse(name: str) -> rdflib.Graph:
    path = ONTOLOGY_DIR / name
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise VocabularyError(f"{path}: vocabulary file missing") from exc
    except Exception as exc:  # rdflib raises several parser error types
        raise VocabularyError(f"{path}: cannot parse Turtle: {exc}") from exc


def _labels(g: rdflib.Graph, s: rdflib.term.Node) -> tuple[str, tuple[str, ...]]:
    pref = g.value(s, SKOS.prefLabel)
    if pref is None:
        raise VocabularyError(f"{s} has no skos:prefLabel")
    alts = tuple(sorted({str(a) for a in g.objects(s, SKOS.altLabel)}))
    return str(pref), alts


@cache
def roles() -> dict[str, RoleDef]:
    g = _parse("roles.ttl")
    heads = {_local(o, ROLE_NS) for o in g.objects(None, GK.rungOf)}
    out = {}
    for s in sorted(g.subjects(SKOS.inScheme, None)):
        label, alts = _labels(g, s)
        default = g.value(s, GK.defaultOrgType)
        rank = g.value(s, GK.rank)
        out[_local(s, ROLE_NS)] = RoleDef(
            id=_local(s, ROLE_NS),
            label=label,
            alt_labels=alts,
            single_holder=bool(g.value(s, GK.singleHolder).toPython()),
            default_org_type=_local(default, ORG_TYPE_NS) if default is not None else None,
            rank=int(rank) if rank is not None else 0,
            ladder=(_local(g.value(s, GK.rungOf), ROLE_NS) if g.value(s, GK.rungOf) is not None
                    else _local(s, ROLE_NS) if _local(s, ROLE_NS) in heads else None),
        )
    return out


@cache
def org_types() -> dict[str, OrgTypeDef]:
    g = _parse("org_types.ttl")
    out = {}
    for s in sorted(g.subjects(SKOS.inScheme, None)):
        label, alts = _labels(g, s)
        # the press shortens "National Assembly" to "NA" in every name that holds it
        alts = tuple(sorted({*alts, *(f.replace("National Assembly", "NA") for f in (label, *alts)
                                      if "National Assembly" in f)} - {label}))
        cls = g.value(s, GK.orgClass)
        parent = g.value(s, GK.parentType)
        fixed = g.value(s, GK.fixedLabel)
        out[_local(s, ORG_TYPE_NS)] = OrgTypeDef(
            id=_local(s, ORG_TYPE_NS),
            label=label,
            alt_labels=alts,
            class_name=_local(cls, str(GK)),
            scope=str(g.value(s, GK.scope)),
            fixed_label=str(fixed) if fixed is not None else None,
            parent_type=_local(parent, ORG_TYPE_NS) if parent is not None else None,
            sectors=tuple(sorted(str(x) for x in g.objects(s, GK.sector))),
            label_template=str(g.value(s, GK.labelTemplate)) if g.value(s, GK.labelTemplate) is not None else None,
            party_only=bool(g.value(s, GK.partyOnly) and g.value(s, GK.partyOnly).toPython()),
        )
    return out


@cache
def post_types() -> dict[tuple[str, str], bool]:
    """(role id, organisation type id) -> whether that post has one holder at a time, from post_types.tsv."""
    path = ONTOLOGY_DIR / "post_types.tsv"
    rows = [line.split("\t") for line in _lines("post_types.tsv")]
    known_roles, known_types = roles(), org_types()
    out = {}
    for n, row in enumerate(rows[1:], start=2):  # the first row names the columns
        if len(row) < 3 or row[0] not in known_roles or row[1] not in known_types or row[2] not in ("yes", "no"):
            raise VocabularyError(f"{path}: row {n} {row[:3]!r} needs a role id of roles.ttl, an organisation "
                                  "type id of org_types.ttl and yes|no")
        out[(row[0], row[1])] = row[2] == "yes"
    return out


@cache
def role_aliases() -> dict[tuple[str, str], str]:
    """(role id as written, organisation type id) -> the canonical role id of that post, from role_aliases.tsv."""
    path = ONTOLOGY_DIR / "role_aliases.tsv"
    known_roles, known_types = roles(), org_types()
    out = {}
    for n, line in enumerate(_lines("role_aliases.tsv")[1:], start=2):
        row = line.split("\t")
        if len(row) < 3 or row[0] not in known_roles or row[1] not in known_types or row[2] not in known_roles:
            raise VocabularyError(f"{path}: row {n} {row[:3]!r} needs a role id, an organisation type id and a "
                                  "canonical role id (roles.ttl, org_types.ttl)")
        out[(row[0], row[1])] = row[2]
    return out


def canonical_role(role_id: str, org_type: str | None) -> str:
    """The role a title names in a body of this type: "Chairman of the Central Organisation Commission" is its Head."""
    return role_aliases().get((role_id, org_type), role_id) if org_type else role_id


def post_single_holder(role_id: str, org_type: str) -> bool:
    """Whether the post (role in a body of this type) has one holder at a time: post_types.tsv, else the role's."""
    declared = post_types().get((role_id, org_type))
    if declared is not None:
        return declared
    role = roles().get(role_id)
    return role is not None and role.single_holder


def _lines(name: str) -> tuple[str, ...]:
    path = ONTOLOGY_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise VocabularyError(f"{path}: vocabulary file missing") from exc
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def sector_forms() -> dict[str, str]:
    """Every sector spelling -> its canonical name ("National Defense => National Defence" lines give variants)."""
    out = {}
    for line in _lines("sectors.txt"):
        variant, _, canonical = (x.strip() for x in line.partition("=>"))
        out[variant] = canonical or variant
    return out


@cache
def sectors() -> tuple[str, ...]:
    """Sector names as written (variants too), longest first so that a regex alternation prefers the longest."""
    return tuple(sorted(set(sector_forms()), key=lambda s: (-len(s), s)))


@cache
def surnames() -> tuple[str, ...]:
    return _lines("surnames.txt")


@cache
def change_verbs() -> dict[str, dict[str, str]]:
    """position ("after", "before", "leave") -> {regex of a form: kind}, from change_verbs.tsv."""
    import re  # noqa: PLC0415

    path = ONTOLOGY_DIR / "change_verbs.tsv"
    out: dict[str, dict[str, str]] = {"after": {}, "before": {}, "leave": {}}
    for n, line in enumerate(_lines("change_verbs.tsv")[1:], start=2):
        cells = line.split("\t")
        positions = cells[2].split(",") if len(cells) > 2 else []
        if len(cells) < 3 or not all(p in out for p in positions):
            raise VocabularyError(f"{path}: row {n} {cells!r} needs a form, a kind and positions among "
                                  "after, before, leave")
        pattern = r"\s+".join(re.escape(w) for w in cells[0].split())
        for p in positions:
            out[p][pattern] = cells[1]
    return out


@cache
def change_verb_alternation(*positions: str) -> str:
    """The change words of the given positions as one regex alternation, longest first."""
    return "|".join(sorted({f for p in positions for f in change_verbs()[p]}, key=len, reverse=True))


@cache
def historical_figures() -> frozenset[str]:
    """Folded names of people of history whose titles are never current posts (historical_figures.txt)."""
    from .places import fold  # noqa: PLC0415

    return frozenset(fold(n) for n in _lines("historical_figures.txt"))


@cache
def member_list_cues() -> dict[str, tuple[str, ...]]:
    """position ("same", "next", "more", "former") -> the regexes of the forms that introduce a list of members
    (or go on with it, or say they left), from member_lists.tsv."""
    import re  # noqa: PLC0415

    path = ONTOLOGY_DIR / "member_lists.tsv"
    out: dict[str, list[str]] = {"same": [], "next": [], "more": [], "former": [], "retired": []}
    for n, line in enumerate(_lines("member_lists.tsv")[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 2 or cells[1] not in out:
            raise VocabularyError(f"{path}: row {n} {cells!r} needs a form and a position among same, next, more, "
                                  "former, retired")
        out[cells[1]].append(r"\s+".join(re.escape(w) for w in cells[0].split()))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class EventCue:
    lemma: str
    pos: str  # VERB (a person is its subject) or NOUN (the event's own noun)
    kind: str  # the event kind (graph/rdf/article.py EVENT_CLASSES)
    noun: str  # the label's head noun: "Reception", "Ceremony", "Visit"
    objects: frozenset[str] | None  # the lemmas its object must have; None: any object


@cache
def event_cues() -> dict[tuple[str, str], EventCue]:
    """(lemma, part of speech) -> the event a word names, from event_cues.tsv."""
    path = ONTOLOGY_DIR / "event_cues.tsv"
    out = {}
    for n, line in enumerate(_lines("event_cues.tsv")[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 5 or cells[1] not in ("VERB", "NOUN"):
            raise VocabularyError(f"{path}: row {n} {cells!r} needs a lemma, VERB or NOUN, a kind, a noun and the "
                                  "object lemmas (or *)")
        objects = None if cells[4] == "*" else frozenset(cells[4].split(","))
        out[(cells[0], cells[1])] = EventCue(*cells[:4], objects=objects)
    return out


@cache
def honorifics() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("honorifics.txt")), key=lambda s: (-len(s), s)))


@cache
def vocabulary_graph() -> rdflib.Graph:
    """The SKOS schemes (roles, organisation types, indicators) as one graph, for the vocabulary named graph."""
    g = rdflib.Graph()
    for name in VOCABULARY_FILES:
        if (ONTOLOGY_DIR / name).exists():
            for t in _parse(name):
                g.add(t)
    return g


@cache
def document_types() -> tuple[str, ...]:
    """Kinds of numbered documents ("Directive", "Decree"), longest first."""
    return tuple(sorted(set(_lines("document_types.txt")), key=lambda s: (-len(s), s)))
