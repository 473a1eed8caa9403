"""Load and abuse `govkg serve` (not a test): latency under concurrent named queries, and recovery from runaways.

It builds (or reuses, with --work) a synthetic graph of N articles (bench/corpus.py), starts `govkg serve` on
127.0.0.1 only, and prints:

  (a) load   CLIENTS concurrent clients send a mix of parameterised shipped queries for DURATION s:
             requests, errors, p50/p99 ms (goals: 0 errors, p99 <= 250 ms)
  (b) abuse  8 cartesian queries at once, with simple queries from 4 clients for ABUSE s: simple-query
             errors and p99; then 8 cartesian queries on an idle server: seconds from the last 503 until the
             server's processes are idle (goal: within 1 s, i.e. each runaway stops within limit + 1 s)

Every count and duration is bounded. Usage:
  python bench/serve_load.py [--n 800] [--duration 60] [--abuse 10] [--clients 32] [--limit 2] [--cache-mb 0]
                             [--work DIR]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402
from graph.store.query import bind_parameters, load_named  # noqa: E402

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # never streams a row
SIMPLE = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } LIMIT 20"
# shipped query -> (parameter, SPARQL listing candidate values); each request binds one value at random
MIX = {
    "person-posts": ("person", "SELECT ?v WHERE { ?v a foaf:Person } LIMIT 200"),
    "person-events": ("person", "SELECT ?v WHERE { ?e gk:chair ?v } LIMIT 200"),
    "post-holders": ("post", "SELECT ?v WHERE { ?v a org:Post } LIMIT 200"),
    "successions": ("post", "SELECT DISTINCT ?v WHERE { ?s a gk:Succession ; gk:post ?v } LIMIT 200"),
    "conflicts": ("post", "SELECT ?v WHERE { ?v a org:Post } LIMIT 200"),
    "timeline": ("post", "SELECT DISTINCT ?v WHERE { ?h gk:post ?v } LIMIT 200"),
    "indicator-compare": ("indicator", "SELECT DISTINCT ?v WHERE { ?t gk:indicator ?v } LIMIT 200"),
    "targets-by-year": ("year", None),
    "organisations": ("within", "SELECT ?v WHERE { ?v a gk:PeoplesCommittee } LIMIT 200"),
    "evidence": ("fact", "SELECT ?v WHERE { ?v a org:Membership } LIMIT 200"),
}


class Client:
    """One keep-alive HTTP connection to the endpoint; query() returns (status, ms)."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        self.host, self.port, self.path, self.timeout = parts.hostname, parts.port, parts.path, timeout
        self.conn = None

    def query(self, text: str, accept: str = "application/sparql-results+json") -> tuple[int, float, bytes]:
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request("POST", self.path, body=text.encode(),
                              headers={"Content-Type": "application/sparql-query", "Accept": accept})
            resp = self.conn.getresponse()
            body = resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            self.conn = None
            status, body = 0, b""
        return status, (time.perf_counter() - started) * 1000, body


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ----------------------------------------------------------------------------- CPU of the server's processes


def _tree(root: int) -> list[int]:
    """root and all its descendants (the forkserver and the query workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _ticks(pids: list[int]) -> dict[int, int]:
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def busy_fraction(root: int, window: float = 0.2) -> float:
    """CPU the server's processes used over `window` seconds, in cores (a killed process counts no more)."""
    before = _ticks(_tree(root))
    time.sleep(window)
    after = _ticks(_tree(root))
    used = sum(max(0, t - before.get(pid, t)) for pid, t in after.items())
    return used / os.sysconf("SC_CLK_TCK") / window


# ----------------------------------------------------------------------------- phases


