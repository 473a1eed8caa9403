"""Run SPARQL on the govkg graph: the shipped named queries, safe parameters, result formatting.

The same query gives the same rows on an rdflib Graph/Dataset and on a pyoxigraph Store, so the
CLI, the notebook and the tests can use either engine. Parameters are never pasted into the query
as text: a query declares ``VALUES ?name { UNDEF }`` (meaning "all") and :func:`run_query`
replaces that block with resolved IRIs or properly escaped literals.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from extractors.places import fold_words
from graph.views.names import ambiguous, not_found
from graph.views.tables import render_table
from ontology.namespaces import OWL, PREFIXES as ONTOLOGY_PREFIXES, RDF, RDFS

from graph.store.sparql import SparqlSyntaxError, ox_query

__all__ = [
    "PREFIXES",
    "QUERY_DIR",
    "QueryError",
    "QueryResult",
    "fold",
    "format_result",
    "list_named",
    "load_named",
    "paginate",
    "run_named",
    "run_query",
    "sparql_literal",
]

QUERY_DIR = Path(__file__).resolve().parent / "queries"

# Project prefixes: predeclared in every query (`govkg query`, `govkg serve`), used to compact IRIs in tables
# and to bind prefixes in Turtle output.
PREFIXES: dict[str, str] = {**ONTOLOGY_PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}

# How a parameter's text is turned into RDF terms, by parameter (VALUES variable) name.
# Entity kinds are resolved against the graph's labels, diacritic-insensitively.
PARAM_KINDS: dict[str, str] = {
    "person": "person",
    "post": "post",
    "indicator": "indicator",
    "within": "organisation",
    "organisation": "organisation",
    "fact": "iri",
    "year": "year",
}

_CANDIDATES: dict[str, str] = {
    "person": """
        SELECT DISTINCT ?s ?l WHERE { ?s a foaf:Person .
          { ?s foaf:name ?l } UNION { ?s skos:altLabel ?l } UNION { ?s gk:nameKey ?l } }""",
    "post": """
        SELECT DISTINCT ?s ?l WHERE { ?s a org:Post .
          { ?s skos:prefLabel ?l } UNION { ?s skos:altLabel ?l } }""",
    "organisation": """
        SELECT DISTINCT ?s ?l WHERE { ?s a org:Organization .
          { ?s skos:prefLabel ?l } UNION { ?s skos:altLabel ?l } }""",
    "indicator": """
        SELECT DISTINCT ?s ?l WHERE {
          { ?s skos:inScheme <https://w3id.org/govkg/id/scheme/indicators> }
          UNION { ?fact gk:indicator ?s }
          { ?s skos:prefLabel ?l } UNION { ?s skos:altLabel ?l } }""",
}

# The labels named in "no such ..." and "... matches N people" messages; these kinds never fall back to a literal.
_DISPLAY: dict[str, str] = {
    "person": "SELECT DISTINCT ?s ?l WHERE { ?s a foaf:Person ; foaf:name ?l }",
    "post": "SELECT DISTINCT ?s ?l WHERE { ?s a org:Post ; skos:prefLabel ?l }",
}

_PREFIX_DECLS = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_UNDEF_BLOCK = r"VALUES\s+\?{name}\s*\{{\s*UNDEF\s*\}}"
_ANY_UNDEF = re.compile(r"VALUES\s+\?([A-Za-z_][A-Za-z0-9_]*)\s*\{\s*UNDEF\s*\}", re.IGNORECASE)
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')
_IRI_SCHEMES = ("http://", "https://", "urn:")
_NUMERIC = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
    XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
    XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte, XSD.decimal, XSD.double, XSD.float,
}
_PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    **{dt: int for dt in _NUMERIC if dt not in (XSD.decimal, XSD.double, XSD.float)},
    XSD.decimal: Decimal,
    XSD.double: float,
    XSD.float: float,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.dateTime: datetime,
}


class QueryError(ValueError):
    """A query that cannot run: unknown name, bad parameter, or a SPARQL syntax/evaluation error."""


@dataclass
class QueryResult:
    """SELECT/ASK/CONSTRUCT results as rdflib terms (``terms``) and plain Python values (``rows``).

    kind is "select", "ask" or "graph"; graph results (CONSTRUCT/DESCRIBE) list their triples as
    subject/predicate/object rows and carry the Turtle serialisation in ``turtle``.
    """

    kind: str
    variables: tuple[str, ...] = ()
    terms: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    turtle: str | None = None
    rows: list[tuple[Any, ...]] = field(init=False)

    def __post_init__(self) -> None:
        self.rows = [tuple(to_python(t) for t in row) for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms)

    def column(self, name: str) -> list[Any]:
        """The Python values of one variable, in row order."""
        try:
            i = self.variables.index(name)
        except ValueError:
            raise QueryError(f"no variable {name!r}; variables: {', '.join(self.variables)}") from None
        return [row[i] for row in self.rows]

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]


# ----------------------------------------------------------------------------- named queries


def _header(text: str) -> tuple[str, dict[str, str]]:
    """Question (first comment line) and ``# param: NAME = description`` lines of a .rq file."""
    question = ""
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if not question:
            question = body
            continue
        m = re.match(r"param:\s*([A-Za-z_]\w*)\s*=\s*(.*)", body)
        if m:
            params[m.group(1)] = m.group(2).strip()
    return question, params


def list_named() -> dict[str, tuple[str, dict[str, str]]]:
    """All shipped queries: name -> (question, {param: description}), sorted by name."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        out[path.stem] = _header(path.read_text(encoding="utf-8"))
    return out


def load_named(name: str) -> str:
    """The SPARQL text of a shipped query; QueryError listing the valid names if unknown."""
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9-]+", name or "") or not path.is_file():
        valid = ", ".join(list_named())
        raise QueryError(f"unknown query {name!r}; valid names: {valid}")
    return path.read_text(encoding="utf-8")


def run_named(source: Any, name: str, params: dict[str, str] | None = None, *,
              limit: int | None = None, offset: int | None = None) -> QueryResult:
    """Run one shipped query by name (see :func:`run_query`)."""
    return run_query(source, load_named(name), params, limit=limit, offset=offset)


# ----------------------------------------------------------------------------- parameters


def fold(text: str) -> str:
    """ASCII-folded, lower-case, punctuation-free key: "Trần Tiến Dũng" -> "tran tien dung"."""
    return fold_words(text)


def sparql_literal(text: str) -> str:
    """A SPARQL string literal for arbitrary text (quotes, backslashes, newlines escaped)."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _as_iri(text: str) -> str | None:
    """The IRI written as <...>, a full http(s)/urn IRI or a project prefixed name; else None."""
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif ":" in value and not value.startswith(_IRI_SCHEMES):
        prefix, _, local = value.partition(":")
        if prefix not in PREFIXES:
            return None
        value = PREFIXES[prefix] + local
    if not value.startswith(_IRI_SCHEMES) or _IRI_FORBIDDEN.search(value):
        return None
    return value


def query_parameters(sparql: str) -> list[str]:
    """Names of the parameters a query declares with ``VALUES ?name { UNDEF }``."""
    return list(dict.fromkeys(_ANY_UNDEF.findall(sparql)))


def _resolve(source: Any, kind: str, name: str, text: str) -> list[str]:
    """SPARQL terms (as text) for one parameter value; a non-matching value becomes a literal."""
    if kind == "year":
        if not re.fullmatch(r"\s*\d{1,4}\s*", text):
            raise QueryError(f"parameter {name!r}: expected a year such as 2024, got {text!r}")
        return [str(int(text))]
    iri = _as_iri(text)
    if iri is not None:
        return [f"<{iri}>"]
    if kind in _CANDIDATES:
        wanted = fold(text)
        if wanted:
            labels = _execute(source, _PREFIX_DECLS + _CANDIDATES[kind])
            pairs = sorted({(str(s), fold(str(lbl))) for s, lbl in labels.terms if isinstance(s, URIRef)})
            exact = sorted({s for s, key in pairs if key == wanted})
            partial = sorted({s for s, key in pairs if f" {wanted} " in f" {key} "})
            if kind == "person" and not exact and len(partial) > 1:
                raise QueryError(ambiguous("person", text, _display_labels(source, kind, partial).values()))
            found = exact or partial
            if found:
                return [f"<{s}>" for s in found]
            if kind in _DISPLAY:
                raise QueryError(not_found(kind, text, _display_labels(source, kind).values()))
    return [sparql_literal(text)]


def _display_labels(source: Any, kind: str, only: Iterable[str] | None = None) -> dict[str, str]:
    """IRI -> the label a user reads (a person's foaf:name, a post's prefLabel), for messages about names."""
    keep = None if only is None else set(only)
    res = _execute(source, _PREFIX_DECLS + _DISPLAY[kind])
    return {str(s): str(lbl) for s, lbl in res.terms if keep is None or str(s) in keep}


def bind_parameters(source: Any, sparql: str, params: dict[str, str] | None) -> str:
    """The query with each given parameter's ``VALUES ?name { UNDEF }`` block filled in."""
    declared = query_parameters(sparql)
    for name, value in (params or {}).items():
        if name not in declared:
            have = ", ".join(declared) or "none"
            raise QueryError(f"query has no parameter {name!r}; its parameters: {have}")
        if value is None or str(value).strip() == "":
            continue
        kind = PARAM_KINDS.get(name, "term")
        terms = _resolve(source, kind, name, str(value))
        block = f"VALUES ?{name} {{ {' '.join(terms)} }}"
        pattern = re.compile(_UNDEF_BLOCK.format(name=re.escape(name)), re.IGNORECASE)
        sparql = pattern.sub(lambda _m: block, sparql)
    return sparql


# ----------------------------------------------------------------------------- running


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _from_ox(term: Any) -> Node | None:
    """An rdflib term for a pyoxigraph term (xsd:string literals become simple literals)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return _norm(Literal(term.value, datatype=URIRef(term.datatype.value)))
    raise QueryError(f"unsupported result term {term!r}")


def _norm(term: Node | None) -> Node | None:
    """Same term from both engines: xsd:string literals as simple literals, numbers canonical.

    Oxigraph writes the decimal 10.0 as "10", rdflib keeps "10.0"; both become "10.0".
    """
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    if term.datatype == XSD.string:
        return Literal(str(term))
    if term.datatype in _NUMERIC or term.datatype == XSD.boolean:
        value = term.toPython()
        if isinstance(value, Decimal) and value.is_finite():
            text = format(value.normalize(), "f")
            return Literal(text if "." in text else text + ".0", datatype=term.datatype)
        if not isinstance(value, Literal):
            return Literal(value, datatype=term.datatype)
    return term


def _sorted_triples(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[tuple[Node, ...], ...]:
    return tuple(sorted((tuple(t) for t in triples), key=lambda t: tuple(x.n3() for x in t)))


def _graph_result(triples: Iterable[tuple[Node, Node, Node]]) -> QueryResult:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    rows = _sorted_triples(triples)
    for t in rows:
        g.add(t)
    return QueryResult("graph", ("subject", "predicate", "object"), rows, turtle=g.serialize(format="turtle"))


def _default_graph_empty(store: ox.Store) -> bool:
    """Query the union of named graphs only when the default graph is empty (a store loaded from TriG).

    Oxigraph's union returns a triple once per graph holding it, so a store whose default graph already
    holds the merged graph must be queried as it is, or rows come back duplicated.
    """
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


def _execute(source: Any, sparql: str) -> QueryResult:
    """Run SPARQL text on an rdflib graph or a pyoxigraph store; errors become QueryError."""
    if isinstance(source, ox.Store):
        try:
            res = ox_query(source, sparql, PREFIXES, use_default_graph_as_union=_default_graph_empty(source))
        except SparqlSyntaxError as exc:
            raise QueryError(str(exc)) from None
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"SPARQL error: {_one_line(exc)}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = tuple(v.value for v in res.variables)
            seen: dict[Any, Node | None] = {}  # terms repeat across rows: convert each once

            def convert(term: Any) -> Node | None:
                if term not in seen:
                    seen[term] = _from_ox(term)
                return seen[term]

            rows = tuple(tuple(convert(sol[n]) for n in names) for sol in res)
            return QueryResult("select", names, rows)
        return _graph_result((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res)
    if isinstance(source, Graph):
        try:
            with warnings.catch_warnings():
                # rdflib 7.6's own Dataset code trips its Dataset.default_context deprecation
                warnings.simplefilter("ignore", DeprecationWarning)
                res = source.query(sparql, initNs=PREFIXES)
                if res.type == "ASK":
                    return QueryResult("ask", boolean=bool(res.askAnswer))
                if res.type == "SELECT":
                    names = tuple(str(v) for v in (res.vars or ()))
                    rows = tuple(tuple(_norm(row[i]) for i in range(len(names))) for row in res)
                    return QueryResult("select", names, rows)
                return _graph_result(tuple(_norm(x) for x in t) for t in res.graph)
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises pyparsing and plain exceptions for bad queries
            name = type(exc).__name__
            what = "SPARQL syntax error" if "Parse" in name else f"SPARQL error ({name})"
            raise QueryError(f"{what}: {_one_line(exc)}") from None
    raise QueryError(f"cannot query a {type(source).__name__}: expected an rdflib Graph/Dataset or a pyoxigraph Store")


def run_query(source: Any, sparql: str, params: dict[str, str] | None = None, *,
              limit: int | None = None, offset: int | None = None) -> QueryResult:
    """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query with optional parameters on rdflib or Oxigraph.

    params maps parameter names (the query's ``VALUES ?name { UNDEF }`` blocks) to user text;
    persons, posts, organisations and indicators are matched on ASCII-folded labels, so
    "Tran Tien Dung" finds "Trần Tiến Dũng". An IRI (full, <...> or gkr:...) is used as is.
    limit/offset page through the rows (see :func:`paginate`).
    """
    return _execute(source, paginate(bind_parameters(source, sparql, params), limit, offset))


# A query's own trailing solution modifiers: "LIMIT 10", "OFFSET 5 LIMIT 10", ...
_SLICE = re.compile(r"(?:\s+(?:LIMIT|OFFSET)\s+\d+){1,2}\s*\Z", re.IGNORECASE)
_SLICE_PART = re.compile(r"(LIMIT|OFFSET)\s+(\d+)", re.IGNORECASE)


def paginate(sparql: str, limit: int | None = None, offset: int | None = None) -> str:
    """The query cut to `limit` rows starting at row `offset` (0-based) of its own result.

    A query that already ends in LIMIT/OFFSET is paged within its own slice, so ``--limit 10`` on a query
    saying ``LIMIT 5`` gives 5 rows, never more than the query asked for. Pages are stable only for a
    query with an ORDER BY, which every shipped listing query has.
    """
    if limit is None and offset is None:
        return sparql
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise QueryError(f"{name} must be a whole number of rows, 0 or more; got {value!r}")
    own_limit, own_offset = None, 0
    m = _SLICE.search(sparql)
    if m:
        for word, number in _SLICE_PART.findall(m.group(0)):
            if word.upper() == "LIMIT":
                own_limit = int(number)
            else:
                own_offset = int(number)
        sparql = sparql[: m.start()]
    skip = offset or 0
    new_limit = limit
    if own_limit is not None:
        left = max(own_limit - skip, 0)
        new_limit = left if limit is None else min(limit, left)
    slice_text = f"\nOFFSET {own_offset + skip}" if own_offset + skip else ""
    if new_limit is not None:
        slice_text += f"\nLIMIT {new_limit}"
    return sparql.rstrip() + slice_text + "\n"


# ----------------------------------------------------------------------------- formatting


def to_python(term: Node | None) -> Any:
    """str for IRIs and plain text, Decimal/int/float/bool/date/datetime for typed literals, None if unbound."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        want = _PY_TYPES.get(term.datatype) if term.datatype is not None else None
        if want is not None:
            value = term.toPython()
            if isinstance(value, want) and not (want is int and isinstance(value, bool)):
                return value
        return str(term)
    return str(term)


def compact(iri: str) -> str:
    """gkr:person/tran-quoc-cuong for a project IRI; the IRI in <> if no prefix fits."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(term: Node | None, *, compact_iris: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term)) if compact_iris else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
    return out


def format_result(result: QueryResult, fmt: str = "table", width: int | None = None) -> str:
    """Render results as "table" (aligned, compact IRIs, lines cut to `width` when given), "csv" (RFC 4180) or
    "json" (SPARQL 1.1 JSON)."""
    if fmt == "json":
        if result.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
        else:
            bindings = [
                {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.terms
            ]
            doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if result.kind == "ask":
            writer.writerow(["boolean"])
            writer.writerow(["true" if result.boolean else "false"])
        else:
            writer.writerow(result.variables)
            for row in result.terms:
                writer.writerow([_cell(t, compact_iris=False) for t in row])
        return buf.getvalue()
    if fmt == "table":
        if result.kind == "ask":
            return ("true" if result.boolean else "false") + "\n"
        if result.kind == "graph":
            return result.turtle or ""
        body = [[" ".join(_cell(t, compact_iris=True).split()) for t in row] for row in result.terms]
        lines = render_table(result.variables, body, width)
        n = len(body)
        lines.append(f"({n} row{'s' if n != 1 else ''})")
        return "\n".join(lines) + "\n"
    raise QueryError(f"unknown format {fmt!r}; choose table, csv or json")
