"""All articles' facts -> one rdflib Dataset: a named graph per article, the vocabulary, and derived tenures.

The derived graph is computed from facts and article dates only (never text): per holding the first and
last attesting article and an org:memberDuring interval; per single-holder post the successions between
holders attested at disjoint times, or a gk:Conflict when two holders' attestations overlap.

Before any of that, resolve_people decides which name keys are one person: a folded name is one node unless its
mentions hold local posts in different provinces that no shared post or single article links; those are kept apart
(keys suffixed with the province) and every such decision is returned, with its reason, for report.json.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import cmp_to_key

from rdflib import Dataset, Graph, Literal, URIRef

from extractors import vocab
from extractors.facts import Article, ArticleFacts, DateValue, Evidence, Holding, OrgRef, PersonRef
from extractors.places import MERGER_DATE, fold, lookup_place, place_entry, province_of
from graph.rdf import identity as ids
from graph.derive.placement import place_articles
from graph.rdf.article import INDICATOR_SCHEME, Canon, build_article_graph, canonical_labels, date_literal, role_label
from ontology.namespaces import GK, ORG, PROV, RDF, SKOS, TIME, XSD, bind_prefixes

__all__ = ["build_dataset", "merged_graph", "derived_graph", "resolve_people"]

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
    kind: str = "seen"  # "seen" in office, or an explicitly stated "start" / "end"
    evidence: Evidence | None = None  # the statement, for a stated start or end


# Evidence weighing for one-holder posts: points of one holder that contradict another holder's are "outvoted"
# (kept, marked disputed, left out of successions) when they come from few articles against many consistent ones.
_OUTVOTED_SHARE = 0.25  # at most this share of the pair's articles may be outvoted ...
_OUTVOTING_ARTICLES = 3  # ... by a holder that keeps at least this many articles
_ARTICLE_RELIABILITY = 0.8  # how often one article's attestation of a holding is right (extraction and dating)
# Titles lag behind changes: a holder named in the post within this many days after another holder's stated start,
# and seen in it before, is using a title that was just left, not taking the post back.
_STALE_TITLE_DAYS = 31
# Two holders seen this far apart, with no article stating the change, may have had others between them (a
# provincial term is five years; posts change hands mid-term): the order is kept, no succession is claimed.
_UNSTATED_GAP_DAYS = 730


def _days(earlier: str, later: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _can_precede(a_pts: Sequence[_Point], b_pts: Sequence[_Point]) -> bool:
    """Whether some change date T puts every point of a at or before T and every point of b at or after it."""
    return max(p.earliest for p in a_pts) <= min(p.latest for p in b_pts)


def _stated_order(a_pts: Sequence[_Point], b_pts: Sequence[_Point]) -> bool:
    """a's stated end or b's stated start falls where the two meet: the text says a came first."""
    return any(p.kind == "end" for p in a_pts) or any(p.kind == "start" for p in b_pts)


def _stale(a_pts: Sequence[_Point], b_pts: Sequence[_Point]) -> list[_Point]:
    """b's in-office points that fall just after a's stated start, when b was seen in the post before it and no
    article states that b started (again) after it: the lagging title of the outgoing holder."""
    starts = [p.latest for p in a_pts if p.kind == "start" and p.evidence is not None]
    if not starts:
        return []
    t = max(starts)
    if not any(p.earliest <= t for p in b_pts) or any(p.kind == "start" and p.latest >= t for p in b_pts):
        return []
    grace = (date.fromisoformat(t) + timedelta(days=_STALE_TITLE_DAYS)).isoformat()
    return [p for p in b_pts if p.kind == "seen" and p.earliest > t and p.latest <= grace]


def _chain_order(a: tuple[_HoldingRecord, Sequence[_Point]], b: tuple[_HoldingRecord, Sequence[_Point]]) -> int:
    """Order of two holders of a post: the one that must come first does; when the dates allow both orders, the
    one an article states (an end of the first, a start of the second); else the earlier points."""
    (ra, pa), (rb, pb) = a, b
    a_first, b_first = _can_precede(pa, pb), _can_precede(pb, pa)
    if a_first != b_first:
        return -1 if a_first else 1
    if a_first and _stated_order(pa, pb) != _stated_order(pb, pa):
        return -1 if _stated_order(pa, pb) else 1
    key = lambda r, pts: (min(p.latest for p in pts), min(p.earliest for p in pts), str(r.iri))  # noqa: E731
    return -1 if key(ra, pa) < key(rb, pb) else 1 if key(ra, pa) > key(rb, pb) else 0


def _articles_of(points: Iterable[_Point]) -> set[str]:
    return {p.article.id for p in points}


def _outvoted(a_pts: Sequence[_Point], b_pts: Sequence[_Point]) -> tuple[list[_Point], list[_Point]]:
    """For the order "a then b", the fewest points (counted by article) to set aside so the order holds:
    (a's points after the change, b's points before it), over every candidate change date."""
    best: tuple[int, list[_Point], list[_Point]] | None = None
    for t in sorted({p.earliest for p in (*a_pts, *b_pts)} | {p.latest for p in (*a_pts, *b_pts)}):
        late_a = [p for p in a_pts if p.earliest > t]
        early_b = [p for p in b_pts if p.latest < t]
        cost = len(_articles_of(late_a)) + len(_articles_of(early_b))
        if best is None or cost < best[0]:
            best = (cost, late_a, early_b)
    return (best[1], best[2]) if best else ([], [])


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
        """Attestations from dated articles with one of `statuses` (all when None).

        An in-office mention does not count from an article that also states the holding ended (an explicit end
        or "former"): "X, Vice Chairman of ..., retired on August 1" attests the end, not a tenure to the article date.
        """
        wanted = set(statuses) if statuses is not None else None
        ended = {a.article.id for a in self.attestations if a.holding.end is not None or a.holding.status == "former"}
        out = [
            a
            for a in self.attestations
            if a.article.published is not None
            and (wanted is None or a.holding.status in wanted)
            and not (a.holding.status in _HOLDING_NOW and a.article.id in ended)
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
                pts.append(_Point(a.holding.start.earliest, a.holding.start.latest, a.article, "start",
                                  a.holding.evidence))
            if a.holding.end is not None:
                pts.append(_Point(a.holding.end.earliest, a.holding.end.latest, a.article, "end", a.holding.evidence))
        return sorted(pts, key=lambda p: (p.earliest, p.latest, p.article.id, p.kind))

    def articles(self) -> set[str]:
        return {a.article.id for a in self.attestations}


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
    """A derived succession between two holders of one post: the last point of the one, the first of the other,
    and the statements of the change (a stated end or start) when the articles make them."""

    predecessor: _HoldingRecord
    successor: _HoldingRecord
    not_before: _Point
    not_after: _Point
    stated: tuple[_Point, ...] = ()


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
        self.disputed: dict[URIRef, set[str]] = defaultdict(set)  # holding -> articles whose attestation is outvoted
        self.disputed_by: dict[URIRef, set[URIRef]] = defaultdict(set)  # holding -> the holdings that outvote it

    def name(self, person: PersonRef) -> str:
        return self.canon.label(ids.person_iri(person), person.name)

    def post_label(self, role: str, org: OrgRef) -> str:
        return ids.post_label(role_label(role), self.canon.label(ids.org_iri(org), org.label))

    # -- successions, disputes and conflicts ---------------------------------------------------
    def successions(self) -> None:
        """Per one-holder post: settle each pair of holders (an order, outvoted points, or a conflict), then derive
        a succession between holders that follow each other on the points that remain."""
        by_post: dict[tuple[str, URIRef], list[_HoldingRecord]] = defaultdict(list)
        for rec in self.records.values():
            if vocab.post_single_holder(rec.role, rec.org.org_type):
                by_post[(rec.role, ids.org_iri(rec.org))].append(rec)
        for key in sorted(by_post):
            holders = [rec for rec in by_post[key] if rec.points()]
            if len(holders) < 2:
                continue
            kept = {rec.iri: rec.points() for rec in holders}
            pairs = [(a, b) for i, a in enumerate(holders) for b in holders[i + 1:]]
            for a, b in (*pairs, *((b, a) for a, b in pairs)):
                self.set_aside(b, _stale(kept[a.iri], kept[b.iri]), a, kept)
            conflicts: set[frozenset[URIRef]] = set()
            for a, b in pairs:
                if not self.settle(a, b, kept):
                    conflicts.add(frozenset((a.iri, b.iri)))
            live = sorted((rec for rec in holders if kept[rec.iri]), key=lambda r: str(r.iri))
            live = [r for r, _ in sorted(((r, kept[r.iri]) for r in live), key=cmp_to_key(_chain_order))]
            for a, b in zip(live, live[1:]):
                if frozenset((a.iri, b.iri)) in conflicts:
                    continue
                a_pts, b_pts = kept[a.iri], kept[b.iri]
                if not _can_precede(a_pts, b_pts):
                    continue
                if _can_precede(b_pts, a_pts) and not _stated_order(a_pts, b_pts):
                    continue  # the dates allow either order and no article states the change: say nothing
                last_a = max(a_pts, key=lambda p: (p.earliest, p.latest, p.article.id))
                first_b = min(b_pts, key=lambda p: (p.latest, p.earliest, p.article.id))
                stated = tuple(p for p in (*a_pts, *b_pts) if p.kind in ("start", "end") and p.evidence is not None
                               and (p in a_pts) == (p.kind == "end"))
                if not stated and _days(last_a.earliest, first_b.latest) > _UNSTATED_GAP_DAYS:
                    continue  # "Nguyễn Phú Trọng (2021) ... Tô Lâm (2024)": others may have held it between
                self.succession(_Change(a, b, last_a, first_b, stated))

    def settle(self, a: _HoldingRecord, b: _HoldingRecord, kept: dict[URIRef, list[_Point]]) -> bool:
        """Whether a and b can follow each other; when they cannot, the few outvoted points are set aside as
        disputed (True), or, with balanced evidence, a conflict is recorded (False)."""
        a_pts, b_pts = kept[a.iri], kept[b.iri]
        if not a_pts or not b_pts or _can_precede(a_pts, b_pts) or _can_precede(b_pts, a_pts):
            return True
        total = len(_articles_of(a_pts) | _articles_of(b_pts))
        options = []
        for first, second in ((a, b), (b, a)):
            late, early = _outvoted(kept[first.iri], kept[second.iri])
            options.append((len(_articles_of(late)) + len(_articles_of(early)), first, late, second, early))
        cost, first, late, second, early = min(options, key=lambda o: (o[0], str(o[1].iri)))
        for loser, points, winner in ((first, late, second), (second, early, first)):
            if not points:
                continue
            remaining = len(_articles_of(kept[winner.iri]))
            if cost > _OUTVOTED_SHARE * total or remaining < _OUTVOTING_ARTICLES:
                self.conflict(a, kept[a.iri], b, kept[b.iri])
                return False
        for loser, points, winner in ((first, late, second), (second, early, first)):
            self.set_aside(loser, points, winner, kept)
        return True

    def set_aside(self, loser: _HoldingRecord, points: list[_Point], winner: _HoldingRecord,
                  kept: dict[URIRef, list[_Point]]) -> None:
        """Mark the loser's points disputed by the winner's evidence and leave them out of successions."""
        if points:
            self.disputed[loser.iri].update(p.article.id for p in points)
            self.disputed_by[loser.iri].add(winner.iri)
            kept[loser.iri] = [p for p in kept[loser.iri] if p not in points]

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
        for p in change.stated:  # the articles' own statements of the change (an appointment, "replacing X")
            g.add((s, GK.evidence, ids.evidence_iri(p.evidence)))
            g.add((s, PROV.wasDerivedFrom, ids.article_iri(p.article.id)))
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
    def weigh(self, rec: _HoldingRecord) -> None:
        """gk:attestations (articles), gk:confidence, and gk:disputed with the outvoted articles and the holdings
        that outvote them."""
        g, h = self.g, rec.iri
        articles = rec.articles()
        outvoted = self.disputed.get(h, set())
        kept = len(articles - outvoted)
        g.add((h, GK.attestations, Literal(len(articles), datatype=XSD.integer)))
        if kept:
            confidence = (1 - (1 - _ARTICLE_RELIABILITY) ** kept) * kept / len(articles)
        else:  # wholly outvoted: one article's word against the many of the holdings that outvote it
            against = max(len(self.records[o].articles()) for o in self.disputed_by[h])
            confidence = _ARTICLE_RELIABILITY * len(articles) / (len(articles) + against)
        lexical = f"{confidence:.2f}".rstrip("0")  # the canonical xsd:decimal form ("0.8", "1.0"), as stores write it
        g.add((h, GK.confidence, Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=XSD.decimal)))
        if outvoted:
            g.add((h, GK.disputed, Literal(not kept)))
            for article in sorted(outvoted):
                g.add((h, GK.disputedIn, ids.article_iri(article)))
            for other in sorted(self.disputed_by[h]):
                g.add((h, GK.disputedBy, other))

    def tenure(self, rec: _HoldingRecord) -> None:
        g, h = self.g, rec.iri
        for att in rec.attestations:
            g.add((h, PROV.wasDerivedFrom, ids.article_iri(att.article.id)))
        self.weigh(rec)
        outvoted = self.disputed.get(h, set())
        span = [a for a in rec.attested_span() if a.article.id not in outvoted] or rec.attested_span()
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


# -- person resolution ------------------------------------------------------------------------------


def _org_province(org: OrgRef) -> str | None:
    """The province (or centrally-run city) a local body belongs to; None for national bodies."""
    place = org.jurisdiction
    if place is None and org.parent is not None:
        return _org_province(org.parent)
    if place is None or place.kind == "country":
        return None
    known = lookup_place(place.label)
    top = province_of(known) if known is not None else None
    if top is not None:
        return top.label
    if place.parent:
        return place.parent
    return place.label if place.kind == "province" else None


def _person_refs(obj) -> Iterable[PersonRef]:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, PersonRef):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, PersonRef))


def _rekey_fact(fact, keys: dict[str, str]):
    """The fact with every PersonRef whose key is in `keys` given the new key (frozen dataclasses: a copy)."""
    changes = {}
    for f in fields(fact):
        value = getattr(fact, f.name)
        if isinstance(value, PersonRef) and value.key in keys:
            changes[f.name] = PersonRef(value.name, keys[value.key])
        elif isinstance(value, tuple) and any(isinstance(v, PersonRef) and v.key in keys for v in value):
            changes[f.name] = tuple(
                PersonRef(v.name, keys[v.key]) if isinstance(v, PersonRef) and v.key in keys else v for v in value
            )
    return replace(fact, **changes) if changes else fact


@dataclass
class _KeyUse:
    """What one article says about one name key: spellings, posts, provinces of its local posts."""

    article: Article
    names: set[str]
    posts: set[str]
    provinces: set[str]


def _span_of(uses: Iterable[_KeyUse]) -> tuple[str, str] | None:
    dated = [u.article.published for u in uses if u.article.published is not None]
    if not dated:
        return None
    return min(d.earliest for d in dated), max(d.latest for d in dated)


def _span_words(span: tuple[str, str] | None) -> str:
    if span is None:
        return "undated"
    return span[0] if span[0] == span[1] else f"{span[0]} to {span[1]}"


def _continues(earlier: _KeyUse, later: _KeyUse) -> bool:
    """later's posts lie in the province that earlier's province merged into, after the merger (ontology/places.tsv
    merged_into): the officials of a merged province carried on in the new one."""
    if later.article.published is None or later.article.published.earliest < MERGER_DATE:
        return False
    joined = {e.merged_into for e in map(place_entry, earlier.provinces) if e is not None and e.merged_into}
    return bool(joined & later.provinces)


def resolve_people(all_facts: Sequence[ArticleFacts]) -> tuple[list[ArticleFacts], list[dict]]:
    """Decide which folded name keys are one person; returns the facts (re-keyed where split) and the decisions.

    One key is one person unless its mentions hold local posts in different provinces with no shared post, no
    article naming both, and no merger of one province into the other before the later mention: then each province's mentions become their own person (key "name - province") and a
    "split" record says why (overlapping dates: surely two people; disjoint dates: perhaps one who moved, but
    nothing links them). A mention without a local post goes to the group whose province its article covers or
    whose post it shares; otherwise it stays on the bare key and an "ambiguous" record says so. Keys spelled in
    several ways and kept together get a "merged" record listing the spellings.
    """
    uses: dict[str, dict[str, _KeyUse]] = defaultdict(dict)
    for af in all_facts:
        for fact in af.facts:
            for ref in _person_refs(fact):
                use = uses[ref.key].setdefault(af.article.id, _KeyUse(af.article, set(), set(), set()))
                use.names.add(ref.name)
                if isinstance(fact, Holding) and fact.person.key == ref.key:
                    use.posts.add(str(ids.post_iri(fact.role, fact.org)))
                    province = _org_province(fact.org)
                    if province is not None:
                        use.provinces.add(province)
    decisions: list[dict] = []
    rekey: dict[str, dict[str, str]] = defaultdict(dict)  # article id -> old key -> new key
    for key in sorted(uses):
        by_article = uses[key]
        names = sorted({n for u in by_article.values() for n in u.names}, key=lambda s: (s.isascii(), s))
        anchored = {aid: u for aid, u in by_article.items() if u.provinces}
        provinces = sorted({p for u in anchored.values() for p in u.provinces})
        if len(provinces) < 2:
            if len(names) > 1:
                decisions.append({"key": key, "decision": "merged", "spellings": names,
                                  "articles": sorted(by_article),
                                  "reason": "same name once diacritics, honorifics and case are set aside"})
            continue
        # union-find over anchored articles: a shared province or a shared post links them
        parent = {aid: aid for aid in anchored}

        def find(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        ids_sorted = sorted(anchored)
        for i, a in enumerate(ids_sorted):
            for b in ids_sorted[i + 1 :]:
                ua, ub = anchored[a], anchored[b]
                if ua.provinces & ub.provinces or ua.posts & ub.posts or _continues(ua, ub) or _continues(ub, ua):
                    union(a, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for aid in ids_sorted:
            groups[find(aid)].append(aid)
        if len(groups) < 2:
            decisions.append({"key": key, "decision": "merged", "spellings": names, "articles": sorted(by_article),
                              "reason": "posts in " + " and ".join(provinces)
                              + " are linked by a shared post or an article naming both"})
            continue
        clusters = []
        for members in groups.values():
            provs = sorted({p for aid in members for p in anchored[aid].provinces})
            clusters.append({"provinces": provs, "articles": list(members),
                             "posts": set().union(*(anchored[a].posts for a in members))})
        clusters.sort(key=lambda c: c["provinces"])
        ambiguous = []
        for aid in sorted(set(by_article) - set(anchored)):
            use = by_article[aid]
            fits = [c for c in clusters if use.posts & c["posts"]] or [
                c for c in clusters if use.article.province in c["provinces"]]
            if len(fits) == 1:
                fits[0]["articles"].append(aid)
            else:
                ambiguous.append(aid)
        persons = []
        for c in clusters:
            new_key = f"{key} - {fold(' '.join(c['provinces']))}"
            c_names = sorted({n for aid in c["articles"] for n in by_article[aid].names})
            for aid in c["articles"]:
                rekey[aid][key] = new_key
            persons.append({"iri": str(ids.person_iri(PersonRef(c_names[0], new_key))), "key": new_key,
                            "names": c_names, "provinces": c["provinces"], "articles": sorted(c["articles"]),
                            "posts": sorted(c["posts"]),
                            "dates": _span_words(_span_of(by_article[a] for a in c["articles"]))})
        spans = [_span_of(by_article[a] for a in c["articles"] if a in anchored) for c in clusters]
        overlap = any(
            a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]
            for i, a in enumerate(spans) for b in spans[i + 1 :]
        )
        where = "; ".join(f"{', '.join(c['provinces'])} ({p['dates']})" for c, p in zip(clusters, persons))
        if overlap:
            reason = (f"'{names[0]}' holds local posts in different provinces at overlapping dates ({where}) "
                      "with no shared post: two different people")
        else:
            reason = (f"'{names[0]}' holds local posts in different provinces at different dates ({where}); "
                      "no shared post or article links them, so they are kept apart (it may be one person "
                      "who moved)")
        decisions.append({"key": key, "decision": "split", "persons": persons, "reason": reason})
        if ambiguous:
            decisions.append({"key": key, "decision": "ambiguous", "articles": ambiguous,
                              "candidates": [p["iri"] for p in persons],
                              "reason": f"the mention names no post that places '{names[0]}' in one of "
                              + ", ".join(", ".join(c["provinces"]) for c in clusters)
                              + "; kept as a separate node"})
    if not rekey:
        return list(all_facts), decisions
    out = []
    for af in all_facts:
        keys = rekey.get(af.article.id)
        if keys:
            af = ArticleFacts(af.article, tuple(_rekey_fact(f, keys) for f in af.facts))
        out.append(af)
    return out, decisions


def _split_notes(decisions: Sequence[dict]) -> Graph:
    """skos:editorialNote on each person kept apart from a namesake, so the graph says why, too."""
    g = bind_prefixes(Graph())
    for d in decisions:
        if d["decision"] != "split":
            continue
        for p in d["persons"]:
            g.add((URIRef(p["iri"]), SKOS.editorialNote, Literal(f"Kept apart from a namesake: {d['reason']}.")))
    return g


def build_dataset(all_facts: Sequence[ArticleFacts], vocabulary: Graph, resolution: list | None = None) -> Dataset:
    """One named graph per article, the vocabulary graph and the derived graph, in one Dataset.

    Articles that name no province are placed first (graph.derive.placement.place_articles), then people are resolved
    (resolve_people); pass a list as `resolution` to receive both stages' decisions (for report.json). Raises ValueError when two ArticleFacts share an article id (their named graphs would collide).
    """
    by_id: dict[str, ArticleFacts] = {}
    for af in all_facts:
        if af.article.id in by_id:
            raise ValueError(
                f"{af.article.path}: article id {af.article.id!r} already used by {by_id[af.article.id].article.path}"
            )
        by_id[af.article.id] = af
    placed, placements = place_articles([by_id[k] for k in sorted(by_id)])
    ordered, decisions = resolve_people(placed)
    if resolution is not None:
        resolution.extend(placements)
        resolution.extend(decisions)
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
    derived += _split_notes(decisions)
    derived += __import__("graph.derive.changes", fromlist=["_"]).change_graph(ds)  # the 2025 mergers (graph/derive/changes.py)
    return ds


def merged_graph(ds: Dataset) -> Graph:
    """The union of every named graph (and the default graph) as one Graph, for graph.ttl."""
    merged = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged
