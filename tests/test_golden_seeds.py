"""The seed graph against ../shared/gold/seeds.json, fact by fact (plus the extras a person checked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from extractors.places import fold
from graph.rdf.article import EVENT_CLASSES
from graph.evaluate import KINDS, gold_facts, graph_facts, label_key, load_gold
from graph.rdf.identity import slug
from ontology.namespaces import GK, GKR, SDO

GOLD_PATH = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.json"
EXTRA_PATH = Path(__file__).parent / "golden" / "seeds" / "extra_facts.json"


@pytest.fixture(scope="module")
def gold() -> dict:
    return load_gold(GOLD_PATH)


@pytest.fixture(scope="module")
def expected(gold) -> dict[str, set[tuple]]:
    """Gold facts plus the checked extras, as comparable keys."""
    extra = json.loads(EXTRA_PATH.read_text(encoding="utf-8"))
    facts = gold_facts(gold)
    for c in extra["commitments"]:
        facts["commitments"] |= gold_facts({"articles": [{"file": c["file"], "commitments": [c]}]})["commitments"]
    return facts


def test_golden_seeds_state_no_change_of_post(seed_graph):
    """The seeds state no appointment, election or transfer (the gold lists none): none is read."""
    assert graph_facts(seed_graph).get("appointments", set()) == set()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "appointments"])
def test_golden_seeds_facts_match_gold(seed_graph, expected, kind):
    got = graph_facts(seed_graph).get(kind, set())
    want = expected.get(kind, set())
    assert want, f"the gold has no {kind}: the comparison would be empty"
    missed, spurious = sorted(want - got, key=repr), sorted(got - want, key=repr)
    assert not missed and not spurious, f"{kind}: missed {missed}; spurious {spurious}"


def _article(g, stem: str) -> URIRef:
    return GKR[f"article/{stem}"]


@pytest.mark.parametrize("article", [0, 1])
def test_golden_seeds_article_date_and_basis(seed_graph, gold, article):
    art = gold["articles"][article]
    node = _article(seed_graph, Path(art["file"]).stem)
    assert (node, RDF.type, GK.Article) in seed_graph
    date = seed_graph.value(node, DCTERMS.date)
    assert str(date) == art["published"]
    assert date.datatype == {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(art["published"])]
    # The issue fixes seed 003's basis as "inferred" (no date is written; the year is inferred from the
    # figures it reports), where the gold's note says "text"; seed 000 states its meeting date: "text".
    assert str(seed_graph.value(node, GK.dateBasis)) == ("text", "inferred")[article]
    if "published_not_before" in art:
        assert seed_graph.value(node, GK.notBefore) == Literal(art["published_not_before"], datatype=XSD.date)
    assert seed_graph.value(node, DCTERMS.title), "every article has a title"


def _events(g):
    return {label_key(g.value(e, SDO.name)): e for cls in EVENT_CLASSES.values() for e in g.subjects(RDF.type, cls)}


def _names(g, e, prop) -> set[str]:
    return {fold(g.value(p, FOAF.name)) for p in g.objects(e, prop)}


@pytest.mark.parametrize("where", [(0, 0), (1, 0), (1, 1)])
def test_golden_seeds_event_details(seed_graph, gold, where):
    art, n = where
    want = gold["articles"][art]["events"][n]
    events = _events(seed_graph)
    e = events[label_key(want["label"])]
    assert (e, RDF.type, EVENT_CLASSES[slug(want["kind"])]) in seed_graph
    assert str(seed_graph.value(e, SDO.startDate)) == want["date"]
    if "organizer" in want:
        assert label_key(seed_graph.value(seed_graph.value(e, SDO.organizer), SKOS.prefLabel)) == label_key(
            want["organizer"])
    assert _names(seed_graph, e, GK.chair) == {fold(p) for p in want.get("chairs", [])}
    assert _names(seed_graph, e, GK.speaker) == {fold(p) for p in want.get("speakers", [])}
    assert {fold(p) for p in want.get("attendees", [])} <= _names(seed_graph, e, SDO.attendee)
    if "location" in want:
        assert fold(seed_graph.value(seed_graph.value(e, SDO.location), SDO.name)) == fold(want["location"])


def test_golden_seeds_document_date_and_issuer(seed_graph, gold):
    want = gold["articles"][0]["documents"][0]
    docs = {label_key(seed_graph.value(d, DCTERMS.title)): d for d in seed_graph.subjects(RDF.type, GK.LegalDocument)}
    d = docs[label_key(want["label"])]
    assert str(seed_graph.value(d, DCTERMS.date)) == want["date"]
    assert label_key(seed_graph.value(seed_graph.value(d, GK.issuer), SKOS.prefLabel)) == label_key(want["issuer"])


def test_golden_seeds_places_are_never_persons(seed_graph):
    names = {fold(n) for n in seed_graph.objects(None, FOAF.name)}
    for place in ("Điện Biên", "Điện Biên Phủ", "Điện Biên Phủ City", "Thanh Nưa", "Hồ Chí Minh"):
        assert fold(place) not in names


def test_golden_seeds_nothing_from_comment_widget_or_recent_news(seed_graph):
    quotes = [str(q) for q in seed_graph.objects(None, GK.quote)]
    assert quotes
    for boiler in ("Recent news", "Mường Thanh rice field", "characters left", "Quài Tở", "Na Son"):
        assert not any(boiler in q for q in quotes), boiler
