"""Running SPARQL text on a pyoxigraph Store with govkg's predeclared prefixes, and one-line syntax errors.

Shared by `govkg query` (graph.store.query) and the endpoint's worker processes (graph.store.serve_worker). It imports
only pyoxigraph, so a worker process starts fast; the prefixes are passed in (graph.store.query.PREFIXES).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

__all__ = ["SparqlSyntaxError", "ox_query", "syntax_message"]

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


class SparqlSyntaxError(ValueError):
    """A query Oxigraph cannot parse; str() is one line with the line/column of the problem."""


def syntax_message(exc: BaseException, text: str) -> str:
    """One readable line for a parse error: position (line, column), a short reason and the text there.

    Oxigraph lists every token it would have accepted ("expected one of ..."); that list is replaced by
    what was found at that position, which is what a person needs to fix the query.
    """
    raw = " ".join(str(exc).split())
    m = _POSITION.match(raw)
    if not m:
        return f"SPARQL syntax error: {raw[:200]}"
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    found = source[col - 1:].strip()
    if "Prefix not found" in detail:  # reported after the prefixed name: point at the name itself
        prefix = re.search(r"([A-Za-z][\w.-]*):[\w.-]*$", source[:col - 1].rstrip())
        reason = "undeclared prefix" + (f" '{prefix.group(1)}:'" if prefix else "")
        if prefix:
            col = prefix.start() + 1
            found = source[col - 1:].strip()
    elif detail.startswith("expected one of") or "[" in detail or len(detail) > 60:
        reason = "unexpected text" if found else "unexpected end of the query"
    else:
        reason = detail
    near = f" (near {found[:30]!r})" if found else ""
    return f"SPARQL syntax error at line {line}, column {col}: {reason}{near}"


def ox_query(store: ox.Store, text: str, prefixes: dict[str, str], **kwargs):
    """store.query(text) with `prefixes` predeclared; SparqlSyntaxError (one line, positioned) if it cannot parse."""
    try:
        return store.query(text, prefixes=prefixes, **kwargs)
    except SyntaxError as exc:
        raise SparqlSyntaxError(syntax_message(exc, text)) from None
