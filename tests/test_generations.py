"""A build's outputs switch as one generation: a reader during a rebuild always sees files of a single build."""

from __future__ import annotations

import json
import os
import threading

import pyoxigraph as ox

from graph.generations import current
from graph.pipeline import build
from scale_helpers import corpus, make_corpus

ARTICLE = "https://w3id.org/govkg/ontology#Article"
IDENTIFIER = "http://purl.org/dc/terms/identifier"


def _snapshot(out) -> tuple[str, frozenset, frozenset, frozenset]:
    """(generation, article ids in report.json, in graph.ttl, in graph.trig) of the live generation."""
    gen = current(out)
    report = json.loads((gen / "report.json").read_text(encoding="utf-8"))
    in_report = frozenset(a["id"] for a in report["articles"])
    query = f"SELECT ?id WHERE {{ GRAPH ?g {{ ?a a <{ARTICLE}> ; <{IDENTIFIER}> ?id }} }}"
    ttl = ox.Store()
    ttl.load(path=str(gen / "graph.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x:g"))
    trig = ox.Store()
    trig.load(path=str(gen / "graph.trig"), format=ox.RdfFormat.TRIG)
    ids = [frozenset(r["id"].value for r in s.query(query)) for s in (ttl, trig)]
    return gen.name, in_report, ids[0], ids[1]


def test_generations_reader_during_rebuild_sees_one_build(tmp_path, nlp):  # noqa: ARG001 (model loaded once)
    src = corpus(tmp_path / "archive", 2)
    out = tmp_path / "out"
    first = build([src], out, html=False)
    make_corpus(src, 2, start=10)  # the rebuild has two more articles
    seen: list[tuple] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                seen.append(_snapshot(out))
            except BaseException as exc:  # noqa: BLE001 (reported by the test thread)
                failures.append(exc)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        second = build([src], out, html=False)
    finally:
        done.set()
        thread.join(timeout=120)
    seen.append(_snapshot(out))
    assert not failures, failures
    for gen, in_report, in_ttl, in_trig in seen:
        assert in_report == in_ttl == in_trig, f"{gen} mixes two builds"
    sizes = {len(s[1]) for s in seen}
    assert sizes == {len(first.articles), len(second.articles)} == {4, 6}, "the reader saw both generations"
    # the stable names point into the live generation; only it and the previous one are kept
    assert os.path.realpath(out / "graph.ttl") == str(current(out) / "graph.ttl")
    assert sorted(p.name for p in out.glob(".gen-*")) == [".gen-1", ".gen-2"]


def test_generations_failed_build_keeps_the_live_generation(tmp_path, nlp):  # noqa: ARG001
    import pytest

    from graph.pipeline import BuildError

    src = corpus(tmp_path / "archive", 1)
    out = tmp_path / "out"
    build([src], out, html=False)
    live = current(out)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(BuildError):
        build([empty], out, html=False)
    assert current(out) == live and (out / "graph.ttl").read_bytes() == (live / "graph.ttl").read_bytes()


def test_generations_store_inside_the_output_folder_switches_with_the_files(tmp_path, nlp):  # noqa: ARG001
    src = corpus(tmp_path / "archive", 1)
    out = tmp_path / "out"
    build([src], out, html=False, store=f"oxigraph:{out / 'store'}")
    make_corpus(src, 1, start=20)
    again = build([src], out, html=False, store=f"oxigraph:{out / 'store'}")
    assert (out / "store").is_symlink() and (current(out) / "store" / "CURRENT").is_file()
    store = ox.Store.read_only(str(out / "store"))
    assert len(store) == again.counts["triples"]


def test_generations_serve_follows_a_rebuild(tmp_path, nlp):  # noqa: ARG001
    """`govkg serve out/` answers from one generation at a time and moves to the next when a build switches."""
    import time

    from test_serve_pool import PERSONS, Running, _get, _health

    src = corpus(tmp_path / "archive", 1)
    out = tmp_path / "out"
    build([src], out, html=False)
    with Running(out, workers=1) as server:
        before = _health(server)
        assert before["generation"] == ".gen-1"
        make_corpus(src, 2, start=30)
        build([src], out, html=False)
        deadline = time.monotonic() + 60
        while _health(server)["generation"] != ".gen-2":
            assert time.monotonic() < deadline, "the server did not move to the new build"
            time.sleep(0.1)
        after = _health(server)
        assert after["triples"] > before["triples"]
        status, _, body = _get(server.url, PERSONS)
        assert status == 200 and body.count("\r\n") > 2
