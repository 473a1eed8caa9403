"""Export the graph for other tools: GraphML and GEXF (Gephi, Cytoscape) via networkx, JSON-LD and N-Triples via rdflib.

GraphML/GEXF hold a property graph, not RDF: the nodes are the things a user looks at (people, organisations,
posts, events, places, targets, observations, commitments, documents; id = IRI, with ``label`` and ``type``),
the edges are the meaningful relations between them (attribute ``relation``: holds, post in, chaired, ...),
and literal-valued properties (names, dates, values, units) become attributes instead of nodes. Holdings and
successions, which RDF reifies as resources, become single edges carrying their dates. Every format is
byte-stable (sorted input, no timestamps) and written atomically.
"""

from __future__ import annotations

import io
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ontology.namespaces import DCTERMS, FOAF, GK, GKR_NS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from graph.exports import interchange
from graph.rdf.article import EVENT_CLASSES
from graph.exports.rdf import ExportError, graph_jsonld
from graph.files import atomic_write_text

__all__ = ["FORMATS", "ExportError", "export_text", "format_for_path", "to_networkx", "write_export"]

FORMATS: dict[str, str] = {"graphml": ".graphml", "gexf": ".gexf", "jsonld": ".jsonld", "nt": ".nt",
                           "ftm": ".ftm.json", "popolo": ".json", "quickstatements": ".qs"}
"""Export format -> usual file extension (ftm, popolo and quickstatements are written by graph.exports.interchange)."""

# Node types of the property graph, by the RDF classes that make a resource one (first match wins).
NODE_CLASSES: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("person", (FOAF.Person,)),
    ("event", (SDO.Event, *EVENT_CLASSES.values())),
    ("target", (GK.Target,)),
    ("observation", (GK.Observation,)),
    ("commitment", (GK.Commitment,)),
    ("post", (ORG.Post,)),
    ("document", (GK.LegalDocument, SDO.Legislation)),
    ("organisation", (ORG.Organization, GK.PartyCommittee, GK.PeoplesCommittee, GK.PeoplesCouncil, GK.Ministry,
                      GK.Department, GK.Government, GK.NationalAssembly, GK.PartyCentralBody, GK.CentralCommission,
                      GK.FatherlandFront, GK.MilitaryCommand, GK.PoliceDepartment, GK.StandingBoard, GK.StateBody,
                      GK.Delegation)),
    ("place", (SDO.Place, GK.Country, GK.Province, GK.City, GK.District, GK.Commune, GK.Ward)),
)

# Direct properties drawn as edges: property -> (relation, reversed?). Reversed edges point from object to
# subject, so that "person chaired event" reads in the arrow's direction.
DIRECT_RELATIONS: tuple[tuple[URIRef, str, bool], ...] = (
    (ORG.postIn, "post in", False),
    (ORG.subOrganizationOf, "sub-organisation of", False),
    (ORG.hasSubOrganization, "sub-organisation of", True),
    (GK.jurisdiction, "jurisdiction", False),
    (SDO.containedInPlace, "located in", False),
    (GK.chair, "chaired", True),
    (GK.speaker, "spoke", True),
    (SDO.attendee, "attended", True),
    (SDO.organizer, "organised", True),
    (SDO.location, "held at", False),
    (GK.subject, "concerns", False),
    (GK.post, "concerns post", False),
    (GK.setBy, "set by", False),
    (GK.appliesTo, "applies to", False),
    (GK.statedAt, "stated at", False),
    (GK.actor, "made by", False),
    (GK.addressee, "addressed to", False),
    (GK.issuer, "issued by", False),
    (DCTERMS.creator, "issued by", False),
)
# Relations that happen at an event: the edge carries the event's date.
_EVENT_DATED = {GK.chair, GK.speaker, SDO.attendee, SDO.organizer, SDO.location, GK.subject, GK.post}

_LABEL_PROPS = (FOAF.name, SKOS.prefLabel, SDO.name, DCTERMS.title, RDFS.label, DCTERMS.identifier)
_COMPARATORS = {"atLeast": "≥", "moreThan": ">", "equal": "=", "atMost": "≤", "lessThan": "<", "about": "≈"}
# Attribute names networkx or the formats use themselves; a literal property with such a local name is prefixed.
_RESERVED = {"id", "iri", "label", "type", "rdf_type", "key", "relation", "articles", "start", "end", "viz", "pid",
             "parents", "spells", "slices", "date", "first_attested", "last_attested"}
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger,
             XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
             XSD.unsignedByte}
_FLOATS = {XSD.decimal, XSD.double, XSD.float}
_PREFIX_OF = (
    (str(GK), "gk"), (str(FOAF), "foaf"), (str(SKOS), "skos"), (str(SDO), "schema"), (str(DCTERMS), "dcterms"),
    (str(ORG), "org"), (str(PROV), "prov"), (str(RDFS), "rdfs"), (str(RDF), "rdf"), (GKR_NS, "gkr"),
)


def format_for_path(path: str | os.PathLike) -> str:
    """The export format a file name asks for by its extension (.graphml, .gexf, .jsonld, .nt, .ftm.json, .json
    for Popolo, .qs); ValueError if none."""
    name = Path(path).name.lower()
    for fmt, ext in sorted(FORMATS.items(), key=lambda kv: -len(kv[1])):  # .ftm.json before .json
        if name.endswith(ext):
            return fmt
    suffix = Path(path).suffix.lower()
    raise ValueError(f"{path}: cannot tell the export format from the extension {suffix or '(none)'!r}; "
                     f"give --format {'|'.join(FORMATS)}")


# ----------------------------------------------------------------------------- the property graph


def _sorted_values(graph: Graph, s: Node, p: URIRef) -> list[Node]:
    return sorted(set(graph.objects(s, p)), key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))


def _one(graph: Graph, s: Node, p: URIRef) -> Node | None:
    values = _sorted_values(graph, s, p)
    return values[0] if values else None


def _text(graph: Graph, s: Node, *props: URIRef) -> str | None:
    for p in props:
        v = _one(graph, s, p)
        if v is not None and str(v).strip():
            return " ".join(str(v).split())
    return None


def _local(iri: Node) -> str:
    s = str(iri)
    return re.split(r"[#/]", s.rstrip("/#"))[-1] or s


def _compact(iri: Node) -> str:
    s = str(iri)
    for ns, prefix in _PREFIX_OF:
        if s.startswith(ns) and len(s) > len(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def _number(value: Node | None) -> str:
    if value is None:
        return ""
    try:
        return f"{Decimal(str(value)).normalize():f}"
    except ArithmeticError:
        return str(value)


def _python(lit: Literal) -> str | int | float | bool:
    """A GraphML/GEXF-friendly value: int, float, bool or text (dates stay as written: 2024, 2024-07, 2024-07-05)."""
    dt = lit.datatype
    try:
        if dt in _INTEGERS:
            return int(str(lit))
        if dt in _FLOATS:
            return float(str(lit))
        if dt == XSD.boolean:
            return str(lit).strip().lower() in ("true", "1")
    except ValueError:
        pass
    return " ".join(str(lit).split())


def node_kinds(graph: Graph) -> dict[URIRef, str]:
    """IRI -> node type for every resource that becomes a node (person, organisation, post, event, place, ...)."""
    kinds: dict[URIRef, str] = {}
    for kind, classes in reversed(NODE_CLASSES):  # later assignment = higher precedence
        for cls in classes:
            for s in graph.subjects(RDF.type, cls):
                if isinstance(s, URIRef):
                    kinds[s] = kind
    return kinds


def _label(graph: Graph, s: URIRef, kind: str) -> str:
    if kind in ("target", "observation"):
        ind = _one(graph, s, GK.indicator)
        ind_label = (_text(graph, ind, SKOS.prefLabel, RDFS.label) or _local(ind)) if ind is not None else "indicator"
        comp = _text(graph, s, GK.comparator)
        amount = _number(_one(graph, s, GK.value))
        vmax = _number(_one(graph, s, GK.valueMax))
        if vmax:
            amount += f"–{vmax}"
        unit = _text(graph, s, GK.unit) or ""
        amount += "%" if unit == "percent" else (f" {unit}" if unit else "")
        if kind == "target":
            text = " ".join(x for x in (ind_label, _COMPARATORS.get(comp or "", comp or ""), amount) if x)
        else:
            estimated = str(_one(graph, s, GK.estimated)).lower() in ("true", "1")
            text = f"{ind_label}: {'≈' if estimated else ''}{amount}"
        period = _text(graph, s, GK.period)
        return f"{text} ({period})" if period else text
    if kind == "commitment":
        kind_text = _text(graph, s, GK.kind) or "commitment"
        content = _text(graph, s, GK.content)
        return f"{kind_text.capitalize()}: {content}" if content else kind_text.capitalize()
    return _text(graph, s, *_LABEL_PROPS) or _local(s)


def _articles(graph: Graph, s: Node, *props: URIRef) -> str:
    found = {str(a) for p in props for a in graph.objects(s, p) if isinstance(a, URIRef)}
    return " ".join(sorted(found))


def _node_attributes(graph: Graph, s: URIRef, kind: str, label_of) -> dict[str, object]:
    attrs: dict[str, object] = {"label": label_of(s), "type": kind, "iri": str(s)}
    types = sorted(_compact(t) for t in graph.objects(s, RDF.type) if isinstance(t, URIRef))
    if types:
        attrs["rdf_type"] = " ".join(types)
    literals: dict[str, list[Literal]] = defaultdict(list)
    for p, o in graph.predicate_objects(s):
        if isinstance(o, Literal):
            name = _local(p)
            if name in _RESERVED:
                name = _compact(p).replace(":", "_")
            literals[name].append(o)
    for name in sorted(literals):
        values = sorted(set(literals[name]), key=str)
        if len(values) == 1:
            attrs[name] = _python(values[0])
        else:
            attrs[name] = " | ".join(sorted(" ".join(str(v).split()) for v in values))
    # IRI-valued facts that are not nodes of their own: show their labels
    for p, name in ((ORG.role, "role"), (GK.indicator, "indicator"), (GK.orgType, "org_type")):
        value = _one(graph, s, p)
        if value is not None and name not in attrs:
            attrs[name] = label_of(value)
    if kind == "event":
        date = _text(graph, s, SDO.startDate)
    elif kind == "document":
        date = _text(graph, s, DCTERMS.date)
    else:
        date = None
    if date:
        attrs["date"] = date
    articles = _articles(graph, s, PROV.wasDerivedFrom, GK.mentionedIn)
    if articles:
        attrs["articles"] = articles
    return attrs


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The property graph of ``graph``: typed nodes (id = IRI) and relation edges (key = stable edge id).

    Node attributes: label, type, iri, rdf_type, every literal property by its local name, and date,
    first_attested/last_attested where known. Edge attributes: relation (also label), and the dates and
    roles of holdings, successions and events.
    """
    kinds = node_kinds(graph)
    labels: dict[Node, str] = {}

    def label_of(s: Node) -> str:
        if s not in labels:
            labels[s] = _label(graph, s, kinds[s]) if s in kinds else (
                _text(graph, s, SKOS.prefLabel, *_LABEL_PROPS) or _local(s))
        return labels[s]

    nodes = {s: _node_attributes(graph, s, kinds[s], label_of) for s in sorted(kinds, key=str)}
    edges: dict[tuple[str, str, str, str], dict[str, object]] = {}

    def add(u: Node, v: Node, relation: str, fact: Node | None = None, **attrs: object) -> None:
        if u not in nodes or v not in nodes or u == v:
            return
        key = (str(u), str(v), relation, str(fact) if fact is not None else "")
        data = edges.setdefault(key, {"relation": relation, "label": relation})
        if fact is not None:
            data["fact"] = str(fact)
        data.update({k: val for k, val in attrs.items() if val not in (None, "")})

    for p, relation, reverse in DIRECT_RELATIONS:
        for s, o in graph.subject_objects(p):
            if s not in nodes or o not in nodes:
                continue
            date = _text(graph, s, SDO.startDate) if p in _EVENT_DATED and kinds.get(s) == "event" else None
            if reverse:
                add(o, s, relation, date=date)
            else:
                add(s, o, relation, date=date)

    person_dates: dict[Node, list[str]] = defaultdict(list)
    for h in sorted(set(graph.subjects(RDF.type, ORG.Membership)), key=str):
        person = _one(graph, h, ORG.member)
        target = _one(graph, h, GK.post)
        if target not in nodes:
            target = _one(graph, h, ORG.organization)
        role = _one(graph, h, ORG.role)
        first, last = _text(graph, h, GK.firstAttested), _text(graph, h, GK.lastAttested)
        add(person, target, "holds", h, role=label_of(role) if role is not None else None, first_attested=first,
            last_attested=last, start_date=_text(graph, h, GK.startDate), end_date=_text(graph, h, GK.endDate),
            status=_text(graph, h, GK.status), articles=_articles(graph, h, PROV.wasDerivedFrom))
        if person in nodes:
            person_dates[person].extend(d for d in (first, last) if d)
    for person, dates in person_dates.items():
        nodes[person]["first_attested"] = min(dates)
        nodes[person]["last_attested"] = max(dates)

    for sc in sorted(set(graph.subjects(RDF.type, GK.Succession)), key=str):
        post = _one(graph, sc, GK.post)
        for pred in _sorted_values(graph, sc, GK.predecessor):
            for succ in _sorted_values(graph, sc, GK.successor):
                add(pred, succ, "succeeded by", sc, post=label_of(post) if post is not None else None,
                    not_before=_text(graph, sc, GK.notBefore), not_after=_text(graph, sc, GK.notAfter),
                    articles=_articles(graph, sc, PROV.wasDerivedFrom))

    _uniform_types(nodes.values())
    _uniform_types(edges.values())
    g = nx.MultiDiGraph(name="govkg")
    for s, attrs in nodes.items():
        g.add_node(str(s), **attrs)
    for i, (key, data) in enumerate(sorted(edges.items())):
        g.add_edge(key[0], key[1], key=f"e{i}", id=f"e{i}", **data)
    return g


def _uniform_types(records: Iterable[dict[str, object]]) -> None:
    """GraphML/GEXF declare one type per attribute: an attribute seen with mixed types becomes text everywhere."""
    records = list(records)
    seen: dict[str, set[type]] = defaultdict(set)
    for r in records:
        for k, v in r.items():
            seen[k].add(type(v))
    mixed = {k for k, types in seen.items() if len(types) > 1}
    for r in records:
        for k in mixed & r.keys():
            r[k] = str(r[k]).lower() if isinstance(r[k], bool) else str(r[k])


# ----------------------------------------------------------------------------- serialisation


def _graphml(g: nx.MultiDiGraph) -> str:
    buf = io.BytesIO()
    nx.write_graphml_xml(g, buf, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
    return buf.getvalue().decode("utf-8").replace("\r\n", "\n").rstrip("\n") + "\n"


def _drop_gexf_attribute(root, cls: str, title: str) -> None:
    """Remove one declared attribute (and its values) from a GEXF element tree."""
    ns = {"g": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else None
    prefix = "g:" if ns else ""
    for graph_el in root.iter(f"{{{ns['g']}}}graph" if ns else "graph"):
        ids = set()
        for attrs in graph_el.findall(f"{prefix}attributes", ns):
            if attrs.get("class") != cls:
                continue
            for a in attrs.findall(f"{prefix}attribute", ns):
                if a.get("title") == title:
                    ids.add(a.get("id"))
                    attrs.remove(a)
        for values in graph_el.iter(f"{{{ns['g']}}}attvalues" if ns else "attvalues"):
            for v in list(values):
                if v.get("for") in ids:
                    values.remove(v)


def _gexf(g: nx.MultiDiGraph) -> str:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:  # networkx stamps today's date here; drop it so the same graph gives the same bytes
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = f"govkg (NetworkX {nx.__version__})"
    writer.add_graph(g)
    _drop_gexf_attribute(writer.xml, "edge", "networkx_key")  # the key repeats the edge id
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue().decode("utf-8").replace("\r\n", "\n").rstrip("\n") + "\n"


def _ntriples(graph: Graph) -> str:
    for triple in graph:
        for node in triple:
            if isinstance(node, BNode):
                raise ExportError(f"blank node {node.n3()} in the graph: every node must have a minted IRI")
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def export_text(graph: Graph, fmt: str, wikidata: Mapping[str, str] | None = None) -> str:
    """The graph as text in one of FORMATS; the same graph always gives the same text.

    `wikidata` (govkg IRI -> Q-id, see graph.exports.interchange.read_wikidata_map) is what quickstatements needs.
    """
    if fmt == "graphml":
        return _graphml(to_networkx(graph))
    if fmt == "gexf":
        return _gexf(to_networkx(graph))
    if fmt == "jsonld":
        return graph_jsonld(graph)
    if fmt == "nt":
        return _ntriples(graph)
    if fmt == "ftm":
        return interchange.ftm_text(graph)
    if fmt == "popolo":
        return interchange.popolo_text(graph)
    if fmt == "quickstatements":
        if wikidata is None:
            raise ValueError("quickstatements needs the Wikidata ids of persons and posts: give --wikidata FILE.tsv")
        return interchange.quickstatements_text(graph, wikidata)
    raise ValueError(f"unknown export format {fmt!r}; choose {', '.join(FORMATS)}")


def write_export(graph: Graph, fmt: str, path: str | os.PathLike, wikidata: Mapping[str, str] | None = None) -> Path:
    """Write the graph to path in format fmt, atomically (a reader never sees half a file)."""
    return atomic_write_text(path, export_text(graph, fmt, wikidata))
