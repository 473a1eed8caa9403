"""Size control for the graph view and the posts-over-time timeline page.

``select_subgraph`` cuts a readable piece out of a large graph: the neighbourhood of a
named person or organisation (matched without diacritics), or, with no focus, the most
connected part first with target/observation/commitment leaves added last.
``render_timeline_html`` draws each post's holders as bars over time, with successions
marked; plain inline SVG, offline, every graph string escaped.
"""
from __future__ import annotations

import calendar
import datetime as dt
import heapq
import os
import re
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import ORG, PROV, TIME

from graph.views.axis import fit_range
from graph.files import atomic_write_text
from graph.views.names import not_found
from graph.views.html import (
    _LABEL_PROPS, DETAIL_KINDS, GK, KINDS, ViewModel, _Reader, build_view_model, fold_text,
)

FOCUS_KINDS = ("person", "organisation", "post", "place", "event")  # what close matches for a --focus are drawn from
_KIND_RANK = {k: i for i, k in enumerate(("person", "organisation", "post", "place", "event", "document"))}


# ---------------------------------------------------------------------------------------
# Sub-graph selection
# ---------------------------------------------------------------------------------------


def match_focus(model: ViewModel, focus: str) -> list[str]:
    """Ids of the nodes whose name matches ``focus`` (exact folded match first, else all words contained)."""
    wanted = fold_text(focus)
    if not wanted:
        return []
    tokens = wanted.split(" ")
    exact, partial = [], []
    for nid, n in sorted(model.nodes.items()):
        keys = {fold_text(x) for x in (n.full_name, *n.names)}
        if wanted in keys:
            exact.append(nid)
        elif any(all(t in k for t in tokens) for k in keys):
            partial.append(nid)
    return exact or partial


def _adjacency(model: ViewModel, allowed: set[str]) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {nid: set() for nid in allowed}
    for e in model.edges:
        if e.source in allowed and e.target in allowed:
            adj[e.source].add(e.target)
            adj[e.target].add(e.source)
    return adj


def _choose_nodes(model: ViewModel, focus: str | None, depth: int, types: set[str] | None,
                  max_nodes: int) -> set[str]:
    allowed = {nid for nid, n in model.nodes.items() if types is None or n.kind in types}
    adj = _adjacency(model, allowed)
    degree = {nid: len(adj[nid]) for nid in allowed}

    def rank(nid: str) -> tuple:
        kind = model.nodes[nid].kind
        return (kind in DETAIL_KINDS, -degree[nid], _KIND_RANK.get(kind, 9), nid)

    if focus is not None:
        seeds = [nid for nid in match_focus(model, focus) if nid in allowed]
        if not seeds:
            kind = " or ".join(sorted(types)) if types else "person or organisation"
            names = (n.full_name for nid, n in model.nodes.items()
                     if nid in allowed and (types is not None or n.kind in FOCUS_KINDS))
            raise LookupError(not_found(kind, focus, names))
        dist = {s: 0 for s in seeds}
        frontier = list(seeds)
        for d in range(1, depth + 1):
            nxt = []
            for nid in frontier:
                for other in adj[nid]:
                    if other not in dist:
                        dist[other] = d
                        nxt.append(other)
            frontier = nxt
        ordered = sorted(dist, key=lambda nid: (dist[nid], *rank(nid)))
        return set(ordered[:max_nodes])

    if len(allowed) <= max_nodes:
        return allowed
    # components, largest first; inside each, best-first growth from its best-connected node
    seen: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(allowed, key=rank):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            nid = stack.pop()
            comp.append(nid)
            for other in adj[nid]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        components.append(comp)
    components.sort(key=lambda c: (-len(c), min(c)))
    chosen: list[str] = []
    deferred: list[str] = []
    for comp in components:
        start = min(comp, key=rank)
        heap = [(rank(start), start)]
        visited = {start}
        while heap and len(chosen) < max_nodes:
            _, nid = heapq.heappop(heap)
            if model.nodes[nid].kind in DETAIL_KINDS:
                deferred.append(nid)
            else:
                chosen.append(nid)
            for other in adj[nid]:
                if other not in visited:
                    visited.add(other)
                    heapq.heappush(heap, (rank(other), other))
        if len(chosen) >= max_nodes:
            break
    kept = set(chosen)
    # leaves last: details attached to kept nodes, the best-connected hubs first
    for nid in sorted(deferred, key=lambda x: (-max((degree[o] for o in adj[x] if o in kept), default=-1), x)):
        if len(kept) >= max_nodes:
            break
        kept.add(nid)
    return kept


