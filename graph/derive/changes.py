"""Organisational changes as org:ChangeEvents: the 2025 mergers of provinces and ministries, for the bodies the graph holds.

The data, not the articles, says what merged: ontology/places.tsv (merged_into: the 63 provinces became 34 on
1 July 2025) and ontology/mergers.tsv (ministries, and with them every province's departments, merged on 1 March
2025). For each organisation the article graphs hold whose label names a merged-away province (the Hà Giang
Provincial Party Committee) or sector (the Ministry of Transport), the resulting body has the same organisation
type and the label with the new name (the Tuyên Quang Provincial Party Committee, the Ministry of Construction);
one org:ChangeEvent per resulting body and date lists every original, with dcterms:date and prov:wasDerivedFrom
the data file. Changes are applied in date order, so a department merged in March and whose province merged in
July changes twice (a body merged away is not touched by later changes). A merged-away body gets schema:dissolutionDate, a newly founded one schema:foundingDate; a
resulting body no article mentions is described here (type, label, jurisdiction, parent) so exports can name it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from extractors.facts import OrgRef, PlaceRef
from extractors.places import MERGER_DATE, gazetteer, place_entry
from graph.rdf import identity as ids
from graph.rdf.article import PLACE_CLASSES
from ontology.namespaces import DCTERMS, GK, GKR, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD, bind_prefixes

__all__ = ["Change", "MERGERS_TSV", "change_graph", "changes", "source_iri"]

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
MERGERS_TSV = ONTOLOGY / "mergers.tsv"
PROVINCE_BASIS = "National Assembly Resolution 202/2025/QH15 on the arrangement of provincial-level administrative units"


@dataclass(frozen=True, slots=True)
class Change:
    """One merger rule: bodies named for `original` (a province or a sector) merged into those named for `resulting`."""

    date: str  # ISO day
    kind: str  # "province" or "sector"
    original: str
    resulting: str
    founded: bool  # the resulting body was new that day (else it existed and absorbed the original)
    source: str  # the data file, relative to the repository ("ontology/places.tsv")
    basis: str

    def rename(self, label: str) -> str | None:
        """The label of the body `label`'s body merged into, or None when this change does not touch it."""
        if self.kind == "sector":
            pattern = rf"(?<!\w)((?:Ministry|Department) of ){re.escape(self.original)}(?![\w,])"
            new, n = re.subn(pattern, lambda m: m.group(1) + self.resulting, label)
            return new if n else None
        new, n = re.subn(rf"(?<!\w){re.escape(self.original)}(?!\w)", self.resulting, label)
        if not n:
            return None
        entry = place_entry(self.resulting)
        if entry is not None and entry.kind == "city" and not entry.parent:  # centrally-run: "Hồ Chí Minh City Police"
            new = new.replace(f"{self.resulting} Provincial ", f"{self.resulting} ")
        return new


def _org_iri(label: str) -> URIRef:
    """The IRI govkg mints for an organisation of this label (graph.rdf.identity.org_iri depends on the label only)."""
    return ids.org_iri(OrgRef(label, ""))


def source_iri(source: str) -> URIRef:
    """The IRI standing for one of govkg's data files (gkr:data/ontology/places.tsv)."""
    return GKR[f"data/{source}"]


