"""All articles' facts -> one rdflib Dataset: a named graph per article, the vocabulary, and derived tenures.

The derived graph is computed from facts and article dates only (never text): per holding the first and
last attesting article and an org:memberDuring interval; per single-holder post the successions between
holders attested at disjoint times, or a gk:Conflict when two holders' attestations overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef

from extractors import vocab
from extractors.facts import Article, ArticleFacts, DateValue, Holding, OrgRef, PersonRef
from graph import identity as ids
from graph.build import INDICATOR_SCHEME, Canon, build_article_graph, canonical_labels, date_literal, role_label
from ontology.namespaces import GK, ORG, PROV, RDF, SKOS, TIME, XSD, bind_prefixes

__all__ = ["build_dataset", "merged_graph", "derived_graph"]

# statuses that attest a person holding the post at the article's date (successions/conflicts use "current")
_HOLDING_NOW = ("current", "acting", "incoming")
_TIME_PROPERTY = {"day": TIME.inXSDDate, "month": TIME.inXSDgYearMonth, "year": TIME.inXSDgYear}


@dataclass(frozen=True, slots=True)
class _Attestation:
    """One article's statement of one holding."""

    article: Article
    holding: Holding


@dataclass(frozen=True, slots=True)
class _Point:
    """A dated piece of evidence that a holder held a post: earliest/latest ISO bounds and its article."""

    earliest: str
    latest: str
    article: Article


def _bounds_key(dv: DateValue, article: Article) -> tuple[str, str, str]:
    return (dv.earliest, dv.latest, article.id)


def _xsd_date(iso: str) -> Literal:
    return Literal(iso, datatype=XSD.date)


@dataclass
class _HoldingRecord:
    """Everything the corpus says about one holding (person, role, organisation)."""

    iri: URIRef
    person: PersonRef
    role: str
    org: OrgRef
    attestations: list[_Attestation]

    def dated(self, statuses: Iterable[str] | None = None) -> list[_Attestation]:
        wanted = set(statuses) if statuses is not None else None
        out = [
            a
            for a in self.attestations
            if a.article.published is not None and (wanted is None or a.holding.status in wanted)
        ]
        return sorted(out, key=lambda a: _bounds_key(a.article.published, a.article))

    def attested_span(self) -> list[_Attestation]:
        """Attestations of the person in office: non-"former" ones when there are any, else all dated ones."""
        return self.dated(_HOLDING_NOW) or self.dated()

    def points(self) -> list[_Point]:
        """Dated evidence of the person holding the post as sole holder: current mentions, stated starts/ends."""
        pts = [
            _Point(a.article.published.earliest, a.article.published.latest, a.article)
            for a in self.dated(("current",))
        ]
        for a in self.attestations:
            if a.holding.start is not None and a.holding.status != "former":
                pts.append(_Point(a.holding.start.earliest, a.holding.start.latest, a.article))
            if a.holding.end is not None:
                pts.append(_Point(a.holding.end.earliest, a.holding.end.latest, a.article))
        return sorted(pts, key=lambda p: (p.earliest, p.latest, p.article.id))


def _collect_holdings(all_facts: Sequence[ArticleFacts]) -> dict[URIRef, _HoldingRecord]:
    records: dict[URIRef, _HoldingRecord] = {}
    for af in all_facts:
        for fact in af.facts:
            if isinstance(fact, Holding):
                iri = ids.holding_iri(fact.person, fact.role, fact.org)
                rec = records.setdefault(iri, _HoldingRecord(iri, fact.person, fact.role, fact.org, []))
                rec.attestations.append(_Attestation(af.article, fact))
    return dict(sorted(records.items()))


@dataclass(frozen=True, slots=True)
class _Change:
    """A derived succession between two holders of one post."""

    predecessor: _HoldingRecord
    successor: _HoldingRecord
    not_before: _Point
    not_after: _Point


def _span(points: list[_Point]) -> tuple[str, str]:
    return min(p.earliest for p in points), max(p.latest for p in points)


def _span_text(points: list[_Point]) -> str:
    lo, hi = _span(points)
    return lo if lo == hi else f"{lo} to {hi}"


class _Deriver:
    def __init__(self, all_facts: Sequence[ArticleFacts], canon: Canon):
        self.canon = canon
        self.records = _collect_holdings(all_facts)
        self.g = bind_prefixes(Graph())
        self.ends: dict[URIRef, list[_Point]] = defaultdict(list)  # holding -> evidence that it had ended

    def name(self, person: PersonRef) -> str:
        return self.canon.label(ids.person_iri(person), person.name)

    def post_label(self, role: str, org: OrgRef) -> str:
        return ids.post_label(role_label(role), self.canon.label(ids.org_iri(org), org.label))

    # -- successions and conflicts -------------------------------------------------------------
    def successions(self) -> None:
        by_post: dict[tuple[str, URIRef], list[_HoldingRecord]] = defaultdict(list)
        roles = vocab.roles()
        for rec in self.records.values():
            role = roles.get(rec.role)
            if role is not None and role.single_holder:
                by_post[(rec.role, ids.org_iri(rec.org))].append(rec)
        for key in sorted(by_post):
            holders = [(rec, rec.points()) for rec in by_post[key]]
            holders = [(rec, pts) for rec, pts in holders if pts]
            holders.sort(key=lambda rp: (_span(rp[1])[0], min(p.latest for p in rp[1]), str(rp[0].iri)))
            for i, (a, a_pts) in enumerate(holders):
                for b, b_pts in holders[i + 1 :]:
                    if not (_span(a_pts)[1] < _span(b_pts)[0] or _span(b_pts)[1] < _span(a_pts)[0]):
                        self.conflict(a, a_pts, b, b_pts)
            for (a, a_pts), (b, b_pts) in zip(holders, holders[1:]):
                if _span(a_pts)[1] < _span(b_pts)[0]:
                    last_a = max(a_pts, key=lambda p: (p.earliest, p.latest, p.article.id))
                    first_b = min(b_pts, key=lambda p: (p.latest, p.earliest, p.article.id))
                    self.succession(_Change(a, b, last_a, first_b))

    def succession(self, change: _Change) -> None:
        a, b = change.predecessor, change.successor
        s = ids.succession_iri(a.role, a.org, a.person, b.person)
        g = self.g
        g.add((s, RDF.type, GK.Succession))
        g.add((s, GK.post, ids.post_iri(a.role, a.org)))
        g.add((s, GK.predecessor, ids.person_iri(a.person)))
        g.add((s, GK.successor, ids.person_iri(b.person)))
        g.add((s, GK.notBefore, _xsd_date(change.not_before.earliest)))
        g.add((s, GK.notAfter, _xsd_date(change.not_after.latest)))
        g.add((s, PROV.wasDerivedFrom, ids.article_iri(change.not_before.article.id)))
        g.add((s, PROV.wasDerivedFrom, ids.article_iri(change.not_after.article.id)))
        g.add(
            (
                s,
                SKOS.prefLabel,
                Literal(f"{self.name(b.person)} succeeds {self.name(a.person)} as {self.post_label(a.role, a.org)}"),
            )
        )
        self.ends[a.iri].append(_Point(change.not_before.earliest, change.not_after.latest, change.not_after.article))

    def conflict(self, a: _HoldingRecord, a_pts: list[_Point], b: _HoldingRecord, b_pts: list[_Point]) -> None:
        c = ids.conflict_iri(a.role, a.org, a.person, b.person)
        g = self.g
        g.add((c, RDF.type, GK.Conflict))
        g.add((c, GK.post, ids.post_iri(a.role, a.org)))
        g.add((c, GK.holder, ids.person_iri(a.person)))
        g.add((c, GK.holder, ids.person_iri(b.person)))
        for p in (*a_pts, *b_pts):
            g.add((c, PROV.wasDerivedFrom, ids.article_iri(p.article.id)))
        (first, first_pts), (second, second_pts) = sorted(
            ((a, a_pts), (b, b_pts)), key=lambda rp: ids.person_key(rp[0].person)
        )
        note = (
            f"{self.name(first.person)} ({_span_text(first_pts)}) and {self.name(second.person)} "
            f"({_span_text(second_pts)}) are both attested as {self.post_label(a.role, a.org)}, a post with one "
            "holder at a time, at overlapping dates; which one held it when needs checking."
        )
        g.add((c, GK.note, Literal(note)))

    # -- tenures -------------------------------------------------------------------------------
    def tenure(self, rec: _HoldingRecord) -> None:
        g, h = self.g, rec.iri
        for att in rec.attestations:
            g.add((h, PROV.wasDerivedFrom, ids.article_iri(att.article.id)))
        span = rec.attested_span()
        if span:
            first = min(span, key=lambda a: (a.article.published.latest, a.article.published.earliest, a.article.id))
            last = max(span, key=lambda a: _bounds_key(a.article.published, a.article))
            g.add((h, GK.firstAttested, date_literal(first.article.published)))
            g.add((h, GK.lastAttested, date_literal(last.article.published)))
        during = ids.interval_iri(h)
        g.add((h, ORG.memberDuring, during))
        g.add((during, RDF.type, TIME.Interval))

        starts = sorted(
            (a.holding.start for a in rec.attestations if a.holding.start is not None),
            key=lambda d: (d.earliest, d.latest, d.value),
        )
        begin = ids.interval_iri(h, "begin")
        if starts:
            g.add((during, TIME.hasBeginning, begin))
            g.add((begin, RDF.type, TIME.Instant))
            g.add((begin, _TIME_PROPERTY[starts[0].precision], date_literal(starts[0])))
        elif span:
            earliest = min(a.article.published.earliest for a in span)
            g.add((during, TIME.hasBeginning, begin))
            g.add((begin, RDF.type, TIME.Instant))
            g.add((begin, TIME.inXSDDate, _xsd_date(earliest)))

        end = ids.interval_iri(h, "end")
        explicit_ends = sorted(
            (a.holding.end for a in rec.attestations if a.holding.end is not None),
            key=lambda d: (d.earliest, d.latest, d.value),
        )
        if explicit_ends:
            g.add((during, TIME.hasEnd, end))
            g.add((end, RDF.type, TIME.Instant))
            g.add((end, _TIME_PROPERTY[explicit_ends[0].precision], date_literal(explicit_ends[0])))
            return
        in_office = rec.dated(_HOLDING_NOW)
        last_seen = max((a.article.published.earliest for a in in_office), default=None)
        # a "former" mention bounds the end only if it is not older than the last in-office mention
        ended_by = [
            a.article.published.latest
            for a in rec.dated(("former",))
            if last_seen is None or a.article.published.earliest >= last_seen
        ]
        ended_by += [p.latest for p in self.ends.get(h, [])]
        if not ended_by:
            return
        not_after = min(ended_by)
        g.add((during, TIME.hasEnd, end))
        g.add((end, RDF.type, TIME.Instant))
        if last_seen is not None and last_seen <= not_after:
            g.add((end, GK.notBefore, _xsd_date(last_seen)))
            g.add((end, TIME.inXSDDate, _xsd_date(last_seen)))
        else:
            g.add((end, TIME.inXSDDate, _xsd_date(not_after)))
        g.add((end, GK.notAfter, _xsd_date(not_after)))

    def build(self) -> Graph:
        self.successions()
        for rec in self.records.values():
            self.tenure(rec)
        return self.g


