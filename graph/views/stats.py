"""What a govkg graph holds and who is central in it (networkx).

``compute_stats`` counts the things in the graph (by type), lists its articles and their date range,
and analyses the person network: people are linked when they took part in the same event (as chair,
speaker or attendee) or held posts in the same organisation. Degree says how many others a person is
linked to; betweenness says how often a person lies on the shortest path between two others (the
brokers between otherwise separate groups). Co-chair pairs count the events two officials chaired together.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from ontology.namespaces import DCTERMS, FOAF, GK, ORG, RDF, SDO, SKOS

from graph.rdf.article import EVENT_CLASSES

__all__ = ["CoChairPair", "GraphStats", "PersonCentrality", "compute_stats", "format_stats", "person_network"]

EVENT_ROLES = (GK.chair, GK.speaker, SDO.attendee)
"""How a person takes part in an event, for the person network."""

_EVENT_CLASSES = (SDO.Event, *EVENT_CLASSES.values())
_PLACE_CLASSES = (SDO.Place, GK.Country, GK.Province, GK.City, GK.District, GK.Commune, GK.Ward)


@dataclass(frozen=True)
class PersonCentrality:
    """One person's place in the person network."""

    iri: str
    name: str
    degree: int  # people linked to this person
    degree_centrality: float  # degree / (people - 1)
    betweenness: float  # normalised betweenness centrality
    events: int  # events taken part in (chair, speaker or attendee)
    organisations: int  # organisations the person held a post in


@dataclass(frozen=True)
class CoChairPair:
    """Two officials and the events they chaired together."""

    a: str
    a_name: str
    b: str
    b_name: str
    count: int
    events: tuple[str, ...]  # event names, sorted


@dataclass
class GraphStats:
    """Everything ``govkg stats`` reports; ``as_dict`` is its JSON form."""

    counts: dict[str, int]
    articles: list[dict[str, str]]
    first_date: str | None
    last_date: str | None
    network: dict[str, int]
    people: list[PersonCentrality] = field(default_factory=list)
    co_chairs: list[CoChairPair] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def person(self, name_or_iri: str) -> PersonCentrality:
        """The entry of one person, by exact name or IRI; KeyError if absent."""
        for p in self.people:
            if name_or_iri in (p.name, p.iri):
                return p
        raise KeyError(f"no person {name_or_iri!r} in the statistics")


def _name(graph: Graph, s: Node) -> str:
    for p in (FOAF.name, SKOS.prefLabel, SDO.name, DCTERMS.title):
        values = sorted(str(v) for v in graph.objects(s, p))
        if values:
            return " ".join(values[0].split())
    return str(s).rstrip("/").rsplit("/", 1)[-1]


def _of_types(graph: Graph, classes) -> set[URIRef]:
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def _person_contexts(graph: Graph) -> tuple[dict[URIRef, set[URIRef]], dict[URIRef, set[URIRef]]]:
    """person -> events taken part in, person -> organisations held a post in."""
    people = _of_types(graph, (FOAF.Person,))
    events: dict[URIRef, set[URIRef]] = defaultdict(set)
    for e in _of_types(graph, _EVENT_CLASSES):
        for role in EVENT_ROLES:
            for p in graph.objects(e, role):
                if p in people:
                    events[p].add(e)
    orgs: dict[URIRef, set[URIRef]] = defaultdict(set)
    for h in graph.subjects(RDF.type, ORG.Membership):
        person = graph.value(h, ORG.member)
        if person not in people:
            continue
        found = set(graph.objects(h, ORG.organization))
        for post in graph.objects(h, GK.post):
            found.update(graph.objects(post, ORG.postIn))
        orgs[person].update(o for o in found if isinstance(o, URIRef))
    return events, orgs


def person_network(graph: Graph) -> nx.Graph:
    """People (node id = IRI, attribute name) linked when they share an event or an organisation.

    Edge attributes: events and organisations (sorted IRIs of what they share) and weight (how many).
    """
    people = sorted(_of_types(graph, (FOAF.Person,)), key=str)
    events, orgs = _person_contexts(graph)
    g = nx.Graph()
    for p in people:
        g.add_node(str(p), name=_name(graph, p))
    shared: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"events": set(), "organisations": set()})
    for what, index in (("events", events), ("organisations", orgs)):
        members: dict[URIRef, set[URIRef]] = defaultdict(set)
        for person, things in index.items():
            for t in things:
                members[t].add(person)
        for thing, who in members.items():
            for a, b in combinations(sorted(str(x) for x in who), 2):
                shared[(a, b)][what].add(str(thing))
    for (a, b), what in sorted(shared.items()):
        g.add_edge(a, b, events=sorted(what["events"]), organisations=sorted(what["organisations"]),
                   weight=len(what["events"]) + len(what["organisations"]))
    return g


