"""Parallel and distributed extraction give the same graph as one process (canonical N-Quads compared)."""

from __future__ import annotations

import os

import pytest

from extractors import registry
from graph.parallel import extract_many, resolve_jobs
from graph.pipeline import BuildError, build

from scale_helpers import canonical_nquads, corpus, output_bytes


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("parallel") / "archive", 3)


@pytest.fixture(scope="module")
def single(archive, tmp_path_factory, nlp):  # noqa: ARG001
    """The reference: every article parsed in this process."""
    out = tmp_path_factory.mktemp("single")
    result = build([archive], out, html=False, jobs=1, incremental=False)
    assert result.parsed == 5
    return out


def _same_graph(out, reference) -> None:
    got, want = canonical_nquads(out / "graph.trig"), canonical_nquads(reference / "graph.trig")
    assert len(want) > 1000
    assert got == want
    assert output_bytes(out) == output_bytes(reference)


def test_parallel_two_processes_give_the_same_graph(archive, single, tmp_path):
    result = build([archive], tmp_path / "out", html=False, jobs=2, incremental=False)
    assert result.parsed == 5
    _same_graph(tmp_path / "out", single)


def test_parallel_dask_local_cluster_gives_the_same_graph(archive, single, tmp_path):
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = build([archive], tmp_path / "out", html=False, executor="dask", scheduler=cluster.scheduler_address,
                       incremental=False)
    assert result.parsed == 5
    _same_graph(tmp_path / "out", single)


def test_parallel_results_keep_input_order(archive, nlp):  # noqa: ARG001
    from extractors.article import load_articles

    articles = load_articles([archive]).articles
    seen = []
    outcomes = extract_many(articles, registry.DEFAULT, jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert [facts.article.id for facts, _ in outcomes] == [a.id for a in articles]
    assert seen[-1] == (5, 5) and all(t == 5 for _, t in seen)


def test_parallel_failing_article_is_a_warning_in_a_worker(archive, tmp_path, nlp):  # noqa: ARG001
    registry.names()  # load the real extractors before adding one

    @registry.register("test-explodes")
    def _explode(doc):
        if doc._.article.id == "synth_00001":
            raise ValueError("cannot read this one")
        return iter(())

    try:
        result = build([archive], tmp_path / "out", extractors=(*registry.DEFAULT, "test-explodes"), html=False,
                       jobs=2, incremental=False)
    finally:
        registry._REGISTRY.pop("test-explodes")
    assert "synth_00001" not in result.articles and len(result.articles) == 4
    assert any(w["file"].endswith("synth_00001.txt") and "cannot read this one" in w["problem"]
               for w in result.warnings)


@pytest.mark.parametrize("jobs, expected", [(1, 1), (3, 3), (0, None)])
def test_parallel_resolve_jobs(jobs, expected):
    want = expected if expected is not None else len(os.sched_getaffinity(0))
    assert resolve_jobs(jobs) == want


@pytest.mark.parametrize("kwargs, message", [
    ({"jobs": -1}, "--jobs must be 0"),
    ({"executor": "spark"}, "unknown executor 'spark'"),
    ({"scheduler": "tcp://127.0.0.1:1"}, "--scheduler only makes sense with --executor dask"),
])
def test_parallel_bad_executor_settings_are_build_errors(archive, tmp_path, kwargs, message):
    with pytest.raises(BuildError, match=message):
        build([archive], tmp_path / "out", html=False, incremental=False, **kwargs)


def test_parallel_unreachable_scheduler_is_a_build_error(archive, tmp_path, monkeypatch):
    monkeypatch.setattr("graph.parallel.DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(BuildError, match="cannot reach the Dask scheduler"):
        build([archive], tmp_path / "out", html=False, executor="dask", scheduler="tcp://127.0.0.1:9",
              incremental=False)
