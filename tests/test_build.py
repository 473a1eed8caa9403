"""graph.rdf.article: one article's facts become the DESIGN.md contract shapes in its named graph."""

from __future__ import annotations

import unicodedata
import zlib
from decimal import Decimal

import pytest
from rdflib import BNode, Literal, URIRef

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
from graph.rdf.article import build_article_graph
from ontology.namespaces import DCTERMS, FOAF, GK, GKR, ORG, PROV, RDF, SDO, SKOS, XSD

A1 = "000_1997b1c9d2f034b5"
DIEN_BIEN = PlaceRef("Điện Biên", "province")
THANH_NUA = PlaceRef("Thanh Nưa", "commune", parent="Điện Biên")
PCC = OrgRef("Party Central Committee", "party-central-committee")
PPC = OrgRef("Điện Biên Provincial Party Committee", "party-committee", DIEN_BIEN, PCC)
PEOPLES_COMMITTEE = OrgRef("Điện Biên Provincial People's Committee", "peoples-committee", DIEN_BIEN)
MOF = OrgRef("Ministry of Finance", "ministry")
CUONG = PersonRef("Trần Quốc Cường", "tran quoc cuong")
SON = PersonRef("Mùa A Sơn", "mua a son")
DO = PersonRef("Lê Thành Đô", "le thanh do")
TRUNG = PersonRef("Phạm Trung", "pham trung")

def ev(quote: str, article_id: str = A1) -> Evidence:
    """Evidence for `quote` at offsets derived from the quote (stable across calls, distinct per sentence)."""
    start = zlib.crc32(quote.encode("utf-8")) % 90_000
    return Evidence(article_id, start, start + len(quote), quote)


def article(published: DateValue | None = DateValue("2024-07", "2024-07-05", "2024-07-31"), **kw) -> Article:
    defaults = dict(
        id=A1, path=f"seeds/{A1}.txt", text="(text not needed by graph code)",
        title="Điện Biên Phủ aims for economic growth of at least 10.5% in 2024",
        url="https://example.org/dien-bien-session", published=published, date_basis="text", province="Điện Biên",
    )
    defaults.update(kw)
    return Article(**defaults)


def session_facts() -> ArticleFacts:
    """A hand-made reading of the July 2024 Provincial Party Committee session article."""
    session = Event(
        "meeting", "20th session of the 14th Điện Biên Provincial Party Committee", "dien-bien-ppc-14-session-20",
        (ev("The 14th Provincial Party Committee held its 20th session on July 5."),),
        date=DateValue("2024-07-05", "2024-07-05", "2024-07-05"), location=DIEN_BIEN, organizer=PPC,
        chairs=(CUONG, SON, DO), speakers=(CUONG, SON), attendees=(),
    )
    facts = (
        Authorship(TRUNG, ev("Phạm Trung")),
        Holding(CUONG, "secretary", PPC, ev("Trần Quốc Cường, the provincial Party Secretary, chaired it.")),
        Holding(CUONG, "member", PCC, ev("Cường also sits on the Party Central Committee.")),
        Holding(SON, "permanent-deputy-secretary", PPC, ev("Mùa A Sơn is Permanent Deputy Secretary.")),
        Holding(DO, "chairman", PEOPLES_COMMITTEE, ev("Lê Thành Đô chairs the People's Committee.")),
        OrgMention(PEOPLES_COMMITTEE, ev("The provincial People's Committee reported.")),
        session,
        Target(
            "economic-growth-rate", "economic growth rate", "atLeast", Decimal("10.5"), "percent",
            ev("The province aims for growth of at least 10.5% in 2024."),
            period=Period("2024", "2024-01-01", "2024-12-31"), applies_to=DIEN_BIEN, set_by=PPC,
            stated_at=session.key,
        ),
        Target(
            "grdp-growth-rate", "GRDP growth rate", "atLeast", Decimal("10"), "percent",
            ev("Growth should reach double digits from 2026 to 2030."),
            period=Period("2026/2030", "2026-01-01", "2030-12-31"), value_max=Decimal("12"), applies_to=DIEN_BIEN,
        ),
        Observation(
            "grdp-growth-rate", "GRDP growth rate", Decimal("6.76"), "percent",
            ev("Growth in the first nine months was estimated at 6.76%."),
            period=Period("2025-01/2025-09", "2025-01-01", "2025-09-30"), estimated=True, applies_to=DIEN_BIEN,
            relative_to="set scenario",
        ),
        Commitment("directive", CUONG, "speed up site clearance", ev("Cường asked units to speed up site clearance."),
                   addressee=PEOPLES_COMMITTEE),
        Commitment("commitment", DIEN_BIEN, "cut administrative procedures", ev("The province will cut procedures.")),
        Document("Directive No. 35-CT/TW", "directive", "35-CT/TW", ev("Directive No. 35-CT/TW of June 14, 2024."),
                 date=DateValue("2024-06-14", "2024-06-14", "2024-06-14"), issuer=OrgRef("Politburo", "politburo")),
        Event("field-visit", "Field survey at Thanh Nưa commune", "thanh-nua-field-survey-2025",
              (ev("The delegation surveyed the Thanh Nưa commune office."),), location=THANH_NUA),
        Event("appointment", "Appointment of Lê Thành Đô", "appointment-le-thanh-do",
              (ev("Lê Thành Đô was appointed chairman."),), subject=DO, role="chairman", org=PEOPLES_COMMITTEE),
    )
    return ArticleFacts(article(), facts)


