"""`govkg serve` under abuse: runaway queries are killed with their worker, the queue is bounded, prefixes are
predeclared, errors are one line, /health and the access log report what happens. Real processes, real HTTP."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from graph.store.serve import EndpointConfig, make_server, public_warning

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PERSONS = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"
NAMESPACES = {
    "gk": "https://w3id.org/govkg/ontology#", "gkr": "https://w3id.org/govkg/id/",
    "org": "http://www.w3.org/ns/org#", "foaf": "http://xmlns.com/foaf/0.1/", "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#", "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _get(url, query=None, accept="text/csv", timeout=60):
    full = url + ("?" + urlencode({"query": query}) if query is not None else "")
    req = urllib.request.Request(full, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


class Running:
    """An endpoint serving in a thread; stopped (workers killed) on exit."""

    def __init__(self, source, **limits):
        self.server = make_server(source, "127.0.0.1", 0, EndpointConfig(access_log=False, **limits))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self.server

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def _health(server) -> dict:
    return json.loads(_get(server.url.replace("/sparql", "/health"), accept="application/json")[2])


def _wait_for(predicate, timeout=30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the server never reached the expected state"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def trig(seed_build):
    return seed_build.files["trig"]


def test_serve_runaway_query_is_killed_and_its_worker_replaced(trig):
    with Running(trig, workers=1, timeout=0.5, max_rows=10**9) as server:
        victim = server.pool.idle[0].proc
        status, _, body = _get(server.url, CARTESIAN)
        assert status == 503 and "0.5 s limit" in body
        assert not victim.is_alive(), "the worker running the runaway query was killed"
        started = time.monotonic()
        status, _, body = _get(server.url, PERSONS)
        assert status == 200 and "Trần Quốc Cường" in body
        assert time.monotonic() - started < 10, "a simple query answers promptly after the kill"
        health = _health(server)
        assert health["killed"] == health["replaced"] == 1 and health["workers"] == 1
        assert server.pool.idle[0].proc.pid != victim.pid


def test_serve_six_runaway_queries_do_not_wedge_the_server(trig):
    """The issue's symptom: after six timed-out queries every request got 503."""
    with Running(trig, workers=2, timeout=0.3, max_rows=10**9) as server:
        for _ in range(6):
            assert _get(server.url, CARTESIAN)[0] == 503
        status, _, body = _get(server.url, PERSONS)
        assert status == 200 and "Trần Tiến Dũng" in body
        assert _health(server)["killed"] == 6
        _wait_for(lambda: _health(server)["replaced"] == 6)


def test_serve_full_queue_answers_503_with_retry_after(trig):
    with Running(trig, workers=1, queue=1, timeout=3, max_rows=10**9) as server:
        results = []
        threads = [threading.Thread(target=lambda: results.append(_get(server.url, CARTESIAN)))]
        threads[0].start()
        _wait_for(lambda: _health(server)["busy"] == 1)
        threads.append(threading.Thread(target=lambda: results.append(_get(server.url, PERSONS))))
        threads[1].start()
        _wait_for(lambda: _health(server)["queued"] == 1)
        status, headers, body = _get(server.url, PERSONS)
        assert status == 503 and int(headers["Retry-After"]) >= 1
        assert body.startswith("busy:") and body.count("\n") == 1
        for t in threads:
            t.join(timeout=30)
        assert sorted(r[0] for r in results) == [200, 503], "the queued query ran once the runaway was killed"


def test_serve_predeclares_the_project_prefixes(trig):
    values = " ".join(f"{p}:" for p in NAMESPACES)
    with Running(trig, workers=1) as server:
        status, _, body = _get(server.url, f"SELECT ?ns WHERE {{ VALUES ?ns {{ {values} }} }}")
        assert status == 200
        assert body.split("\r\n")[1:-1] == list(NAMESPACES.values())
        status, _, body = _get(server.url, PERSONS)  # no PREFIX lines, as in `govkg query`
        assert status == 200 and body.split("\r\n")[0] == "name" and "Mùa A Sơn" in body or "Trần Tiến Dũng" in body


