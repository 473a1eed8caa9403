"""A read-only SPARQL 1.1 Protocol endpoint over a graph file, an Oxigraph store or a build's output folder.

GET /sparql?query=... and POST (application/sparql-query, or a form with query=...) run a query on Oxigraph
whose default graph is the whole graph (graph.trig's named graphs stay queryable with GRAPH); govkg's
prefixes (gk:, gkr:, org:, foaf:, ...) are predeclared, as in `govkg query`. Results follow the Accept header
(or a format=/output= parameter): SPARQL JSON, XML, CSV or TSV for SELECT/ASK, Turtle, N-Triples, RDF/XML or
JSON-LD for CONSTRUCT/DESCRIBE. Every response allows any origin (CORS). Updates are refused (403).

Queries run in a pool of worker processes (graph.store.serve_worker), each holding the store opened read-only: at
most `workers` at once, up to `queue` more wait, and beyond that the answer is 503 with Retry-After. A query
gets `timeout` seconds; then its worker is killed (Oxigraph cannot interrupt a query, the kernel can) and a
fresh one takes its place, so a runaway query never keeps the CPU. `/` is a YASGUI query page (local files,
see `make assets`), `/health` answers JSON with the triple count, and each request logs one line to stderr.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from graph.store.query import PREFIXES, list_named, load_named
from graph.store.serve_worker import CONTENT_TYPE, HttpError, WorkerSetup, negotiate, render, worker_main
from graph.generations import current
from graph.store.stores import StoreError, is_oxigraph_store, open_store, resolve_source

__all__ = ["ASSETS_DIR", "YASGUI_VERSION", "EndpointConfig", "SparqlServer", "make_server", "negotiate",
           "public_warning", "render", "serve"]

log = logging.getLogger("govkg")

MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused
ROOT = Path(__file__).resolve().parents[2]
YASGUI_VERSION = "4.2.28"  # keep in step with the Makefile's `assets` target
ASSETS_DIR = ROOT / "assets" / "node_modules" / "@triply" / "yasgui" / "build"
INSTALL_HINT = (f"The query page needs YASGUI: run `make assets` in {ROOT} "
                f"(npm install --prefix assets @triply/yasgui@{YASGUI_VERSION}), then reload.")
QUEUE_GRACE = 10.0  # a queued request waits up to the time limit plus this (a runaway's kill and replacement)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".map": "application/json"}
BROWSE_TYPES = {**STATIC_TYPES, ".html": "text/html"}


@dataclass(frozen=True)
class EndpointConfig:
    """Limits of the endpoint: seconds per query, rows per result, queries at once, requests waiting, result cache
    (MiB), logging, and where the YASGUI files are."""

    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    queue: int = 64
    cache_mb: float = 64.0
    access_log: bool = True
    assets: Path = ASSETS_DIR


class _Busy(Exception):
    """No worker is free and the queue is full (or the wait ran out): 503 with Retry-After."""


# ----------------------------------------------------------------------------- the worker pool


class _Worker:
    """One worker process and the pipe its jobs go through."""

    def __init__(self, ctx, setup: WorkerSetup):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, setup), daemon=True, name="govkg-query")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened the store; StoreError if it could not."""
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not start within {timeout:g} s")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            msg = ("failed", "a query worker exited while starting")
        if msg[0] != "ready":
            self.kill()
            raise StoreError(msg[1])

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """N worker processes; run() hands a job to a free one, waits in a bounded queue, kills a worker at the limit."""

    def __init__(self, setup: WorkerSetup, workers: int, queue: int, start_timeout: float = 120.0):
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(["graph.store.serve_worker"])  # workers fork from a process that has it loaded
        self.setup, self.size, self.queue = setup, workers, queue
        self.start_timeout = start_timeout
        self.cond = threading.Condition()
        self.idle: list[_Worker] = []
        self.busy = 0
        self.waiting = 0
        self.killed = 0  # workers killed at the time limit (or found dead)
        self.replaced = 0  # replacements that are up
        self.closed = False
        self.respawning: list[threading.Thread] = []
        fresh = [_Worker(self.ctx, setup) for _ in range(workers)]
        try:
            for w in fresh:
                w.wait_ready(start_timeout)
        except StoreError:
            for w in fresh:
                w.kill()
            raise
        self.idle = fresh

    def stats(self) -> dict:
        with self.cond:
            return {"workers": self.size, "busy": self.busy, "idle": len(self.idle), "queued": self.waiting,
                    "killed": self.killed, "replaced": self.replaced}

    def _take(self, wait: float) -> _Worker:
        deadline = time.monotonic() + wait
        with self.cond:
            if not self.idle and self.waiting >= self.queue:
                raise _Busy(f"busy: {self.size} queries running and {self.waiting} waiting (the most allowed)")
            self.waiting += 1
            try:
                while not self.idle:
                    left = deadline - time.monotonic()
                    if left <= 0 or self.closed:
                        raise _Busy(f"busy: no query worker became free within {wait:g} s")
                    self.cond.wait(left)
                self.busy += 1
                return self.idle.pop()
            finally:
                self.waiting -= 1

    def _give_back(self, worker: _Worker) -> None:
        with self.cond:
            self.busy -= 1
            if self.closed:
                worker.kill()
                return
            self.idle.append(worker)
            self.cond.notify()

    def _replace(self, worker: _Worker) -> None:
        """Kill worker now (its CPU is freed at once) and start a replacement in the background."""
        worker.kill()
        with self.cond:
            self.busy -= 1
            self.killed += 1
        thread = threading.Thread(target=self._respawn, name="govkg-respawn", daemon=True)
        self.respawning = [t for t in self.respawning if t.is_alive()] + [thread]
        thread.start()

    def _respawn(self) -> None:
        while not self.closed:
            w = _Worker(self.ctx, self.setup)
            try:
                w.wait_ready(self.start_timeout)
            except StoreError as exc:
                log.error("cannot start a query worker: %s", exc)
                time.sleep(1)
                continue
            with self.cond:
                if self.closed:
                    w.kill()
                    return
                self.replaced += 1
                self.idle.append(w)
                self.cond.notify()
            return

    def run(self, job: dict, timeout: float) -> tuple:
        """The worker's answer to job; _Busy when no worker is free in time, HttpError 503 at the time limit."""
        worker = self._take(timeout + QUEUE_GRACE)
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                reply = worker.conn.recv()
                self._give_back(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; it has been replaced") from None
        self._replace(worker)
        raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, f"query stopped: it ran longer than the {timeout:g} s limit "
                                                        f"({time.monotonic() - started:.1f} s)")

    def close(self) -> None:
        with self.cond:
            self.closed = True
            idle, self.idle = self.idle, []
            self.cond.notify_all()
        for w in idle:
            w.kill()
        for thread in self.respawning:  # a worker starting now must not outlive the store folder
            thread.join(timeout=self.start_timeout)


