"""`govkg push` against a real Virtuoso (Debian's virtuoso-opensource) started on loopback for these tests."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.store.push import PushError, graph_payloads, push

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
GKR = "https://w3id.org/govkg/id/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A throw-away Virtuoso on free loopback ports: yields its base URL; the SPARQL user may update."""
    assert VIRTUOSO and ISQL, "Virtuoso is not installed: run `make system-deps` (apt-get install virtuoso-opensource)"
    db = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, sql=sql, http=http), encoding="utf-8")
    log = open(db / "stdout.log", "wb")
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(db / "virtuoso.ini")], cwd=db, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, f"Virtuoso exited: {(db / 'stdout.log').read_text(errors='replace')[-2000:]}"
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, "Virtuoso did not start within 90 s"
                time.sleep(0.3)
        grant = subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba", 'EXEC=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               capture_output=True, text=True, timeout=60)
        assert grant.returncode == 0 and "Error" not in grant.stdout, grant.stdout + grant.stderr
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _select(base: str, query: str) -> list[dict]:
    url = f"{base}/sparql?" + urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read().decode("utf-8"))["results"]["bindings"]


def _graph_sizes(base: str) -> dict[str, int]:
    rows = _select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                         f'FILTER(STRSTARTS(STR(?g), "{GKR}graph/")) }} GROUP BY ?g')
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def _expected_sizes(trig: Path) -> dict[str, int]:
    return {iri: body.count(b"\n") for iri, body in graph_payloads(trig).items()}


@pytest.fixture
def clean_virtuoso(virtuoso):
    """The server with every govkg graph dropped, so each test starts from nothing."""
    for iri in _graph_sizes(virtuoso):
        req = urllib.request.Request(f"{virtuoso}/sparql-graph-crud?" + urlencode({"graph": iri}), method="DELETE")
        urllib.request.urlopen(req, timeout=30).read()
    assert _graph_sizes(virtuoso) == {}
    return virtuoso


def test_push_virtuoso_one_named_graph_per_article(clean_virtuoso, seed_build):
    trig = seed_build.files["trig"]
    result = push(trig, f"{clean_virtuoso}/sparql-graph-crud")
    want = _expected_sizes(trig)
    assert sum(1 for g in want if "/graph/article/" in g) == 2
    assert result.graphs == len(want) and result.triples == sum(want.values())
    assert _graph_sizes(clean_virtuoso) == want


def test_push_virtuoso_keeps_vietnamese_names(clean_virtuoso, seed_build):
    push(seed_build.files["trig"], f"{clean_virtuoso}/sparql-graph-crud")
    rows = _select(clean_virtuoso, "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a <http://xmlns.com/foaf/0.1/Person> ;"
                                   " <http://xmlns.com/foaf/0.1/name> ?n } }")
    names = {r["n"]["value"] for r in rows}
    assert {"Trần Quốc Cường", "Mùa A Sơn", "Trần Tiến Dũng"} <= names


def test_push_virtuoso_repush_replaces_each_graph(clean_virtuoso, seed_build, tmp_path):
    trig = seed_build.files["trig"]
    endpoint = f"{clean_virtuoso}/sparql-graph-crud"
    push(trig, endpoint)
    push(trig, endpoint)
    assert _graph_sizes(clean_virtuoso) == _expected_sizes(trig), "pushing twice does not duplicate"
    # a rebuild in which one article says less: its graph shrinks on the server too
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    article = next(q.graph_name for q in quads if "/graph/article/" in q.graph_name.value)
    kept = [q for q in quads if q.graph_name != article or "Evidence" not in str(q)]
    smaller = tmp_path / "graph.trig"
    ox.serialize(kept, str(smaller), format=ox.RdfFormat.TRIG)
    push(smaller, endpoint)
    sizes = _graph_sizes(clean_virtuoso)
    assert sizes == _expected_sizes(smaller)
    assert sizes[article.value] < _expected_sizes(trig)[article.value]


def test_push_virtuoso_with_digest_login(clean_virtuoso, seed_build):
    trig = seed_build.files["trig"]
    with pytest.raises(PushError, match="HTTP 401"):
        push(trig, f"{clean_virtuoso}/sparql-graph-crud-auth", user="dba", password="wrong")
    assert _graph_sizes(clean_virtuoso) == {}
    push(trig, f"{clean_virtuoso}/sparql-graph-crud-auth", user="dba", password="dba")
    assert _graph_sizes(clean_virtuoso) == _expected_sizes(trig)


def test_push_cli_to_virtuoso(clean_virtuoso, seed_build):
    res = CliRunner().invoke(cli, ["push", str(seed_build.files["trig"]), "--endpoint",
                                   f"{clean_virtuoso}/sparql-graph-crud", "--no-progress"])
    assert res.exit_code == 0, res.output
    n = len(_expected_sizes(seed_build.files["trig"]))
    assert f"Pushed {n} named graph(s)" in res.stdout
    assert len(_graph_sizes(clean_virtuoso)) == n


@pytest.mark.parametrize("endpoint, graph, message", [
    ("http://127.0.0.1:{port}/gsp", "trig", "cannot reach the Graph Store"),
    ("ftp://example.org/gsp", "trig", "expected an http"),
    ("http://127.0.0.1:{port}/gsp", "ttl", "no named graphs to push"),
])
def test_push_errors_are_one_line(seed_build, endpoint, graph, message):
    res = CliRunner().invoke(cli, ["push", str(seed_build.files[graph]), "--endpoint",
                                   endpoint.format(port=_free_port())])
    assert res.exit_code == 1
    assert res.stderr.startswith("govkg: error:") and message in res.stderr and res.stderr.count("\n") == 1