def select_subgraph(graph: Graph, focus: str | None, depth: int, types: set[str] | None,
                    max_nodes: int) -> Graph:
    """A copy of ``graph`` limited to a readable set of view nodes and the facts between them.

    ``focus`` names a person/organisation (diacritics optional); ``depth`` is the number of
    hops kept around it; ``types`` limits node kinds (see ``graph.views.html.KINDS``); at most
    ``max_nodes`` nodes stay. Evidence, articles and vocabulary of kept facts stay too.
    """
    if depth < 0:
        raise ValueError(f"select_subgraph: depth must be >= 0, got {depth}")
    if max_nodes < 1:
        raise ValueError(f"select_subgraph: max_nodes must be >= 1, got {max_nodes}")
    if types is not None:
        unknown = set(types) - set(KINDS)
        if unknown:
            raise ValueError(f"select_subgraph: unknown types {sorted(unknown)}; known: {list(KINDS)}")
    model = build_view_model(graph)
    kept_ids = _choose_nodes(model, focus, depth, set(types) if types is not None else None, max_nodes)
    node_iris = {n.iri for n in model.nodes.values()}
    kept = {model.nodes[nid].iri for nid in kept_ids}
    dropped = node_iris - kept
    r = _Reader(graph)

    drop_subjects = set(dropped)
    for h in graph.subjects(RDF.type, ORG.Membership):
        member = r.one(h, ORG.member)
        target = r.one(h, GK.post) if r.one(h, GK.post) in kept else r.one(h, ORG.organization)
        if member not in kept or target not in kept:
            drop_subjects.add(h)
    for sc in graph.subjects(RDF.type, GK.Succession):
        if any(p not in kept for p in (*graph.objects(sc, GK.predecessor), *graph.objects(sc, GK.successor))):
            drop_subjects.add(sc)
    for cf in graph.subjects(RDF.type, GK.Conflict):
        if r.one(cf, GK.post) not in kept:
            drop_subjects.add(cf)

    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    for s, p, o in graph:
        if s in drop_subjects or o in dropped or o in drop_subjects:
            continue
        out.add((s, p, o))
    # prune evidence and intervals no kept fact points to any more
    for cls_or_prop in (GK.Evidence,):
        for ev in set(out.subjects(RDF.type, cls_or_prop)):
            if not any(True for _ in out.subjects(None, ev)):
                out.remove((ev, None, None))
    for iv in set(graph.objects(None, ORG.memberDuring)):
        if not any(True for _ in out.subjects(ORG.memberDuring, iv)):
            for inst in list(out.objects(iv, TIME.hasBeginning)) + list(out.objects(iv, TIME.hasEnd)):
                out.remove((inst, None, None))
            out.remove((iv, None, None))
    return out