@pytest.fixture(scope="module")
def graph():
    return build_article_graph(session_facts())


def values(g, s, p) -> set:
    return set(g.objects(s, p))


ART = ids.article_iri(A1)


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "datatype"),
    [
        ("2024-07-05", "2024-07-05", "2024-07-05", XSD.date),
        ("2024-07", "2024-07-05", "2024-07-31", XSD.gYearMonth),
        ("2025", "2025-09-30", "2025-12-31", XSD.gYear),
    ],
)
def test_build_article_date_typed_by_precision(value, earliest, latest, datatype):
    g = build_article_graph(ArticleFacts(article(DateValue(value, earliest, latest))))
    assert values(g, ART, DCTERMS.date) == {Literal(value, datatype=datatype)}
    assert values(g, ART, GK.notBefore) == {Literal(earliest, datatype=XSD.date)}
    assert values(g, ART, GK.notAfter) == {Literal(latest, datatype=XSD.date)}


def test_build_article_node(graph):
    assert (ART, RDF.type, GK.Article) in graph
    assert values(graph, ART, DCTERMS.title) == {Literal("Điện Biên Phủ aims for economic growth of at least 10.5% in 2024")}
    assert values(graph, ART, GK.dateBasis) == {Literal("text")}
    assert values(graph, ART, DCTERMS.source) == {URIRef("https://example.org/dien-bien-session")}
    assert values(graph, ART, SDO.author) == {ids.person_iri(TRUNG)}
    assert values(graph, ART, GK.province) == {ids.place_iri(DIEN_BIEN)}


def test_build_undated_article_has_no_date():
    g = build_article_graph(ArticleFacts(article(None, date_basis="inferred", url=None)))
    assert (ART, RDF.type, GK.Article) in g
    assert not values(g, ART, DCTERMS.date) and not values(g, ART, DCTERMS.source)


def test_build_person_name_is_nfc_with_key():
    nfd = PersonRef(unicodedata.normalize("NFD", "Trần Quốc Cường"), "tran quoc cuong")
    g = build_article_graph(ArticleFacts(article(), (Holding(nfd, "secretary", PPC, ev("Trần Quốc Cường spoke.")),)))
    p = ids.person_iri(CUONG)
    assert (p, RDF.type, FOAF.Person) in g
    assert values(g, p, FOAF.name) == {Literal("Trần Quốc Cường")}
    assert values(g, p, GK.nameKey) == {Literal("tran quoc cuong")}
    assert values(g, p, GK.mentionedIn) == {ART}


def test_build_organisation_shape(graph):
    o = ids.org_iri(PPC)
    assert {ORG.Organization, GK.PartyCommittee} <= values(graph, o, RDF.type)
    assert values(graph, o, SKOS.prefLabel) == {Literal("Điện Biên Provincial Party Committee")}
    assert values(graph, o, GK.jurisdiction) == {ids.place_iri(DIEN_BIEN)}
    assert values(graph, o, ORG.subOrganizationOf) == {ids.org_iri(PCC)}
    assert values(graph, o, GK.orgType) == {GKR["org-type/party-committee"]}
    assert values(graph, o, GK.level) == {Literal("provincial")}
    assert GK.PartyCentralBody in values(graph, ids.org_iri(PCC), RDF.type)
    assert values(graph, ids.org_iri(PCC), GK.jurisdiction) == {GKR["place/vietnam"]}  # national body
    assert values(graph, ids.org_iri(PCC), GK.level) == {Literal("national")}
    assert GK.Country in values(graph, GKR["place/vietnam"], RDF.type)
    assert GK.PeoplesCommittee in values(graph, ids.org_iri(PEOPLES_COMMITTEE), RDF.type)


def test_build_nested_body_inherits_parent_jurisdiction_and_unknown_role_is_labelled():
    board = OrgRef("Standing Board of the Điện Biên Provincial Party Committee", "standing-board", None, PPC)
    g = build_article_graph(ArticleFacts(article(), (Holding(SON, "standing-member", board, ev("Sơn sits on the board.")),)))
    assert values(g, ids.org_iri(board), GK.jurisdiction) == {ids.place_iri(DIEN_BIEN)}
    assert values(g, ids.org_iri(board), ORG.subOrganizationOf) == {ids.org_iri(PPC)}
    role = ids.role_iri("standing-member")
    assert values(g, role, SKOS.prefLabel) == {Literal("Standing member", lang="en")}
    assert values(g, role, SKOS.inScheme) == {GKR["scheme/roles"]}


def test_build_places(graph):
    commune = ids.place_iri(THANH_NUA)
    assert {SDO.Place, GK.Commune} <= values(graph, commune, RDF.type)
    assert values(graph, commune, SDO.name) == {Literal("Thanh Nưa")}
    assert values(graph, commune, SDO.containedInPlace) == {ids.place_iri(DIEN_BIEN)}
    assert GK.Province in values(graph, ids.place_iri(DIEN_BIEN), RDF.type)


def test_build_post_and_holding(graph):
    post = ids.post_iri("secretary", PPC)
    assert (post, RDF.type, ORG.Post) in graph
    assert values(graph, post, ORG.postIn) == {ids.org_iri(PPC)}
    assert values(graph, post, ORG.role) == {GKR["role/secretary"]}
    assert values(graph, post, SKOS.prefLabel) == {Literal("Secretary of the Điện Biên Provincial Party Committee")}
    h = ids.holding_iri(CUONG, "secretary", PPC)
    assert (h, RDF.type, ORG.Membership) in graph
    assert values(graph, h, ORG.member) == {ids.person_iri(CUONG)}
    assert values(graph, h, ORG.organization) == {ids.org_iri(PPC)}
    assert values(graph, h, ORG.role) == {GKR["role/secretary"]}
    assert values(graph, h, GK.post) == {post}
    assert values(graph, h, GK.status) == {Literal("current")}
    assert values(graph, h, PROV.wasDerivedFrom) == {ART}


def test_build_holding_explicit_dates_typed():
    h = Holding(SON, "permanent-deputy-secretary", PPC, ev("Sơn was elected in October 2020."),
                start=DateValue("2020-10", "2020-10-01", "2020-10-31"), end=DateValue("2025", "2025-01-01", "2025-12-31"))
    g = build_article_graph(ArticleFacts(article(), (h,)))
    node = ids.holding_iri(SON, "permanent-deputy-secretary", PPC)
    assert values(g, node, GK.startDate) == {Literal("2020-10", datatype=XSD.gYearMonth)}
    assert values(g, node, GK.endDate) == {Literal("2025", datatype=XSD.gYear)}


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("meeting", GK.Meeting), ("working-visit", GK.WorkingVisit), ("working visit", GK.WorkingVisit),
        ("field-visit", GK.FieldVisit), ("conference", GK.Conference), ("appointment", GK.Appointment),
        ("election", GK.Election), ("transfer", GK.Transfer), ("retirement", GK.Retirement),
    ],
)
def test_build_event_class_by_kind(kind, cls):
    e = Event(kind, "Some event", "some-event", (ev("Something happened."),))
    g = build_article_graph(ArticleFacts(article(), (e,)))
    assert values(g, ids.event_iri(e), RDF.type) == {SDO.Event, cls}


def test_build_event_participants(graph):
    e = ids.event_iri("dien-bien-ppc-14-session-20")
    assert values(graph, e, SDO.name) == {Literal("20th session of the 14th Điện Biên Provincial Party Committee")}
    assert values(graph, e, SDO.startDate) == {Literal("2024-07-05", datatype=XSD.date)}
    assert values(graph, e, SDO.location) == {ids.place_iri(DIEN_BIEN)}
    assert values(graph, e, SDO.organizer) == {ids.org_iri(PPC)}
    people = {ids.person_iri(p) for p in (CUONG, SON, DO)}
    assert values(graph, e, GK.chair) == people
    assert values(graph, e, GK.speaker) == {ids.person_iri(CUONG), ids.person_iri(SON)}
    assert values(graph, e, SDO.attendee) == people  # chairs and speakers attend


def test_build_appointment_has_subject_and_post(graph):
    e = ids.event_iri("appointment-le-thanh-do")
    assert values(graph, e, GK.subject) == {ids.person_iri(DO)}
    post = ids.post_iri("chairman", PEOPLES_COMMITTEE)
    assert values(graph, e, GK.post) == {post}
    assert (post, RDF.type, ORG.Post) in graph


def test_build_targets(graph):
    t = next(s for s in graph.subjects(RDF.type, GK.Target) if (s, GK.comparator, Literal("atLeast")) in graph
             and (s, GK.value, Literal("10.5", datatype=XSD.decimal)) in graph)
    assert values(graph, t, GK.indicator) == {GKR["indicator/economic-growth-rate"]}
    assert values(graph, t, GK.unit) == {Literal("percent")}
    assert values(graph, t, GK.period) == {Literal("2024", datatype=XSD.gYear)}
    assert values(graph, t, GK.periodStart) == {Literal("2024-01-01", datatype=XSD.date)}
    assert values(graph, t, GK.periodEnd) == {Literal("2024-12-31", datatype=XSD.date)}
    assert values(graph, t, GK.appliesTo) == {ids.place_iri(DIEN_BIEN)}
    assert values(graph, t, GK.setBy) == {ids.org_iri(PPC)}
    assert values(graph, t, GK.statedAt) == {ids.event_iri("dien-bien-ppc-14-session-20")}
    ranged = next(s for s in graph.subjects(GK.valueMax, None))
    assert values(graph, ranged, GK.period) == {Literal("2026/2030")}
    assert values(graph, ranged, GK.valueMax) == {Literal("12", datatype=XSD.decimal)}


def test_build_unknown_indicator_gets_a_labelled_concept():
    obs = Observation("border-school-budget", "central budget for border-commune schools", Decimal("474.05"),
                      "VND billion", ev("The centre allocated VND 474.05 billion for border schools."))
    g = build_article_graph(ArticleFacts(article(), (obs,)))
    ind = GKR["indicator/border-school-budget"]
    assert (ind, RDF.type, SKOS.Concept) in g
    assert values(g, ind, SKOS.prefLabel) == {Literal("central budget for border-commune schools", lang="en")}
    assert values(g, ind, SKOS.inScheme) == {GKR["scheme/indicators"]}


def test_build_vocabulary_indicator_is_referenced_not_redefined(graph):
    ind = GKR["indicator/economic-growth-rate"]  # defined in ontology/indicators.ttl
    assert (None, GK.indicator, ind) in graph
    assert not values(graph, ind, SKOS.prefLabel)


def test_build_known_indicator_is_not_relabelled():
    facts = session_facts()
    g = build_article_graph(facts, indicators={GKR["indicator/economic-growth-rate"]})
    assert not values(g, GKR["indicator/economic-growth-rate"], SKOS.prefLabel)
    assert values(g, GKR["indicator/grdp-growth-rate"], SKOS.prefLabel)


def test_build_observation(graph):
    (o,) = graph.subjects(RDF.type, GK.Observation)
    assert values(graph, o, GK.value) == {Literal("6.76", datatype=XSD.decimal)}
    assert values(graph, o, GK.estimated) == {Literal(True)}
    assert values(graph, o, GK.period) == {Literal("2025-01/2025-09")}
    assert values(graph, o, GK.relativeTo) == {Literal("set scenario")}


def test_build_commitments_and_agent_types(graph):
    c1, c2 = ids.commitment_iri(A1, 1), ids.commitment_iri(A1, 2)
    assert values(graph, c1, GK.kind) == {Literal("directive")}
    assert values(graph, c1, GK.content) == {Literal("speed up site clearance")}
    (actor,) = values(graph, c1, GK.actor)
    (addressee,) = values(graph, c1, GK.addressee)
    assert FOAF.Person in values(graph, actor, RDF.type)
    assert ORG.Organization in values(graph, addressee, RDF.type)
    (place_actor,) = values(graph, c2, GK.actor)
    assert SDO.Place in values(graph, place_actor, RDF.type)
    assert not values(graph, c2, GK.addressee)


def test_build_document(graph):
    d = GKR["document/directive-no-35-ct-tw"]
    assert (d, RDF.type, GK.LegalDocument) in graph
    assert values(graph, d, DCTERMS.identifier) == {Literal("35-CT/TW")}
    assert values(graph, d, DCTERMS.date) == {Literal("2024-06-14", datatype=XSD.date)}
    assert values(graph, d, GK.issuer) == {GKR["org/politburo"]}


FACT_CLASSES = [ORG.Membership, SDO.Event, GK.Target, GK.Observation, GK.Commitment, GK.LegalDocument]


@pytest.mark.parametrize("cls", FACT_CLASSES)
def test_build_every_fact_has_evidence_and_provenance(graph, cls):
    nodes = set(graph.subjects(RDF.type, cls))
    assert nodes
    for node in nodes:
        evidence = values(graph, node, GK.evidence)
        assert evidence, node
        assert values(graph, node, PROV.wasDerivedFrom) == {ART}
        for e in evidence:
            assert (e, RDF.type, GK.Evidence) in graph
            assert values(graph, e, GK.inArticle) == {ART}
            assert len(values(graph, e, GK.quote)) == 1


def test_build_evidence_quotes_are_those_the_facts_carried(graph):
    carried = set()
    for fact in session_facts().facts:
        for e in (fact.evidence if isinstance(fact.evidence, tuple) else (fact.evidence,)):
            if not isinstance(fact, (Authorship, OrgMention)):
                carried.add((e.quote, e.start, e.end))
    in_graph = {
        (str(q), int(graph.value(e, GK.charStart)), int(graph.value(e, GK.charEnd)))
        for e in graph.subjects(RDF.type, GK.Evidence)
        for q in graph.objects(e, GK.quote)
    }
    assert in_graph == carried
    assert graph.value(next(graph.subjects(RDF.type, GK.Evidence)), GK.charStart).datatype == XSD.integer


def test_build_no_blank_nodes(graph):
    assert len(graph) > 100
    assert not any(isinstance(n, BNode) for t in graph for n in t)


def test_build_rejects_evidence_from_another_article():
    stray = Holding(CUONG, "secretary", PPC, ev("Cường spoke.", article_id="999_other"))
    with pytest.raises(ValueError, match=rf"{A1}.*999_other"):
        build_article_graph(ArticleFacts(article(), (stray,)))
