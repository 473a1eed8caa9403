"""Interactive, offline HTML view of a govkg graph (vis-network inlined, one file).

``render_html`` turns an rdflib graph into a self-contained page: people, organisations,
posts, events, targets, observations, commitments, documents, places and indicators as
typed nodes; holdings, event roles, succession and target links as labelled edges; a
legend with type toggles, a diacritic-insensitive search box, a year filter for
time-scoped edges and a side panel with each fact's evidence sentences and sources.

All graph text travels as JSON in a ``<script type="application/json">`` block (with
``<``, ``>``, ``&``, U+2028/U+2029 escaped) and is put into the DOM with textContent only.
"""
from __future__ import annotations

import functools
import html
import json
import os
import re

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Iterable

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS, TIME
from rdflib.term import Node

from ontology.namespaces import GK, GKR, SDO

from graph.rdf.article import EVENT_CLASSES
from graph.files import atomic_write_text

SCHEMA = SDO

VIS_DIR = "lib/vis-9.1.2"

# ---------------------------------------------------------------------------------------
# Style
# ---------------------------------------------------------------------------------------

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
SHAPES = frozenset({"dot", "square", "diamond", "star", "triangle", "triangleDown", "hexagon", "ellipse", "box"})
LABEL_INSIDE_SHAPES = frozenset({"ellipse", "box"})


@dataclass(frozen=True)
class KindStyle:
    """How one node type looks: legend text, fill colour (#rrggbb) and vis-network shape."""

    label: str
    color: str
    shape: str
    dashed: bool = False  # dashed border, to tell two kinds of the same shape apart

    def __post_init__(self) -> None:
        if not _HEX.match(self.color):
            raise ValueError(f"KindStyle {self.label!r}: colour {self.color!r} is not #rrggbb")
        if self.shape not in SHAPES:
            raise ValueError(f"KindStyle {self.label!r}: shape {self.shape!r} not in {sorted(SHAPES)}")


KINDS: tuple[str, ...] = (
    "person", "organisation", "post", "event", "target", "observation",
    "commitment", "document", "place", "indicator",
)
DETAIL_KINDS = frozenset({"target", "observation", "commitment", "indicator"})

_DEFAULT_KINDS: tuple[tuple[str, KindStyle], ...] = (
    ("person", KindStyle("Person", "#4e79a7", "dot")),
    ("organisation", KindStyle("Organisation", "#f28e2b", "square")),
    ("post", KindStyle("Post", "#76b7b2", "diamond")),
    ("event", KindStyle("Event", "#e15759", "star")),
    ("target", KindStyle("Target", "#59a14f", "triangle")),
    ("observation", KindStyle("Observation", "#edc948", "triangleDown")),
    ("commitment", KindStyle("Commitment", "#b07aa1", "hexagon")),
    ("document", KindStyle("Document", "#d9d9d9", "box")),
    ("place", KindStyle("Place", "#e8d5b5", "ellipse")),
    ("indicator", KindStyle("Indicator", "#cfe8cc", "box", dashed=True)),
)


@dataclass(frozen=True)
class ViewStyle:
    """Colours, shapes and layout limits of the view; immutable so it can be a default."""

    kinds: tuple[tuple[str, KindStyle], ...] = _DEFAULT_KINDS
    edge_color: str = "#8a9099"
    background: str = "#fbfaf7"
    stabilization_iterations: int = 300
    large_stabilization_iterations: int = 120
    improved_layout_max_nodes: int = 1000
    cluster_min_leaves: int = 8
    label_max_chars: int = 56
    max_panel_evidence: int = 40
    random_seed: int = 7

    def __post_init__(self) -> None:
        names = [k for k, _ in self.kinds]
        missing = set(KINDS) - set(names)
        if missing:
            raise ValueError(f"ViewStyle: no style for node types {sorted(missing)}")
        for colour in (self.edge_color, self.background):
            if not _HEX.match(colour):
                raise ValueError(f"ViewStyle: colour {colour!r} is not #rrggbb")
        if self.stabilization_iterations < 1 or self.large_stabilization_iterations < 1:
            raise ValueError("ViewStyle: stabilisation iterations must be positive")

    def kind(self, name: str) -> KindStyle:
        """The style of node type ``name``."""
        for k, style in self.kinds:
            if k == name:
                return style
        raise KeyError(f"ViewStyle: unknown node type {name!r}")


