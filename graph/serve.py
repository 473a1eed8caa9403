"""A read-only SPARQL 1.1 Protocol endpoint over a graph file or an Oxigraph store (standard library HTTP server).

GET /sparql?query=... and POST (application/sparql-query, or a form with query=...) run a query on Oxigraph
(a store folder opened read-only, or a file loaded into memory) whose default graph is the whole graph
(graph.trig's named graphs stay queryable with GRAPH). Results follow the Accept header (or a format=/output= parameter): SPARQL JSON, XML, CSV or TSV for
SELECT/ASK, Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Every response allows any origin
(CORS), so browser clients such as YASGUI can use it. Updates are refused (403). A query gets `timeout`
seconds (503 after that) and at most `max_rows` rows (more are cut, flagged by an X-Govkg-Truncated header);
a bad query gets 400 with the parser's message.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from .query import PREFIXES
from .store import open_store

__all__ = ["EndpointConfig", "make_server", "serve"]

log = logging.getLogger("govkg")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused

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


@dataclass(frozen=True)
class EndpointConfig:
    """Limits of the endpoint: seconds per query, rows (or triples) per result, queries running at once."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_concurrent: int = 4


class HttpError(Exception):
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


def render(result: _Result, fmt: str) -> bytes:
    """The body of a response in one of the result formats."""
    if result.kind == "graph":
        triples = [ox.Triple(s, p, o) for s, p, o in result.rows]
        prefixes = {k: v for k, v in PREFIXES.items() if k != "gkr"} if fmt == "turtle" else None  # gkr: local names have slashes
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


# ----------------------------------------------------------------------------- the server


def _graph_terms(values: list[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(v) for v in values]
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {exc}") from None


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server holding the store, the limits and the pool queries run in."""

    daemon_threads = True

    def __init__(self, address, store: ox.Store, config: EndpointConfig, label: str = ""):
        super().__init__(address, SparqlHandler)
        self.store = store
        self.config = config
        self.label = label
        self.pool = ThreadPoolExecutor(max_workers=config.max_concurrent, thread_name_prefix="govkg-query")
        # the default graph when it holds the merged graph (store folders built by govkg, files loaded by
        # open_store); otherwise the union of the named graphs, where a triple in two graphs comes twice
        self.union = not bool(store.query("ASK { ?s ?p ?o }"))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)

    def evaluate(self, text: str, default: list[str], named: list[str], cancelled: threading.Event) -> _Result:
        """Run one query (in a pool thread), stopping at max_rows or when the request gave up."""
        kwargs = {}
        if default:
            kwargs["default_graph"] = _graph_terms(default)
        elif self.union:
            kwargs["use_default_graph_as_union"] = True
        if named:
            kwargs["named_graphs"] = _graph_terms(named)
        res = self.store.query(text, **kwargs)
        if isinstance(res, ox.QueryBoolean):
            return _Result("ask", boolean=bool(res))
        limit = self.config.max_rows
        rows: list = []
        truncated = False
        if isinstance(res, ox.QuerySolutions):
            variables = tuple(v.value for v in res.variables)
            for solution in res:
                if cancelled.is_set():
                    break
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(solution[v] for v in variables))
            return _Result("select", variables, rows, truncated=truncated)
        for triple in res:
            if cancelled.is_set():
                break
            if len(rows) >= limit:
                truncated = True
                break
            rows.append((triple.subject, triple.predicate, triple.object))
        return _Result("graph", rows=rows, truncated=truncated)


class SparqlHandler(BaseHTTPRequestHandler):
    """GET/POST/OPTIONS of the SPARQL 1.1 Protocol (query operation only)."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "govkg-sparql"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)

    # -- responses ---------------------------------------------------------------------------
    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Govkg-Truncated, Content-Type")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode(), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self._handle(lambda params: params)

    def do_POST(self) -> None:  # noqa: N802
        def read(params: dict) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                raise HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
            if media == "application/sparql-query":
                return {**params, "query": [body]}
            if media == "application/x-www-form-urlencoded":
                form = parse_qs(body, keep_blank_values=True)
                return {**params, **form}
            raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            f"POST needs Content-Type application/sparql-query or application/x-www-form-urlencoded,"
                            f" not {media or 'none'!r}")
        self._handle(read)

    # -- the query operation -----------------------------------------------------------------
    def _handle(self, gather) -> None:
        try:
            url = urlsplit(self.path)
            if url.path.rstrip("/") not in ("", "/sparql"):
                raise HttpError(HTTPStatus.NOT_FOUND, f"no such path {url.path!r}; the endpoint is /sparql")
            params = gather(parse_qs(url.query, keep_blank_values=True))
            if "update" in params:
                raise HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
            queries = params.get("query", [])
            if not queries:
                self._send(HTTPStatus.OK, self._help().encode(), "text/plain; charset=utf-8")
                return
            if len(queries) > 1:
                raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            fmt_param = next((params[k][0] for k in ("format", "output", "results") if params.get(k)), None)
            result = self._run(queries[0], params.get("default-graph-uri", []), params.get("named-graph-uri", []))
            fmt = negotiate(result.kind, self.headers.get("Accept"), fmt_param)
            body = render(result, fmt)
            extra = {"X-Govkg-Truncated": str(self.server.config.max_rows)} if result.truncated else {}
            self._send(HTTPStatus.OK, body, CONTENT_TYPE[fmt] + "; charset=utf-8", extra)
        except HttpError as exc:
            self._error(exc.status, exc.message)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _run(self, text: str, default: list[str], named: list[str]) -> _Result:
        cancelled = threading.Event()
        limit = self.server.config.timeout
        started = time.monotonic()
        future = self.server.pool.submit(self.server.evaluate, text, default, named, cancelled)
        try:
            return future.result(timeout=limit)
        except FutureTimeout:
            cancelled.set()
            future.cancel()
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"query stopped: it ran longer than the {limit:g} s limit "
                            f"({time.monotonic() - started:.1f} s)") from None
        except SyntaxError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
        except (ValueError, TypeError) as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"SPARQL error: {' '.join(str(exc).split())}") from None
        except OSError as exc:
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, f"store error: {exc}") from None

    def _help(self) -> str:
        c = self.server.config
        return (f"govkg SPARQL 1.1 endpoint (read-only) over {self.server.label}\n"
                f"GET {self.server.url}?query=...  or POST application/sparql-query / form query=...\n"
                f"Limits: {c.timeout:g} s per query, {c.max_rows} rows per result.\n")


def make_server(source: str | Path | ox.Store, host: str = "127.0.0.1", port: int = 7878,
                config: EndpointConfig | None = None) -> SparqlServer:
    """A ready (not yet serving) endpoint over a graph file, a store folder or an open pyoxigraph Store.

    port 0 picks a free port (see server.server_address). Raises StoreError for a bad source and OSError
    when the address cannot be bound.
    """
    store = source if isinstance(source, ox.Store) else open_store(source)
    label = "an Oxigraph store" if isinstance(source, ox.Store) else str(source)
    return SparqlServer((host, port), store, config or EndpointConfig(), label)


def serve(source: str | Path, host: str = "127.0.0.1", port: int = 7878, config: EndpointConfig | None = None,
          ready=None) -> None:
    """Serve until interrupted; ready(server) is called once the socket listens."""
    server = make_server(source, host, port, config)
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()
