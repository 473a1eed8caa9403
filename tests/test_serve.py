"""`govkg serve`: a read-only SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper and plain urllib."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from graph.store.query import load_named, run_named
from graph.store.serve import EndpointConfig, make_server
from graph.store.stores import open_source

PERSONS = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def trig(seed_build):
    return seed_build.files["trig"]


@pytest.fixture(scope="module")
def expected_names(seed_build) -> list[str]:
    g = Graph().parse(seed_build.files["ttl"])
    names = sorted(str(r[0]) for r in g.query(PERSONS))
    assert len(names) >= 6
    return names


def _start(source, **limits):
    server = make_server(source, "127.0.0.1", 0, EndpointConfig(**limits))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def endpoint(trig):
    server, thread = _start(trig)
    yield server.url
    _stop(server, thread)


def _get(url, query=None, accept=None, method="GET", data=None, headers=None):
    full = url + ("?" + urlencode({"query": query}) if query is not None else "")
    req = urllib.request.Request(full, data=data, method=method, headers=dict(headers or {}))
    if accept:
        req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


# ----------------------------------------------------------------------------- SPARQLWrapper


def _wrapper(url, fmt, method=None):
    sw = SPARQLWrapper(url)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(POST)
        sw.setRequestMethod(method)
    return sw


@pytest.mark.parametrize("method", [None, "urlencoded", POSTDIRECTLY], ids=["get", "post-form", "post-direct"])
def test_serve_sparqlwrapper_json_select(endpoint, expected_names, method):
    sw = _wrapper(endpoint, JSON, method)
    sw.setQuery(PERSONS)
    data = sw.queryAndConvert()
    assert data["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == expected_names


def test_serve_sparqlwrapper_xml_and_csv(endpoint, expected_names):
    sw = _wrapper(endpoint, XML)
    sw.setQuery(PERSONS)
    doc = sw.queryAndConvert()  # an xml.dom.minidom Document
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == expected_names
    sw = _wrapper(endpoint, CSV)
    sw.setQuery(PERSONS)
    rows = list(csv.reader(io.StringIO(sw.queryAndConvert().decode("utf-8"))))
    assert rows[0] == ["name"] and [r[0] for r in rows[1:]] == expected_names


def test_serve_sparqlwrapper_construct_turtle_and_ask(endpoint, expected_names):
    sw = _wrapper(endpoint, TURTLE)
    sw.setQuery("PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
                "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }")
    g = Graph().parse(data=sw.queryAndConvert(), format="turtle")
    assert sorted(str(o) for o in g.objects()) == expected_names
    sw = _wrapper(endpoint, JSON)
    sw.setQuery("ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }")
    assert sw.queryAndConvert()["boolean"] is True


# ----------------------------------------------------------------------------- plain HTTP


@pytest.mark.parametrize("name", ["successions", "post-holders", "organisations"])
def test_serve_named_queries_match_rdflib(endpoint, seed_build, name):
    status, headers, body = _get(endpoint, load_named(name), "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    want = run_named(open_source(seed_build.files["ttl"]), name)
    assert data["head"]["vars"] == list(want.variables)
    first = want.variables[0]
    got = [b[first]["value"] if first in b else None for b in data["results"]["bindings"]]
    assert got == [None if v is None else str(v) for v in want.column(first)] and got


@pytest.mark.parametrize("accept, content_type", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html;q=0.9, application/json;q=0.5", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
])
def test_serve_content_negotiation_for_select(endpoint, accept, content_type):
    status, headers, body = _get(endpoint, PERSONS, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == content_type
    assert "Trần Quốc Cường" in body


@pytest.mark.parametrize("accept, content_type", [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"), ("application/ld+json", "application/ld+json"),
])
def test_serve_content_negotiation_for_construct(endpoint, accept, content_type):
    q = "CONSTRUCT { ?p a <http://xmlns.com/foaf/0.1/Person> } WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"
    status, headers, body = _get(endpoint, q, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == content_type
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
           "application/ld+json": "json-ld"}[content_type]
    assert len(Graph().parse(data=body, format=fmt)) >= 6


def test_serve_unacceptable_media_type_is_406(endpoint):
    status, _, body = _get(endpoint, PERSONS, "image/png")
    assert status == 406 and "text/csv" in body


def test_serve_cors_headers_and_preflight(endpoint):
    _, headers, _ = _get(endpoint, "ASK {}", "application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, body = _get(endpoint, method="OPTIONS",
                                 headers={"Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST"})
    assert status == 204 and body == ""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("how", ["sparql-update body", "update form field", "update in the URL"])
def test_serve_updates_are_refused_with_403(endpoint, trig, how):
    update = "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"
    if how == "sparql-update body":
        status, _, body = _get(endpoint, method="POST", data=update.encode(),
                               headers={"Content-Type": "application/sparql-update"})
    elif how == "update form field":
        status, _, body = _get(endpoint, method="POST", data=urlencode({"update": update}).encode(),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = _get(endpoint + "?" + urlencode({"update": update}))
    assert status == 403 and "read-only" in body
    _, _, after = _get(endpoint, "ASK { <http://example.org/s> ?p ?o }", "application/json")
    assert json.loads(after)["boolean"] is False


@pytest.mark.parametrize("query, message", [
    ("SELEKT * WHERE { ?s ?p ?o }", "SPARQL syntax error"),
    ("SELECT * WHERE { ?s ?p ?o ", "SPARQL syntax error"),
    ("INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }", "SPARQL syntax error"),
])
def test_serve_bad_query_is_400_with_the_parser_message(endpoint, query, message):
    status, _, body = _get(endpoint, query, "application/json")
    assert status == 400 and body.startswith(message) and "error at" in body


def test_serve_result_size_limit_cuts_and_says_so(trig):
    server, thread = _start(trig, max_rows=5)
    try:
        status, headers, body = _get(server.url, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    finally:
        _stop(server, thread)
    assert status == 200 and headers["X-Govkg-Truncated"] == "5"
    assert len(body.strip().split("\r\n")) == 1 + 5


def test_serve_time_limit_stops_a_long_query_with_503(trig):
    server, thread = _start(trig, timeout=0.3, max_rows=10**9)
    try:
        started = time.monotonic()
        status, _, body = _get(server.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "text/csv")
        took = time.monotonic() - started
    finally:
        _stop(server, thread)
    assert status == 503 and "0.3 s limit" in body
    assert took < 5


def test_serve_unknown_path_is_404_and_no_query_is_a_help_page(endpoint):
    assert _get(endpoint.replace("/sparql", "/nothing-here"), "ASK {}")[0] == 404
    status, _, body = _get(endpoint)
    assert status == 200 and "read-only" in body


def test_serve_named_graphs_stay_queryable(endpoint):
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/govkg/ontology#Article> } }"
    _, _, body = _get(endpoint, q, "application/json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"


def test_serve_cli_starts_and_answers(trig, expected_names):
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(trig), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "serving" in line, line
        url = line.split(" at ")[1].split()[0]
        status, _, body = _get(url, PERSONS, "text/csv")
        assert status == 200 and body.split("\r\n")[1] == expected_names[0]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_cli_bad_graph_is_one_line_error(tmp_path):
    from click.testing import CliRunner

    from graph.cli import cli

    res = CliRunner().invoke(cli, ["serve", str(tmp_path / "missing.trig")])
    assert res.exit_code == 1 and res.stderr.startswith("govkg: error:") and "missing.trig" in res.stderr