def queries_mix(url: str, rng: random.Random) -> list[tuple[str, str]]:
    """(name, text) of shipped queries with one parameter bound each (values found on the served graph)."""
    client = Client(url, 60)
    prepared = []
    for name, (param, candidates) in MIX.items():
        if candidates is None:
            values = [str(y) for y in range(2020, 2031)]
        else:
            status, _, body = client.query(candidates)
            if status != 200:
                raise SystemExit(f"bench: cannot list values for {name}: HTTP {status}")
            values = [f"<{b['v']['value']}>" for b in json.loads(body)["results"]["bindings"]]
        for value in rng.sample(values, min(len(values), 20)):
            prepared.append((name, bind_parameters(None, load_named(name), {param: value})))
    rng.shuffle(prepared)
    return prepared


def load_phase(url: str, queries: list[tuple[str, str]], clients: int, duration: float) -> dict:
    latencies: list[float] = []
    by_name: dict[str, list[float]] = {}
    errors: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def run(k: int) -> None:
        client = Client(url, 60)
        i = k
        while time.monotonic() < stop:
            name, text = queries[i % len(queries)]
            status, ms, _ = client.query(text)
            i += clients
            with lock:
                if status == 200:
                    latencies.append(ms)
                    by_name.setdefault(name, []).append(ms)
                else:
                    errors[status] = errors.get(status, 0) + 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"requests": len(latencies) + sum(errors.values()), "errors": errors, "p50": pct(latencies, 50),
            "p99": pct(latencies, 99), "per_s": (len(latencies) + sum(errors.values())) / duration,
            "by_name": {n: (len(v), pct(v, 50), pct(v, 99)) for n, v in sorted(by_name.items())}}


def _runaways(url: str, count: int, answers: list) -> list[threading.Thread]:
    def one() -> None:
        status, ms, _ = Client(url, 600).query(CARTESIAN, "text/csv")
        answers.append((status, time.monotonic()))
    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    return threads


def abuse_phase(url: str, duration: float, simple_clients: int = 4) -> dict:
    answers: list = []
    runaways = _runaways(url, 8, answers)
    latencies: list[float] = []
    errors: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def run() -> None:
        client = Client(url, 60)
        while time.monotonic() < stop:
            status, ms, _ = client.query(SIMPLE)
            with lock:
                if status == 200:
                    latencies.append(ms)
                else:
                    errors[status] = errors.get(status, 0) + 1

    threads = [threading.Thread(target=run) for _ in range(simple_clients)]
    for t in threads:
        t.start()
    for t in threads + runaways:
        t.join()
    return {"runaway_status": sorted(s for s, _ in answers), "simple": len(latencies) + sum(errors.values()),
            "errors": errors, "p50": pct(latencies, 50), "p99": pct(latencies, 99)}


