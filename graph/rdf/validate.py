"""Load RDF files and check them against the govkg SHACL shapes (ontology/shapes.ttl) with pySHACL.

The ontology (ontology/govkg.ttl) is mixed into the data graph, so shapes aimed at a class also check
its subclasses: a gk:Meeting is validated by the schema:Event shape. Results come back as plain,
deterministically ordered `Violation`s and print as `<focus> <path>: <message>` with prefixed names.

Run `python -m graph.rdf.validate FILE...` to validate files from the shell (exit status 1 if any fails).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ontology.namespaces import PREFIXES, RDF, SH, bind_prefixes

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"
DEFAULT_ONTOLOGY = ONTOLOGY_DIR / "govkg.ttl"

# Extension -> (rdflib format, holds named graphs?)
_FORMATS: dict[str, tuple[str, bool]] = {
    ".ttl": ("turtle", False),
    ".turtle": ("turtle", False),
    ".nt": ("nt", False),
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
    ".json": ("json-ld", True),
    ".rdf": ("xml", False),
    ".owl": ("xml", False),
}

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


class GraphLoadError(ValueError):
    """An RDF file could not be read; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def _graph_in_folder(folder: Path) -> Path:
    from graph.store.stores import StoreError, graph_in_folder  # noqa: PLC0415

    try:
        return graph_in_folder(folder)
    except StoreError as exc:
        raise GraphLoadError(folder, str(exc).removeprefix(f"{folder}: ")) from None


def _graph_of_store(store_dir: Path) -> Graph:
    """Every triple of an Oxigraph store (all its graphs) as one rdflib Graph."""
    import pyoxigraph as ox  # noqa: PLC0415

    from graph.store.stores import open_source  # noqa: PLC0415

    store = open_source(store_dir)
    graph = Graph()
    graph.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return graph


def load_graph(path: Path | str) -> Graph:
    """Read an RDF file chosen by extension (.ttl, .trig, .nt, .nq, .jsonld, .rdf); for datasets, the union of all graphs.

    A folder stands for the graph in it: a build's output folder (its graph.ttl) or an Oxigraph store.

    Raises GraphLoadError naming the file for a missing file, an unknown extension or a parse error.
    """
    path = Path(path)
    if path.is_dir():  # a build's output folder or an Oxigraph store
        path = _graph_in_folder(path)
        if path.is_dir():
            return bind_prefixes(_graph_of_store(path))
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        known = ", ".join(sorted(_FORMATS))
        raise GraphLoadError(path, f"unknown RDF file extension {path.suffix or '(none)'!r}; expected one of {known}")
    if not path.is_file():
        raise GraphLoadError(path, "no such file")
    fmt, is_dataset = _FORMATS[suffix]
    try:
        if is_dataset:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = Graph()
            graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types (BadSyntax, ParserError, ValueError, JSONDecodeError...)
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise GraphLoadError(path, f"cannot parse as {fmt}: {detail}") from exc
    return bind_prefixes(graph)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result: the node, the property path, the message, its severity and offending value."""

    focus: Node
    path: Node | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: Node | None = None
    shape: Node | None = None
    path_text: str = ""  # the path in SPARQL property-path syntax with prefixes, e.g. "gk:post/org:role"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Severity first, then focus, path, message and value as text (blank-node labels excluded: they vary)."""
        return (
            _SEVERITY_ORDER.get(self.severity, 9),
            _stable(self.focus),
            self.path_text,
            self.message,
            _stable(self.value),
        )


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of validate(): `conforms` is False when any result has severity Violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def count(self, severity: str = "Violation") -> int:
        """Number of results with `severity`."""
        return sum(1 for v in self.violations if v.severity == severity)

    def summary(self) -> str:
        """One line such as "does not conform: 2 violations, 1 warning"."""
        parts = []
        for severity in _SEVERITY_ORDER:
            n = self.count(severity)
            if n:
                parts.append(f"{n} {severity.lower()}{'s' if n != 1 else ''}")
        head = "conforms" if self.conforms else "does not conform"
        return f"{head}: {', '.join(parts)}" if parts else head