# ---------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_partial_date(value: object, *, end: bool = False) -> dt.date | None:
    """The first (or, with ``end``, last) day of an xsd:date / gYearMonth / gYear value."""
    if value is None:
        return None
    m = _DATE.match(str(value))
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            mo = int(month)
            return dt.date(year, mo, calendar.monthrange(year, mo)[1] if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        return None


_STATUS_COLOURS = {"current": "#4e79a7", "acting": "#f28e2b", "incoming": "#59a14f", "former": "#9aa3ad"}
TIMELINE_LEFT, TIMELINE_WIDTH, TIMELINE_ROW = 230, 760, 26


def _holding_span(r: _Reader, h) -> tuple[dt.date | None, dt.date | None, str | None, str | None]:
    first = r.text(h, GK.startDate, GK.firstAttested)
    last = r.text(h, GK.endDate, GK.lastAttested)
    iv = r.one(h, ORG.memberDuring)
    if iv is not None:
        props = (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear, TIME.inXSDDateTimeStamp)
        b, e = r.one(iv, TIME.hasBeginning), r.one(iv, TIME.hasEnd)
        first = first or (r.text(b, *props) if b is not None else None)
        last = last or (r.text(e, *props) if e is not None else None)
    start = parse_partial_date(first) or parse_partial_date(last)
    stop = parse_partial_date(last, end=True) or parse_partial_date(first, end=True)
    # an imprecise attestation ("2025") is drawn only over what its articles allow ("not before 2025-09-30")
    lows, highs = [], []
    for article in r.objs(h, PROV.wasDerivedFrom):
        lows.append(parse_partial_date(r.text(article, GK.notBefore)))
        highs.append(parse_partial_date(r.text(article, GK.notAfter), end=True))
    if start is not None and r.text(h, GK.startDate) is None and lows and all(lows):
        start = max(start, min(lows))
    if stop is not None and r.text(h, GK.endDate) is None and highs and all(highs):
        stop = min(stop, max(highs))
    return start, stop, first, last


def timeline_model(graph: Graph, model: ViewModel | None = None) -> dict:
    """What the posts-over-time page shows: posts (latest change first) with dated bars on one fitted axis,
    successions, and the undated and disputed attestations listed as such."""
    model = model or build_view_model(graph)
    r = _Reader(graph)
    names = {str(n.iri): n.full_name for n in model.nodes.values()}

    def label(s) -> str:
        if s is None:
            return "?"
        return names.get(str(s)) or r.text(s, *_LABEL_PROPS) or str(s).rstrip("/").rsplit("/", 1)[-1]

    posts: dict = {}
    for h in sorted(set(graph.subjects(RDF.type, ORG.Membership)), key=str):
        post = r.one(h, GK.post)
        if post is None or (post, RDF.type, ORG.Post) not in graph:
            continue
        entry = posts.setdefault(post, {"rows": [], "succ": [], "undated": [], "disputed": []})
        start, stop, first, last = _holding_span(r, h)
        person = label(r.one(h, ORG.member))
        disputed = str(r.one(h, GK.disputed)).lower() == "true"
        if disputed:
            by = r.one(h, GK.disputedBy)
            entry["disputed"].append({"person": person, "by": label(r.one(by, ORG.member)) if by is not None else "",
                                      "span": _span_text(first, last)})
        if start is None:
            entry["undated"].append(person)
            continue
        entry["rows"].append({"person": person, "start": start, "stop": max(stop, start), "first": first,
                              "last": last, "status": "disputed" if disputed else (r.text(h, GK.status) or ""),
                              "role": label(r.one(h, ORG.role)) if r.one(h, ORG.role) is not None else ""})
    for sc in sorted(set(graph.subjects(RDF.type, GK.Succession)), key=str):
        post = r.one(sc, GK.post)
        if post not in posts:
            continue
        nb, na = r.text(sc, GK.notBefore), r.text(sc, GK.notAfter)
        posts[post]["succ"].append({
            "pred": "; ".join(label(p) for p in r.objs(sc, GK.predecessor)),
            "succ": "; ".join(label(p) for p in r.objs(sc, GK.successor)),
            "nb": nb, "na": na, "from": parse_partial_date(nb) or parse_partial_date(na),
            "to": parse_partial_date(na, end=True) or parse_partial_date(nb, end=True)})
    dates = [d for p in posts.values() for row in p["rows"] for d in (row["start"], row["stop"])]
    dates += [d for p in posts.values() for s in p["succ"] for d in (s["from"], s["to"]) if d]
    if not dates:
        return {"posts": [], "axis": None}
    axis = fit_range(dates, TIMELINE_LEFT, TIMELINE_WIDTH)

    def latest(p) -> dt.date:
        entry = posts[p]
        return max([row["start"] for row in entry["rows"] if row["status"] != "disputed"]
                   + [s["to"] for s in entry["succ"] if s["to"]] + [dt.date(1, 1, 1)])

    out = []
    for post in sorted(posts, key=lambda p: (-latest(p).toordinal(), fold_text(label(p)), str(p))):
        entry = posts[post]
        rows = sorted(entry["rows"], key=lambda row: (row["start"], row["person"]))
        height = 22 + TIMELINE_ROW * len(rows) + 8
        bars = []
        for i, row in enumerate(rows):
            xa, xb = axis.x(row["start"]), axis.x(row["stop"] + dt.timedelta(days=1))
            clipped = row["start"] < axis.start or row["stop"] >= axis.stop
            span = _span_text(row["first"], row["last"])
            bars.append({"y": 22 + i * TIMELINE_ROW, "x": round(xa, 1), "w": round(max(xb - xa, 4), 1),
                         "person": row["person"], "dashed": row["status"] == "disputed",
                         "colour": _STATUS_COLOURS.get(row["status"], _STATUS_COLOURS["current"]),
                         "tip": f'{row["person"]}: {row["role"]} {span}'
                                + (f' ({row["status"]})' if row["status"] else "")
                                + (" — dated outside the axis" if clipped else "")})
        marks = [{"x": round(axis.x(s["from"]), 1), "w": round(max(axis.x(s["to"] or s["from"]) - axis.x(s["from"]), 3), 1),
                  "tip": f'{s["pred"]} → {s["succ"]}, between {s["nb"] or "?"} and {s["na"] or "?"}'}
                 for s in entry["succ"] if s["from"] is not None]
        out.append({"title": label(post), "height": height, "bars": bars, "marks": marks, "succ": entry["succ"],
                    "undated": sorted(entry["undated"]), "disputed": entry["disputed"], "latest": latest(post)})
    return {"posts": out, "axis": axis, "ticks": [(round(x, 1), t) for x, t in axis.ticks()],
            "outliers": [d.isoformat() for d in axis.outliers]}


def _span_text(first: str | None, last: str | None) -> str:
    return " – ".join(v for v in (first, last) if v) if first != last else (first or "")


def render_timeline_html(graph: Graph, title: str = "govkg — posts over time", model: ViewModel | None = None) -> str:
    """Each post's holders as bars on one axis fitted to the data, latest change first (one offline page)."""
    from graph.views.site import template_env  # noqa: PLC0415 (graph.views.site imports this module)

    data = timeline_model(graph, model)
    return template_env().get_template("timeline.html").render(
        title=title, statuses=_STATUS_COLOURS, left=TIMELINE_LEFT, width=TIMELINE_WIDTH, **data)


def write_timeline_html(graph: Graph, path: str | os.PathLike, **kw) -> Path:
    """Render the timeline and write it atomically to ``path``."""
    return atomic_write_text(path, render_timeline_html(graph, **kw))