def idle_phase(url: str, server_pid: int, limit: float, workers: int) -> dict:
    answers: list = []
    sent = time.monotonic()
    threads = _runaways(url, 8, answers)
    for t in threads:
        t.join()
    last = max(at for _, at in answers)
    deadline = last + 30
    while time.monotonic() < deadline and busy_fraction(server_pid) > 0.1:
        pass
    idle_at = time.monotonic()
    rounds = -(-8 // workers)
    return {"runaway_status": sorted(s for s, _ in answers), "after_last_503": max(0.0, idle_at - 0.2 - last),
            "after_send": idle_at - sent, "bound": rounds * limit + 1}


# ----------------------------------------------------------------------------- set-up


def prepare_graph(work: Path, n: int) -> Path:
    out = work / "out"
    if (out / "current").exists():
        print(f"reusing the graph in {out}", flush=True)
        return out
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        make_corpus(corpus, n)
    print(f"building N={n} into {out} (once; --work keeps it) ...", flush=True)
    subprocess.run([sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out), "--no-html",
                    "--jobs", "0", "--store", f"oxigraph:{out / 'store'}"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return out


def start_server(source: Path, limit: float, workers: int, log: Path, cache_mb: float) -> tuple[subprocess.Popen, str]:
    errlog = log.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(source), "--host", "127.0.0.1",
                             "--port", "0", "--timeout", str(limit), "--workers", str(workers), "--queue", "64",
                             "--cache-mb", str(cache_mb)],
                            cwd=ROOT, stderr=errlog, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for line in log.read_text(encoding="utf-8").splitlines():
            if "serving" in line:
                return proc, line.split(" at ")[1].split()[0]
        if proc.poll() is not None:
            raise SystemExit(f"bench: the server exited: {log.read_text(encoding='utf-8')[-500:]}")
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("bench: the server did not start within 120 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=800, help="synthetic articles (default 800)")
    ap.add_argument("--duration", type=float, default=60, help="seconds of the load phase (default 60)")
    ap.add_argument("--abuse", type=float, default=10, help="seconds of simple queries after the runaways")
    ap.add_argument("--clients", type=int, default=32, help="concurrent clients in the load phase")
    ap.add_argument("--limit", type=float, default=2.0, help="the abuse server's --timeout in seconds (default 2)")
    ap.add_argument("--load-limit", type=float, default=10.0, help="the load server's --timeout (default 10, as serve's)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="the server's --workers")
    ap.add_argument("--cache-mb", type=float, default=0,
                    help="the server's --cache-mb (default 0: every request is evaluated; the mix repeats its queries)")
    ap.add_argument("--work", type=Path, help="folder for the corpus and graph, kept for the next run")
    args = ap.parse_args()
    if not (1 <= args.clients <= 256 and 0 < args.duration <= 600 and 0 < args.abuse <= 120):
        raise SystemExit("bench: clients 1-256, duration up to 600 s, abuse up to 120 s")
    work = args.work or Path(tempfile.mkdtemp(prefix="govkg-serve-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out = prepare_graph(work, args.n)
    # (a) runs at the server's default time limit (what users get), (b) on a second server with --limit
    proc, url = start_server(out, args.load_limit, args.workers, work / "serve-load.log", args.cache_mb)
    try:
        health = json.loads(http_get(url.replace("/sparql", "/health")))
        queries = queries_mix(url, random.Random(7))
        print(f"govkg serve: N={args.n}, {health['triples']:,} triples, {args.workers} workers, cache "
              f"{args.cache_mb:g} MiB, {len(queries)} parameterised queries; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        a = load_phase(url, queries, args.clients, args.duration)
        after = json.loads(http_get(url.replace("/sparql", "/health")))
        print(f"(a) load   {args.clients} clients x {args.duration:g} s, limit {args.load_limit:g} s: {a['requests']} "
              f"requests ({a['per_s']:.0f}/s), errors {sum(a['errors'].values())} {a['errors'] or ''}, "
              f"p50 {a['p50']:.1f} ms, p99 {a['p99']:.1f} ms (goal: 0 errors, p99 <= 250 ms); "
              f"cache hits {after['cache_hits']}, misses {after['cache_misses']}", flush=True)
        for name, (n, p50, p99) in a["by_name"].items():
            print(f"           {name:<18} {n:>6} requests  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    proc, url = start_server(out, args.limit, args.workers, work / "serve-abuse.log", args.cache_mb)
    try:
        b = abuse_phase(url, args.abuse)
        print(f"(b) abuse  limit {args.limit:g} s, 8 cartesian ({b['runaway_status'].count(503)} x 503) + simple "
              f"queries for {args.abuse:g} s: {b['simple']} simple, errors {sum(b['errors'].values())} "
              f"{b['errors'] or ''}, p50 {b['p50']:.1f} ms, p99 {b['p99']:.1f} ms", flush=True)
        c = idle_phase(url, proc.pid, args.limit, args.workers)
        print(f"    idle   8 cartesian on an idle server ({c['runaway_status'].count(503)} x 503): CPU idle "
              f"{c['after_last_503']:.2f} s after the last 503, {c['after_send']:.1f} s after sending "
              f"(bound {c['bound']:g} s = {-(-8 // args.workers)} rounds x {args.limit:g} s limit + 1 s)", flush=True)
        after = json.loads(http_get(url.replace("/sparql", "/health")))
        print(f"    workers killed {after['killed']}, replaced {after['replaced']}", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def http_get(url: str) -> str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", parts.path)
    return conn.getresponse().read().decode("utf-8")


if __name__ == "__main__":
    main()
