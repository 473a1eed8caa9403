"""Leadership over time, read from a built graph: who held which post when, who replaced whom, what conflicts.

timeline(graph) -> Timeline (tenures, successions, conflicts, changes), optionally for one person (name, diacritics
optional) or one post (its label or any phrasing the title grammar reads, e.g. "Điện Biên Party chief");
format_timeline renders it as a table, CSV or JSON. Dates come from the graph only: a holding's first/last
attestation shows the attesting article's bounds when the date is less precise than its value suggests, e.g.
"2025 (not before 2025-09-30)", and "undated" when no dated article attests it.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from rdflib import Graph, Literal, URIRef

from extractors.places import fold, lookup_place
from extractors.titles import TitleContext, parse_titles
from graph.rdf import identity as ids
from graph.views.names import ambiguous, not_found
from graph.views.tables import render_table
from ontology.namespaces import DCTERMS, FOAF, GK, ORG, PROV, RDF, SDO, SKOS

__all__ = ["Timeline", "TimelineError", "find_people", "find_posts", "format_timeline", "timeline"]

_EVENT_KINDS = {GK.Appointment: "appointment", GK.Election: "election", GK.Transfer: "transfer",
                GK.Retirement: "retirement", GK.Dismissal: "dismissal"}


class TimelineError(LookupError):
    """A --person or --post that matches nothing in the graph (the message lists what it could be)."""


@dataclass(frozen=True)
class Tenure:
    post: str
    holder: str
    status: str  # "acting", "former" (only mentioned as former) or "" (in office)
    first_attested: str
    last_attested: str
    start: str  # explicitly stated start, "" if none
    end: str  # explicitly stated end, "" if none
    articles: int
    confidence: str = ""  # gk:confidence, "" when the graph gives none
    disputed_in: tuple[str, ...] = ()  # articles whose attestation is outvoted by another holder's many
    post_iri: str = field(repr=False, default="")
    person_iri: str = field(repr=False, default="")
    sort_key: tuple = field(repr=False, compare=False, default=())


@dataclass(frozen=True)
class Change:
    post: str
    predecessor: str
    successor: str
    not_before: str
    not_after: str
    stated_in: tuple[str, ...] = ()  # articles whose own statement of the change is its evidence


@dataclass(frozen=True)
class Conflict:
    post: str
    holders: tuple[str, ...]
    articles: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Statement:
    """An appointment, election, transfer or retirement event."""

    date: str
    kind: str
    person: str
    post: str
    label: str
    articles: tuple[str, ...]


@dataclass
class Timeline:
    tenures: list[Tenure]
    successions: list[Change]
    conflicts: list[Conflict]
    statements: list[Statement]

    def as_dict(self) -> dict:
        def clean(d: dict) -> dict:
            return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items() if k != "sort_key"}

        return {
            "tenures": [clean(asdict(t)) for t in self.tenures],
            "successions": [clean(asdict(s)) for s in self.successions],
            "conflicts": [clean(asdict(c)) for c in self.conflicts],
            "statements": [clean(asdict(s)) for s in self.statements],
        }


# -- reading the graph ---------------------------------------------------------------------------------


def _label(g: Graph, node, *props) -> str:
    for p in props or (SKOS.prefLabel, FOAF.name, SDO.name):
        v = g.value(node, p)
        if v is not None:
            return str(v)
    return str(node)


def _natural_bounds(value: str) -> tuple[str, str]:
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:7])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    return value, value


def bounded(value: str, not_before: str | None, not_after: str | None) -> str:
    """A date as precise as known, with the bounds that narrow it: "2025 (not before 2025-09-30)"."""
    lo, hi = _natural_bounds(value)
    nb = not_before if not_before and not_before > lo else None
    na = not_after if not_after and not_after < hi else None
    if nb and na:
        return value if nb == na == value else f"{value} (between {nb} and {na})"
    if nb:
        return f"{value} (not before {nb})"
    if na:
        return f"{value} (not after {na})"
    return value


class _Reader:
    def __init__(self, g: Graph):
        self.g = g
        self.article_bounds: dict[URIRef, tuple[str, str, str]] = {}
        for a in g.subjects(RDF.type, GK.Article):
            d = g.value(a, DCTERMS.date)
            if d is None:
                continue
            lo, hi = _natural_bounds(str(d))
            nb, na = g.value(a, GK.notBefore), g.value(a, GK.notAfter)
            self.article_bounds[a] = (str(d), str(nb) if nb else lo, str(na) if na else hi)

    def attested(self, holding, value: Literal | None, articles: list[URIRef], first: bool) -> tuple[str, tuple]:
        if value is None:
            return "undated", ("9999",)
        matching = [self.article_bounds[a] for a in articles if a in self.article_bounds
                    and self.article_bounds[a][0] == str(value)]
        if not matching:
            lo, hi = _natural_bounds(str(value))
            return str(value), (lo, hi)
        nb = min(m[1] for m in matching) if first else max(m[1] for m in matching)
        na = min(m[2] for m in matching) if first else max(m[2] for m in matching)
        return bounded(str(value), nb, na), (nb, na)

    def tenure(self, h) -> Tenure:
        g = self.g
        post, person = g.value(h, GK.post), g.value(h, ORG.member)
        articles = sorted({a for a in g.objects(h, PROV.wasDerivedFrom) if (a, RDF.type, GK.Article) in g})
        statuses = {str(s) for s in g.objects(h, GK.status)}
        in_office = statuses - {"former"}
        status = "former" if statuses == {"former"} else ("acting" if in_office == {"acting"} else "")
        first, first_key = self.attested(h, g.value(h, GK.firstAttested), articles, True)
        last, _ = self.attested(h, g.value(h, GK.lastAttested), articles, False)
        starts = sorted(str(s) for s in g.objects(h, GK.startDate))
        ends = sorted(str(s) for s in g.objects(h, GK.endDate))
        post_label, name = _label(g, post), _label(g, person, FOAF.name)
        key = (starts[0] if starts else first_key[0], first_key, name, str(person))
        if g.value(h, GK.disputed) == Literal(True):
            status = "disputed"
        confidence = g.value(h, GK.confidence)
        disputed_in = tuple(sorted(_article_id(g, a) for a in g.objects(h, GK.disputedIn)))
        return Tenure(post_label, name, status, first, last, starts[0] if starts else "", ends[-1] if ends else "",
                      len(articles), str(confidence) if confidence is not None else "", disputed_in, str(post),
                      str(person), key)


# -- selecting -----------------------------------------------------------------------------------------


def _folds(g: Graph, node, props) -> set[str]:
    return {fold(str(v)) for p in props for v in g.objects(node, p)}


def find_people(g: Graph, query: str) -> list[URIRef]:
    """Persons whose name, other spelling or name key matches `query` (diacritics and case ignored)."""
    wanted = fold(query.replace(".", " "))
    people = sorted(set(g.subjects(RDF.type, FOAF.Person)))
    exact = [p for p in people if wanted in _folds(g, p, (FOAF.name, SKOS.altLabel, GK.nameKey))]
    if exact:
        return exact
    words = wanted.split()
    return [p for p in people if any(all(w in k.split() for w in words)
                                     for k in _folds(g, p, (FOAF.name, SKOS.altLabel, GK.nameKey)))]


def _provinces(g: Graph) -> list[str]:
    out = set()
    for org in g.objects(None, ORG.postIn):
        place = g.value(org, GK.jurisdiction)
        if place is not None and (place, RDF.type, GK.Province) in g:
            out.add(_label(g, place, SDO.name))
    return sorted(out)


def find_posts(g: Graph, query: str) -> list[URIRef]:
    """Posts matching `query`: their label, or any phrasing the title grammar reads ("Điện Biên Party chief").

    A phrasing that needs a province ("Provincial Party Secretary") matches that post in every province the
    graph has one for.
    """
    posts = sorted(set(g.subjects(RDF.type, ORG.Post)))
    wanted = fold(query)
    exact = [p for p in posts if wanted in _folds(g, p, (SKOS.prefLabel, SKOS.altLabel))]
    if exact:
        return exact
    known = set(posts)

    def read(ctx: TitleContext) -> list[URIRef]:
        t = parse_titles(query.strip(), 0, ctx, lead_sep=False)
        if t is None or t.end < len(query.strip().rstrip(".")):
            return []
        return [ids.post_iri(p.role, p.org) for p in t.posts if p.org is not None]

    found = [p for p in read(TitleContext()) if p in known]
    if not found:
        for province in _provinces(g):
            place = lookup_place(province)
            found += [p for p in read(TitleContext(province=place)) if p in known and p not in found]
    return sorted(set(found))


# -- the timeline --------------------------------------------------------------------------------------


def timeline(g: Graph, person: str | None = None, post: str | None = None, since: str | None = None,
             until: str | None = None) -> Timeline:
    """Tenures, successions, conflicts and leadership statements, for all changing posts, a person or a post,
    within [since, until] (ISO dates or their prefixes, both optional).

    Without a filter: every post with more than one holder, a succession or a conflict. Raises TimelineError
    when `person` or `post` matches nothing.
    """
    tl = _timeline(g, person, post)
    if since is None and until is None:
        return tl
    lo, hi = _natural_bounds(since)[0] if since else "0000", _natural_bounds(until)[1] if until else "9999"

    def overlaps(a: str, b: str) -> bool:
        a, b = a or "0000", b or "9999"
        return a[:10] <= hi and b[:10] >= lo

    return Timeline(
        [t for t in tl.tenures if t.first_attested == "undated" or overlaps(t.sort_key[1][0] if t.sort_key else
                                                                            t.first_attested, t.last_attested)],
        [c for c in tl.successions if overlaps(c.not_before, c.not_after)],
        tl.conflicts,
        [s for s in tl.statements if s.date == "undated" or overlaps(s.date, s.date)])


def _timeline(g: Graph, person: str | None, post: str | None) -> Timeline:
    r = _Reader(g)
    holdings = sorted(set(g.subjects(RDF.type, ORG.Membership)))
    succ = sorted(set(g.subjects(RDF.type, GK.Succession)))
    conf = sorted(set(g.subjects(RDF.type, GK.Conflict)))
    people: set[URIRef] | None = None
    posts: set[URIRef] | None = None
    if person:
        people = set(find_people(g, person))
        if not people:
            raise TimelineError(not_found("person", person, (_label(g, p) for p in g.subjects(RDF.type, FOAF.Person))))
        if len(people) > 1 and fold(person) not in {fold(_label(g, p)) for p in people}:
            raise TimelineError(ambiguous("person", person, (_label(g, p) for p in people)))
    if post:
        posts = set(find_posts(g, post))
        if not posts:
            raise TimelineError(not_found("post", post, (_label(g, p) for p in g.subjects(RDF.type, ORG.Post))))
    if people is None and posts is None:
        holders: dict[URIRef, set] = {}
        for h in holdings:
            holders.setdefault(g.value(h, GK.post), set()).add(g.value(h, ORG.member))
        changing = {p for p, who in holders.items() if len(who) > 1}
        changing |= {g.value(s, GK.post) for s in (*succ, *conf)}
        posts = changing

    def wanted(post_node, persons: Iterable) -> bool:
        if posts is not None and post_node not in posts:
            return False
        return people is None or any(p in people for p in persons)

    tenures = [r.tenure(h) for h in holdings if wanted(g.value(h, GK.post), [g.value(h, ORG.member)])]
    tenures = _distinguish(tenures)
    if people is not None:
        tenures.sort(key=lambda t: (t.holder, t.person_iri, t.sort_key, t.post))
    else:
        tenures.sort(key=lambda t: (t.post, t.post_iri, t.sort_key))
    changes = []
    for s in succ:
        pred, succ_p = g.value(s, GK.predecessor), g.value(s, GK.successor)
        if wanted(g.value(s, GK.post), [pred, succ_p]):
            stated = tuple(sorted({_article_id(g, g.value(ev, GK.inArticle)) for ev in g.objects(s, GK.evidence)}))
            changes.append(Change(_label(g, g.value(s, GK.post)), _label(g, pred, FOAF.name),
                                  _label(g, succ_p, FOAF.name), str(g.value(s, GK.notBefore) or ""),
                                  str(g.value(s, GK.notAfter) or ""), stated))
    changes.sort(key=lambda c: (c.not_before, c.post, c.predecessor, c.successor))
    conflicts = []
    for c in conf:
        holders_ = sorted(g.objects(c, GK.holder))
        if wanted(g.value(c, GK.post), holders_):
            conflicts.append(Conflict(_label(g, g.value(c, GK.post)),
                                      tuple(sorted(_label(g, h, FOAF.name) for h in holders_)),
                                      tuple(sorted(_article_id(g, a) for a in g.objects(c, PROV.wasDerivedFrom))),
                                      str(g.value(c, GK.note) or "")))
    conflicts.sort(key=lambda c: (c.post, c.holders))
    statements = []
    for cls, kind in _EVENT_KINDS.items():
        for e in set(g.subjects(RDF.type, cls)):
            subject, post_node = g.value(e, GK.subject), g.value(e, GK.post)
            if subject is None:
                continue
            if post_node is not None and not wanted(post_node, [subject]):
                continue
            if post_node is None and (people is None or subject not in people):
                continue
            date = g.value(e, SDO.startDate)
            statements.append(Statement(str(date) if date is not None else "undated", kind,
                                        _label(g, subject, FOAF.name),
                                        _label(g, post_node) if post_node is not None else "",
                                        _label(g, e, SDO.name),
                                        tuple(sorted(_article_id(g, a) for a in g.objects(e, PROV.wasDerivedFrom)))))
    statements.sort(key=lambda s: (s.date, s.label))
    return Timeline(tenures, changes, conflicts, statements)


def _distinguish(tenures: list[Tenure]) -> list[Tenure]:
    """Namesakes kept apart by the merge (one name, several person nodes) get their node's id after the name."""
    iris: dict[str, set[str]] = {}
    for t in tenures:
        iris.setdefault(fold(t.holder), set()).add(t.person_iri)
    out = []
    for t in tenures:
        if len(iris[fold(t.holder)]) > 1:
            t = replace(t, holder=f"{t.holder} [{t.person_iri.rsplit('/', 1)[-1]}]")
        out.append(t)
    return out


def _article_id(g: Graph, article) -> str:
    v = g.value(article, DCTERMS.identifier)
    return str(v) if v is not None else str(article).rsplit("/", 1)[-1]


# -- output --------------------------------------------------------------------------------------------


def _holder(t: Tenure) -> str:
    return f"{t.holder} ({t.status})" if t.status else t.holder




def format_timeline(tl: Timeline, fmt: str = "table", width: int | None = None) -> str:
    """The timeline as "table" (sections: tenures, successions, leadership statements, conflicts; the tenures
    table cut to `width` when given), "csv" or "json"."""
    if fmt == "json":
        return json.dumps(tl.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["section", "post", "person", "status", "first_attested", "last_attested", "start", "end",
                    "articles", "note"])
        for t in tl.tenures:
            w.writerow(["tenure", t.post, t.holder, t.status, t.first_attested, t.last_attested, t.start, t.end,
                        t.articles, ""])
        for s in tl.successions:
            w.writerow(["succession", s.post, f"{s.predecessor} -> {s.successor}", "", "", "", s.not_before,
                        s.not_after, "", ""])
        for s in tl.statements:
            w.writerow(["statement", s.post, s.person, s.kind, "", "", s.date, "", len(s.articles), s.label])
        for c in tl.conflicts:
            w.writerow(["conflict", c.post, " | ".join(c.holders), "", "", "", "", "", len(c.articles), c.note])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose table, csv or json")
    out: list[str] = []
    if tl.tenures:
        out += render_table(["post", "holder", "first attested", "last attested", "start", "end", "articles",
                             "conf."],
                            [[t.post, _holder(t), t.first_attested, t.last_attested, t.start, t.end, str(t.articles),
                              t.confidence] for t in tl.tenures], width)
    else:
        out.append("No posts with more than one holder or a change.")
    if tl.successions:
        out += ["", "Successions:"]
        out += [f"  {s.post}: {s.predecessor} → {s.successor}, changed between {s.not_before} and {s.not_after}"
                + (f"; stated in [{', '.join(s.stated_in)}]" if s.stated_in else "")
                for s in tl.successions]
    disputed = [t for t in tl.tenures if t.disputed_in]
    if disputed:
        out += ["", "Disputed attestations (outvoted by another holder's consistent ones; kept, not used for changes):"]
        out += [f"  {t.post}: {t.holder} [{', '.join(t.disputed_in)}]" for t in disputed]
    if tl.statements:
        out += ["", "Leadership statements:"]
        out += [f"  {s.date:<10}  {s.kind:<11} {s.label} [{', '.join(s.articles)}]" for s in tl.statements]
    if tl.conflicts:
        out += ["", "Conflicts:"]
        out += [f"  {c.post}: {' and '.join(c.holders)} both attested at overlapping dates "
                f"[{', '.join(c.articles)}]" for c in tl.conflicts]
    return "\n".join(out) + "\n"