def co_chair_pairs(graph: Graph) -> list[CoChairPair]:
    """Pairs of people who chaired the same event, most frequent first (ties by name)."""
    together: dict[tuple[URIRef, URIRef], set[URIRef]] = defaultdict(set)
    for e in _of_types(graph, _EVENT_CLASSES):
        chairs = sorted({c for c in graph.objects(e, GK.chair) if isinstance(c, URIRef)}, key=str)
        for a, b in combinations(chairs, 2):
            together[(a, b)].add(e)
    pairs = []
    for (a, b), evs in together.items():
        (a, an), (b, bn) = sorted(((a, _name(graph, a)), (b, _name(graph, b))), key=lambda x: (x[1], str(x[0])))
        pairs.append(CoChairPair(str(a), an, str(b), bn, len(evs), tuple(sorted(_name(graph, e) for e in evs))))
    return sorted(pairs, key=lambda p: (-p.count, p.a_name, p.b_name, p.a, p.b))


def _counts(graph: Graph) -> dict[str, int]:
    from graph.pipeline import count  # noqa: PLC0415  (the build summary's counts, so both agree)

    counts = count(graph)
    out = {k: v for k, v in counts.items() if k != "triples"}
    out["places"] = len(_of_types(graph, _PLACE_CLASSES))
    out["triples"] = counts["triples"]
    return out


def compute_stats(graph: Graph, top: int | None = 10) -> GraphStats:
    """Counts, articles, and the person network's centrality and co-chairs (top entries; None or 0 = all)."""
    articles = []
    for a in sorted(_of_types(graph, (GK.Article,)), key=str):
        date = graph.value(a, DCTERMS.date)
        articles.append({
            "iri": str(a),
            "title": _name(graph, a) if graph.value(a, DCTERMS.title) is not None else "",
            "date": str(date) if date is not None else "",
            "date_basis": str(graph.value(a, GK.dateBasis) or ""),
            "source": str(graph.value(a, DCTERMS.source) or ""),
        })
    articles.sort(key=lambda x: (x["date"], x["iri"]))
    dates = sorted(x["date"] for x in articles if x["date"])

    net = person_network(graph)
    events, orgs = _person_contexts(graph)
    degree_c = nx.degree_centrality(net) if len(net) > 1 else {n: 0.0 for n in net}
    between = nx.betweenness_centrality(net, normalized=True)
    people = [
        PersonCentrality(iri=n, name=net.nodes[n]["name"], degree=net.degree(n),
                         degree_centrality=round(degree_c[n], 4), betweenness=round(between[n], 4),
                         events=len(events.get(URIRef(n), ())), organisations=len(orgs.get(URIRef(n), ())))
        for n in net.nodes
    ]
    people.sort(key=lambda p: (-p.betweenness, -p.degree, p.name, p.iri))
    pairs = co_chair_pairs(graph)
    if top:
        people, pairs = people[:top], pairs[:top]
    network = {"people": net.number_of_nodes(), "links": net.number_of_edges(),
               "components": nx.number_connected_components(net) if len(net) else 0,
               "isolated": sum(1 for n in net if net.degree(n) == 0)}
    return GraphStats(counts=_counts(graph), articles=articles, first_date=dates[0] if dates else None,
                      last_date=dates[-1] if dates else None, network=network, people=people, co_chairs=pairs)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        padded = (c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        return "  ".join(padded).rstrip()

    return ["  " + line(header), "  " + line(["-" * w for w in widths])] + ["  " + line(r) for r in rows]


def format_stats(stats: GraphStats, fmt: str = "table") -> str:
    """The statistics as an aligned text report ("table") or JSON ("json", keys sorted)."""
    if fmt == "json":
        return json.dumps(stats.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose table or json")
    out = ["What is in the graph:"]
    width = max(len(k) for k in stats.counts)
    out += [f"  {k:<{width}}  {v:>7}" for k, v in stats.counts.items()]
    span = f", dated {stats.first_date} to {stats.last_date}" if stats.first_date else ""
    out += ["", f"Articles ({len(stats.articles)}{span}):"]
    if stats.articles:
        out += _table(["date", "basis", "article", "title"],
                      [[a["date"], a["date_basis"], a["iri"].rsplit("/", 1)[-1], _clip(a["title"], 70)]
                       for a in stats.articles])
    n = stats.network
    out += ["", f"Person network: {n['people']} people, {n['links']} links (shared events or organisations), "
                f"{n['components']} component(s), {n['isolated']} isolated."]
    out += ["Who is central (betweenness: how often on the shortest path between two others; "
            "degree: people linked):"]
    if stats.people:
        out += _table(["person", "betweenness", "degree", "degree_c", "events", "orgs"],
                      [[p.name, f"{p.betweenness:.4f}", str(p.degree), f"{p.degree_centrality:.4f}", str(p.events),
                        str(p.organisations)] for p in stats.people], right={1, 2, 3, 4, 5})
    else:
        out.append("  (no people)")
    out += ["", "Officials who co-chair most often:"]
    if stats.co_chairs:
        out += _table(["times", "official", "with", "events"],
                      [[str(c.count), c.a_name, c.b_name, _clip("; ".join(c.events), 90)] for c in stats.co_chairs],
                      right={0})
    else:
        out.append("  (no event with two or more chairs)")
    return "\n".join(out) + "\n"
