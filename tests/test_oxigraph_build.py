"""`govkg build --store oxigraph:DIR`: the graph in an on-disk Oxigraph store that `query` and `serve` use."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import cli
from graph.pipeline import BuildError, build
from graph.store.query import list_named, run_named
from graph.store.stores import is_oxigraph_store, open_source

from scale_helpers import corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):  # noqa: ARG001
    base = tmp_path_factory.mktemp("oxbuild")
    src = corpus(base / "archive", 1)
    out = base / "out"
    result = build([src], out, html=False, store=f"oxigraph:{base / 'store'}")
    return src, out, base / "store", result


def test_oxigraph_build_store_holds_the_merged_graph(built):
    _, out, store_dir, result = built
    assert result.store == store_dir and is_oxigraph_store(store_dir)
    store = ox.Store.read_only(str(store_dir))
    merged = Graph().parse(out / "graph.ttl")
    assert len(store) == len(merged) == result.counts["triples"] > 1000
    quads = set(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in store} == {
        ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("name", sorted(list_named()))
def test_oxigraph_build_named_queries_answer_as_on_graph_ttl(built, name):
    _, out, store_dir, _ = built
    on_store, on_file = run_named(open_source(store_dir), name), run_named(open_source(out / "graph.ttl"), name)
    assert on_store.variables == on_file.variables
    assert on_store.rows == on_file.rows


def test_oxigraph_build_cli_query_on_the_store_folder(built):
    _, out, store_dir, _ = built
    runner = CliRunner()
    on_store = runner.invoke(cli, ["query", str(store_dir), "--named", "post-holders", "--format", "csv"])
    on_file = runner.invoke(cli, ["query", str(out / "graph.ttl"), "--named", "post-holders", "--format", "csv"])
    assert on_store.exit_code == 0, on_store.output
    assert on_store.stdout == on_file.stdout and on_store.stdout.count("\n") > 3


def test_oxigraph_build_rebuild_replaces_the_store(built, tmp_path):
    src, out, store_dir, result = built
    store2 = tmp_path / "store"
    shutil.copytree(store_dir, store2)
    grown = tmp_path / "archive"
    shutil.copytree(src, grown)
    from bench.corpus import make_corpus

    make_corpus(grown, 1, start=5)
    again = build([grown], tmp_path / "out", html=False, store=f"oxigraph:{store2}")
    assert len(ox.Store.read_only(str(store2))) == again.counts["triples"] > result.counts["triples"]
    assert not list(tmp_path.glob(".store.*")), "no loading/old folders are left behind"


@pytest.mark.parametrize("spec, message", [
    ("sqlite:db", "expected oxigraph:DIR"),
    ("oxigraph:", "expected oxigraph:DIR"),
])
def test_oxigraph_build_bad_store_spec(built, tmp_path, spec, message):
    src = built[0]
    res = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "o"), "--no-html", "--store", spec])
    assert res.exit_code == 1
    assert message in res.stderr and res.stderr.startswith("govkg: error:")


def test_oxigraph_build_never_replaces_a_folder_that_is_not_a_store(built, tmp_path):
    src = built[0]
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BuildError, match="not an Oxigraph store"):
        build([src], tmp_path / "out", html=False, store=f"oxigraph:{precious}")
    assert (precious / "todo.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "out").exists(), "the store folder is checked before anything is built"