def _stable(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "_:"
    return node.n3()


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def _load_turtle(path: Path) -> Graph:
    """Parse a Turtle file once per (path, modification time); errors become GraphLoadError."""
    path = Path(path).resolve()
    try:
        return _parsed(path, path.stat().st_mtime_ns)
    except FileNotFoundError as exc:
        raise GraphLoadError(path, "no such file") from exc
    except Exception as exc:
        raise GraphLoadError(path, f"cannot parse as turtle: {' '.join(str(exc).split())}") from exc


def validate(
    data: Graph,
    shapes_path: Path | None = None,
    ontology_paths: Sequence[Path] | None = None,
) -> ValidationResult:
    """Validate `data` against shapes.ttl (or `shapes_path`), with govkg.ttl (or `ontology_paths`) mixed in.

    Extra vocabulary files (e.g. ontology/roles.ttl) can be passed in `ontology_paths` when `data` does not
    contain the SKOS schemes itself. The data graph is not modified.
    """
    shapes = _load_turtle(Path(shapes_path) if shapes_path else DEFAULT_SHAPES)
    ont = Graph()
    for path in ontology_paths if ontology_paths is not None else [DEFAULT_ONTOLOGY]:
        ont += _load_turtle(Path(path))
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ont,
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
        advanced=True,  # SHACL-AF: the SPARQL targets in shapes.ttl
    )
    violations = sorted(set(_violations(report)), key=Violation.sort_key)
    return ValidationResult(conforms=bool(conforms), violations=violations)


def _violations(report: Graph) -> Iterable[Violation]:
    """Top-level results of a pySHACL report (nested sh:detail results repeat what their parent says)."""
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        path = report.value(result, SH.resultPath)
        yield Violation(
            focus=report.value(result, SH.focusNode),
            path=path,
            path_text=_path_text(report, path),
            message=messages[0] if messages else "does not conform",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            value=report.value(result, SH.value),
            shape=report.value(result, SH.sourceShape),
        )


def _path_text(graph: Graph, path: Node | None) -> str:
    """A SHACL property path (IRI, sequence list, sh:inversePath, ...) in SPARQL syntax with compact IRIs."""
    if path is None:
        return ""
    if not isinstance(path, BNode):
        return compact(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, step) for step in graph.items(path))
    wrappers = {SH.inversePath: "^{}", SH.zeroOrMorePath: "({})*", SH.oneOrMorePath: "({})+", SH.zeroOrOnePath: "({})?"}
    for predicate, template in wrappers.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path_text(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, step) for step in graph.items(alternatives)) + ")"
    return "[]"


def compact(node: Node | None) -> str:
    """`node` in Turtle-like short form using govkg's prefixes: gkr:person/tran-quoc-cuong, "7.5"^^xsd:decimal."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        iri = str(node)
        best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
        if best is not None and len(iri) > len(best):
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{iri[len(best):]}"
        for prefix, ns in (("rdf", str(RDF)), ("sh", str(SH))):
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        if node.datatype is None:
            return node.n3()
        return f"{Literal(str(node)).n3()}^^{compact(node.datatype)}"
    if isinstance(node, BNode):
        return "[]"
    return str(node)


def format_violations(result: ValidationResult) -> str:
    """Readable lines, one per result: `<focus> <path>: <message>`, plus the offending value and severity if useful."""
    lines = []
    for v in result.violations:
        line = f"{compact(v.focus)} {v.path_text}: {v.message}" if v.path_text else f"{compact(v.focus)}: {v.message}"
        if v.value is not None and v.value != v.focus:
            line += f" (value: {compact(v.value)})"
        if v.severity != "Violation":
            line = f"{v.severity.lower()}: {line}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Validate RDF files against the govkg shapes; print results; exit 1 if any file fails or cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m graph.rdf.validate", description=main.__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="RDF files (.ttl, .trig, .nt, .nq, .jsonld)")
    parser.add_argument("--shapes", type=Path, default=None, help="SHACL shapes file (default: ontology/shapes.ttl)")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            result = validate(load_graph(path), args.shapes)
        except GraphLoadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"{path}: {result.summary()}")
        if result.violations:
            print(format_violations(result))
        status |= 0 if result.conforms else 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
