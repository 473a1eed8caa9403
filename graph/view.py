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
import html
import os
import re
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import ORG, PROV, TIME

from graph.files import atomic_write_text
from graph.names import not_found
from graph.html import (
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
    hops kept around it; ``types`` limits node kinds (see ``graph.html.KINDS``); at most
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
_TIMELINE_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328;
       background: #fbfaf7; margin: 0; padding: 18px 28px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
p.sub { color: #57606a; margin: 0 0 18px; }
section.post { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px 8px; margin: 0 0 16px; }
section.post h2 { font-size: 16px; margin: 0 0 6px; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2328; }
svg .axis text { fill: #6b7280; font-size: 11px; }
svg .grid { stroke: #e5e7eb; }
svg rect.bar { rx: 3px; }
svg .succession rect { fill: #e15759; fill-opacity: .18; stroke: #e15759; stroke-dasharray: 3 2; }
ul.successions { margin: 6px 0 2px; padding-left: 18px; color: #57606a; font-size: 13px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 18px; height: 9px; border-radius: 3px; }
"""


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


def render_timeline_html(graph: Graph, title: str = "govkg — posts over time") -> str:
    """Each org:Post's holders as bars from first to last attestation, successions marked (one offline page)."""
    model = build_view_model(graph)
    r = _Reader(graph)
    esc = html.escape

    names = {str(n.iri): n.full_name for n in model.nodes.values()}

    def label(s) -> str:
        return names.get(str(s)) or r.text(s, *_LABEL_PROPS) or str(s).rstrip("/").rsplit("/", 1)[-1]

    posts: dict = {}
    for h in sorted(set(graph.subjects(RDF.type, ORG.Membership)), key=str):
        post = r.one(h, GK.post)
        if post is None or (post, RDF.type, ORG.Post) not in graph:
            continue
        start, stop, first, last = _holding_span(r, h)
        if start is None:
            continue
        person = r.one(h, ORG.member)
        posts.setdefault(post, {"rows": [], "succ": []})["rows"].append({
            "person": label(person) if person is not None else "?", "start": start, "stop": max(stop, start),
            "first": first, "last": last, "status": r.text(h, GK.status) or "", "role": label(r.one(h, ORG.role))
            if r.one(h, ORG.role) is not None else ""})
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
    parts = [f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
             f"<style>{_TIMELINE_CSS}</style>\n</head>\n<body>\n<h1>{esc(title)}</h1>\n"]
    if not posts:
        parts.append('<p class="empty">No posts with dated holders in this graph.</p>\n</body>\n</html>\n')
        return "".join(parts)
    y0, y1 = min(dates).year, max(dates).year + 1
    t0, t1 = dt.date(y0, 1, 1).toordinal(), dt.date(y1, 1, 1).toordinal()
    left, width, row_h, top = 230, 760, 26, 22

    def x(d: dt.date) -> float:
        return left + width * (d.toordinal() - t0) / (t1 - t0)

    parts.append(f'<p class="sub">{len(posts)} posts, {y0}–{y1 - 1}. Bars run from the first to the last '
                 'attestation (or stated start/end), within the dates the articles allow; shaded bands mark when a '
                 'succession happened.</p>\n<p class="legend">')
    for status, colour in _STATUS_COLOURS.items():
        parts.append(f'<span><i style="background:{colour}"></i>{esc(status)}</span>')
    parts.append('<span><i style="background:#e1575933;border:1px dashed #e15759"></i>succession</span></p>\n')

    order = sorted(posts, key=lambda p: (fold_text(label(p)), str(p)))
    for post in order:
        rows = sorted(posts[post]["rows"], key=lambda row: (row["start"], row["person"]))
        succs = posts[post]["succ"]
        height = top + row_h * len(rows) + 8
        svg = [f'<svg class="timeline" width="{left + width + 20}" height="{height}" role="img" '
               f'aria-label="{esc("Holders of " + label(post))}">', '<g class="axis">']
        for year in range(y0, y1 + 1):
            xx = x(dt.date(year, 1, 1))
            svg.append(f'<line class="grid" x1="{xx:.1f}" y1="{top - 6}" x2="{xx:.1f}" y2="{height}"/>')
            if year < y1:
                svg.append(f'<text x="{xx + 3:.1f}" y="{top - 9}">{year}</text>')
        svg.append("</g>")
        for s in succs:
            if s["from"] is None:
                continue
            xa, xb = x(s["from"]), x(s["to"] or s["from"])
            tip = f'{s["pred"]} → {s["succ"]}, between {s["nb"] or "?"} and {s["na"] or "?"}'
            svg.append(f'<g class="succession"><title>{esc(tip)}</title><rect x="{xa:.1f}" y="{top - 4}" '
                       f'width="{max(xb - xa, 3):.1f}" height="{height - top + 4}"/></g>')
        for i, row in enumerate(rows):
            y = top + i * row_h
            xa, xb = x(row["start"]), x(row["stop"] + dt.timedelta(days=1))
            colour = _STATUS_COLOURS.get(row["status"], _STATUS_COLOURS["current"])
            span = " – ".join(v for v in (row["first"], row["last"]) if v) if row["first"] != row["last"] \
                else (row["first"] or "")
            tip = f'{row["person"]}: {row["role"]} {span}{" (" + row["status"] + ")" if row["status"] else ""}'
            svg.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{esc(row["person"])}</text>')
            svg.append(f'<g class="holding"><title>{esc(tip)}</title><rect class="bar" x="{xa:.1f}" y="{y + 4}" '
                       f'width="{max(xb - xa, 4):.1f}" height="{row_h - 9}" fill="{colour}"/></g>')
        svg.append("</svg>")
        parts.append(f'<section class="post">\n<h2>{esc(label(post))}</h2>\n{"".join(svg)}\n')
        if succs:
            parts.append('<ul class="successions">')
            for s in succs:
                parts.append(f'<li class="succession">{esc(s["pred"])} → {esc(s["succ"])}, between '
                             f'{esc(s["nb"] or "?")} and {esc(s["na"] or "?")}</li>')
            parts.append("</ul>\n")
        parts.append("</section>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def write_timeline_html(graph: Graph, path: str | os.PathLike, **kw) -> Path:
    """Render the timeline and write it atomically to ``path``."""
    return atomic_write_text(path, render_timeline_html(graph, **kw))
