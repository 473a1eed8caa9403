"""A static, offline site over a govkg graph: "who leads now", then a page per person, body, post, event, indicator.

``render_site(graph)`` is a pure function from an rdflib graph to ``{relative path: file text}``; every HTML
page comes from a Jinja2 template in graph/views/templates/site/ with autoescaping on, so a name or a quote can never
become markup, and a link is only ever an article's http(s) URL or a page of the site (``javascript:`` and other
schemes are dropped). The pages need no network: the search index, the neighbourhood graph's data and
vis-network are files of the site, loaded with <script src> (which works from file:// too).

``write_site`` writes the pages into a folder (``govkg site``); ``govkg serve`` serves the same pages at /browse.
The landing page answers "who holds each main post of each province and national body now, since when, how sure,
who before", with the latest changes first; each answer links to the post page with every attestation's
sentence and article (two clicks from the landing page to the evidence).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import jinja2
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS

from ontology.namespaces import GK, SDO

from graph.views.axis import fit_range
from graph.files import atomic_write_text
from graph.views.html import VIS_DIR, _asset, _classes_by_kind, build_view_model, fold_text, json_for_script, short_id
from graph.views.view import parse_partial_date, render_timeline_html

SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_SLUG_OK = re.compile(r"^[A-Za-z0-9._-]+$")
NATIONAL = "National bodies"
_COMPARATORS = {"atLeast": "≥", "moreThan": ">", "equal": "=", "atMost": "≤", "lessThan": "<"}
NETWORK_NODE_KINDS = ("person", "organisation", "post", "event", "place", "document")


def safe_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL, else None: article links are the site's only external URLs."""
    text = str(value or "").strip()
    return text if SAFE_URL.match(text) else None


def page_path(kind: str, iri: object) -> str:
    """The site-relative file of an entity's page: ``person/tran-tien-dung.html`` (stable, file-system safe)."""
    sid = short_id(iri)
    rest = sid.split("/", 1)[1] if "/" in sid else sid
    slug = rest.replace("/", "--")
    if not _SLUG_OK.match(slug) or len(slug) > 120:
        slug = hashlib.sha1(str(iri).encode()).hexdigest()[:16]
    return f"{kind}/{slug}.html"


def _num(value: object) -> str:
    try:
        return f"{Decimal(str(value)).normalize():f}"
    except (InvalidOperation, ValueError):
        return str(value)


def _date_key(value: str | None) -> str:
    return value or ""


# ---------------------------------------------------------------------------------------------- reading


class _Index:
    """Every triple of the graph, read once into subject -> predicate -> sorted objects (and back for a few)."""

    def __init__(self, g: Graph):
        spo: dict = defaultdict(lambda: defaultdict(list))
        for s, p, o in g:
            spo[s][p].append(o)
        for s in spo:
            for p in spo[s]:
                spo[s][p].sort(key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))
        self.spo = spo
        self.types: dict = defaultdict(set)
        for s, ps in spo.items():
            for t in ps.get(RDF.type, ()):
                self.types[t].add(s)

    def all(self, s, p) -> list:
        return self.spo.get(s, {}).get(p, [])

    def one(self, s, p):
        v = self.all(s, p)
        return v[0] if v else None

    def text(self, s, *props) -> str | None:
        for p in props:
            v = self.one(s, p)
            if v is not None and str(v).strip():
                return str(v)
        return None

    def of_type(self, *classes) -> list:
        out: set = set()
        for c in classes:
            out |= self.types.get(c, set())
        return sorted(out, key=str)


@dataclass
class Ref:
    """A link to another page (or plain text when the thing has no page)."""

    name: str
    url: str | None = None


@dataclass
class Source:
    """An article a sentence was read from: title, date, and its http(s) URL or None."""

    title: str
    date: str
    url: str | None


@dataclass
class Evidence:
    """One sentence that supports a fact, and every article it was read from (the same wording, many reports)."""

    quote: str
    sources: list[Source]


