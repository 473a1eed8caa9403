"""A store holding both the merged graph (default graph) and per-article named graphs answers like the file."""

from __future__ import annotations

import pyoxigraph as ox

from graph.store.query import run_named


def test_query_store_with_named_graphs_gives_no_duplicate_rows(seed_build, seed_graph):
    store = ox.Store()
    store.load(path=str(seed_build.files["ttl"]), format=ox.RdfFormat.TURTLE)
    store.load(path=str(seed_build.files["trig"]), format=ox.RdfFormat.TRIG)
    for name in ("successions", "post-holders", "person-posts"):
        want = run_named(seed_graph, name).rows
        got = run_named(store, name).rows
        assert got == want, name
