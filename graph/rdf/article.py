"""One article's facts -> the triples of its named graph (the DESIGN.md contract, article by article).

Graph code never re-reads text: everything here comes from the frozen fact dataclasses. IRIs come from
graph.rdf.identity, so the same entity read in two articles becomes one node when the named graphs are merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal, URIRef

from extractors import vocab
from extractors.places import fold
from extractors.targets import PLAN_COMPLETION_SUFFIX
from extractors.facts import (
    Article,
    ArticleFacts,
    Authorship,
    Commitment,
    DateValue,
    Document,
    Event,
    Evidence,
    Holding,
    Observation,
    OrgMention,
    OrgRef,
    Period,
    PersonRef,
    PlaceRef,
    Target,
)
from graph.rdf import identity as ids
from ontology.namespaces import DCTERMS, FOAF, GK, GKR, OA, ORG, PROV, RDF, SDO, SKOS, XSD, bind_prefixes

__all__ = [
    "Canon",
    "EVENT_CLASSES",
    "PLACE_CLASSES",
    "build_article_graph",
    "canonical_labels",
    "date_literal",
    "iter_refs",
    "role_label",
]

EVENT_CLASSES: dict[str, URIRef] = {
    "meeting": GK.Meeting,
    "working-visit": GK.WorkingVisit,
    "field-visit": GK.FieldVisit,
    "conference": GK.Conference,
    "ceremony": GK.Ceremony,
    "reception": GK.Reception,
    "appointment": GK.Appointment,
    "election": GK.Election,
    "transfer": GK.Transfer,
    "retirement": GK.Retirement,
    "dismissal": GK.Dismissal,
}
"""Event kind (slugged, so "working visit" and "working-visit" agree) -> gk: subclass of schema:Event."""

PLACE_CLASSES: dict[str, URIRef] = {
    "country": GK.Country,
    "province": GK.Province,
    "city": GK.City,
    "district": GK.District,
    "town": GK.District,  # a district-level town
    "commune": GK.Commune,
    "ward": GK.Ward,
}

_LEVEL_BY_PLACE_KIND = {
    "country": "national",
    "province": "provincial",
    "city": "district",
    "district": "district",
    "town": "district",
    "commune": "commune",
    "ward": "commune",
}
_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_YEAR = re.compile(r"\d{4}")
INDICATOR_SCHEME = GKR["scheme/indicators"]
ROLE_SCHEME = GKR["scheme/roles"]
COUNTRY = PlaceRef("Vietnam", "country")
"""The jurisdiction of national bodies (label as in ontology/places.tsv)."""


def date_literal(value: DateValue) -> Literal:
    """A DateValue as a literal typed by its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    return Literal(value.value, datatype=_DATE_TYPES[value.precision])


def _xsd_date(iso: str) -> Literal:
    return Literal(iso, datatype=XSD.date)


def _decimal(value) -> Literal:
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def role_label(role_id: str) -> str:
    """The canonical label of a role id from ontology/roles.ttl ("secretary" -> "Secretary")."""
    role = vocab.roles().get(role_id)
    if role is not None:
        return role.label
    return role_id.replace("-", " ").capitalize()


def iter_refs(af: ArticleFacts) -> Iterator[PersonRef | OrgRef | PlaceRef]:
    """Every person, organisation and place reference in one article's facts (parents and jurisdictions too)."""

    def expand(ref):
        if ref is None:
            return
        yield ref
        if isinstance(ref, OrgRef):
            yield from expand(ref.jurisdiction)
            yield from expand(ref.parent)
        elif isinstance(ref, PlaceRef) and ref.parent:
            yield PlaceRef(ref.parent, "province")

    if af.article.province:
        yield from expand(PlaceRef(af.article.province, "province"))
    for fact in af.facts:
        if isinstance(fact, Holding):
            refs = (fact.person, fact.org)
        elif isinstance(fact, Authorship):
            refs = (fact.person,)
        elif isinstance(fact, OrgMention):
            refs = (fact.org,)
        elif isinstance(fact, Event):
            refs = (fact.location, fact.organizer, fact.subject, fact.org, *fact.chairs, *fact.speakers, *fact.attendees)
        elif isinstance(fact, Target):
            refs = (fact.applies_to, fact.set_by)
        elif isinstance(fact, Observation):
            refs = (fact.applies_to,)
        elif isinstance(fact, Commitment):
            refs = (fact.actor, fact.addressee)
        elif isinstance(fact, Document):
            refs = (fact.issuer,)
        else:
            refs = ()
        for ref in refs:
            yield from expand(ref)