DEFAULT_STYLE = ViewStyle()

# ---------------------------------------------------------------------------------------
# Node typing
# ---------------------------------------------------------------------------------------

_BASE_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "person": (FOAF.Person,),
    "event": (SCHEMA.Event, *EVENT_CLASSES.values()),
    "target": (GK.Target,),
    "observation": (GK.Observation,),
    "commitment": (GK.Commitment,),
    "post": (ORG.Post,),
    "document": (GK.LegalDocument, SCHEMA.Legislation),
    "organisation": (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit, GK.PartyCommittee,
                     GK.PeoplesCommittee, GK.PeoplesCouncil, GK.Ministry, GK.Department, GK.Government,
                     GK.NationalAssembly, GK.PartyCentralBody, GK.CentralCommission, GK.FatherlandFront,
                     GK.MilitaryCommand, GK.PoliceDepartment, GK.StandingBoard, GK.StateBody, GK.Delegation),
    "place": (SCHEMA.Place, GK.Country, GK.Province, GK.City, GK.District, GK.Commune, GK.Ward),
}
# Which kind wins when a resource has several types.
_PRECEDENCE = ("person", "event", "target", "observation", "commitment", "post", "document", "organisation", "place")

_COMPARATORS = {"atLeast": "≥", "moreThan": ">", "equal": "=", "atMost": "≤", "lessThan": "<", "about": "≈"}
_COMMITMENT_VERBS = {"commitment": "committed", "request": "requested", "directive": "directed", "proposal": "proposed"}


