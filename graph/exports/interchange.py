"""Exports the field's own tools load unchanged: FollowTheMoney entities, Popolo JSON and Wikidata QuickStatements.

All three are made from one reading of the merged graph (`read_records`): persons, organisations, posts,
holdings, events and the organisational changes, each with the articles that attest it, sorted by IRI. Dates
stay as precise as the graph knows them (2024, 2024-07, 2024-07-05), which is what FtM's date type, Popolo's
YYYY[-MM[-DD]] and Wikidata's precision marks all accept. An end the graph only bounds (gk:notBefore/notAfter)
is written as the longest date prefix both bounds share, so nothing more precise than the evidence is claimed.
Every output is sorted and carries no timestamp: the same graph gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ontology.namespaces import DCTERMS, FOAF, GK, GK_NS, GKR_NS, ORG, PROV, RDF, SDO, SKOS, TIME

__all__ = ["FTM_SCHEMAS", "Records", "ftm_entities", "ftm_id", "ftm_text", "popolo", "popolo_text",
           "quickstatements_text", "read_records", "read_wikidata_map"]

COUNTRY = "vn"
"""ISO 3166-1 code of every jurisdiction govkg covers (FtM's country type)."""

# Party organs and mass organisations are not state bodies: FtM Organization; everything else is a PublicBody.
_NON_STATE = {GK.PartyCommittee, GK.PartyCentralBody, GK.CentralCommission, GK.AgencyBloc, GK.FatherlandFront}
_ENDED_STATUSES = {"former"}
_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
FTM_SCHEMAS = ("Person", "PublicBody", "Organization", "Position", "Occupancy", "Succession", "Event")
"""The FollowTheMoney schemata ftm_entities writes, in the order they are written."""


# ----------------------------------------------------------------------------- reading the graph


@dataclass
class Source:
    """An attesting article: its IRI, URL (None when unknown), title, date and publisher."""

    iri: str
    url: str | None
    title: str
    date: str
    publisher: str | None

    @property
    def link(self) -> str:
        """The URL to cite: the article's own, else its govkg IRI."""
        return self.url or self.iri

    @property
    def note(self) -> str:
        return " ".join(x for x in (self.title, f"({self.date})" if self.date else "") if x)


@dataclass
class Record:
    """One exported thing: its IRI, kind and fields (each a str, a list of str, or None), and its sources."""

    iri: str
    kind: str
    fields: dict[str, object] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def get(self, name: str):
        return self.fields.get(name)


@dataclass
class Records:
    """Everything the interchange formats export, by kind, each list sorted by IRI."""

    persons: list[Record]
    organizations: list[Record]
    posts: list[Record]
    holdings: list[Record]
    events: list[Record]
    changes: list[Record]
    successions: list[Record]

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("persons", "organizations", "posts", "holdings", "events",
                                                    "changes", "successions")}


def _values(g: Graph, s, p) -> list[str]:
    return sorted({" ".join(str(o).split()) for o in g.objects(s, p) if str(o).strip()})


def _value(g: Graph, s, p) -> str | None:
    values = _values(g, s, p)
    return values[0] if values else None


def _iris(g: Graph, s, p) -> list[str]:
    return sorted({str(o) for o in g.objects(s, p) if isinstance(o, URIRef)})


def _iri(g: Graph, s, p) -> str | None:
    values = _iris(g, s, p)
    return values[0] if values else None


def _subjects(g: Graph, cls) -> list[URIRef]:
    return sorted({s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}, key=str)


def common_date(earliest: str | None, latest: str | None) -> str | None:
    """The most precise YYYY[-MM[-DD]] both ISO bounds agree on ("2025-07-05", "2025-10-20" -> "2025"), or None."""
    if not earliest or not latest:
        return None
    for n in (10, 7, 4):
        if earliest[:n] == latest[:n] and _DATE.fullmatch(earliest[:n]):
            return earliest[:n]
    return None


def _instant(g: Graph, instant) -> str | None:
    """A time:Instant's date as precise as known: its bounds' shared prefix when bounded, else its stated date."""
    if instant is None:
        return None
    before, after = _value(g, instant, GK.notBefore), _value(g, instant, GK.notAfter)
    if after is not None:
        return common_date(before or _value(g, instant, TIME.inXSDDate), after)
    for p in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
        value = _value(g, instant, p)
        if value:
            return value
    return None


