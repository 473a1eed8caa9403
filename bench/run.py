"""govkg's benchmark (not a test): build throughput, scaling, memory, --jobs, incremental rebuilds, query latency.

For each corpus size N (synthetic articles made from the seeds, see bench/corpus.py) it measures, each in a
fresh Python process so that peak memory is per measurement:

  * bare nlp.pipe   the trained spaCy model alone (no govkg components) on the same texts
  * build -j1       govkg build (no HTML view), clean, one process; the model is loaded before the clock starts
  * build -j2       the same with --jobs 2
  * incremental     a rebuild after adding 1% new articles, as a fraction of the clean build
  * queries         every shipped competency query on graph.ttl in rdflib (memory) and in an Oxigraph store

and prints one table. Usage: python bench/run.py [--sizes 200,800,3200] [--query-limit 60] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402

DEFAULT_SIZES = (200, 800, 3200)


# ----------------------------------------------------------------------------- measurements (child processes)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _texts(corpus: Path) -> list[str]:
    from extractors.article import load_articles

    return [a.text for a in load_articles([corpus]).articles]


def measure_bare(corpus: Path) -> dict:
    import spacy

    from extractors.nlp import DEFAULT_MODELS

    name = os.environ.get("GOVKG_SPACY_MODEL") or DEFAULT_MODELS[0]
    nlp = spacy.load(name)
    texts = _texts(corpus)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "peak_mb": _peak_mb()}


def measure_build(corpus: Path, out: Path, jobs: int, incremental: bool, store: Path | None) -> dict:
    from extractors.nlp import get_nlp
    from graph.pipeline import build

    get_nlp()
    start = time.perf_counter()
    result = build([corpus], out, html=False, jobs=jobs, incremental=incremental,
                   store=f"oxigraph:{store}" if store else None)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "parsed": result.parsed, "reused": result.reused,
            "triples": result.counts["triples"], "peak_mb": _peak_mb()}


def measure_queries(source: Path, names: list[str], repeat: int, limit: float) -> None:
    """Print one JSON line per query as soon as it is timed: {"query": name, "ms": median}.

    A query is run again only while the runs so far (plus one more of the same length) fit in 90% of limit.
    """
    from graph.store.query import run_named
    from graph.store.stores import open_source

    engine = open_source(source)
    print(json.dumps({"loaded": True}), flush=True)
    for name in names:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run_named(engine, name)
            times.append(time.perf_counter() - start)
            if sum(times) + times[-1] > 0.9 * limit:
                break
        print(json.dumps({"query": name, "ms": statistics.median(times) * 1000}), flush=True)


def time_queries(source: Path, repeat: int, limit: float) -> dict[str, float | None]:
    """Median ms of each shipped query on source (a graph file or a store folder); None when over `limit` s.

    Queries run in a child process that is killed when one takes longer than the limit; the rest go on
    in a new child.
    """
    from graph.store.query import list_named

    todo = list(list_named())
    out: dict[str, float | None] = {}
    while todo:
        args = [sys.executable, str(Path(__file__).resolve()), "--measure", "queries", "--args",
                json.dumps({"source": str(source), "names": todo, "repeat": repeat, "limit": limit})]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        json.loads(proc.stdout.readline() or "{}")  # loaded: the clock starts for the first query
        timed_out = False
        while todo:
            line = _readline(proc, limit)
            if line is None:
                out[todo.pop(0)] = None
                timed_out = True
                break
            if not line:
                raise SystemExit(f"bench: query child died on {todo[0]}")
            rec = json.loads(line)
            out[rec["query"]] = rec["ms"]
            todo.remove(rec["query"])
        proc.kill()
        proc.wait()
        if not timed_out:
            break
    return out


def _readline(proc: subprocess.Popen, timeout: float) -> str | None:
    """The child's next line, or None when it is not written within timeout seconds."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    ready = sel.select(timeout)
    sel.close()
    return proc.stdout.readline() if ready else None


def _child(kind: str, **kw) -> dict:
    """Run one measurement in a fresh interpreter (so its peak memory is its own)."""
    args = [sys.executable, str(Path(__file__).resolve()), "--measure", kind,
            "--args", json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in kw.items()})]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- the run