def _display_name(ref: PersonRef | OrgRef | PlaceRef) -> str:
    return _nfc(ref.name if isinstance(ref, PersonRef) else ref.label)


@dataclass(frozen=True)
class Canon:
    """The one display label chosen per IRI across the corpus (other spellings become skos:altLabel)."""

    labels: Mapping[URIRef, str] = field(default_factory=dict)

    def label(self, iri: URIRef, as_written: str) -> str:
        return self.labels.get(iri, _nfc(as_written))


def canonical_labels(all_facts: Iterable[ArticleFacts]) -> Canon:
    """Pick each person's/organisation's/place's label: with diacritics first, then most frequent, then sorted."""
    seen: dict[URIRef, Counter[str]] = {}
    for af in all_facts:
        for ref in iter_refs(af):
            seen.setdefault(ids.agent_iri(ref), Counter())[_display_name(ref)] += 1
    labels = {}
    for iri, counts in seen.items():
        labels[iri] = min(counts, key=lambda s: (s.isascii(), -counts[s], s))
    return Canon(labels)


@cache
def _vocabulary_indicators() -> frozenset[URIRef]:
    g = vocab.vocabulary_graph()
    return frozenset(s for s in g.subjects(SKOS.inScheme, INDICATOR_SCHEME) if isinstance(s, URIRef))


def _jurisdiction(ref: OrgRef) -> PlaceRef | None:
    """The stated jurisdiction; else a nested body's parent's; else the country for national and sector bodies."""
    if ref.jurisdiction is not None:
        return ref.jurisdiction
    org_type = vocab.org_types().get(ref.org_type)
    if org_type is None:
        return None
    if org_type.scope == "nested" and ref.parent is not None:
        return _jurisdiction(ref.parent)
    if org_type.scope in ("national", "sector"):
        return COUNTRY
    return None