class _Reader:
    def __init__(self, g: Graph):
        self.g = g
        self.articles: dict[str, Source] = {}
        for a in _subjects(g, GK.Article):
            self.articles[str(a)] = Source(str(a), _iri(g, a, DCTERMS.source), _value(g, a, DCTERMS.title) or "",
                                           _value(g, a, DCTERMS.date) or "", _value(g, a, SDO.publisher))

    def sources(self, s, *props) -> list[Source]:
        """The attesting articles of s (by the given properties), oldest first."""
        found = {str(o) for p in props for o in self.g.objects(s, p)}
        return sorted((self.articles[a] for a in found if a in self.articles), key=lambda a: (a.date, a.iri))

    def records(self) -> Records:
        g = self.g
        persons = [Record(str(p), "person", {"name": _value(g, p, FOAF.name), "aliases": _values(g, p, SKOS.altLabel)},
                          self.sources(p, GK.mentionedIn)) for p in _subjects(g, FOAF.Person)]
        orgs = []
        for o in _subjects(g, ORG.Organization):
            place = g.value(o, GK.jurisdiction)
            orgs.append(Record(str(o), "organization", {
                "name": _value(g, o, SKOS.prefLabel), "aliases": _values(g, o, SKOS.altLabel),
                "classes": _iris(g, o, RDF.type), "org_type": _value(g, g.value(o, GK.orgType), SKOS.prefLabel),
                "parent": _iri(g, o, ORG.subOrganizationOf), "level": _value(g, o, GK.level),
                "area": _value(g, place, SDO.name) if place is not None else None,
                "province": self._province(place), "founding": _value(g, o, SDO.foundingDate),
                "dissolution": _value(g, o, SDO.dissolutionDate),
                "data": [str(d) for d in g.objects(o, PROV.wasDerivedFrom) if str(d) not in self.articles],
            }, self.sources(o, GK.mentionedIn)))
        holdings = []
        for h in _subjects(g, ORG.Membership):
            during = g.value(h, ORG.memberDuring)
            start = _value(g, h, GK.startDate)  # stated; the interval's beginning is only the first attestation then
            end = _value(g, h, GK.endDate) or (_instant(g, g.value(during, TIME.hasEnd)) if during is not None else None)
            statuses = set(_values(g, h, GK.status))
            rec = Record(str(h), "holding", {
                "person": _iri(g, h, ORG.member), "post": _iri(g, h, GK.post), "organization": _iri(g, h, ORG.organization),
                "role": _value(g, g.value(h, ORG.role), SKOS.prefLabel), "start": start, "end": end,
                "first": _value(g, h, GK.firstAttested), "last": _value(g, h, GK.lastAttested),
                "status": "ended" if end or (statuses and statuses <= _ENDED_STATUSES) else (
                    "current" if statuses - _ENDED_STATUSES else "unknown"),
                "disputed": _value(g, h, GK.disputed) == "true",
            }, self.sources(h, PROV.wasDerivedFrom))
            holdings.append(rec)
        posts = []
        for p in _subjects(g, ORG.Post):  # attested by the articles of its holdings, successions and events
            attesting = {a.iri: a for s in set(g.subjects(GK.post, p)) for a in self.sources(s, PROV.wasDerivedFrom)}
            posts.append(Record(str(p), "post", {
                "label": _value(g, p, SKOS.prefLabel), "role": _value(g, g.value(p, ORG.role), SKOS.prefLabel),
                "organization": _iri(g, p, ORG.postIn)}, sorted(attesting.values(), key=lambda a: (a.date, a.iri))))
        events = []
        for e in _subjects(g, SDO.Event):
            location = g.value(e, SDO.location)
            events.append(Record(str(e), "event", {
                "name": _value(g, e, SDO.name), "date": _value(g, e, SDO.startDate),
                "organizer": _iri(g, e, SDO.organizer), "attendees": _iris(g, e, SDO.attendee),
                "chairs": _iris(g, e, GK.chair), "classes": _iris(g, e, RDF.type),
                "location": _value(g, location, SDO.name) if location is not None else None,
            }, self.sources(e, PROV.wasDerivedFrom)))
        changes = [Record(str(c), "change", {
            "label": _value(g, c, SKOS.prefLabel), "date": _value(g, c, DCTERMS.date),
            "originals": _iris(g, c, ORG.originalOrganization), "result": _iri(g, c, ORG.resultingOrganization),
            "basis": _value(g, c, DCTERMS.description), "data": _iris(g, c, PROV.wasDerivedFrom),
        }) for c in _subjects(g, ORG.ChangeEvent)]
        successions = [Record(str(s), "succession", {
            "post": _iri(g, s, GK.post), "predecessors": _iris(g, s, GK.predecessor),
            "successors": _iris(g, s, GK.successor), "not_before": _value(g, s, GK.notBefore),
            "not_after": _value(g, s, GK.notAfter)}, self.sources(s, PROV.wasDerivedFrom))
            for s in _subjects(g, GK.Succession)]
        _end_succeeded(holdings, successions)
        _end_dissolved(holdings, {o.iri: o.get("dissolution") for o in orgs if o.get("dissolution")})
        return Records(persons, orgs, posts, holdings, events, changes, successions)

    def _province(self, place) -> str | None:
        """The province or centrally-run city a place is (or lies in)."""
        if place is None:
            return None
        types = set(self.g.objects(place, RDF.type))
        if GK.Country in types:
            return None
        if GK.Province in types or (GK.City in types and self.g.value(place, SDO.containedInPlace) is None):
            return _value(self.g, place, SDO.name)
        parent = self.g.value(place, SDO.containedInPlace)
        return _value(self.g, parent, SDO.name) if parent is not None else None


def _end_succeeded(holdings: list[Record], successions: list[Record]) -> None:
    """A holder someone succeeded in the post has ended: status "ended", and, when no end is stated, the end the
    succession's bounds agree on (gk:notBefore/gk:notAfter; often only the year, often nothing)."""
    bounds: dict[tuple[str, str], list[tuple[str | None, str | None]]] = defaultdict(list)
    for s in successions:
        for pred in s.get("predecessors") or []:
            bounds[(pred, s.get("post"))].append((s.get("not_before"), s.get("not_after")))
    for h in holdings:
        found = bounds.get((h.get("person"), h.get("post")))
        if found:
            h.fields["status"] = "ended"
            if not h.get("end"):
                h.fields["end"] = common_date(*min(found, key=lambda b: (b[1] or "", b[0] or "")))


def _end_dissolved(holdings: list[Record], dissolved: Mapping[str, str]) -> None:
    """A post in a body merged away has ended by the merger: status "ended", and, when no end is known, the
    date the last attestation and the merger agree on (the end lies between them)."""
    for h in holdings:
        date = dissolved.get(h.get("organization"))
        if date:
            h.fields["status"] = "ended"
            if not h.get("end"):
                h.fields["end"] = common_date(h.get("last"), date)


def read_records(graph: Graph) -> Records:
    """The persons, organisations, posts, holdings, events, changes and successions of a merged govkg graph."""
    return _Reader(graph).records()


# ----------------------------------------------------------------------------- FollowTheMoney

_ID_OK = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?")


def ftm_id(iri: str) -> str:
    """A FollowTheMoney entity id for a govkg IRI: "govkg-" + its path with "/" as "." (gkr:person/x ->
    govkg-person.x), or govkg-<sha1> of the IRI when that is not a valid id (too long, other characters)."""
    path = iri[len(GKR_NS):] if iri.startswith(GKR_NS) else iri
    readable = "govkg-" + path.replace("/", ".")
    if _ID_OK.fullmatch(readable) and len(readable) <= 128 and ".." not in readable:
        return readable
    return "govkg-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()


def _provenance(sources: list[Source], data: Iterable[str] = ()) -> dict[str, list[str]]:
    """sourceUrl and publisher of the first and the last attesting article (FtM keeps provenance per entity);
    the govkg data file's IRI for what only a data file attests (a body a merger made)."""
    ends = [sources[0], sources[-1]] if sources else []
    return {"sourceUrl": sorted({s.link for s in ends} or set(data)),
            "publisher": sorted({s.publisher for s in ends if s.publisher})}


def _attested(first: str | None, last: str | None, sources: list[Source]) -> str | None:
    if not first:
        return None
    n = len(sources)
    return f"First attested {first}, last attested {last or first}, in {n} article{'s' if n != 1 else ''}."


def _entity(iri: str, schema: str, props: Mapping[str, object]) -> dict:
    clean = {}
    for name, value in props.items():
        values = [value] if isinstance(value, str) else list(value or [])
        values = sorted({v for v in values if v})
        if values:
            clean[name] = values
    return {"id": ftm_id(iri), "schema": schema, "properties": dict(sorted(clean.items()))}


def _org_schema(rec: Record, orgs: Mapping[str, Record], seen: frozenset = frozenset()) -> str:
    classes = {URIRef(c) for c in rec.get("classes") or []}
    if classes & _NON_STATE:
        return "Organization"
    if GK.StandingBoard in classes and rec.get("parent") in orgs and rec.iri not in seen:  # a Party committee's
        return _org_schema(orgs[rec.get("parent")], orgs, seen | {rec.iri})
    return "PublicBody"