@pytest.mark.parametrize("query, where, reason", [
    ("SELECT ?s WHERE {\n  ?s nope:thing ?o }", "line 2, column 6", "undeclared prefix 'nope:' (near 'nope:thing"),
    ("SELECT * WHERE { ?s ?p ?o ", "line 1, column 27", "unexpected end of the query"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "line 1, column 35", "unexpected text (near 'x')"),
])
def test_serve_parse_error_is_one_line_with_the_position(trig, query, where, reason):
    with Running(trig, workers=1) as server:
        status, _, body = _get(server.url, query)
    assert status == 400
    assert body.count("\n") == 1 and len(body) < 200, body
    assert body.startswith(f"SPARQL syntax error at {where}: {reason}"), body
    assert "expected one of" not in body


def test_serve_health_reports_the_triple_count(trig):
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    want = len(set(q.triple for q in store))
    with Running(trig, workers=1) as server:
        health = _health(server)
    assert health["status"] == "ok" and health["triples"] == want > 1000


@pytest.mark.parametrize("cache_mb, hits", [(64, 2), (0, 0)])
def test_serve_answers_repeated_queries_from_the_cache(trig, cache_mb, hits):
    with Running(trig, workers=1, cache_mb=cache_mb) as server:
        answers = [_get(server.url, PERSONS) for _ in range(3)]
        other = _get(server.url, PERSONS, accept="application/sparql-results+json")
        health = _health(server)
    assert [a[2] for a in answers] == [answers[0][2]] * 3 and answers[0][0] == 200
    assert other[1]["Content-Type"].startswith("application/sparql-results+json"), "the Accept header is in the key"
    assert health["cache_hits"] == hits


def test_serve_over_a_build_output_folder(seed_build):
    with Running(seed_build.out_dir, workers=1) as server:
        status, _, body = _get(server.url, PERSONS)
        assert status == 200 and "Trần Quốc Cường" in body
        assert _health(server)["triples"] > 1000


def test_serve_public_host_warns():
    assert "public" in public_warning("0.0.0.0") and "0.0.0.0" in public_warning("0.0.0.0")
    assert public_warning("127.0.0.1") is None and public_warning("localhost") is None
    assert public_warning("::1") is None


def _cli(*args):
    return subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", *map(str, args)],
                            stderr=subprocess.PIPE, text=True)


def _url_of(proc) -> str:
    line = proc.stderr.readline()
    assert "serving" in line, line
    return line.split(" at ")[1].split()[0]


def test_serve_access_log_line_per_request(trig):
    proc = _cli(trig, "--port", "0", "--workers", "1")
    try:
        url = _url_of(proc)
        assert _get(url, PERSONS)[0] == 200
        assert re.fullmatch(r"govkg: GET /sparql 200 \d+\.\d ms \d+ rows\n", proc.stderr.readline())
        assert _get(url, "SELECT * {")[0] == 400
        assert re.fullmatch(r"govkg: GET /sparql 400 \d+\.\d ms - rows\n", proc.stderr.readline())
        _get(url.replace("/sparql", "/health"))
        assert proc.stderr.readline().startswith("govkg: GET /health 200 ")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_serve_help_curl_example_works_as_written(trig, expected_persons):
    from click.testing import CliRunner

    from graph.cli import cli

    helptext = CliRunner().invoke(cli, ["serve", "--help"]).output
    line = next(x.strip() for x in helptext.splitlines() if x.strip().startswith("curl "))
    proc = _cli(trig, "--port", "0", "--workers", "1")
    try:
        url = _url_of(proc)
        args = [a.replace("http://127.0.0.1:7878/sparql", url) for a in shlex.split(line)]
        out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    rows = out.strip().splitlines()
    assert rows[0] == "s" and sorted(rows[1:]) == expected_persons


@pytest.fixture(scope="module")
def expected_persons(trig) -> list[str]:
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    found = store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a <http://xmlns.com/foaf/0.1/Person> } }")
    return sorted(s["s"].value for s in found)