def derived_graph(all_facts: Sequence[ArticleFacts], canon: Canon | None = None) -> Graph:
    """Tenures, successions and conflicts across articles, computed from facts and article dates."""
    return _Deriver(all_facts, canon or canonical_labels(all_facts)).build()


def build_dataset(all_facts: Sequence[ArticleFacts], vocabulary: Graph) -> Dataset:
    """One named graph per article, the vocabulary graph and the derived graph, in one Dataset.

    Raises ValueError when two ArticleFacts share an article id (their named graphs would collide).
    """
    by_id: dict[str, ArticleFacts] = {}
    for af in all_facts:
        if af.article.id in by_id:
            raise ValueError(
                f"{af.article.path}: article id {af.article.id!r} already used by {by_id[af.article.id].article.path}"
            )
        by_id[af.article.id] = af
    ordered = [by_id[k] for k in sorted(by_id)]
    canon = canonical_labels(ordered)
    known_indicators = frozenset(s for s in vocabulary.subjects(SKOS.inScheme, INDICATOR_SCHEME) if isinstance(s, URIRef))

    ds = bind_prefixes(Dataset())
    for af in ordered:
        named = ds.graph(ids.article_graph_iri(af.article.id))
        named += build_article_graph(af, canon=canon, indicators=known_indicators)
    vocabulary_graph = ds.graph(ids.VOCAB_GRAPH)
    vocabulary_graph += vocabulary
    derived = ds.graph(ids.DERIVED_GRAPH)
    derived += derived_graph(ordered, canon)
    return ds


def merged_graph(ds: Dataset) -> Graph:
    """The union of every named graph (and the default graph) as one Graph, for graph.ttl."""
    merged = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged
