"""The endpoint's worker process: holds the store, runs one query at a time, renders the response body.

graph.store.serve starts several of these and kills one whose query runs past the time limit (a query cannot be
interrupted inside Oxigraph, but a process can). Only pyoxigraph and the standard library are imported, so a
replacement worker is ready in a fraction of a second. Serialisation and content negotiation live here too,
so the HTTP process only moves bytes.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass
from http import HTTPStatus
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from graph.store.sparql import SparqlSyntaxError, ox_query

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# media type -> result format, by result kind; the first entry is the default
TABLE_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "rdfxml", "application/ld+json": "jsonld",
}
CONTENT_TYPE = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
               "jsonld": ox.RdfFormat.JSON_LD}
# format=/output= parameter values (SPARQLWrapper sends them) -> result format per kind
FORMAT_PARAM = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "n3": (None, "turtle"), "rdf": ("xml", "rdfxml"), "rdf+xml": ("xml", "rdfxml"),
    "json-ld": (None, "jsonld"), "nt": (None, "nt"), "ntriples": (None, "nt"),
}


class HttpError(Exception):
    """A response other than 200: its status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class _Result:
    kind: str  # "select", "ask", "graph"
    variables: tuple[str, ...] = ()
    rows: list = None  # solutions (tuples of terms) or triples
    boolean: bool | None = None
    truncated: bool = False


# ----------------------------------------------------------------------------- serialisation


def _nt(term) -> str:
    """N-Triples/Turtle text of a term (as the TSV results format wants)."""
    return str(term)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            return f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>'
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def _csv_cell(term) -> str:
    if term is None:
        return ""
    text = term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else (
        f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def render(result: _Result, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """The body of a response in one of the result formats; `prefixes` abbreviate IRIs in Turtle."""
    if result.kind == "graph":
        triples = [ox.Triple(s, p, o) for s, p, o in result.rows]
        # gkr: local names have slashes, which Turtle prefixed names cannot hold
        prefixes = {k: v for k, v in (prefixes or {}).items() if k != "gkr"} if fmt == "turtle" else None
        return ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes) or b""
    if fmt == "json":
        if result.kind == "ask":
            doc = {"head": {}, "boolean": result.boolean}
        else:
            doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]}}
        return (json.dumps(doc, ensure_ascii=False) + "\n").encode()
    if fmt == "xml":
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        if result.kind == "ask":
            out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
        else:
            out += [f'<variable name="{v}"/>' for v in result.variables] + ["</head>", "<results>"]
            for row in result.rows:
                out.append("<result>" + "".join(f'<binding name="{v}">{_xml_term(t)}</binding>'
                                                for v, t in zip(result.variables, row) if t is not None) + "</result>")
            out.append("</results>")
        out.append("</sparql>")
        return ("\n".join(out) + "\n").encode()
    if result.kind == "ask":  # no standard CSV/TSV for ASK; this is what other stores write
        return f"_askResult\r\n{'true' if result.boolean else 'false'}\r\n".encode()
    if fmt == "csv":
        lines = [",".join(result.variables)] + [",".join(_csv_cell(t) for t in row) for row in result.rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else _nt(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode()


def negotiate(kind: str, accept: str | None, format_param: str | None) -> str:
    """The result format for a result kind from a format=/output= value or the Accept header (406 if none fits)."""
    table = kind != "graph"
    if format_param:
        key = format_param.strip().lower()
        if key in FORMAT_PARAM and FORMAT_PARAM[key][0 if table else 1]:
            return FORMAT_PARAM[key][0 if table else 1]
        mapping = TABLE_TYPES if table else GRAPH_TYPES
        if key in mapping:
            return mapping[key]
    mapping = TABLE_TYPES if table else GRAPH_TYPES
    default = "json" if table else "turtle"
    if not accept:
        return default
    offers = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        offers.append((-q, n, media.lower()))
    for neg_q, _, media in sorted(offers):
        if neg_q == 0:
            break
        if media in mapping:
            return mapping[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    wanted = ", ".join(mapping)
    raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"cannot produce {accept!r} for this query; available: {wanted}")


# ----------------------------------------------------------------------------- the worker


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker needs: the store folder (opened read-only), how to query it, the limits."""

    store_path: str
    union: bool  # query the union of the named graphs (the default graph is empty)
    prefixes: dict
    max_rows: int


def _graph_terms(values: list[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(v) for v in values]
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {exc}") from None


def evaluate(store: ox.Store, setup: WorkerSetup, text: str, default: list[str], named: list[str]) -> _Result:
    """Run one query, keeping at most max_rows rows (or triples)."""
    kwargs = {}
    if default:
        kwargs["default_graph"] = _graph_terms(default)
    elif setup.union:
        kwargs["use_default_graph_as_union"] = True
    if named:
        kwargs["named_graphs"] = _graph_terms(named)
    res = ox_query(store, text, setup.prefixes, **kwargs)
    if isinstance(res, ox.QueryBoolean):
        return _Result("ask", boolean=bool(res))
    limit = setup.max_rows
    rows: list = []
    if isinstance(res, ox.QuerySolutions):
        variables = tuple(v.value for v in res.variables)
        for solution in res:
            if len(rows) >= limit:
                return _Result("select", variables, rows, truncated=True)
            rows.append(tuple(solution[v] for v in variables))
        return _Result("select", variables, rows)
    for triple in res:
        if len(rows) >= limit:
            return _Result("graph", rows=rows, truncated=True)
        rows.append((triple.subject, triple.predicate, triple.object))
    return _Result("graph", rows=rows)


def answer(store: ox.Store, setup: WorkerSetup, job: dict) -> tuple:
    """One job -> ("ok", content type, body, truncated, rows) or ("error", status, message)."""
    try:
        result = evaluate(store, setup, job["query"], job.get("default", []), job.get("named", []))
        fmt = negotiate(result.kind, job.get("accept"), job.get("format"))
        body = render(result, fmt, setup.prefixes)
    except HttpError as exc:
        return ("error", int(exc.status), exc.message)
    except SparqlSyntaxError as exc:
        return ("error", int(HTTPStatus.BAD_REQUEST), str(exc))
    except (ValueError, TypeError, RuntimeError) as exc:
        return ("error", int(HTTPStatus.BAD_REQUEST), f"SPARQL error: {' '.join(str(exc).split())}")
    except OSError as exc:
        return ("error", int(HTTPStatus.INTERNAL_SERVER_ERROR), f"store error: {' '.join(str(exc).split())}")
    rows = 1 if result.kind == "ask" else len(result.rows)
    return ("ok", CONTENT_TYPE[fmt] + "; charset=utf-8", body, result.truncated, rows)


def worker_main(conn, setup: WorkerSetup) -> None:
    """The worker's loop: open the store, say "ready", then answer jobs from conn until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then ends its workers
    try:
        store = ox.Store.read_only(setup.store_path)
    except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports a damaged or vanished folder
        conn.send(("failed", f"{setup.store_path}: cannot open the store: {' '.join(str(exc).split())}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, setup, job))