@cache
def changes() -> tuple[Change, ...]:
    """Every merger rule, in date order: the ministries' (mergers.tsv), then the provinces' (places.tsv: a province
    merged into one of the 63 that existed before; the 29 that merged away on 1 July 2025)."""
    out = []
    for n, line in enumerate(MERGERS_TSV.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("date\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 5 or cols[3] not in ("yes", "no"):
            raise ValueError(f"{MERGERS_TSV}:{n}: expected date, original, resulting, founded (yes|no), basis")
        out.append(Change(cols[0], "sector", cols[1], cols[2], cols[3] == "yes", "ontology/mergers.tsv", cols[4]))
    for entry in gazetteer():
        joined = place_entry(entry.merged_into) if entry.merged_into else None
        # Thừa Thiên Huế -> Huế was a renaming (a centrally-run city from 1 January 2025), not a 1 July merger
        if joined is not None and "63" in joined.units:
            out.append(Change(MERGER_DATE, "province", entry.label, entry.merged_into, False, "ontology/places.tsv",
                              PROVINCE_BASIS))
    return tuple(sorted(out, key=lambda c: (c.date, c.kind, c.original)))


@dataclass
class _Org:
    """What the change stage needs to know of an organisation (read from the graph, or made by an earlier change)."""

    iri: URIRef
    label: str
    types: frozenset[URIRef]
    org_type: URIRef | None
    jurisdiction: URIRef | None
    level: Literal | None
    parents: tuple[URIRef, ...]
    in_graph: bool


def _first(objects: Iterable) -> object | None:
    values = sorted(set(objects), key=str)
    return values[0] if values else None


def _read_orgs(objects: Callable[[URIRef, URIRef], list], subjects: Iterable[URIRef]) -> dict[URIRef, _Org]:
    orgs = {}
    for s in sorted(set(subjects), key=str):
        label = _first(objects(s, SKOS.prefLabel))
        if not isinstance(s, URIRef) or label is None:
            continue
        orgs[s] = _Org(s, str(label), frozenset(t for t in objects(s, RDF.type) if isinstance(t, URIRef)),
                       _first(objects(s, GK.orgType)), _first(objects(s, GK.jurisdiction)),
                       _first(objects(s, GK.level)),
                       tuple(sorted({p for p in objects(s, ORG.subOrganizationOf) if isinstance(p, URIRef)}, key=str)),
                       True)
    return orgs


def change_graph(store) -> Graph:
    """The org:ChangeEvents (and the resulting bodies) for the organisations in `store`, a Graph or a Dataset.

    Only organisations the store holds start a change; what they merged into is added when missing.
    """

    def triples(pattern: tuple) -> Iterable[tuple]:  # a Dataset's quads span its named graphs; a Graph has triples
        return (q[:3] for q in store.quads((*pattern, None))) if hasattr(store, "quads") else store.triples(pattern)

    def objects(s, p) -> list:
        return [o for _, _, o in triples((s, p, None))]

    orgs = _read_orgs(objects, (s for s, _, _ in triples((None, RDF.type, ORG.Organization))))
    places = {s for s, _, _ in triples((None, RDF.type, SDO.Place))}
    g = bind_prefixes(Graph())
    dissolved: set[URIRef] = set()  # merged away by an earlier change: later ones do not touch them
    for change in changes():
        by_result: dict[URIRef, list[_Org]] = defaultdict(list)
        made: dict[URIRef, _Org] = {}
        for org in list(orgs.values()):
            if org.iri in dissolved:
                continue
            if change.kind == "province" and org.jurisdiction != ids.place_iri(PlaceRef(change.original, "province")):
                continue
            label = change.rename(org.label)
            if label is None or label == org.label:
                continue
            result = _org_iri(label)
            by_result[result].append(org)
            if result not in orgs and result not in made:
                made[result] = _resulting_org(change, org, label, result, orgs, g, places)
        orgs.update(made)
        dissolved.update(o.iri for group in by_result.values() for o in group)
        for result in sorted(by_result, key=str):
            _change_event(g, change, sorted(by_result[result], key=lambda o: str(o.iri)), orgs[result])
    return g


def _resulting_org(change: Change, org: _Org, label: str, iri: URIRef, orgs: dict[URIRef, _Org], g: Graph,
                   places: set) -> _Org:
    """Describe in g the body `org` merged into, which the graph does not hold yet."""
    jurisdiction = org.jurisdiction
    if change.kind == "province":
        entry = place_entry(change.resulting)
        ref = entry.ref if entry is not None else PlaceRef(change.resulting, "province")
        jurisdiction = ids.place_iri(ref)
        if jurisdiction not in places:
            g.add((jurisdiction, RDF.type, SDO.Place))
            g.add((jurisdiction, RDF.type, PLACE_CLASSES.get(ref.kind, GK.Province)))
            g.add((jurisdiction, SDO.name, Literal(ref.label)))
            places.add(jurisdiction)
    parents = []
    for parent in org.parents:
        renamed = change.rename(orgs[parent].label) if parent in orgs else None
        parents.append(_org_iri(renamed) if renamed else parent)
    new = _Org(iri, label, org.types, org.org_type, jurisdiction, org.level, tuple(parents), False)
    for t in sorted(new.types, key=str):
        g.add((iri, RDF.type, t))
    g.add((iri, SKOS.prefLabel, Literal(label)))
    for p, o in ((GK.orgType, new.org_type), (GK.jurisdiction, new.jurisdiction), (GK.level, new.level)):
        if o is not None:
            g.add((iri, p, o))
    for parent in new.parents:
        if parent != iri:
            g.add((iri, ORG.subOrganizationOf, parent))
    g.add((iri, PROV.wasDerivedFrom, source_iri(change.source)))
    return new


def _change_event(g: Graph, change: Change, originals: list[_Org], result: _Org) -> None:
    ev = GKR[f"change/{change.date}/{ids.slug(result.label)}"]
    date = Literal(change.date, datatype=XSD.date)
    source = source_iri(change.source)
    names = ", ".join(f"the {o.label}" for o in originals)
    g.add((ev, RDF.type, ORG.ChangeEvent))
    g.add((ev, SKOS.prefLabel, Literal(f"{names} merged into the {result.label}")))
    g.add((ev, DCTERMS.date, date))
    g.add((ev, DCTERMS.description, Literal(change.basis)))
    g.add((ev, PROV.wasDerivedFrom, source))
    g.add((ev, ORG.resultingOrganization, result.iri))
    g.add((result.iri, ORG.resultedFrom, ev))
    if change.founded:
        g.add((result.iri, SDO.foundingDate, date))
    for org in originals:
        g.add((ev, ORG.originalOrganization, org.iri))
        g.add((org.iri, ORG.changedBy, ev))
        g.add((org.iri, SDO.dissolutionDate, date))
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, RDFS.label, Literal(change.source)))