def ftm_entities(records: Records) -> list[dict]:
    """FollowTheMoney entities (id, schema, properties) for the records: Person, PublicBody/Organization,
    Position, Occupancy, Succession (organisational changes) and Event; sorted by schema, then id."""
    out: list[dict] = []
    orgs = {o.iri: o for o in records.organizations}
    for p in records.persons:
        out.append(_entity(p.iri, "Person", {"name": p.get("name"), "alias": p.get("aliases"),
                                              **_provenance(p.sources)}))
    for o in records.organizations:
        out.append(_entity(o.iri, _org_schema(o, orgs), {
            "name": o.get("name"), "alias": o.get("aliases"), "country": COUNTRY, "jurisdiction": COUNTRY,
            "classification": o.get("org_type"), "parent": ftm_id(o.get("parent")) if o.get("parent") in orgs else None,
            "incorporationDate": o.get("founding"), "dissolutionDate": o.get("dissolution"),
            **_provenance(o.sources, o.get("data") or ())}))
    for p in records.posts:
        org = orgs.get(p.get("organization"))
        out.append(_entity(p.iri, "Position", {
            "name": position_name(p, org), "country": COUNTRY,
            "subnationalArea": org.get("province") if org is not None else None,
            "organization": ftm_id(org.iri) if org is not None else None,
            "dissolutionDate": org.get("dissolution") if org is not None else None, **_provenance(p.sources)}))
    for h in records.holdings:
        if not h.get("person") or not h.get("post"):
            continue
        out.append(_entity(h.iri, "Occupancy", {
            "holder": ftm_id(h.get("person")), "post": ftm_id(h.get("post")), "startDate": h.get("start"),
            "endDate": h.get("end"), "status": h.get("status"),
            "description": _attested(h.get("first"), h.get("last"), h.sources), **_provenance(h.sources)}))
    for c in records.changes:
        for original in c.get("originals") or []:
            if original in orgs and c.get("result") in orgs:
                out.append(_entity(f"{c.iri}/from/{original.rsplit('/', 1)[-1]}", "Succession", {
                    "predecessor": ftm_id(original), "successor": ftm_id(c.get("result")), "date": c.get("date"),
                    "summary": c.get("label"), "description": c.get("basis"), **_provenance([], c.get("data"))}))
    for e in records.events:
        out.append(_entity(e.iri, "Event", {
            "name": e.get("name"), "startDate": e.get("date"), "country": COUNTRY, "location": e.get("location"),
            "organizer": ftm_id(e.get("organizer")) if e.get("organizer") in orgs else None,
            "involved": [ftm_id(p) for p in e.get("attendees") or []], **_provenance(e.sources)}))
    order = {s: i for i, s in enumerate(FTM_SCHEMAS)}
    return sorted(out, key=lambda e: (order[e["schema"]], e["id"]))


def position_name(post: Record, org: Record | None) -> str:
    """Role + body + jurisdiction: the post's label, with "of Vietnam" when the body is national and does not say it."""
    label = post.get("label") or post.get("role") or post.iri
    if org is not None and org.get("level") == "national" and "Vietnam" not in label:
        return f"{label} of Vietnam"
    return label