@dataclass
class Holding:
    person: Ref
    post: Ref
    org: Ref | None
    role: str
    first: str
    last: str
    start: str
    end: str
    status: str
    attestations: int
    confidence: str
    disputed: bool
    disputed_in: list[str]
    disputed_by: str
    evidence: list[Evidence]
    post_iri: object = None
    person_iri: object = None

    @property
    def since(self) -> str:
        return self.start or self.first

    @property
    def undated(self) -> bool:
        return not (self.first or self.last or self.start or self.end)


@dataclass
class Change:
    post: Ref
    predecessor: Ref
    successor: Ref
    not_before: str
    not_after: str
    evidence: list[Evidence]
    articles: int


@dataclass
class Entity:
    """What a page shows about one person, body, post, event or indicator (fields used by its template)."""

    kind: str
    iri: object
    name: str
    url: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    data: dict = field(default_factory=dict)


class _Site:
    """Reads the graph once into entities; the templates only lay them out."""

    def __init__(self, g: Graph):
        self.ix = ix = _Index(g)
        self.articles = {a: (ix.text(a, DCTERMS.title) or short_id(a), ix.text(a, DCTERMS.date) or "",
                             safe_url(ix.text(a, DCTERMS.source, SDO.url)))
                         for a in ix.of_type(GK.Article)}
        self.pages: dict = {}  # iri -> (kind, name, url)
        classes = _classes_by_kind(g)
        for kind in ("person", "event", "post", "organisation"):  # a resource typed twice gets the first kind
            for s in ix.of_type(*classes[kind]):
                if isinstance(s, URIRef) and s not in self.pages:
                    name = ix.text(s, FOAF.name, SKOS.prefLabel, SDO.name, DCTERMS.title) or short_id(s)
                    self.pages[s] = (kind, name, page_path(kind, s))
        for ind in sorted({o for s in ix.of_type(GK.Target, GK.Observation) for o in ix.all(s, GK.indicator)}, key=str):
            if isinstance(ind, URIRef):
                self.pages[ind] = ("indicator", ix.text(ind, SKOS.prefLabel, SDO.name) or short_id(ind),
                                   page_path("indicator", ind))

    # -- small readers ---------------------------------------------------------------------------
    def ref(self, s) -> Ref:
        if s in self.pages:
            _, name, url = self.pages[s]
            return Ref(name, url)
        return Ref(self.ix.text(s, FOAF.name, SKOS.prefLabel, SDO.name, DCTERMS.title) or short_id(s))

    def evidence(self, fact) -> list[Evidence]:
        return self.evidence_of(self.ix.all(fact, GK.evidence))

    def evidence_of(self, nodes) -> list[Evidence]:
        """The sentences of evidence ``nodes``, one entry per wording, with its articles oldest first."""
        by_quote: dict[str, list[Source]] = {}
        for ev in nodes:
            art = self.ix.one(ev, GK.inArticle)
            title, date, url = self.articles.get(art, (short_id(art) if art is not None else "", "", None))
            src = by_quote.setdefault(" ".join((self.ix.text(ev, GK.quote) or "").split()), [])
            if all(x.url != url or x.title != title or x.date != date for x in src):
                src.append(Source(title, date, url))
        out = [Evidence(q, sorted(src, key=lambda x: (x.date, x.title, x.url or ""))) for q, src in by_quote.items()]
        out.sort(key=lambda e: (e.sources[0].date if e.sources else "", e.quote))
        return out

    def holding(self, h) -> Holding:
        ix = self.ix
        person, post = ix.one(h, ORG.member), ix.one(h, GK.post)
        org_ = ix.one(h, ORG.organization)
        arts = [a for a in ix.all(h, PROV.wasDerivedFrom) if a in self.articles]
        att = ix.one(h, GK.attestations)
        statuses = {str(s) for s in ix.all(h, GK.status)}
        status = "former" if statuses == {"former"} else ("acting" if "acting" in statuses else "")
        conf = ix.one(h, GK.confidence)
        disputed_by = ix.one(h, GK.disputedBy)
        by_person = ix.one(disputed_by, ORG.member) if disputed_by is not None else None
        return Holding(
            person=self.ref(person), post=self.ref(post) if post is not None else Ref("?"),
            org=self.ref(org_) if org_ is not None else None,
            role=self.ix.text(ix.one(h, ORG.role), SKOS.prefLabel) or "" if ix.one(h, ORG.role) is not None else "",
            first=ix.text(h, GK.firstAttested) or "", last=ix.text(h, GK.lastAttested) or "",
            start=ix.text(h, GK.startDate) or "", end=ix.text(h, GK.endDate) or "", status=status,
            attestations=int(att) if att is not None else len(arts),
            confidence=f"{float(conf):.2f}" if conf is not None else "",
            disputed=ix.one(h, GK.disputed) == Literal(True),
            disputed_in=sorted(self.articles[a][0] for a in ix.all(h, GK.disputedIn) if a in self.articles),
            disputed_by=self.ref(by_person).name if by_person is not None else "",
            evidence=self.evidence(h), post_iri=post, person_iri=person)

    def change(self, sc) -> Change:
        ix = self.ix
        arts = [a for a in ix.all(sc, PROV.wasDerivedFrom)]
        return Change(self.ref(ix.one(sc, GK.post)), self.ref(ix.one(sc, GK.predecessor)),
                      self.ref(ix.one(sc, GK.successor)), ix.text(sc, GK.notBefore) or "",
                      ix.text(sc, GK.notAfter) or "", self.evidence(sc), len(arts))


# ---------------------------------------------------------------------------------------------- model


def _order_holdings(rows: list[Holding]) -> list[Holding]:
    return sorted(rows, key=lambda h: (h.undated, _date_key(h.since), _date_key(h.last), h.person.name))


def _current(rows: list[Holding]) -> Holding | None:
    """The holder now: the undisputed, not-former holding attested latest (more attestations break ties)."""
    live = [h for h in rows if not h.disputed and h.status != "former" and not h.end and not h.undated]
    if not live:
        return None
    return max(live, key=lambda h: (_date_key(h.last or h.since), h.attestations, h.person.name))


def _svg_timeline(rows: list[Holding], label_of, width: int = 900) -> dict | None:
    """Bars (first..last attestation) on an axis that fits them; None when nothing is dated."""
    spans = []
    for h in rows:
        a = parse_partial_date(h.since or h.last)
        b = parse_partial_date(h.end or h.last or h.since, end=True)
        if a is not None:
            spans.append((h, a, max(a, b or a)))
    if not spans:
        return None
    left, row_h = 300, 24
    axis = fit_range([d for _, a, b in spans for d in (a, b)], left, width - left - 40)
    bars = []
    for i, (h, a, b) in enumerate(spans):
        x0, x1 = axis.x(a), axis.x(b + dt.timedelta(days=1))
        bars.append({"y": 22 + i * row_h, "x": round(x0, 1), "w": round(max(x1 - x0, 4), 1), "label": label_of(h),
                     "cls": "disputed" if h.disputed else (h.status or "current"),
                     "clipped": a < axis.start or b > axis.stop,
                     "tip": f"{label_of(h)}: {h.since or '?'} – {h.last or '?'}"
                            + (f", confidence {h.confidence}" if h.confidence else "")
                            + f", {h.attestations} article(s)"})
    return {"width": width, "height": 30 + row_h * len(spans), "left": left,
            "ticks": [(round(x, 1), t) for x, t in axis.ticks()],
            "bars": bars, "outliers": [d.isoformat() for d in axis.outliers]}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _target_text(ix: _Index, s) -> str:
    comp = _COMPARATORS.get(ix.text(s, GK.comparator) or "", "")
    value, unit = ix.one(s, GK.value), ix.text(s, GK.unit) or ""
    amount = _num(value) if value is not None else "?"
    vmax = ix.one(s, GK.valueMax)
    if vmax is not None:
        amount += f"–{_num(vmax)}"
    amount += "%" if unit == "percent" else (f" {unit}" if unit else "")
    return f"{comp} {amount}".strip()


def _period(ix: _Index, s) -> str:
    p = ix.text(s, GK.period)
    if p:
        return p
    a, b = ix.text(s, GK.periodStart), ix.text(s, GK.periodEnd)
    return f"{a or '…'}/{b or '…'}" if (a or b) else "no period"


class SiteModel:
    """Everything the templates show, built from the graph in one pass per kind."""

    def __init__(self, g: Graph):
        self.s = s = _Site(g)
        ix = s.ix
        self.holdings = [s.holding(h) for h in ix.of_type(ORG.Membership)]
        self.changes = [s.change(sc) for sc in ix.of_type(GK.Succession)]
        self.by_post: dict = defaultdict(list)
        self.by_person: dict = defaultdict(list)
        for h in self.holdings:
            if h.post_iri is not None:
                self.by_post[h.post_iri].append(h)
            self.by_person[h.person_iri].append(h)
        self.changes_by_post: dict = defaultdict(list)
        for sc, c in zip(ix.of_type(GK.Succession), self.changes):
            self.changes_by_post[ix.one(sc, GK.post)].append(c)
        # events and who took part
        self.events = [e for e, (k, _, _) in s.pages.items() if k == "event"]
        self.part: dict = defaultdict(list)  # person -> [(role, event)]
        for e in self.events:
            for p, role in ((GK.chair, "chaired"), (GK.speaker, "spoke at"), (SDO.attendee, "attended")):
                for person in ix.all(e, p):
                    self.part[person].append((role, e))
        self.stated_at: dict = defaultdict(list)
        self.set_by: dict = defaultdict(list)
        self.actor: dict = defaultdict(list)
        for t in ix.of_type(GK.Target):
            for e in ix.all(t, GK.statedAt):
                self.stated_at[e].append(t)
            for who in ix.all(t, GK.setBy):
                self.set_by[who].append(t)
        for c in ix.of_type(GK.Commitment):
            for who in ix.all(c, GK.actor):
                self.actor[who].append(c)
        self.children: dict = defaultdict(list)
        for o, (k, _, _) in s.pages.items():
            if k == "organisation":
                for parent in ix.all(o, ORG.subOrganizationOf):
                    self.children[parent].append(o)
        self.posts_of_org: dict = defaultdict(list)
        for p, (k, _, _) in s.pages.items():
            if k == "post":
                for o in ix.all(p, ORG.postIn):
                    self.posts_of_org[o].append(p)

    # -- the landing page ------------------------------------------------------------------------
    def jurisdiction(self, org_) -> str | None:
        """The province an organisation belongs to, NATIONAL for a national body, None for a local one."""
        ix = self.s.ix
        place = ix.one(org_, GK.jurisdiction)
        if place is None:
            level = ix.text(org_, GK.level) or ""
            return NATIONAL if level in ("", "national", "central") else None
        types = set(ix.all(place, RDF.type))
        if GK.Province in types or (GK.City in types and ix.one(place, SDO.containedInPlace) is None):
            return ix.text(place, SDO.name, SKOS.prefLabel) or short_id(place)
        if GK.Country in types:
            return NATIONAL
        return None

    def is_main(self, post) -> bool:
        role = self.s.ix.one(post, ORG.role)
        single = self.s.ix.one(role, GK.singleHolder) if role is not None else None
        return single is None or single == Literal(True)

    def leaders(self) -> list[dict]:
        """Per province / national body: each main post's current holder, since, confidence, predecessor."""
        ix = self.s.ix
        groups: dict = defaultdict(list)
        for post, rows in self.by_post.items():
            if post not in self.s.pages or not self.is_main(post):
                continue
            org_ = ix.one(post, ORG.postIn)
            where = self.jurisdiction(org_) if org_ is not None else None
            cur = _current(rows)
            if where is None or cur is None:
                continue
            ordered = _order_holdings(rows)
            changes = sorted(self.changes_by_post.get(post, []), key=lambda c: (c.not_after, c.not_before))
            before = next((c.predecessor for c in reversed(changes) if c.successor.url == cur.person.url), None)
            if before is None:
                earlier = [h for h in ordered if h is not cur and not h.disputed and h.person.url != cur.person.url
                           and _date_key(h.last) <= _date_key(cur.since)]
                before = earlier[-1].person if earlier else None
            role = ix.one(post, ORG.role)
            rank = ix.one(role, GK.rank) if role is not None else None
            changed = max([c.not_after or c.not_before for c in changes] + [cur.since or ""])
            groups[where].append({
                "post": self.s.ref(post), "holder": cur.person, "since": cur.since, "last": cur.last,
                "confidence": cur.confidence, "articles": cur.attestations, "before": before,
                "changed": changed, "stated": bool(changes and changes[-1].evidence),
                "disputed": sum(1 for h in rows if h.disputed),
                "rank": -float(rank) if rank is not None else 0.0})
        out = []
        for where, rows in groups.items():
            rows.sort(key=lambda r: (r["rank"], r["post"].name))
            out.append({"name": where, "rows": rows, "changed": max(r["changed"] for r in rows),
                        "national": where == NATIONAL})
        # national first, then provinces with the latest change first
        return sorted(out, key=lambda grp: (not grp["national"], _neg(grp["changed"]), grp["name"]))

    def latest_changes(self, limit: int = 20) -> list[Change]:
        return sorted(self.changes, key=lambda c: (c.not_before or c.not_after, c.not_after, c.post.name),
                  reverse=True)[:limit]


def _neg(text: str) -> str:
    """A sort key that orders ISO date strings newest first inside an ascending sort."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) if text else "\U0010ffff"


# ---------------------------------------------------------------------------------------------- pages


@dataclass
class SiteOptions:
    """What the site is called and how much each page lists (an immutable default)."""

    title: str = "govkg"
    max_evidence: int = 30  # evidence sentences listed per fact before "… and N more"
    network_max_nodes: int = 60  # nodes the neighbourhood graph draws at most


@functools.lru_cache(maxsize=1)
def template_env() -> jinja2.Environment:
    """The Jinja2 environment of graph/views/templates/site (autoescaping on; unknown names are errors)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("graph.views", "templates/site"),
                             autoescape=jinja2.select_autoescape(["html"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    return env


def _names(ix: _Index, s) -> list[str]:
    return sorted({str(v) for p in (FOAF.name, SKOS.prefLabel, SKOS.altLabel, SDO.name, GK.nameKey)
                   for v in ix.all(s, p)})


def render_site(graph: Graph, options: SiteOptions | None = None) -> dict[str, str]:
    """Every file of the site, by relative path (same graph -> same files)."""
    opt = options or SiteOptions()
    m = SiteModel(graph)
    s, ix = m.s, m.s.ix
    env = template_env()
    files: dict[str, str] = {}

    def render(path: str, template: str, **ctx) -> None:
        depth = path.count("/")
        files[path] = env.get_template(template).render(root="../" * depth, site_title=opt.title,
                                                         max_ev=opt.max_evidence, **ctx)

    def sort_refs(items) -> list[Ref]:
        return sorted((s.ref(x) for x in items), key=lambda r: fold_text(r.name))

    pages = s.pages
    by_kind: dict = defaultdict(list)
    for iri, (kind, name, url) in pages.items():
        by_kind[kind].append((iri, name, url))
    for rows in by_kind.values():
        rows.sort(key=lambda r: (fold_text(r[1]), str(r[0])))

    # landing page and indexes
    render("index.html", "index.html", groups=m.leaders(), changes=m.latest_changes(),
           counts={k: len(v) for k, v in by_kind.items()}, articles=len(s.articles))
    titles = {"person": "People", "organisation": "Bodies", "post": "Posts", "event": "Events",
              "indicator": "Indicators"}
    for kind, heading in titles.items():
        render(f"{kind}/index.html", "list.html", heading=heading,
               items=[Ref(name, url) for _, name, url in by_kind.get(kind, [])])

    # people
    for iri, name, url in by_kind.get("person", []):
        rows = _order_holdings(m.by_person.get(iri, []))
        events = sorted(m.part.get(iri, []), key=lambda re_: (ix.text(re_[1], SDO.startDate) or "", str(re_[1])),
                        reverse=True)
        met: Counter = Counter()
        for _, e in m.part.get(iri, []):
            for p in {x for prop in (GK.chair, GK.speaker, SDO.attendee) for x in ix.all(e, prop)} - {iri}:
                met[p] += 1
        statements = _grouped(s, [("Target", f"{s.ref(ix.one(t, GK.indicator)).name} {_target_text(ix, t)}"
                                              f" ({_period(ix, t)})", t) for t in m.set_by.get(iri, [])]
                              + [((ix.text(c, GK.kind) or "commitment").capitalize(), ix.text(c, GK.content) or "", c)
                                 for c in m.actor.get(iri, [])])
        render(url, "person.html", name=name, iri=str(iri), also=[n for n in ix.all(iri, SKOS.altLabel)],
               holdings=rows, bars=_svg_timeline(rows, lambda h: _clip(h.post.name, 44)),
               events=[{"role": r, "event": s.ref(e), "date": ix.text(e, SDO.startDate) or ""} for r, e in events],
               met=[(s.ref(p), n) for p, n in sorted(met.items(), key=lambda kv: (-kv[1], str(kv[0])))[:10]],
               statements=statements, graph_id=short_id(iri))

    # bodies
    for iri, name, url in by_kind.get("organisation", []):
        posts = []
        for p in sorted(m.posts_of_org.get(iri, []), key=lambda p: fold_text(pages[p][1])):
            rows = _order_holdings(m.by_post.get(p, []))
            posts.append({"post": s.ref(p), "holdings": rows, "current": _current(rows)})
        events = [e for e in m.events if iri in ix.all(e, SDO.organizer)]
        render(url, "organisation.html", name=name, iri=str(iri),
               parents=sort_refs(ix.all(iri, ORG.subOrganizationOf)), children=sort_refs(m.children.get(iri, [])),
               place=s.ref(ix.one(iri, GK.jurisdiction)).name if ix.one(iri, GK.jurisdiction) is not None else "",
               posts=posts,
               events=[{"event": s.ref(e), "date": ix.text(e, SDO.startDate) or ""}
                       for e in sorted(events, key=lambda e: ix.text(e, SDO.startDate) or "", reverse=True)],
               targets=_grouped(s, [("Target", f"{s.ref(ix.one(t, GK.indicator)).name} {_target_text(ix, t)}"
                                               f" ({_period(ix, t)})", t) for t in m.set_by.get(iri, [])]),
               graph_id=short_id(iri))

    # posts
    for iri, name, url in by_kind.get("post", []):
        rows = _order_holdings(m.by_post.get(iri, []))
        cur = _current(rows)
        render(url, "post.html", name=name, iri=str(iri), org=s.ref(ix.one(iri, ORG.postIn))
               if ix.one(iri, ORG.postIn) is not None else None, current=cur, holdings=rows,
               bars=_svg_timeline(rows, lambda h: _clip(h.person.name, 44)),
               changes=sorted(m.changes_by_post.get(iri, []), key=lambda c: (c.not_before, c.not_after)),
               single=m.is_main(iri), graph_id=short_id(iri))

    # events
    for iri, name, url in by_kind.get("event", []):
        def people(p):
            return sort_refs(ix.all(iri, p))
        decided = _grouped(s, [("Target", f"{s.ref(ix.one(t, GK.indicator)).name} {_target_text(ix, t)}"
                                          f" ({_period(ix, t)})", t) for t in m.stated_at.get(iri, [])])
        render(url, "event.html", name=name, iri=str(iri), date=ix.text(iri, SDO.startDate) or "",
               place=s.ref(ix.one(iri, SDO.location)).name if ix.one(iri, SDO.location) is not None else "",
               organisers=people(SDO.organizer), chairs=people(GK.chair), speakers=people(GK.speaker),
               attendees=people(SDO.attendee), decided=decided, sentences=s.evidence(iri),
               graph_id=short_id(iri))

    # indicators
    facts_by_ind: dict = defaultdict(list)
    for cls, kind in ((GK.Target, "target"), (GK.Observation, "result")):
        for t in ix.of_type(cls):
            for ind in ix.all(t, GK.indicator):
                facts_by_ind[ind].append((kind, t))
    for iri, name, url in by_kind.get("indicator", []):
        render(url, "indicator.html", name=name, iri=str(iri), areas=_indicator_areas(m, facts_by_ind.get(iri, [])))

    # the neighbourhood graph, search index and assets
    render("graph.html", "network.html", max_nodes=opt.network_max_nodes)
    model = build_view_model(graph)
    files["timeline.html"] = render_timeline_html(graph, title=f"{opt.title} — posts over time", model=model)
    search = []
    for iri, (kind, name, url) in sorted(pages.items(), key=lambda kv: str(kv[0])):
        if kind in ("person", "organisation", "post"):
            search.append([name, " | ".join(fold_text(n) for n in [name, *_names(ix, iri)]), kind, url])
    files["assets/search-index.js"] = "window.GOVKG_SEARCH = " + json_for_script(search) + ";\n"
    files["assets/network-data.js"] = "window.GOVKG_NET = " + json_for_script(_network_data(model, pages)) + ";\n"
    for asset in ("site.css", "site.js", "network.js"):
        files[f"assets/{asset}"] = _asset("graph.views", f"templates/site/{asset}")
    files["assets/vis-network.min.js"] = _asset("pyvis", f"{VIS_DIR}/vis-network.min.js")
    return files


def _grouped(s: _Site, items: list[tuple[str, str, object]]) -> list[dict]:
    """(kind, text, fact) triples with the same kind and text as one entry whose evidence is all of theirs:
    the same target reported by 25 articles is one line, not 25."""
    groups: dict[tuple[str, str], list] = {}
    for kind, text, fact in items:
        groups.setdefault((kind, text), []).extend(s.ix.all(fact, GK.evidence))
    return [{"kind": k, "text": t, "evidence": s.evidence_of(evs)} for (k, t), evs in sorted(groups.items())]


def _indicator_areas(m: SiteModel, facts: list[tuple[str, object]]) -> list[dict]:
    """Targets beside results, per place (or body) and period, with a small bar chart per unit."""
    s, ix = m.s, m.s.ix
    areas: dict = defaultdict(lambda: defaultdict(dict))
    for kind, t in facts:
        where = ix.one(t, GK.appliesTo) or ix.one(t, GK.setBy)
        area = s.ref(where).name if where is not None else "unspecified"
        cell = areas[area][_period(ix, t)]
        cell.setdefault(kind, []).append({"text": _target_text(ix, t), "value": ix.one(t, GK.value),
                                          "unit": ix.text(t, GK.unit) or "", "estimated": ix.one(t, GK.estimated)
                                          == Literal(True), "evidence": s.evidence(t)})
    out = []
    for area in sorted(areas, key=fold_text):
        rows = [{"period": p, **cells} for p, cells in sorted(areas[area].items())]
        bars = []
        values = [float(x["value"]) for r in rows for k in ("target", "result") for x in r.get(k, [])
                  if x["value"] is not None]
        top = max(values) if values else 0
        for i, r in enumerate(rows):
            for j, k in enumerate(("target", "result")):
                for x in r.get(k, [])[:1]:
                    if x["value"] is None or top <= 0:
                        continue
                    w = 240 * float(x["value"]) / top
                    bars.append({"y": 8 + i * 34 + j * 13, "w": round(max(w, 2), 1), "kind": k, "label": x["text"],
                                 "period": r["period"]})
        out.append({"name": area, "rows": rows,
                    "chart": {"bars": bars, "height": 14 + 34 * len(rows)} if bars else None})
    return out


def _network_data(model, pages: dict) -> dict:
    """Nodes and labelled edges of the view model, compact, for the client-side neighbourhood graph."""
    nodes, index = [], {}
    for nid in sorted(model.nodes):
        n = model.nodes[nid]
        kind = n.kind
        url = pages[n.iri][2] if n.iri in pages else ""
        index[nid] = len(nodes)
        nodes.append([nid, _clip(n.full_name, 90), kind, url])  # a commitment's whole clause is on its page
    edges = [[index[e.source], index[e.target], e.label.replace("\n", " ")] for e in model.edges]
    return {"nodes": nodes, "edges": edges}


def write_site(graph: Graph, out_dir: str | os.PathLike, options: SiteOptions | None = None) -> list[Path]:
    """Render the site and write each file atomically under ``out_dir``; the paths written, sorted."""
    out = Path(out_dir)
    written = []
    for rel, text in sorted(render_site(graph, options).items()):
        written.append(atomic_write_text(out / rel, text))
    return written


def site_asset_names() -> list[str]:
    """The static files of graph/views/templates/site (for packaging checks)."""
    return sorted(p.name for p in resources.files("graph.views").joinpath("templates/site").iterdir())