def run_size(n: int, work: Path, repeat: int, limit: float) -> dict:
    corpus = work / f"corpus-{n}"
    make_corpus(corpus, n)
    print(f"bench: N={n}: bare nlp.pipe", file=sys.stderr, flush=True)
    bare = _child("bare", corpus=corpus)
    print(f"bench: N={n}: build --jobs 1", file=sys.stderr, flush=True)
    j1 = _child("build", corpus=corpus, out=work / f"out-{n}", jobs=1, incremental=False, store=work / f"store-{n}")
    print(f"bench: N={n}: build --jobs 2", file=sys.stderr, flush=True)
    j2 = _child("build", corpus=corpus, out=work / f"out-{n}-j2", jobs=2, incremental=False, store=None)
    added = max(1, n // 100)
    make_corpus(corpus, added, start=n)
    print(f"bench: N={n}: incremental (+{added})", file=sys.stderr, flush=True)
    inc = _child("build", corpus=corpus, out=work / f"out-{n}", jobs=1, incremental=True, store=None)
    if inc["parsed"] != added:
        raise SystemExit(f"bench: the incremental build parsed {inc['parsed']} articles, not {added}: the extractor "
                         "or ontology files changed during the run (which invalidates the cache); run it again")
    print(f"bench: N={n}: queries", file=sys.stderr, flush=True)
    queries = {"rdflib": time_queries(work / f"out-{n}" / "graph.ttl", repeat, limit),
               "oxigraph": time_queries(work / f"store-{n}", repeat, limit)}
    return {"n": n, "bare": bare, "j1": j1, "j2": j2, "inc": inc, "added": added, "queries": queries}


def table(results: list[dict]) -> str:
    cols = [f"N={r['n']}" for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(label, fn):
        rows.append((label, [fn(r) for r in results]))

    row("words (total)", lambda r: f"{r['bare']['words']:,}")
    row("triples", lambda r: f"{r['j1']['triples']:,}")
    row("bare nlp.pipe articles/s", lambda r: f"{r['bare']['articles'] / r['bare']['seconds']:.1f}")
    row("bare nlp.pipe words/s", lambda r: f"{r['bare']['words'] / r['bare']['seconds']:,.0f}")
    row("govkg build -j1 articles/s", lambda r: f"{r['n'] / r['j1']['seconds']:.1f}")
    row("govkg build -j1 words/s", lambda r: f"{r['bare']['words'] / r['j1']['seconds']:,.0f}")
    row("build / bare parse time (goal <=1.25)", lambda r: f"{r['j1']['seconds'] / r['bare']['seconds']:.2f}x")
    base = results[0]["j1"]["seconds"] / results[0]["n"]
    row("ms per article (-j1)", lambda r: f"{1000 * r['j1']['seconds'] / r['n']:.1f}")
    row("  vs smallest N (goal within 10%)", lambda r: f"{(r['j1']['seconds'] / r['n']) / base:.2f}x")
    row("peak memory -j1 MB (goal <2048)", lambda r: f"{r['j1']['peak_mb']:.0f}")
    row("speed-up -j2 over -j1", lambda r: f"{r['j1']['seconds'] / r['j2']['seconds']:.2f}x")
    row("incremental +1% / clean (goal <5%)",
        lambda r: f"{100 * r['inc']['seconds'] / r['j1']['seconds']:.1f}% (+{r['added']})")
    def ms(value: float | None, digits: int) -> str:
        return f">{limit_s:g}s" if value is None else f"{value:.{digits}f}"

    limit_s = results[0]["limit"]
    for name in results[0]["queries"]["rdflib"]:
        row(f"query {name} ms rdflib / oxigraph (goal: ox <100)",
            lambda r, name=name: f"{ms(r['queries']['rdflib'][name], 0)} / {ms(r['queries']['oxigraph'][name], 1)}")
    width = max(len(label) for label, _ in rows)
    widths = [max(len(c), *(len(v[i]) for _, v in rows)) for i, c in enumerate(cols)]
    lines = ["  ".join([" " * width] + [c.rjust(w) for c, w in zip(cols, widths)])]
    lines += ["  ".join([label.ljust(width)] + [v.rjust(w) for v, w in zip(values, widths)]) for label, values in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {cores} cores, {mem:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the median is shown")
    parser.add_argument("--query-limit", type=float, default=60.0,
                        help="seconds a query may take before it is stopped and shown as over the limit")
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in this folder")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.measure:
        kw = json.loads(opts.args)
        fn = {"bare": lambda: measure_bare(Path(kw["corpus"])),
              "build": lambda: measure_build(Path(kw["corpus"]), Path(kw["out"]), int(kw["jobs"]),
                                             bool(kw["incremental"]), Path(kw["store"]) if kw["store"] else None),
              "queries": lambda: measure_queries(Path(kw["source"]), kw["names"], int(kw["repeat"]),
                                                 float(kw["limit"]))}
        result = fn[opts.measure]()
        if result is not None:
            print(json.dumps(result))
        return
    sizes = [int(s) for s in opts.sizes.split(",") if s.strip()]
    work = opts.keep or Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [{**run_size(n, work, opts.repeat, opts.query_limit), "limit": opts.query_limit} for n in sizes]
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"govkg benchmark on {machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
