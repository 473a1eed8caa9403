"""Stages 2-3 (parse + extract) for many articles: in this process, in a process pool, or on a Dask cluster.

Workers receive Articles (frozen, picklable dataclasses) and return ArticleFacts, so nothing spaCy-specific
crosses a process boundary. Results come back in input order whatever order workers finish in, so every
executor gives the same facts and therefore the same graph. Dask is the only distributed engine: govkg adds
no scheduler of its own.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from extractors.facts import Article, ArticleFacts

__all__ = ["EXECUTORS", "ExecutorError", "Outcome", "extract_many", "extract_one", "resolve_jobs"]

log = logging.getLogger("govkg")

EXECUTORS = ("local", "dask")
DASK_CONNECT_TIMEOUT = "10s"  # how long to keep trying an unreachable scheduler
Outcome = tuple[ArticleFacts | None, str | None]
"""(facts, None) for an article that was read, (None, problem) for one whose extraction failed."""

_LOCK = threading.Lock()  # one spaCy pipeline per process; threads (Dask in-process workers) take turns


class ExecutorError(RuntimeError):
    """The executor cannot run (bad --jobs, unreachable Dask scheduler, Dask not installed)."""


def resolve_jobs(jobs: int) -> int:
    """--jobs as a process count: 0 means every core this process may use."""
    if jobs < 0:
        raise ExecutorError(f"--jobs must be 0 (all cores) or a positive number, not {jobs}")
    if jobs == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return jobs


def extract_one(article: Article, extractors: Sequence[str]) -> Outcome:
    """Parse and extract one article; an extractor crash is that article's problem, not the build's."""
    from extractors.nlp import get_nlp, parse  # noqa: PLC0415
    from extractors.registry import extract  # noqa: PLC0415

    with _LOCK:
        nlp = get_nlp()  # a missing model is fatal for every article: let it raise
        try:
            return extract(parse(article, nlp), extractors), None
        except Exception as exc:  # noqa: BLE001 (one bad article must not stop the build)
            log.warning("%s: extraction failed: %s", article.path, exc)
            return None, f"extraction failed: {exc}"


def _extract_batch(articles: Sequence[Article], extractors: Sequence[str]) -> list[Outcome]:
    return [extract_one(a, extractors) for a in articles]


def _batches(n: int, workers: int) -> list[range]:
    """Index ranges of about four batches per worker (fewer round trips, still balanced), at most 16 long."""
    size = max(1, min(16, n // (workers * 4) or 1))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def _pool_context():
    # fork shares the already-loaded model with the workers; elsewhere each worker loads its own
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_local(articles: Sequence[Article], extractors: tuple[str, ...], jobs: int,
               tick: Callable[[Sequence[int], Sequence[Outcome]], None]) -> None:
    if jobs == 1 or len(articles) == 1:
        for i, article in enumerate(articles):
            tick([i], [extract_one(article, extractors)])
        return
    from extractors.nlp import get_nlp  # noqa: PLC0415

    get_nlp()  # load once before forking
    batches = _batches(len(articles), jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_pool_context()) as pool:
        futures = {pool.submit(_extract_batch, [articles[i] for i in b], extractors): b for b in batches}
        for fut in as_completed(futures):
            tick(futures[fut], fut.result())


def _run_dask(articles: Sequence[Article], extractors: tuple[str, ...], jobs: int, scheduler: str | None,
              tick: Callable[[Sequence[int], Sequence[Outcome]], None]) -> None:
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415
        from distributed import as_completed as dask_completed  # noqa: PLC0415
    except ImportError as exc:
        raise ExecutorError(f"--executor dask needs Dask: pip install 'dask[distributed]' ({exc})") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches(len(articles), workers)
        futures = client.map(_extract_batch, [[articles[i] for i in b] for b in batches],
                             extractors=extractors, pure=False)
        index = {f.key: b for f, b in zip(futures, batches)}
        for fut in dask_completed(futures):
            tick(index[fut.key], fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_many(articles: Sequence[Article], extractors: Sequence[str], jobs: int = 1, executor: str = "local",
                 scheduler: str | None = None, progress: Callable[[int, int], None] | None = None,
                 on_result: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """Parse and extract every article; the outcomes in input order.

    executor "local" uses this process (jobs=1) or a pool of `jobs` processes (0 = all cores); "dask" sends
    batches to the scheduler at `scheduler` (or to a LocalCluster of `jobs` workers when none is given).
    As each batch finishes (in any order), on_result(index, outcome) is called for its articles, in this
    process, and then progress(done, total).
    """
    if executor not in EXECUTORS:
        raise ExecutorError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise ExecutorError("--scheduler only makes sense with --executor dask")
    jobs = resolve_jobs(jobs)
    out: list[Outcome | None] = [None] * len(articles)
    if not articles:
        return []
    done = 0

    def tick(indices: Sequence[int], outcomes: Sequence[Outcome]) -> None:
        nonlocal done
        for i, outcome in zip(indices, outcomes):
            out[i] = outcome
            if on_result:
                on_result(i, outcome)
        done += len(indices)
        if progress:
            progress(done, len(articles))

    which = tuple(extractors)
    if executor == "dask":
        _run_dask(articles, which, jobs, scheduler, tick)
    else:
        _run_local(articles, which, jobs, tick)
    return out  # type: ignore[return-value]