# ----------------------------------------------------------------------------- the source


def _prepare(source: str | Path | ox.Store) -> tuple[str, str | None]:
    """(store folder the workers open read-only, temporary folder to delete afterwards or None)."""
    if isinstance(source, ox.Store):
        tmp = tempfile.mkdtemp(prefix="govkg-serve-")
        disk = ox.Store(tmp)
        disk.bulk_load(source.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
        return tmp, tmp
    resolved = resolve_source(source)
    if is_oxigraph_store(resolved):
        open_store(resolved)  # fails with StoreError here, with the path, rather than in every worker
        return str(resolved), None
    tmp = tempfile.mkdtemp(prefix="govkg-serve-")
    try:
        store = open_store(resolved, into=tmp)
        del store  # closed, so the workers may open it read-only
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp, tmp


def _census(store_path: str) -> tuple[bool, int]:
    """(query the union of named graphs?, triples in the graph queries see)."""
    store = ox.Store.read_only(store_path)
    union = not bool(store.query("ASK { ?s ?p ?o }"))
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", use_default_graph_as_union=union)
    triples = int(next(iter(count))["n"].value)
    del store
    return union, triples


# ----------------------------------------------------------------------------- the server


class ResultCache:
    """Answers already computed, least recently used first out, within a byte budget (0 = no caching).

    The store is read-only, so an answer stays right for as long as the same generation is served; each
    opened source has its own cache, and following a new build starts an empty one.
    """

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self.entries: OrderedDict[tuple, tuple] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def key(job: dict) -> tuple:
        return (job["query"], tuple(job["default"]), tuple(job["named"]), job["accept"], job["format"])

    def get(self, job: dict) -> tuple | None:
        with self.lock:
            reply = self.entries.get(self.key(job))
            if reply is None:
                self.misses += 1
                return None
            self.entries.move_to_end(self.key(job))
            self.hits += 1
            return reply

    def put(self, job: dict, reply: tuple) -> None:
        cost = len(reply[2]) + len(job["query"])
        if reply[0] != "ok" or cost > self.budget // 8:
            return
        with self.lock:
            key = self.key(job)
            if key in self.entries:
                return
            self.entries[key] = reply
            self.size += cost
            while self.size > self.budget:
                old_key, old = self.entries.popitem(last=False)
                self.size -= len(old[2]) + len(old_key[0])


@dataclass
class _Served:
    """One opened source: its worker pool, the temporary store folder to delete (if any), what it holds."""

    pool: WorkerPool
    tmp_dir: str | None
    triples: int
    generation: Path | None  # for a build's output folder: the generation being served
    store_path: str = ""
    union: bool = False
    cache: ResultCache = field(default_factory=lambda: ResultCache(0))
    _site: dict | None = field(default=None, repr=False)
    _site_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def site(self) -> dict[str, str]:
        """The /browse pages of this source (graph.views.site), rendered on first use and kept with the generation."""
        with self._site_lock:
            if self._site is None:
                from rdflib import Graph  # noqa: PLC0415

                from graph.views.site import render_site  # noqa: PLC0415

                store = ox.Store.read_only(self.store_path)
                triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=self.union)
                g = Graph().parse(data=triples.serialize(format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
                del store
                self._site = render_site(g)
            return self._site

    def close(self, wait: float = 0.0) -> None:
        """Stop the workers (busy ones after their query, waiting up to `wait` s), then delete the temporary store."""
        self.pool.close()
        deadline = time.monotonic() + wait
        while self.pool.stats()["busy"] and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.tmp_dir:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)


def _open(source, config: EndpointConfig) -> _Served:
    generation = current(source) if isinstance(source, (str, Path)) else None
    store_path, tmp = _prepare(source)
    try:
        union, triples = _census(store_path)
        setup = WorkerSetup(store_path, union, dict(PREFIXES), config.max_rows)
        return _Served(WorkerPool(setup, config.workers, config.queue), tmp, triples, generation, store_path, union,
                       ResultCache(int(config.cache_mb * 2**20)))
    except BaseException:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: the worker pool, the limits, the query page and the access log.

    Over a build's output folder it follows the builds: when OUT/current switches, a pool on the new
    generation takes over and the old one stops once its queries are done.
    """

    daemon_threads = True
    request_queue_size = 128  # many clients connect at once; the default backlog of 5 drops connections
    FOLLOW_EVERY = 1.0  # seconds between looks at an output folder's OUT/current

    def __init__(self, address, source, config: EndpointConfig, label: str = ""):
        self.config = config
        self.label = label
        self.source = source
        self.served = _open(source, config)
        self.stopping = threading.Event()
        try:
            super().__init__(address, SparqlHandler)
        except BaseException:
            self.served.close()
            raise
        if self.served.generation is not None:
            threading.Thread(target=self._follow, name="govkg-follow", daemon=True).start()

    @property
    def pool(self) -> WorkerPool:
        return self.served.pool

    @property
    def triples(self) -> int:
        return self.served.triples

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def _follow(self) -> None:
        while not self.stopping.wait(self.FOLLOW_EVERY):
            if current(self.source) in (None, self.served.generation):
                continue
            try:
                fresh = _open(self.source, self.config)
            except (StoreError, OSError) as exc:
                log.error("cannot serve the new build in %s: %s", self.source, exc)
                continue
            old, self.served = self.served, fresh
            if self.stopping.is_set():
                fresh.close()
            sys.stderr.write(f"govkg: now serving {fresh.generation} ({fresh.triples} triples)\n")
            old.close(wait=self.config.timeout + QUEUE_GRACE)

    def server_close(self) -> None:
        self.stopping.set()
        super().server_close()
        self.served.close()


def _page(config: EndpointConfig, label: str, triples: int) -> str:
    """The query page: YASGUI from local files, pointed at /sparql, one tab per shipped query."""
    label = Path(label).name or label  # the file or folder name: the full path says little in a browser tab
    tabs = [{"name": name, "query": load_named(name)} for name in list_named()]
    prefixes = ", ".join(f"{p}:" for p in PREFIXES)
    data = json.dumps({"tabs": tabs}, ensure_ascii=False).replace("</", "<\\/")
    # the editor flags prefixes it has not seen declared, so the example declares the one it uses
    example = (f"PREFIX foaf: <{PREFIXES['foaf']}>\n"
               "SELECT ?name WHERE { ?person a foaf:Person ; foaf:name ?name } ORDER BY ?name LIMIT 100")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg SPARQL — {_html(label)}</title>
<link rel="stylesheet" href="/assets/yasgui/yasgui.min.css">
<style>body {{ margin: 0; font-family: system-ui, sans-serif; }}
header {{ padding: 6px 12px; background: #24476b; color: #fff; font-size: 14px; }}
header code {{ color: #ffe9a8; }}</style></head>
<body><header><b>govkg</b> read-only SPARQL over {_html(label)} ({triples:,} triples) ·
endpoint <code>/sparql</code> · predeclared prefixes: <code>{prefixes}</code> · limits {config.timeout:g} s,
{config.max_rows:,} rows</header>
<div id="yasgui"></div>
<script src="/assets/yasgui/yasgui.min.js"></script>
<script>
const GOVKG = {data};
const endpoint = new URL("/sparql", window.location.href).href;
// offline: prefix completion from this server (govkg's prefixes), no LOV look-ups while typing
Yasgui.Yasqe.defaults.prefixCcApi = new URL("/prefixes.json", window.location.href).href;
Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(
  (name) => name !== "property" && name !== "class");
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: endpoint, method: "POST" }},
  copyEndpointOnNewTab: true,
  persistenceId: null,
  endpointCatalogueOptions: {{ getData: () => [{{ endpoint: endpoint }}] }},
  yasqe: {{ value: {json.dumps(example)} }},
}});
for (const tab of GOVKG.tabs) yasgui.addTab(false, {{ name: tab.name, yasqe: {{ value: tab.query }} }});
window.govkg = {{ yasgui: yasgui }};
</script></body></html>
"""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class SparqlHandler(BaseHTTPRequestHandler):
    """GET/POST/OPTIONS of the SPARQL 1.1 Protocol (query operation only), the query page and /health."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: without this, 40 ms of delayed ACK each
    server_version = "govkg-sparql"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)

    # -- responses ---------------------------------------------------------------------------
    def send_response(self, code, message=None) -> None:
        self._status = int(code)
        super().send_response(code, message)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Govkg-Truncated, Content-Type, Retry-After")

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

    def _error(self, status: HTTPStatus, message: str, extra: dict | None = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode(), "text/plain; charset=utf-8", extra)

    def _logged(self, handle) -> None:
        """Run handle(), then write the access-log line: method, path, status, milliseconds, rows."""
        self._status, self._rows = 0, None
        started = time.perf_counter()
        try:
            handle()
        finally:
            if self.server.config.access_log:
                ms = (time.perf_counter() - started) * 1000
                rows = "-" if self._rows is None else self._rows
                path = urlsplit(self.path).path
                sys.stderr.write(f"govkg: {self.command} {path} {self._status} {ms:.1f} ms {rows} rows\n")

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        def handle() -> None:
            self.send_response(HTTPStatus.NO_CONTENT)
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "86400")
            self.send_header("Allow", "GET, POST, OPTIONS")
            self.send_header("Content-Length", "0")
            self.end_headers()
        self._logged(handle)

    def do_GET(self) -> None:  # noqa: N802
        self._logged(lambda: self._handle(lambda params: params))

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
        self._logged(lambda: self._handle(read))

    # -- pages -------------------------------------------------------------------------------
    def _static(self, name: str) -> None:
        path = self.server.config.assets / name
        if not re.fullmatch(r"[\w.-]+", name) or path.suffix not in STATIC_TYPES or not path.is_file():
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such asset {name!r}")
        self._send(HTTPStatus.OK, path.read_bytes(), STATIC_TYPES[path.suffix] + "; charset=utf-8",
                   {"Cache-Control": "max-age=3600"})

    def _home(self) -> None:
        if not (self.server.config.assets / "yasgui.min.js").is_file():
            self._send(HTTPStatus.OK, (INSTALL_HINT + "\n").encode(), "text/plain; charset=utf-8")
            return
        page = _page(self.server.config, self.server.label, self.server.triples)
        self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")

    def _browse(self, rel: str) -> None:
        """A page of the site (graph.views.site) over the served graph: the same files `govkg site` writes."""
        if self.path.split("?")[0] == "/browse":  # relative links need the trailing slash
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", {"Location": "/browse/"})
            return
        pages = self.server.served.site()
        suffix = Path(rel).suffix
        if rel not in pages or suffix not in BROWSE_TYPES:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such page {rel!r}; the site starts at /browse/")
        self._send(HTTPStatus.OK, pages[rel].encode(), BROWSE_TYPES[suffix] + "; charset=utf-8")

    def _health(self) -> None:
        served = self.server.served
        doc = {"status": "ok", "triples": served.triples, "source": self.server.label,
               "generation": served.generation.name if served.generation else None, **served.pool.stats(),
               "cache_hits": served.cache.hits, "cache_misses": served.cache.misses}
        self._send(HTTPStatus.OK, (json.dumps(doc) + "\n").encode(), "application/json")

    # -- the query operation -----------------------------------------------------------------
    def _handle(self, gather) -> None:
        try:
            url = urlsplit(self.path)
            path = url.path
            if self.command == "GET" and path == "/health":
                self._health()
                return
            if self.command == "GET" and path == "/prefixes.json":  # YASGUI's prefix completion, in prefix.cc's form
                self._send(HTTPStatus.OK, json.dumps(PREFIXES).encode(), "application/json")
                return
            if self.command == "GET" and (path == "/browse" or path.startswith("/browse/")):
                self._browse(path.removeprefix("/browse").lstrip("/") or "index.html")
                return
            if self.command == "GET" and path.startswith("/assets/yasgui/"):
                self._static(path.rsplit("/", 1)[1])
                return
            if path.rstrip("/") not in ("", "/sparql"):
                raise HttpError(HTTPStatus.NOT_FOUND,
                                f"no such path {path!r}; the endpoint is /sparql, the query page /, the site /browse/")
            params = gather(parse_qs(url.query, keep_blank_values=True))
            if "update" in params:
                raise HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused")
            queries = params.get("query", [])
            if not queries:
                if path.rstrip("/") == "" and self.command == "GET":
                    self._home()
                else:
                    self._send(HTTPStatus.OK, self._help().encode(), "text/plain; charset=utf-8")
                return
            if len(queries) > 1:
                raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            fmt_param = next((params[k][0] for k in ("format", "output", "results") if params.get(k)), None)
            job = {"query": queries[0], "default": params.get("default-graph-uri", []),
                   "named": params.get("named-graph-uri", []), "accept": self.headers.get("Accept"),
                   "format": fmt_param}
            served = self.server.served
            reply = served.cache.get(job)
            if reply is None:
                reply = served.pool.run(job, self.server.config.timeout)
                served.cache.put(job, reply)
            if reply[0] == "error":
                raise HttpError(HTTPStatus(reply[1]), reply[2])
            _, content_type, body, truncated, self._rows = reply
            extra = {"X-Govkg-Truncated": str(self.server.config.max_rows)} if truncated else {}
            self._send(HTTPStatus.OK, body, content_type, extra)
        except _Busy as exc:
            retry = str(max(1, math.ceil(min(self.server.config.timeout, 30))))
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"{exc}; retry in {retry} s", {"Retry-After": retry})
        except HttpError as exc:
            self._error(exc.status, exc.message)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _help(self) -> str:
        c = self.server.config
        return (f"govkg SPARQL 1.1 endpoint (read-only) over {self.server.label}\n"
                f"GET {self.server.url}?query=...  or POST application/sparql-query / form query=...\n"
                f"Limits: {c.timeout:g} s per query, {c.max_rows} rows per result, {c.workers} queries at once.\n"
                f"Query page: {self.server.url.removesuffix('/sparql')}/  Health: /health\n")


def public_warning(host: str) -> str | None:
    """The warning to print when host is reachable from other machines (not a loopback address), else None."""
    try:
        public = not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: only localhost is known to be loopback
        public = host != "localhost"
    if not public:
        return None
    return f"govkg: warning: listening on {host}: the endpoint is public to every machine that can reach this one"


def make_server(source: str | Path | ox.Store, host: str = "127.0.0.1", port: int = 7878,
                config: EndpointConfig | None = None) -> SparqlServer:
    """A ready (not yet serving) endpoint over a graph file, a store folder, an output folder or a pyoxigraph Store.

    The worker processes are running when it returns. port 0 picks a free port (see server.server_address).
    Raises StoreError for a bad source and OSError when the address cannot be bound.
    """
    label = "an Oxigraph store" if isinstance(source, ox.Store) else str(source)
    return SparqlServer((host, port), source, config or EndpointConfig(), label)


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
