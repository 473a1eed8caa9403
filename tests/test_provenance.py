"""Every fact traceable to its sentence; outputs interoperable and byte-stable."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import ORG, RDF

from extractors.article import load_articles
from graph.pipeline import build
from ontology.namespaces import GK, GKR, SDO

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_provenance_every_offset_pair_slices_exactly_the_quote(seed_graph):
    texts = {a.id: a.text for a in load_articles([SEEDS]).articles}
    evidence = list(seed_graph.subjects(RDF.type, GK.Evidence))
    assert len(evidence) > 20
    for ev in evidence:
        article = str(seed_graph.value(ev, GK.inArticle)).rsplit("/", 1)[-1]
        start, end = int(seed_graph.value(ev, GK.charStart)), int(seed_graph.value(ev, GK.charEnd))
        assert texts[article][start:end] == str(seed_graph.value(ev, GK.quote)), ev


@pytest.mark.parametrize("cls", [ORG.Membership, SDO.Event, GK.Target, GK.Observation, GK.Commitment])
def test_provenance_every_statement_has_evidence(seed_graph, cls):
    nodes = set(seed_graph.subjects(RDF.type, cls))
    assert nodes, f"no {cls}"
    for node in nodes:
        assert list(seed_graph.objects(node, GK.evidence)), node


def test_provenance_trig_has_one_named_graph_per_article_plus_derived(seed_dataset):
    names = {str(g.identifier) for g in seed_dataset.graphs() if len(g)}
    articles = {f"{GKR}graph/article/{a}" for a in ("000_1997b1c9d2f034b5", "003_e1e74b58657a6300")}
    assert articles <= names
    assert f"{GKR}graph/derived" in names
    derived = seed_dataset.graph(GKR["graph/derived"])
    assert list(derived.subjects(RDF.type, GK.Succession))


def test_provenance_turtle_reparses_with_oxigraph_to_same_size(seed_build, seed_graph):
    store = ox.Store()
    store.load(path=str(seed_build.files["ttl"]), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(seed_graph)


def test_provenance_two_builds_are_byte_identical(seed_build, tmp_path):
    again = build([SEEDS], tmp_path / "again")
    for key in ("ttl", "trig", "jsonld", "html", "report"):
        first, second = seed_build.files[key], again.files[key]
        assert first.read_bytes() == second.read_bytes(), f"{first.name} differs between two builds"