class _ArticleGraphBuilder:
    """Accumulates one article's triples; one method per node kind, each idempotent."""

    def __init__(self, af: ArticleFacts, canon: Canon, indicators: frozenset[URIRef]):
        self.af = af
        self.article: Article = af.article
        self.where = f"article {af.article.id} ({af.article.path})"
        self.canon = canon
        self.indicators = indicators
        self.g = bind_prefixes(Graph())
        self.a = ids.article_iri(af.article.id)

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    # -- the article ---------------------------------------------------------------------------
    def article_node(self) -> None:
        art, a = self.article, self.a
        self.add(a, RDF.type, GK.Article)
        self.add(a, DCTERMS.identifier, Literal(art.id))
        if art.title.strip():
            self.add(a, DCTERMS.title, Literal(_nfc(art.title.strip())))
        self.add(a, GK.dateBasis, Literal(art.date_basis))
        if art.published is not None:
            self.add(a, DCTERMS.date, date_literal(art.published))
            self.add(a, GK.notBefore, _xsd_date(art.published.earliest))
            self.add(a, GK.notAfter, _xsd_date(art.published.latest))
        if art.url:
            self.add(a, DCTERMS.source, URIRef(art.url))
        if art.site_name:
            self.add(a, SDO.publisher, Literal(_nfc(art.site_name)))
        if art.province:
            self.add(a, GK.province, self.place(PlaceRef(art.province, "province")))

    # -- referenced entities -------------------------------------------------------------------
    def person(self, ref: PersonRef) -> URIRef:
        iri = ids.person_iri(ref)
        written = _nfc(ref.name)
        name = self.canon.label(iri, written)
        self.add(iri, RDF.type, FOAF.Person)
        self.add(iri, FOAF.name, Literal(name))
        if written != name:
            self.add(iri, SKOS.altLabel, Literal(written))
        key = ref.key or fold(written)
        self.add(iri, GK.nameKey, Literal(key))
        self.add(iri, GK.mentionedIn, self.a)
        return iri

    def place(self, ref: PlaceRef) -> URIRef:
        iri = ids.place_iri(ref)
        self.add(iri, RDF.type, SDO.Place)
        self.add(iri, RDF.type, PLACE_CLASSES.get(ref.kind))
        self.add(iri, SDO.name, Literal(self.canon.label(iri, ref.label)))
        if ref.parent and ref.kind not in ("province", "country"):
            self.add(iri, SDO.containedInPlace, self.place(PlaceRef(ref.parent, "province")))
        self.add(iri, GK.mentionedIn, self.a)
        return iri

    def org(self, ref: OrgRef) -> URIRef:
        iri = ids.org_iri(ref)
        self.add(iri, RDF.type, ORG.Organization)
        org_type = vocab.org_types().get(ref.org_type)
        if org_type is not None:
            self.add(iri, RDF.type, GK[org_type.class_name])
        self.add(iri, GK.orgType, ids.org_type_iri(ref.org_type))
        written = _nfc(ref.label)
        label = self.canon.label(iri, written)
        self.add(iri, SKOS.prefLabel, Literal(label))
        if written != label:
            self.add(iri, SKOS.altLabel, Literal(written))
        jurisdiction = _jurisdiction(ref)
        if jurisdiction is not None:
            self.add(iri, GK.jurisdiction, self.place(jurisdiction))
            self.add(iri, GK.level, Literal(_LEVEL_BY_PLACE_KIND.get(jurisdiction.kind, "provincial")))
        if ref.parent is not None:
            self.add(iri, ORG.subOrganizationOf, self.org(ref.parent))
        self.add(iri, GK.mentionedIn, self.a)
        return iri

    def agent(self, ref: PersonRef | OrgRef | PlaceRef | None) -> URIRef | None:
        if ref is None:
            return None
        if isinstance(ref, PersonRef):
            return self.person(ref)
        if isinstance(ref, OrgRef):
            return self.org(ref)
        if isinstance(ref, PlaceRef):
            return self.place(ref)
        raise TypeError(f"{self.where}: not a person, organisation or place reference: {ref!r}")

    def role(self, role_id: str) -> URIRef:
        iri = ids.role_iri(role_id)
        if role_id not in vocab.roles():
            # an id missing from ontology/roles.ttl still gets a labelled concept, so the graph stays readable
            self.add(iri, RDF.type, ORG.Role)
            self.add(iri, RDF.type, SKOS.Concept)
            self.add(iri, SKOS.inScheme, ROLE_SCHEME)
            self.add(iri, SKOS.prefLabel, Literal(role_label(role_id), lang="en"))
        return iri

    def post(self, role_id: str, org: OrgRef) -> URIRef:
        iri = ids.post_iri(role_id, org)
        org_node = self.org(org)
        self.add(iri, RDF.type, ORG.Post)
        self.add(iri, ORG.postIn, org_node)
        self.add(iri, ORG.role, self.role(role_id))
        self.add(iri, SKOS.prefLabel, Literal(ids.post_label(role_label(role_id), self.canon.label(org_node, org.label))))
        self.add(iri, GK.singleHolder, Literal(vocab.post_single_holder(role_id, org.org_type)))
        return iri

    def evidence(self, node: URIRef, evidence: Evidence) -> None:
        if evidence.article_id != self.article.id:
            raise ValueError(
                f"{self.where}: a fact carries evidence from article {evidence.article_id!r}, not from this article"
            )
        if not (0 <= evidence.start <= evidence.end):
            raise ValueError(f"{self.where}: evidence offsets {evidence.start}-{evidence.end} are not a span")
        ev = ids.evidence_iri(evidence)
        self.add(ev, RDF.type, GK.Evidence)
        self.add(ev, GK.inArticle, self.a)
        self.add(ev, GK.quote, Literal(evidence.quote))
        self.add(ev, GK.charStart, Literal(evidence.start, datatype=XSD.integer))
        self.add(ev, GK.charEnd, Literal(evidence.end, datatype=XSD.integer))
        self.annotation(ev, node, evidence)
        self.add(node, GK.evidence, ev)
        self.add(node, PROV.wasDerivedFrom, self.a)

    def annotation(self, ev: URIRef, node: URIRef, evidence: Evidence) -> None:
        """The evidence node as a W3C Web Annotation too: its body the fact, its target the quoted span of the
        article (its URL, else its IRI) by a TextQuoteSelector (exact, and prefix/suffix when the extractor
        kept them) and a TextPositionSelector (the same code-point offsets as gk:charStart/gk:charEnd)."""
        target, quote, position = URIRef(f"{ev}/target"), URIRef(f"{ev}/quote"), URIRef(f"{ev}/position")
        self.add(ev, RDF.type, OA.Annotation)
        self.add(ev, OA.motivatedBy, OA.describing)
        self.add(ev, OA.hasBody, node)
        self.add(ev, OA.hasTarget, target)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, URIRef(self.article.url) if self.article.url else self.a)
        self.add(target, OA.hasSelector, quote)
        self.add(target, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(evidence.quote))
        if evidence.prefix is not None:
            self.add(quote, OA.prefix, Literal(evidence.prefix))
        if evidence.suffix is not None:
            self.add(quote, OA.suffix, Literal(evidence.suffix))
        self.add(position, RDF.type, OA.TextPositionSelector)
        # xsd:integer, not the vocabulary's xsd:nonNegativeInteger: Oxigraph stores the latter as xsd:integer,
        # and the store must hold exactly the triples of graph.ttl
        self.add(position, OA.start, Literal(evidence.start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(evidence.end, datatype=XSD.integer))

    def period(self, node: URIRef, period: Period | None) -> None:
        if period is None:
            return
        if _YEAR.fullmatch(period.value):
            self.add(node, GK.period, Literal(period.value, datatype=XSD.gYear))
        else:
            self.add(node, GK.period, Literal(period.value))
        if period.start:
            self.add(node, GK.periodStart, _xsd_date(period.start))
        if period.end:
            self.add(node, GK.periodEnd, _xsd_date(period.end))

    def indicator(self, indicator_id: str, label: str) -> URIRef:
        iri = ids.indicator_iri(indicator_id)
        if iri not in self.indicators:
            self.add(iri, RDF.type, SKOS.Concept)
            self.add(iri, SKOS.inScheme, INDICATOR_SCHEME)
            self.add(iri, SKOS.prefLabel, Literal(_nfc(label or indicator_id), lang="en"))
            if indicator_id.endswith(PLAN_COMPLETION_SUFFIX):  # "131% of the estimate": the share of X's plan reached
                base = ids.indicator_iri(indicator_id[: -len(PLAN_COMPLETION_SUFFIX)])
                self.add(iri, GK.planCompletionOf, base)
                self.add(iri, SKOS.broader, base)
        return iri

    # -- facts ---------------------------------------------------------------------------------
    def holding(self, fact: Holding) -> None:
        h = ids.holding_iri(fact.person, fact.role, fact.org)
        self.add(h, RDF.type, ORG.Membership)
        self.add(h, ORG.member, self.person(fact.person))
        self.add(h, ORG.organization, self.org(fact.org))
        self.add(h, ORG.role, self.role(fact.role))
        self.add(h, GK.post, self.post(fact.role, fact.org))
        self.add(h, GK.status, Literal(fact.status))
        if fact.start is not None:
            self.add(h, GK.startDate, date_literal(fact.start))
        if fact.end is not None:
            self.add(h, GK.endDate, date_literal(fact.end))
        self.evidence(h, fact.evidence)

    def event(self, fact: Event) -> None:
        e = ids.event_iri(fact)
        self.add(e, RDF.type, SDO.Event)
        self.add(e, RDF.type, EVENT_CLASSES.get(ids.slug(fact.kind)) if fact.kind.strip() else None)
        self.add(e, SDO.name, Literal(_nfc(fact.label)))
        if fact.date is not None:
            self.add(e, SDO.startDate, date_literal(fact.date))
            if len(fact.date.value) == 10 and fact.date.latest > fact.date.value:  # a session over several days
                self.add(e, SDO.endDate, _xsd_date(fact.date.latest))
        if fact.location is not None:
            self.add(e, SDO.location, self.place(fact.location))
        if fact.organizer is not None:
            self.add(e, SDO.organizer, self.org(fact.organizer))
        for p in fact.chairs:
            self.add(e, GK.chair, self.person(p))
        for p in fact.speakers:
            self.add(e, GK.speaker, self.person(p))
        for p in (*fact.chairs, *fact.speakers, *fact.attendees):
            self.add(e, SDO.attendee, self.person(p))
        if fact.subject is not None:
            self.add(e, GK.subject, self.person(fact.subject))
        if fact.role and fact.org is not None:
            self.add(e, GK.post, self.post(fact.role, fact.org))
        elif fact.org is not None:
            self.org(fact.org)
        if not fact.evidence:
            raise ValueError(f"{self.where}: event {fact.key!r} carries no evidence")
        for ev in fact.evidence:
            self.evidence(e, ev)

    def target(self, fact: Target) -> None:
        t = ids.target_iri(fact)
        self.add(t, RDF.type, GK.Target)
        self.add(t, GK.indicator, self.indicator(fact.indicator, fact.indicator_label))
        self.add(t, GK.comparator, Literal(fact.comparator))
        self.add(t, GK.value, _decimal(fact.value))
        if fact.value_max is not None:
            self.add(t, GK.valueMax, _decimal(fact.value_max))
        self.add(t, GK.unit, Literal(fact.unit))
        if fact.alternate_value is not None:
            self.add(t, GK.alternateValue, _decimal(fact.alternate_value))
            self.add(t, GK.alternateUnit, Literal(fact.alternate_unit))
        self.period(t, fact.period)
        self.add(t, GK.appliesTo, self.agent(fact.applies_to))
        self.add(t, GK.setBy, self.agent(fact.set_by))
        if fact.stated_at:
            self.add(t, GK.statedAt, ids.event_iri(fact.stated_at))
        self.evidence(t, fact.evidence)

    def observation(self, fact: Observation) -> None:
        o = ids.observation_iri(fact)
        self.add(o, RDF.type, GK.Observation)
        self.add(o, GK.indicator, self.indicator(fact.indicator, fact.indicator_label))
        self.add(o, GK.value, _decimal(fact.value))
        self.add(o, GK.unit, Literal(fact.unit))
        if fact.alternate_value is not None:
            self.add(o, GK.alternateValue, _decimal(fact.alternate_value))
            self.add(o, GK.alternateUnit, Literal(fact.alternate_unit))
        self.period(o, fact.period)
        self.add(o, GK.estimated, Literal(fact.estimated))
        self.add(o, GK.appliesTo, self.agent(fact.applies_to))
        if fact.relative_to:
            self.add(o, GK.relativeTo, Literal(fact.relative_to))
        self.evidence(o, fact.evidence)

    def commitment(self, fact: Commitment, n: int) -> None:
        c = ids.commitment_iri(self.article.id, n)
        self.add(c, RDF.type, GK.Commitment)
        self.add(c, GK.kind, Literal(fact.kind))
        self.add(c, GK.actor, self.agent(fact.actor))
        self.add(c, GK.addressee, self.agent(fact.addressee))
        self.add(c, GK.content, Literal(_nfc(fact.content)))
        self.evidence(c, fact.evidence)

    def document(self, fact: Document) -> None:
        d = ids.document_iri(fact)
        self.add(d, RDF.type, GK.LegalDocument)
        self.add(d, DCTERMS.title, Literal(_nfc(fact.label)))
        if fact.number:
            self.add(d, DCTERMS.identifier, Literal(_nfc(fact.number)))
        if fact.doc_type:
            self.add(d, GK.docType, Literal(fact.doc_type))
        if fact.date is not None:
            self.add(d, DCTERMS.date, date_literal(fact.date))
        if fact.issuer is not None:
            issuer = self.org(fact.issuer)
            self.add(d, GK.issuer, issuer)
            self.add(d, DCTERMS.creator, issuer)
        self.evidence(d, fact.evidence)

    def build(self) -> Graph:
        self.article_node()
        n_commitments = 0
        for fact in self.af.facts:
            if isinstance(fact, Holding):
                self.holding(fact)
            elif isinstance(fact, Authorship):
                self.add(self.a, SDO.author, self.person(fact.person))
            elif isinstance(fact, OrgMention):
                self.org(fact.org)
            elif isinstance(fact, Event):
                self.event(fact)
            elif isinstance(fact, Target):
                self.target(fact)
            elif isinstance(fact, Observation):
                self.observation(fact)
            elif isinstance(fact, Commitment):
                n_commitments += 1
                self.commitment(fact, n_commitments)
            elif isinstance(fact, Document):
                self.document(fact)
            else:
                raise TypeError(f"{self.where}: unknown fact type {type(fact).__name__}")
        return self.g


def build_article_graph(
    af: ArticleFacts,
    *,
    canon: Canon | None = None,
    indicators: Sequence[URIRef] | frozenset[URIRef] | None = None,
) -> Graph:
    """The triples of one article's named graph.

    `canon` (from canonical_labels over the whole corpus) fixes each entity's display label so that
    merged graphs carry one foaf:name/skos:prefLabel per node; without it, labels are as written.
    `indicators` are the indicator concepts the vocabulary already defines (default: the ontology's);
    other indicators get a concept with the fact's label here.
    """
    known = frozenset(indicators) if indicators is not None else _vocabulary_indicators()
    return _ArticleGraphBuilder(af, canon or Canon(), known).build()