def fold_text(text: str) -> str:
    """Lower-case, diacritic-free, space-normalised form of ``text`` for name matching."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())


def short_id(iri: Node) -> str:
    """A compact, stable node id: the IRI without the gkr: base."""
    s = str(iri)
    base = str(GKR)
    return s[len(base):] if s.startswith(base) else s


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _year(value: Node | str | None) -> int | None:
    if value is None:
        return None
    m = re.match(r"^\s*(\d{4})", str(value))
    return int(m.group(1)) if m else None


def _num(value: Node | None) -> str:
    if value is None:
        return ""
    try:
        d = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    return f"{d:f}"


def _local_name(iri: Node) -> str:
    s = str(iri)
    return re.split(r"[#/]", s.rstrip("/#"))[-1] or s


def _lit_sort_key(v: Node) -> tuple:
    lang = getattr(v, "language", None)
    return (0 if lang in (None, "en") else 1, str(v))


class _Reader:
    """Small helpers over one rdflib graph (deterministic: values always sorted)."""

    def __init__(self, graph: Graph):
        self.g = graph

    def objs(self, s: Node, p: URIRef) -> list[Node]:
        return sorted(set(self.g.objects(s, p)), key=_lit_sort_key)

    def one(self, s: Node, p: URIRef) -> Node | None:
        values = self.objs(s, p)
        return values[0] if values else None

    def text(self, s: Node, *props: URIRef) -> str | None:
        for p in props:
            v = self.one(s, p)
            if v is not None and str(v).strip():
                return str(v)
        return None


_LABEL_PROPS = (FOAF.name, SKOS.prefLabel, SCHEMA.name, DCTERMS.title, RDFS.label, DCTERMS.identifier)


# ---------------------------------------------------------------------------------------
# The view model
# ---------------------------------------------------------------------------------------


@dataclass
class ViewNode:
    """One drawn node: its IRI, type, short label, search names, year scope and details."""

    id: str
    iri: URIRef
    kind: str
    label: str
    names: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    group: str | None = None
    full_name: str = ""


@dataclass
class ViewEdge:
    """One drawn edge (parallel facts between the same pair and year scope are merged)."""

    source: str
    target: str
    labels: list[str]
    year_from: int | None = None
    year_to: int | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    backing: list[URIRef] = field(default_factory=list)
    id: str = ""

    @property
    def label(self) -> str:
        return ", ".join(self.labels)


@dataclass
class ViewModel:
    """Nodes, edges, evidence sentences and articles extracted from a graph for drawing."""

    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]
    evidence: dict[str, dict[str, str]]
    articles: dict[str, dict[str, str]]

    def degree(self) -> dict[str, int]:
        deg = {nid: 0 for nid in self.nodes}
        for e in self.edges:
            deg[e.source] += 1
            deg[e.target] += 1
        return deg


def _classes_by_kind(g: Graph) -> dict[str, set[Node]]:
    out: dict[str, set[Node]] = {}
    for kind, bases in _BASE_CLASSES.items():
        classes: set[Node] = set(bases)
        for base in bases:
            classes.update(g.transitive_subjects(RDFS.subClassOf, base))
        out[kind] = classes
    return out


def build_view_model(graph: Graph, style: ViewStyle = DEFAULT_STYLE) -> ViewModel:
    """Read the contract terms of ``graph`` into drawable nodes and labelled edges."""
    r = _Reader(graph)
    g = graph
    limit = style.label_max_chars

    # 1. classify typed resources
    classes = _classes_by_kind(g)
    kind_of: dict[Node, str] = {}
    for kind in reversed(_PRECEDENCE):  # later assignment = higher precedence
        for cls in classes[kind]:
            for s in g.subjects(RDF.type, cls):
                if isinstance(s, URIRef):
                    kind_of[s] = kind
    for ind in set(g.objects(None, GK.indicator)):
        if isinstance(ind, URIRef) and ind not in kind_of:
            kind_of[ind] = "indicator"

    # 2. articles and evidence
    articles: dict[str, dict[str, str]] = {}
    evidence: dict[str, dict[str, str]] = {}

    def article_id(a: Node) -> str:
        aid = short_id(a)
        if aid not in articles:
            entry = {"t": r.text(a, DCTERMS.title) or "", "u": r.text(a, DCTERMS.source, SCHEMA.url) or "",
                     "d": r.text(a, DCTERMS.date) or ""}
            articles[aid] = entry
        return aid

    def evidence_ids(fact: Node) -> list[str]:
        ids = []
        for ev in r.objs(fact, GK.evidence):
            eid = short_id(ev)
            if eid not in evidence:
                art = r.one(ev, GK.inArticle)
                evidence[eid] = {"q": r.text(ev, GK.quote) or "", "a": article_id(art) if art is not None else ""}
            ids.append(eid)
        return ids

    def source_ids(fact: Node, *props: URIRef) -> list[str]:
        out: list[str] = []
        for p in props or (PROV.wasDerivedFrom,):
            out.extend(article_id(a) for a in r.objs(fact, p) if isinstance(a, URIRef))
        return sorted(set(out))

    def label_of(s: Node) -> str:
        return r.text(s, *_LABEL_PROPS) or _local_name(s)

    # 3. nodes
    nodes: dict[str, ViewNode] = {}
    id_of: dict[Node, str] = {}
    for s, kind in sorted(kind_of.items(), key=lambda kv: str(kv[0])):
        nid = short_id(s)
        name = label_of(s)
        alts = sorted({str(v) for p in (SKOS.altLabel, FOAF.name, SKOS.prefLabel, SCHEMA.name, GK.nameKey,
                                        DCTERMS.identifier, SCHEMA.alternateName) for v in r.objs(s, p)} - {name})
        node = ViewNode(id=nid, iri=s, kind=kind, label=_truncate(name, limit), names=[name, *alts], full_name=name)
        node.evidence = evidence_ids(s)
        node.sources = source_ids(s, PROV.wasDerivedFrom, GK.mentionedIn)
        types = sorted(_local_name(t) for t in r.objs(s, RDF.type))
        if types:
            node.facts.append(("Type", ", ".join(types)))
        also = [str(v) for v in r.objs(s, SKOS.altLabel)]
        if also:
            node.facts.append(("Also known as", "; ".join(also)))
        nodes[nid] = node
        id_of[s] = nid

    def add_fact(n: ViewNode, key: str, value: Node | str | None) -> None:
        if value is not None and str(value).strip():
            n.facts.append((key, str(value)))

    def name_of(s: Node | None) -> str | None:
        if s is None:
            return None
        return nodes[id_of[s]].full_name if s in id_of else label_of(s)

    # per-kind labels and facts
    for s, nid in id_of.items():
        n = nodes[nid]
        if n.kind == "person":
            add_fact(n, "Name key", r.one(s, GK.nameKey))
        elif n.kind == "organisation":
            add_fact(n, "Level", r.one(s, GK.level))
            add_fact(n, "Jurisdiction", name_of(r.one(s, GK.jurisdiction)))
            add_fact(n, "Part of", name_of(r.one(s, ORG.subOrganizationOf)))
        elif n.kind == "post":
            add_fact(n, "Role", name_of(r.one(s, ORG.role)))
            add_fact(n, "Organisation", name_of(r.one(s, ORG.postIn)))
        elif n.kind == "event":
            start = r.one(s, SCHEMA.startDate)
            add_fact(n, "Date", start)
            add_fact(n, "End", r.one(s, SCHEMA.endDate))
            add_fact(n, "Location", name_of(r.one(s, SCHEMA.location)))
            add_fact(n, "Term", r.one(s, GK.termOrdinal))
            add_fact(n, "Session", r.one(s, GK.sessionOrdinal))
            n.year_from = n.year_to = _year(start)
        elif n.kind in ("target", "observation"):
            ind = name_of(r.one(s, GK.indicator)) or "indicator"
            comp = r.text(s, GK.comparator)
            value, vmax, unit = _num(r.one(s, GK.value)), _num(r.one(s, GK.valueMax)), r.text(s, GK.unit) or ""
            period = r.text(s, GK.period)
            p_start, p_end = r.text(s, GK.periodStart), r.text(s, GK.periodEnd)
            if not period and (p_start or p_end):
                period = f"{p_start or '…'} – {p_end or '…'}"
            amount = value + (f"–{vmax}" if vmax else "")
            amount += "%" if unit == "percent" else (f" {unit}" if unit else "")
            if n.kind == "target":
                sym = _COMPARATORS.get(comp or "", comp or "")
                text = " ".join(x for x in (ind, sym, amount) if x)
            else:
                est = r.one(s, GK.estimated)
                text = f"{ind}: {'≈' if est is not None and str(est).lower() in ('true', '1') else ''}{amount}"
            if period:
                text += f" ({period})"
            n.full_name = text
            n.label = _truncate(text, limit)
            n.names = [text, *n.names]
            add_fact(n, "Indicator", ind)
            add_fact(n, "Comparator", comp)
            add_fact(n, "Value", value)
            add_fact(n, "Maximum", vmax or None)
            add_fact(n, "Unit", unit)
            add_fact(n, "Period", period)
            add_fact(n, "Estimated", r.one(s, GK.estimated))
            add_fact(n, "Relative to", r.one(s, GK.relativeTo))
            add_fact(n, "Set by", name_of(r.one(s, GK.setBy)))
            add_fact(n, "Applies to", name_of(r.one(s, GK.appliesTo)))
            hub = r.one(s, GK.appliesTo) or r.one(s, GK.setBy) or r.one(s, GK.indicator)
            n.group = short_id(hub) if hub is not None else None
        elif n.kind == "commitment":
            kind = r.text(s, GK.kind) or "commitment"
            content = r.text(s, GK.content) or ""
            text = f"{kind.capitalize()}: {content}" if content else kind.capitalize()
            n.full_name = text
            n.label = _truncate(text, limit)
            n.names = [text, *n.names]
            add_fact(n, "Kind", kind)
            add_fact(n, "Content", content)
            add_fact(n, "Actor", name_of(r.one(s, GK.actor)))
            add_fact(n, "Addressee", name_of(r.one(s, GK.addressee)))
        elif n.kind == "document":
            add_fact(n, "Identifier", r.one(s, DCTERMS.identifier))
            add_fact(n, "Date", r.one(s, DCTERMS.date))
            add_fact(n, "Issuer", name_of(r.one(s, GK.issuer) or r.one(s, DCTERMS.creator)))

    # 4. edges
    merged: dict[tuple, ViewEdge] = {}

    def add_edge(a: Node | None, b: Node | None, label: str, *, yf: int | None = None, yt: int | None = None,
                 facts: Iterable[tuple[str, str]] = (), ev: Iterable[str] = (), src: Iterable[str] = (),
                 backing: Node | None = None) -> None:
        if a not in id_of or b not in id_of or a == b:
            return
        key = (id_of[a], id_of[b], yf, yt)
        e = merged.get(key)
        if e is None:
            e = merged[key] = ViewEdge(id_of[a], id_of[b], [], yf, yt)
        if label not in e.labels:
            e.labels.append(label)
        for f in facts:
            if f not in e.facts:
                e.facts.append(f)
        e.evidence.extend(x for x in ev if x not in e.evidence)
        e.sources.extend(x for x in src if x not in e.sources)
        if backing is not None and backing not in e.backing:
            e.backing.append(backing)

    def interval_bounds(h: Node) -> tuple[str | None, str | None]:
        iv = r.one(h, ORG.memberDuring)
        if iv is None:
            return None, None
        out = []
        for p in (TIME.hasBeginning, TIME.hasEnd):
            inst = r.one(iv, p)
            out.append(r.text(inst, TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear, TIME.inXSDDateTimeStamp)
                       if inst is not None else None)
        return out[0], out[1]

    person_dates: dict[str, list[str]] = {}
    for h in sorted(set(g.subjects(RDF.type, ORG.Membership)), key=str):
        person, post, org_ = r.one(h, ORG.member), r.one(h, GK.post), r.one(h, ORG.organization)
        role = name_of(r.one(h, ORG.role)) or "holds"
        first = r.text(h, GK.startDate, GK.firstAttested)
        last = r.text(h, GK.endDate, GK.lastAttested)
        iv_begin, iv_end = interval_bounds(h)
        first, last = first or iv_begin, last or iv_end
        status = r.text(h, GK.status)
        span = " – ".join(x for x in (first, last) if x) if first != last else (first or "")
        label = role + (f" ({status})" if status and status != "current" else "")
        if span:
            label += f"\n{span}"
        facts = [(k, str(v)) for k, v in (
            ("Role", role), ("Post", name_of(post)), ("Organisation", name_of(org_)),
            ("First attested", r.one(h, GK.firstAttested)), ("Last attested", r.one(h, GK.lastAttested)),
            ("Start date", r.one(h, GK.startDate)), ("End date", r.one(h, GK.endDate)),
            ("Status", status)) if v is not None]
        target_node = post if post in id_of else org_
        yf, yt = _year(first), _year(last) or _year(first)
        add_edge(person, target_node, label, yf=yf, yt=yt if yf is not None else None, facts=facts,
                 ev=evidence_ids(h), src=source_ids(h), backing=h)
        if person in id_of:
            person_dates.setdefault(id_of[person], []).extend(x for x in (first, last) if x)

    for s in sorted(id_of, key=str):
        kind = kind_of[s]
        if kind == "post":
            add_edge(s, r.one(s, ORG.postIn), "in")
        elif kind == "organisation":
            for parent in r.objs(s, ORG.subOrganizationOf):
                add_edge(s, parent, "part of")
            for child in r.objs(s, ORG.hasSubOrganization):
                add_edge(child, s, "part of")
            for place in r.objs(s, GK.jurisdiction):
                add_edge(s, place, "jurisdiction")
        elif kind == "place":
            for parent in r.objs(s, SCHEMA.containedInPlace):
                add_edge(s, parent, "in")
        elif kind == "event":
            y = nodes[id_of[s]].year_from
            ev = nodes[id_of[s]].evidence
            for p, lab in ((GK.chair, "chaired"), (GK.speaker, "spoke"), (SCHEMA.attendee, "attended")):
                for person in r.objs(s, p):
                    add_edge(person, s, lab, yf=y, yt=y, ev=ev)
            for org_ in r.objs(s, SCHEMA.organizer):
                add_edge(org_, s, "organised", yf=y, yt=y, ev=ev)
            for place in r.objs(s, SCHEMA.location):
                add_edge(s, place, "at", yf=y, yt=y)
            for person in r.objs(s, GK.subject):
                add_edge(s, person, "concerns", yf=y, yt=y, ev=ev)
            for post in r.objs(s, GK.post):
                add_edge(s, post, "post", yf=y, yt=y, ev=ev)
        elif kind in ("target", "observation"):
            ev = nodes[id_of[s]].evidence
            for who in r.objs(s, GK.setBy):
                add_edge(who, s, "set target", ev=ev)
            for ind in r.objs(s, GK.indicator):
                add_edge(s, ind, "indicator")
            for x in r.objs(s, GK.appliesTo):
                add_edge(s, x, "applies to", ev=ev)
            for event in r.objs(s, GK.statedAt):
                add_edge(s, event, "stated at", ev=ev)
        elif kind == "commitment":
            ev = nodes[id_of[s]].evidence
            verb = _COMMITMENT_VERBS.get(r.text(s, GK.kind) or "", "committed")
            for who in r.objs(s, GK.actor):
                add_edge(who, s, verb, ev=ev)
            for who in r.objs(s, GK.addressee):
                add_edge(s, who, "addressed to", ev=ev)
        elif kind == "document":
            for who in set(r.objs(s, GK.issuer)) | set(r.objs(s, DCTERMS.creator)):
                add_edge(who, s, "issued")

    for sc in sorted(set(g.subjects(RDF.type, GK.Succession)), key=str):
        nb, na = r.text(sc, GK.notBefore), r.text(sc, GK.notAfter)
        post = r.one(sc, GK.post)
        facts = [(k, str(v)) for k, v in (("Post", name_of(post)), ("Not before", nb), ("Not after", na)) if v]
        yf, yt = _year(nb) or _year(na), _year(na) or _year(nb)
        for pred in r.objs(sc, GK.predecessor):
            for succ in r.objs(sc, GK.successor):
                add_edge(pred, succ, "succeeded by", yf=yf, yt=yt, facts=facts, ev=evidence_ids(sc),
                         src=source_ids(sc), backing=sc)

    for cf in sorted(set(g.subjects(RDF.type, GK.Conflict)), key=str):
        post = r.one(cf, GK.post)
        if post in id_of:
            holders = "; ".join(sorted(name_of(h) or "" for h in r.objs(cf, GK.holder)))
            note = r.text(cf, GK.note)
            add_fact(nodes[id_of[post]], "Conflicting holders", holders + (f" ({note})" if note else ""))

    for pid, dates in person_dates.items():
        if dates:
            add_fact(nodes[pid], "First attested", min(dates))
            add_fact(nodes[pid], "Last attested", max(dates))

    edges = sorted(merged.values(), key=lambda e: (e.source, e.target, e.label, e.year_from or 0, e.year_to or 0))
    for i, e in enumerate(edges):
        e.id = f"e{i}"
    return ViewModel(nodes=nodes, edges=edges, evidence=evidence, articles=articles)


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _asset(package: str, relpath: str) -> str:
    """Read a packaged text asset once (vis-network files, the page template)."""
    try:
        return (resources.files(package) / relpath).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"graph.html: packaged asset {package}/{relpath} is missing") from exc


def json_for_script(data: object) -> str:
    """JSON safe to place inside a <script> element (no tag, entity or line-separator breakout)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _shade(hex_colour: str, factor: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c * factor))) for c in (r, g, b)))


def _star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    import math
    pts = []
    for i in range(10):
        rad = outer if i % 2 == 0 else inner
        ang = -math.pi / 2 + i * math.pi / 5
        pts.append(f"{cx + rad * math.cos(ang):.1f},{cy + rad * math.sin(ang):.1f}")
    return " ".join(pts)


def shape_svg(shape: str, fill: str, stroke: str, size: int = 16, dashed: bool = False) -> str:
    """A small inline SVG icon of a vis-network shape, for the legend."""
    body = {
        "dot": '<circle cx="8" cy="8" r="6"/>',
        "square": '<rect x="2.5" y="2.5" width="11" height="11"/>',
        "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
        "star": f'<polygon points="{_star_points(8, 8.5, 7.5, 3.2)}"/>',
        "triangle": '<polygon points="8,1.5 14.8,14 1.2,14"/>',
        "triangleDown": '<polygon points="1.2,2 14.8,2 8,14.5"/>',
        "hexagon": '<polygon points="4,1.6 12,1.6 15.5,8 12,14.4 4,14.4 0.5,8"/>',
        "ellipse": '<ellipse cx="8" cy="8" rx="7.2" ry="4.6"/>',
        "box": '<rect x="1" y="3.5" width="14" height="9" rx="2"/>',
    }[shape]
    dash = ' stroke-dasharray="2.5 1.5"' if dashed else ""
    return (f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 16 16" aria-hidden="true">'
            f'<g fill="{fill}" stroke="{stroke}" stroke-width="1.2"{dash}>{body}</g></svg>')


def _tooltip(title: str, kind_label: str, quote: str | None) -> str:
    text = f"{title}\n{kind_label}"
    if quote:
        text += f"\n“{_truncate(quote, 220)}”"
    return text


def _page_data(model: ViewModel, style: ViewStyle, title: str) -> dict:
    degree = model.degree()
    nodes_out = []
    details = {}
    for nid in sorted(model.nodes):
        n = model.nodes[nid]
        ks = style.kind(n.kind)
        quote = model.evidence[n.evidence[0]]["q"] if n.evidence else None
        item = {"id": nid, "label": n.label, "kind": n.kind, "value": degree[nid] + 1,
                "title": _tooltip(n.full_name, ks.label, quote), "names": n.names}
        if n.year_from is not None:
            item["yf"], item["yt"] = n.year_from, n.year_to
        if n.group and n.kind in ("target", "observation"):
            item["grp"] = n.group
        nodes_out.append(item)
        details[nid] = {"name": n.full_name, "iri": str(n.iri), "facts": [list(f) for f in n.facts],
                        "ev": n.evidence, "src": n.sources}
    edges_out = []
    edetails = {}
    for e in model.edges:
        quote = model.evidence[e.evidence[0]]["q"] if e.evidence else None
        first_line = e.label.replace("\n", " ")
        tip = f"{model.nodes[e.source].full_name} — {first_line} — {model.nodes[e.target].full_name}"
        if quote:
            tip += f"\n“{_truncate(quote, 220)}”"
        item = {"id": e.id, "from": e.source, "to": e.target, "label": e.label, "title": tip}
        if e.year_from is not None:
            item["yf"], item["yt"] = e.year_from, e.year_to if e.year_to is not None else e.year_from
        edges_out.append(item)
        edetails[e.id] = {"facts": [list(f) for f in e.facts], "ev": e.evidence, "src": e.sources}
    years = sorted({y for it in (*nodes_out, *edges_out) if "yf" in it
                    for y in range(it["yf"], max(it["yf"], it["yt"]) + 1)})
    large = len(nodes_out) > style.improved_layout_max_nodes
    config = {
        "kinds": {k: {"label": s.label, "color": s.color, "border": _shade(s.color, 0.7), "shape": s.shape,
                      "inside": s.shape in LABEL_INSIDE_SHAPES, "dashed": s.dashed} for k, s in style.kinds},
        "edgeColor": style.edge_color,
        "background": style.background,
        "iterations": style.large_stabilization_iterations if large else style.stabilization_iterations,
        "large": large,
        "clusterMin": style.cluster_min_leaves,
        "maxEvidence": style.max_panel_evidence,
        "seed": style.random_seed,
        "years": [years[0], years[-1]] if years else [],
    }
    return {"title": title, "config": config, "nodes": nodes_out, "edges": edges_out, "details": details,
            "edetails": edetails, "evidence": model.evidence, "articles": model.articles}


def _legend(model: ViewModel, style: ViewStyle) -> str:
    counts = {k: 0 for k in KINDS}
    for n in model.nodes.values():
        counts[n.kind] += 1
    rows = []
    for kind, ks in style.kinds:
        icon = shape_svg(ks.shape, ks.color, _shade(ks.color, 0.6), dashed=ks.dashed)
        disabled = "" if counts.get(kind, 0) else " disabled"
        rows.append(
            f'<label class="kind{" empty" if disabled else ""}"><input type="checkbox" data-kind="{html.escape(kind)}" '
            f'checked{disabled}> {icon}<span class="kname">{html.escape(ks.label)}</span>'
            f'<span class="count">{counts.get(kind, 0)}</span></label>')
    return "\n".join(rows)


_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render_html(graph: Graph, style: ViewStyle = DEFAULT_STYLE, title: str = "govkg") -> str:
    """The interactive view of ``graph`` as one offline HTML page (same graph -> same bytes)."""
    model = build_view_model(graph, style)
    data = _page_data(model, style, title)
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": _asset("pyvis", f"{VIS_DIR}/vis-network.css"),
        "VIS_JS": _asset("pyvis", f"{VIS_DIR}/vis-network.min.js"),
        "APP_CSS": _asset("graph.views", "templates/graph.css"),
        "APP_JS": _asset("graph.views", "templates/graph.js"),
        "DATA": json_for_script(data),
        "LEGEND": _legend(model, style),
        "BACKGROUND": style.background,
        "NODE_COUNT": str(len(model.nodes)),
        "EDGE_COUNT": str(len(model.edges)),
    }
    template = _asset("graph.views", "templates/graph.html")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(graph: Graph, path: str | os.PathLike, **kw) -> Path:
    """Render ``graph`` with ``render_html(graph, **kw)`` and write it atomically to ``path``."""
    return atomic_write_text(path, render_html(graph, **kw))
