"""Tests of graph/exports/formats.py and `govkg export`: GraphML/GEXF property graphs, JSON-LD and N-Triples."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef

from graph.cli import cli
from graph.exports.rdf import ExportError
from graph.exports.formats import FORMATS, export_text, format_for_path, to_networkx, write_export
from graph.pipeline import count

GKR = "https://w3id.org/govkg/id/"
CUONG, DUNG = GKR + "person/tran-quoc-cuong", GKR + "person/tran-tien-dung"
SON, DO = GKR + "person/mua-a-son", GKR + "person/le-thanh-do"
SECRETARY = GKR + "post/secretary/dien-bien-provincial-party-committee"
PARTY_COMMITTEE = GKR + "org/dien-bien-provincial-party-committee"


@pytest.fixture(scope="module")
def seed_nx(seed_graph) -> nx.MultiDiGraph:
    return to_networkx(seed_graph)


def _edges(g: nx.MultiDiGraph, u: str, v: str, relation: str) -> list[dict]:
    return [d for a, b, d in g.edges(u, data=True) if b == v and d["relation"] == relation]


def _event(g: nx.MultiDiGraph, words: str) -> str:
    found = [n for n, d in g.nodes(data=True) if d["type"] == "event" and words in d["label"]]
    assert len(found) == 1, f"expected one event labelled like {words!r}, got {found}"
    return found[0]


def test_export_formats_node_types_match_the_build_counts(seed_graph, seed_nx):
    kinds = Counter(d["type"] for _, d in seed_nx.nodes(data=True))
    c = count(seed_graph)
    assert kinds["person"] == c["people"] == 7
    for kind, key in (("organisation", "organisations"), ("post", "posts"), ("event", "events"),
                      ("target", "targets"), ("observation", "observations"), ("commitment", "commitments"),
                      ("document", "documents")):
        assert kinds[kind] == c[key] > 0, kind
    assert kinds["place"] >= 1
    # reified statements and provenance are not nodes of their own
    assert not [n for n in seed_nx if "/holding/" in n or "/evidence/" in n or "/article/" in n]
    assert all(n.startswith(GKR) for n in seed_nx)


def test_export_formats_holdings_are_dated_edges_to_posts(seed_nx):
    (cuong,) = _edges(seed_nx, CUONG, SECRETARY, "holds")
    assert (cuong["role"], cuong["first_attested"], cuong["last_attested"]) == ("Secretary", "2024-07", "2024-07")
    assert cuong["fact"].startswith(GKR + "holding/tran-quoc-cuong/")
    (dung,) = _edges(seed_nx, DUNG, SECRETARY, "holds")
    assert dung["first_attested"] == "2025"
    assert _edges(seed_nx, SECRETARY, PARTY_COMMITTEE, "post in")
    assert seed_nx.nodes[CUONG]["first_attested"] == "2024-07"


def test_export_formats_succession_is_one_edge_with_its_bounds(seed_nx):
    (edge,) = _edges(seed_nx, CUONG, DUNG, "succeeded by")
    assert edge["post"] == "Secretary of the Điện Biên Provincial Party Committee"
    assert edge["not_before"] <= edge["not_after"]
    assert edge["not_before"].startswith("2024") and edge["not_after"].startswith("2025")


@pytest.mark.parametrize("person", [CUONG, SON, DO])
def test_export_formats_co_chairs_point_at_the_20th_session(seed_nx, person):
    session = _event(seed_nx, "20th session")
    (edge,) = _edges(seed_nx, person, session, "chaired")
    assert edge["date"] == "2024-07-05"
    assert seed_nx.nodes[session]["date"] == "2024-07-05"


def test_export_formats_literals_are_attributes_not_nodes(seed_nx):
    targets = {d["label"]: d for _, d in seed_nx.nodes(data=True) if d["type"] == "target"}
    growth = targets["economic growth rate ≥ 10.5% (2024)"]
    assert (growth["value"], growth["unit"], growth["comparator"]) == (10.5, "percent", "atLeast")
    assert growth["period"] == "2024"
    assert growth["indicator"] == "economic growth rate"
    assert seed_nx.nodes[DUNG]["label"] == "Trần Tiến Dũng" and seed_nx.nodes[DUNG]["nameKey"] == "tran tien dung"
    relations = Counter(d["relation"] for _, _, d in seed_nx.edges(data=True))
    for rel in ("holds", "post in", "sub-organisation of", "chaired", "spoke", "attended", "organised",
                "applies to", "set by", "stated at", "succeeded by"):
        assert relations[rel] > 0, rel


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_formats_networkx_files_read_back_equal(seed_graph, seed_nx, tmp_path, fmt, read):
    path = write_export(seed_graph, fmt, tmp_path / f"g{FORMATS[fmt]}")
    back = read(path)
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(seed_nx.nodes)
    assert back.number_of_edges() == seed_nx.number_of_edges() > 50
    assert back.nodes[DUNG]["label"] == "Trần Tiến Dũng"
    want = sorted((u, v, d["relation"]) for u, v, d in seed_nx.edges(data=True))
    assert sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True)) == want
    if fmt == "gexf":
        text = path.read_text(encoding="utf-8")
        assert "lastmodifieddate" not in text and "networkx_key" not in text


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"quickstatements"}))  # needs a Wikidata map: test_export_interchange
def test_export_formats_are_byte_stable_across_parses(seed_build, fmt):
    ttl = seed_build.files["ttl"]
    a = export_text(Graph().parse(ttl, format="turtle"), fmt)
    b = export_text(Graph().parse(data=Path(ttl).read_text(encoding="utf-8"), format="turtle"), fmt)
    assert a == b and len(a) > 10_000


@pytest.mark.parametrize("fmt, rdflib_format", [("jsonld", "json-ld"), ("nt", "nt")])
def test_export_formats_rdf_round_trips_every_triple(seed_graph, fmt, rdflib_format):
    text = export_text(seed_graph, fmt)
    back = Graph().parse(data=text, format=rdflib_format)
    assert set(back) == set(seed_graph)
    if fmt == "nt":
        lines = text.splitlines()
        assert lines == sorted(lines) and len(lines) == len(seed_graph)
    else:
        assert "@context" in json.loads(text)


@pytest.mark.parametrize("fmt", ["nt", "jsonld"])
def test_export_formats_blank_node_fails_and_keeps_old_file(tmp_path, fmt):
    out = tmp_path / f"g{FORMATS[fmt]}"
    out.write_text("old\n", encoding="utf-8")
    g = Graph()
    g.add((BNode(), URIRef(GKR + "p"), Literal("x")))
    with pytest.raises(ExportError, match="blank node"):
        write_export(g, fmt, out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("name, fmt", [("a.graphml", "graphml"), ("b.GEXF", "gexf"), ("c.jsonld", "jsonld"),
                                        ("d.nt", "nt")])
def test_export_formats_format_from_extension(name, fmt):
    assert format_for_path(name) == fmt


def test_export_formats_cli_writes_file_by_extension(seed_build, tmp_path):
    out = tmp_path / "seed.gexf"
    result = CliRunner().invoke(cli, ["export", str(seed_build.files["ttl"]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_nodes() == to_networkx(Graph().parse(seed_build.files["ttl"])).number_of_nodes()


@pytest.mark.parametrize("args, message", [
    (["{ttl}", "--out", "{tmp}/x.csv"], "x.csv: cannot tell the export format"),
    (["{tmp}/missing.ttl", "--format", "nt", "--out", "{tmp}/x.nt"], "missing.ttl: no such file"),
    (["{tmp}/bad.ttl", "--format", "graphml", "--out", "{tmp}/x.graphml"], "bad.ttl: cannot parse as turtle"),
])
def test_export_formats_cli_errors_name_the_file(seed_build, tmp_path, args, message):
    (tmp_path / "bad.ttl").write_text("this is not turtle <", encoding="utf-8")
    argv = [a.format(ttl=seed_build.files["ttl"], tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, ["export", *argv])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob("x.*"))
