"""Write the graph as graph.ttl (merged), graph.trig (named graphs) and graph.jsonld, byte-stable and atomically.

rdflib's serialisers do not promise an order, so Turtle and TriG are written here from sorted triples
(subjects, then predicates with rdf:type first, then objects, each by a total order on their text), and the
JSON-LD rdflib produces is canonicalised (keys and value arrays sorted). No blank nodes are allowed: the
graph mints IRIs for everything, and a blank node would make the bytes depend on its random label.
"""

from __future__ import annotations

import json
import os
import re

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.files import write_temp
from graph.derive.merge import merged_graph
from ontology.namespaces import OA, OWL, PREFIXES, RDF, RDFS, XSD

__all__ = ["OUTPUT_NAMES", "dataset_trig", "graph_jsonld", "graph_turtle", "write_outputs"]

OUTPUT_NAMES = {"ttl": "graph.ttl", "trig": "graph.trig", "jsonld": "graph.jsonld"}
"""Output key -> file name written by write_outputs."""

_EXPORT_PREFIXES: dict[str, str] = {**PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "oa": str(OA)}
_PN_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]*)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_INDENT = "    "

class ExportError(ValueError):
    """The graph cannot be serialised deterministically (a blank node, a malformed IRI)."""

def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch < " " or ch == "\x7f":
        return f"\\u{ord(ch):04X}"
    return ch

class _TermWriter:
    """Turtle text for terms, abbreviating IRIs with the fixed prefixes and remembering which were used."""

    def __init__(self, prefixes: Mapping[str, str]):
        # longest namespace first, so gkr: never shadows a longer namespace under it
        self.prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.order = list(prefixes)
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and _PN_LOCAL.fullmatch(iri[len(ns) :]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns):]}"
        if _IRI_FORBIDDEN.search(iri):
            raise ExportError(f"IRI {iri!r} contains characters Turtle cannot write")
        return f"<{iri}>"

    def term(self, node) -> str:
        if isinstance(node, BNode):
            raise ExportError(f"blank node {node.n3()} in the graph: every node must have a minted IRI")
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            text = '"' + "".join(_escape(ch) for ch in str(node)) + '"'
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype is not None and node.datatype != XSD.string:
                return f"{text}^^{self.iri(str(node.datatype))}"
            return text
        raise ExportError(f"cannot serialise {node!r}")

    def header(self) -> str:
        lines = [f"@prefix {p}: <{_EXPORT_PREFIXES[p]}> ." for p in self.order if p in self.used]
        return "\n".join(lines) + ("\n\n" if lines else "")

def _node_key(node) -> tuple:
    """A total order on terms that does not depend on rdflib's comparison rules."""
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, Literal):
        return (1, str(node), str(node.datatype or ""), node.language or "")
    return (2, str(node), "", "")

def _predicate_key(p) -> tuple:
    return (p != RDF.type, str(p))

def _triples_block(triples: Iterable[tuple], tw: _TermWriter, indent: str = "") -> str:
    """Sorted Turtle statements, one block per subject ("a" first, then predicates and objects in order)."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    out = []
    for s in sorted(by_subject, key=_node_key):
        preds = by_subject[s]
        parts = []
        for p in sorted(preds, key=_predicate_key):
            verb = "a" if p == RDF.type else tw.term(p)
            objs = ", ".join(tw.term(o) for o in sorted(set(preds[p]), key=_node_key))
            parts.append(f"{verb} {objs}")
        body = f" ;\n{indent}{_INDENT}".join(parts)
        out.append(f"{indent}{tw.term(s)} {body} .\n")
    return "\n".join(out)

def graph_turtle(graph: Graph) -> str:
    """Deterministic Turtle for `graph`: same triples, same text."""
    tw = _TermWriter(_EXPORT_PREFIXES)
    body = _triples_block(graph, tw)
    return tw.header() + body

def dataset_trig(ds: Dataset) -> str:
    """Deterministic TriG for `ds`: the default graph (if not empty) then each named graph, by IRI."""
    tw = _TermWriter(_EXPORT_PREFIXES)
    graphs: dict = defaultdict(list)
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = c.identifier if isinstance(c, Graph) else c
        graphs[name].append((s, p, o))
    blocks = []
    default = graphs.pop(DATASET_DEFAULT_GRAPH_ID, None)
    if default:
        blocks.append(_triples_block(default, tw))
    for name in sorted(graphs, key=_node_key):
        if not graphs[name]:
            continue
        inner = _triples_block(graphs[name], tw, indent=_INDENT)
        blocks.append(f"{tw.term(name)} {{\n{inner}}}\n")
    return tw.header() + "\n".join(blocks)

def _canonical_json(value):
    """JSON with unordered arrays sorted (JSON-LD values and @graph nodes have no order); @list keeps order."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value

def graph_jsonld(graph: Graph) -> str:
    """Deterministic compact JSON-LD for `graph`, with the govkg prefixes as its @context."""
    for triple in graph:
        for node in triple:
            if isinstance(node, BNode):
                raise ExportError(f"blank node {node.n3()} in the graph: every node must have a minted IRI")
    context = dict(_EXPORT_PREFIXES)
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=False))
    if isinstance(data, list):
        data = {"@context": context, "@graph": data}
    data["@context"] = context
    nodes = data.get("@graph", [])
    if not isinstance(nodes, list):
        nodes = [nodes]
    data["@graph"] = _canonical_json(nodes)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"

def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

def write_outputs(ds: Dataset, out_dir: Path | str, merged: Graph | None = None) -> dict[str, Path]:
    """Write graph.ttl, graph.trig and graph.jsonld into `out_dir`; returns {"ttl"|"trig"|"jsonld": path}.

    All three are rendered first, written to temporary files in out_dir and fsynced, and only then moved
    over the old files with os.replace: a failure while rendering or writing leaves existing outputs intact.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    merged = merged if merged is not None else merged_graph(ds)
    texts = {"ttl": graph_turtle(merged), "trig": dataset_trig(ds), "jsonld": graph_jsonld(merged)}
    temps: dict[str, Path] = {}
    try:
        for key, text in texts.items():
            temps[key] = write_temp(out / OUTPUT_NAMES[key], text)
        paths = {}
        for key, tmp in temps.items():
            paths[key] = out / OUTPUT_NAMES[key]
            os.replace(tmp, paths[key])
        _fsync_dir(out)
        return paths
    except OSError as exc:
        raise OSError(f"{out}: cannot write graph outputs: {exc}") from exc
    finally:
        for tmp in temps.values():
            if tmp.exists():
                tmp.unlink()
