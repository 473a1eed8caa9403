"""Load the graph into an external store with the SPARQL 1.1 Graph Store HTTP Protocol, one named graph per article.

Each named graph of graph.trig (or of an Oxigraph store folder) is sent as N-Triples with
``PUT ENDPOINT?graph=IRI``, which replaces whatever the server held in that graph: pushing again after a
rebuild updates every graph without duplicating triples. Servers that want a login get HTTP Digest or Basic
authentication (urllib answers whichever the server asks for).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from graph.store.stores import open_store

__all__ = ["PushError", "PushResult", "graph_payloads", "push"]


class PushError(RuntimeError):
    """The graph could not be pushed; the message names the graph, the endpoint and what the server said."""


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graphs: int
    triples: int


def graph_payloads(source: str | Path | ox.Store) -> dict[str, bytes]:
    """Named graph IRI -> its triples as N-Triples (sorted lines, so the same graph gives the same bytes)."""
    store = source if isinstance(source, ox.Store) else open_store(source)
    out: dict[str, bytes] = {}
    for name in sorted(store.named_graphs(), key=str):
        if not isinstance(name, ox.NamedNode):
            continue
        lines = sorted(f"{q.subject} {q.predicate} {q.object} .\n"
                       for q in store.quads_for_pattern(None, None, None, name))
        out[name.value] = "".join(lines).encode("utf-8")
    return out


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def push(source: str | Path | ox.Store, endpoint: str, *, user: str | None = None, password: str | None = None,
         timeout: float = 60.0, progress: Callable[[int, int], None] | None = None) -> PushResult:
    """PUT every named graph of source to the Graph Store endpoint (e.g. http://host:8890/sparql-graph-crud)."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"--endpoint {endpoint!r}: expected an http:// or https:// Graph Store URL")
    payloads = graph_payloads(source)  # StoreError names the file
    if not payloads:
        raise PushError(f"{source}: no named graphs to push; push graph.trig (one named graph per article) "
                        "or an Oxigraph store folder")
    opener = _opener(endpoint, user, password)
    sep = "&" if urlsplit(endpoint).query else "?"
    triples = 0
    for n, (iri, body) in enumerate(payloads.items(), 1):
        request = urllib.request.Request(f"{endpoint}{sep}{urlencode({'graph': iri})}", data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples; charset=utf-8"})
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            raise PushError(f"{endpoint}: PUT of graph <{iri}> failed: HTTP {exc.code} {exc.reason}"
                            + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PushError(f"{endpoint}: cannot reach the Graph Store: {reason}") from None
        triples += body.count(b"\n")
        if progress:
            progress(n, len(payloads))
    return PushResult(endpoint, len(payloads), triples)