def ftm_text(graph: Graph) -> str:
    """The graph as FollowTheMoney entities, one JSON object per line (what `ftm` and Aleph read)."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(read_records(graph)))


# ----------------------------------------------------------------------------- Popolo


def _popolo_sources(sources: Iterable[Source]) -> list[dict[str, str]]:
    return [{"url": s.link, "note": s.note} if s.note else {"url": s.link} for s in sources]


def _data_sources(paths: Iterable[str]) -> list[dict[str, str]]:
    return [{"url": p, "note": "govkg data file " + p[len(GKR_NS + "data/"):]} for p in sorted(paths)]


def _drop_empty(record: dict) -> dict:
    return {k: v for k, v in record.items() if v not in (None, [], "")}


def popolo(records: Records) -> dict[str, list[dict]]:
    """Popolo JSON: persons, organizations (parent_id, founding/dissolution dates), posts, memberships and events,
    ids = govkg IRIs, `sources` on every record (the attesting articles; the data file for a change)."""
    orgs = {o.iri: o for o in records.organizations}
    persons = {p.iri: p for p in records.persons}
    change_data = defaultdict(set)
    for c in records.changes:
        for org in (*(c.get("originals") or []), c.get("result")):
            change_data[org].update(c.get("data") or [])
    out: dict[str, list[dict]] = {"persons": [], "organizations": [], "posts": [], "memberships": [], "events": []}
    for p in records.persons:
        out["persons"].append(_drop_empty({"id": p.iri, "name": p.get("name"),
                                           "other_names": [{"name": a} for a in p.get("aliases") or []],
                                           "sources": _popolo_sources(p.sources)}))
    for o in records.organizations:
        out["organizations"].append(_drop_empty({
            "id": o.iri, "name": o.get("name"), "other_names": [{"name": a} for a in o.get("aliases") or []],
            "classification": o.get("org_type"), "parent_id": o.get("parent") if o.get("parent") in orgs else None,
            "founding_date": o.get("founding"), "dissolution_date": o.get("dissolution"),
            "sources": _popolo_sources(o.sources) + _data_sources(change_data.get(o.iri, ()))}))
    for p in records.posts:
        out["posts"].append(_drop_empty({"id": p.iri, "label": p.get("label"), "role": p.get("role"),
                                         "organization_id": p.get("organization"),
                                         "end_date": orgs[p.get("organization")].get("dissolution")
                                         if p.get("organization") in orgs else None,
                                         "sources": _popolo_sources(p.sources)}))
    for h in records.holdings:
        out["memberships"].append(_drop_empty({
            "id": h.iri, "person_id": h.get("person"), "organization_id": h.get("organization"),
            "post_id": h.get("post"), "role": h.get("role"), "start_date": h.get("start"), "end_date": h.get("end"),
            "sources": _popolo_sources(h.sources)}))
    for e in records.events:
        out["events"].append(_drop_empty({
            "id": e.iri, "name": e.get("name"), "start_date": e.get("date"), "location": e.get("location"),
            "classification": _event_class(e), "organization_id": e.get("organizer") if e.get("organizer") in orgs
            else None, "attendees": [{"id": a, "name": persons[a].get("name")} for a in e.get("attendees") or []
                                     if a in persons],
            "sources": _popolo_sources(e.sources)}))
    return out


def _event_class(e: Record) -> str | None:
    kinds = [c[len(GK_NS):] for c in e.get("classes") or [] if c.startswith(GK_NS)]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kinds[0]).lower() if kinds else None


def popolo_text(graph: Graph) -> str:
    """The graph as one Popolo JSON document."""
    return json.dumps(popolo(read_records(graph)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ----------------------------------------------------------------------------- QuickStatements

_QID = re.compile(r"Q[1-9]\d*")
_PRECISION = {4: 9, 7: 10, 10: 11}


def read_wikidata_map(path: str | Path) -> dict[str, str]:
    """govkg IRI -> Wikidata item from a two-column TSV (IRI or its path after gkr:, tab, Q-id); # comments.

    The user decides every mapping; govkg never looks one up. ValueError names a bad line.
    """
    mapping = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or not _QID.fullmatch(cols[1]):
            raise ValueError(f"{path}:{n}: expected a govkg IRI, a tab and a Wikidata id such as Q1234")
        iri = cols[0] if "://" in cols[0] else GKR_NS + cols[0]
        mapping[iri] = cols[1]
    return mapping


def _qs_time(date: str) -> str:
    """A QuickStatements time value: +YYYY-MM-DDT00:00:00Z/precision (9 year, 10 month, 11 day)."""
    full = (date + "-00-00")[:10] if len(date) < 10 else date
    return f"+{full}T00:00:00Z/{_PRECISION[len(date)]}"


def quickstatements_text(graph: Graph, wikidata: Mapping[str, str]) -> str:
    """QuickStatements (V1, tab-separated) P39 "position held" statements for holdings whose person and post the
    user mapped: qualifiers P580/P582 (start/end, when known) and P1365/P1366 (replaces/replaced by, for mapped
    predecessors/successors), and an S854 reference URL (the first attesting article with a URL; a holding
    no article with a URL attests is left out)."""
    records = read_records(graph)
    replaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    replaced_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in records.successions:
        for pred in s.get("predecessors") or []:
            for succ in s.get("successors") or []:
                replaced_by[(pred, s.get("post"))].add(succ)
                replaces[(succ, s.get("post"))].add(pred)
    lines = []
    for h in records.holdings:
        person, post = wikidata.get(h.get("person") or ""), wikidata.get(h.get("post") or "")
        urls = [s.url for s in h.sources if s.url]
        if not person or not post or not urls:
            continue
        parts = [person, "P39", post]
        for prop, date in (("P580", h.get("start")), ("P582", h.get("end"))):
            if date and len(date) in _PRECISION:
                parts += [prop, _qs_time(date)]
        key = (h.get("person"), h.get("post"))
        for prop, others in (("P1365", replaces.get(key, ())), ("P1366", replaced_by.get(key, ()))):
            for q in sorted({wikidata[o] for o in others if o in wikidata}):
                parts += [prop, q]
        parts += ["S854", json.dumps(urls[0])]
        lines.append("\t".join(parts))
    return "".join(line + "\n" for line in sorted(lines))
