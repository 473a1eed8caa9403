"""Open a graph for querying: an RDF file in memory (rdflib) or an on-disk Oxigraph store.

Files become an rdflib Dataset whose default graph is the union of all graphs, so a TriG
export with one named graph per article answers the same queries as the merged Turtle.
Large graphs can be bulk-loaded into an Oxigraph store once and then opened read-only.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

__all__ = ["FORMATS", "StoreError", "graph_in_folder", "is_oxigraph_store", "load_into_oxigraph", "open_source",
           "open_store", "resolve_source"]

# What `govkg build --out DIR` writes, in the order a folder given as a graph is looked into.
OUTPUT_GRAPHS = ("graph.ttl", "graph.trig")

# file suffix -> (rdflib parser name, pyoxigraph format)
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}


class StoreError(OSError):
    """A graph source that cannot be opened or loaded; the message names the file."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _format_of(path: Path) -> tuple[str, ox.RdfFormat]:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"expected one of {', '.join(FORMATS)} or an Oxigraph store directory"
        )
    return fmt


def is_oxigraph_store(path: str | os.PathLike[str]) -> bool:
    """True if path is a directory holding an Oxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file() and any(p.glob("MANIFEST-*"))


def graph_in_folder(folder: str | os.PathLike[str]) -> Path:
    """The graph to read when a user names a folder: the folder itself if it is an Oxigraph store, else the
    graph.ttl (or graph.trig) that `govkg build` wrote into it, else an Oxigraph store inside it.

    So `govkg query out/` works on the build's output folder as well as on `out/graph.ttl`.
    """
    p = Path(folder)
    if is_oxigraph_store(p):
        return p
    for name in OUTPUT_GRAPHS:
        if (p / name).is_file():
            return p / name
    stores = sorted(child for child in p.iterdir() if is_oxigraph_store(child)) if p.is_dir() else []
    if stores:
        return stores[0]
    raise StoreError(f"{p}: folder holds no {' or '.join(OUTPUT_GRAPHS)} and no Oxigraph store "
                     "(give the --out folder of `govkg build`, a graph file or a store)")


def resolve_source(path: str | os.PathLike[str]) -> Path:
    """path itself, or for a build's output folder its live generation's store (else its graph.trig).

    The generation is resolved once (graph.generations), so a build finishing meanwhile is not mixed in.
    """
    from graph.generations import current  # noqa: PLC0415

    p = Path(path)
    gen = current(p) if p.is_dir() and not is_oxigraph_store(p) else None
    if gen is None:
        return p
    stores = sorted(d for d in gen.iterdir() if is_oxigraph_store(d))
    return stores[0] if stores else gen / "graph.trig"


def open_source(path: str | os.PathLike[str]) -> Dataset | ox.Store:
    """A queryable source for path: an RDF file parsed into memory, or an Oxigraph store directory.

    The store is opened read-only, so opening never changes (or creates) it. A build's output folder
    stands for its live generation (see resolve_source).
    """
    p = resolve_source(path)
    if not p.exists():
        raise StoreError(f"{p}: no such file or directory")
    if p.is_dir():
        p = graph_in_folder(p)
    if p.is_dir():
        if not is_oxigraph_store(p):
            raise StoreError(f"{p}: directory is not an Oxigraph store (no RocksDB CURRENT/MANIFEST files)")
        try:
            return ox.Store.read_only(str(p))
        except OSError as exc:
            raise StoreError(f"{p}: cannot open Oxigraph store: {_one_line(exc)}") from None
    rdflib_format, _ = _format_of(p)
    dataset = Dataset(default_union=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's parsers use its deprecated APIs
            dataset.parse(p, format=rdflib_format)
    except Exception as exc:  # rdflib parsers raise many exception types for bad input
        raise StoreError(f"{p}: cannot parse as {rdflib_format}: {_one_line(exc)}") from None
    return dataset


def open_store(path: str | os.PathLike[str], into: str | os.PathLike[str] | None = None) -> ox.Store:
    """An Oxigraph store for path: a store directory opened read-only, or a file bulk-loaded into memory
    (or into a new on-disk store in the empty folder `into`, which other processes can then open read-only).

    For the SPARQL endpoint and push, which want Oxigraph's speed and thread safety for files too. A file's
    named graphs are kept and also merged into the default graph, so that querying the default graph sees
    every triple once (Oxigraph's union-of-graphs default repeats a triple found in several graphs).
    """
    p = resolve_source(path)
    if not p.exists():
        raise StoreError(f"{p}: no such file or directory")
    if p.is_dir():
        source = open_source(p)
        assert isinstance(source, ox.Store)
        return source
    _, ox_format = _format_of(p)
    store = ox.Store(str(into)) if into is not None else ox.Store()
    try:
        store.bulk_load(path=str(p), format=ox_format)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{p}: cannot load into Oxigraph: {_one_line(exc)}") from None
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    if into is not None:
        store.flush()
    return store


def load_into_oxigraph(path_or_graph: str | os.PathLike[str] | Graph, store_dir: str | os.PathLike[str]) -> int:
    """Bulk-load an RDF file or an rdflib Graph/Dataset into the Oxigraph store at store_dir.

    Named graphs are kept (TriG, N-Quads, Dataset). Creates the store if needed and returns
    the number of quads the load added.
    """
    store_path = Path(store_dir)
    if store_path.exists() and not store_path.is_dir():
        raise StoreError(f"{store_path}: not a directory")
    if store_path.is_dir() and any(store_path.iterdir()) and not is_oxigraph_store(store_path):
        raise StoreError(f"{store_path}: directory is not empty and not an Oxigraph store")
    source: Path | None = None
    if not isinstance(path_or_graph, Graph):
        source = Path(path_or_graph)
        if not source.is_file():
            raise StoreError(f"{source}: no such file")
        _, ox_format = _format_of(source)
    store_path.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(store_path))
    try:
        before = len(store)
        if source is None:
            has_quads = isinstance(path_or_graph, Dataset) or getattr(path_or_graph, "context_aware", False)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's serializers use its deprecated APIs
                data = path_or_graph.serialize(format="nquads" if has_quads else "nt", encoding="utf-8")
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS if has_quads else ox.RdfFormat.N_TRIPLES)
        else:
            try:
                store.bulk_load(path=str(source), format=ox_format)
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"{source}: cannot load into Oxigraph: {_one_line(exc)}") from None
        store.flush()
        return len(store) - before
    finally:
        del store
