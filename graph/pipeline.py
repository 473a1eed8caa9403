"""The build, stage by stage (each stage's input -> output):

1. load      files/folders                  -> Articles (+ problems: skipped files)     extractors.article
2. cache     Articles + OUT/.govkg-cache/   -> cached ArticleFacts of unchanged articles graph.cache
             (key: hash of the cleaned article and of the extraction code/ontology/model version)
3. parse     new/changed Article            -> spaCy Doc (trained model + domain rules)  extractors.nlp
4. extract   Doc                            -> ArticleFacts (typed facts with Evidence)  extractors.registry
             (3-4 run here, in --jobs processes, or on a Dask cluster)                  graph.parallel
5. build     ArticleFacts per article       -> one named graph per article              graph.rdf.article
6. place     all ArticleFacts               -> the same, an article naming no province    graph.derive.placement
             placed by the people it names (or kept unplaced and reported)
7. resolve   all ArticleFacts               -> the same, one key per person (namesakes   graph.derive.merge
             in different provinces kept apart); decisions for report.json
8. merge     all named graphs + vocabulary  -> Dataset with the derived graph: tenures,   graph.derive.merge
             evidence-weighted successions, disputed attestations, conflicts
             (always recomputed from all articles' facts)
9. export    Dataset                        -> graph.ttl, graph.trig, graph.jsonld,      graph.exports.rdf, graph.views.html
                                               graph.html, report.json
10. store    graph.ttl                      -> Oxigraph store folder (--store, optional) pyoxigraph
             (9-10 write one new generation OUT/.gen-<n>, made live by one symlink switch) graph.generations
11. record   Articles                       -> new cache entries, manifest.json; entries graph.cache
                                               of removed/changed articles pruned

A bad article is reported and skipped; it never stops the others. Nothing in the output folder is
replaced until every file of the new build has been written, and then all are replaced at once (OUT/current
switches to the new generation), so a reader never sees files of two builds; and a cache entry is only trusted when its
checksum, key and article match, so a killed build is simply run again. A rebuild that reuses cached facts
gives byte-identical output to a clean build: only parsing is skipped, everything after it is recomputed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import FOAF, ORG, RDF

from extractors.article import load_articles
from extractors.facts import Article, ArticleFacts
from extractors.registry import DEFAULT
from extractors.vocab import vocabulary_graph

log = logging.getLogger("govkg")

STORE_SCHEMES = ("oxigraph",)


class BuildError(RuntimeError):
    """The build cannot go on (no usable input, or output cannot be written); the message says why."""


@dataclass
class BuildResult:
    out_dir: Path
    files: dict[str, Path]
    counts: dict[str, int]
    warnings: list[dict] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    parsed: int = 0  # articles parsed in this build
    reused: int = 0  # articles whose facts came from the cache
    store: Path | None = None  # the Oxigraph store folder, with --store


def load(inputs: Sequence[Path | str]) -> tuple[list[Article], list[dict]]:
    """Stage 1: the articles under inputs, and warnings for skipped files; BuildError when nothing is usable."""
    loaded = load_articles([Path(p) for p in inputs])
    warnings = [{"file": p.path, "problem": p.message} for p in loaded.problems]
    fatal = [p for p in loaded.problems if p.fatal]
    if fatal:
        raise BuildError("; ".join(f"{p.path}: {p.message}" for p in fatal))
    if not loaded.articles:
        raise BuildError("no articles found in " + ", ".join(str(p) for p in inputs))
    return loaded.articles, warnings


def extract_facts(articles: Sequence[Article], extractors: Sequence[str] = DEFAULT,
                  progress: Callable[[int, int], None] | None = None, *, jobs: int = 1, executor: str = "local",
                  scheduler: str | None = None, cache=None, reuse: bool = True,
                  ) -> tuple[list[ArticleFacts], list[dict], int]:
    """Stages 2-4: facts of every article (cached ones reused), warnings, and how many were parsed.

    cache is a graph.cache.FactCache or None; newly extracted facts are written to it as they arrive;
    reuse=False parses every article (and refreshes the cache).
    """
    from graph.parallel import ExecutorError, extract_many  # noqa: PLC0415

    cached: dict[int, ArticleFacts] = {}
    if cache is not None and reuse:
        for i, article in enumerate(articles):
            hit = cache.get(article)
            if hit is not None:
                cached[i] = hit
    todo = [i for i in range(len(articles)) if i not in cached]
    log.info("%d article(s): %d cached, %d to parse", len(articles), len(cached), len(todo))
    if progress:
        progress(len(cached), len(articles))

    def step(done: int, _total: int) -> None:
        if progress:
            progress(len(cached) + done, len(articles))

    def keep(_: int, outcome) -> None:  # cache each article as soon as it is read: a killed build keeps them
        if cache is not None and outcome[0] is not None:
            cache.put(outcome[0])

    try:
        outcomes = extract_many([articles[i] for i in todo], extractors, jobs=jobs, executor=executor,
                                scheduler=scheduler, progress=step, on_result=keep)
    except ExecutorError as exc:
        raise BuildError(str(exc)) from None
    fresh = dict(zip(todo, outcomes))
    results: list[ArticleFacts] = []
    warnings: list[dict] = []
    for i, article in enumerate(articles):
        warnings.extend({"file": article.path, "problem": w} for w in article.warnings)
        if i in cached:
            facts = cached[i]
        else:
            facts, problem = fresh[i]
            if facts is None:
                warnings.append({"file": article.path, "problem": problem})
                continue
        results.append(facts)
        warnings.extend({"file": article.path, "problem": w} for w in _fact_warnings(facts))
    return results, warnings, len(todo)


def _fact_warnings(facts: ArticleFacts) -> list[str]:
    """Problems the extractors noted on single facts (a currency conversion contradicting its amount), in order."""
    return [f.warning for f in facts.facts if getattr(f, "warning", None)]


def extract_articles(inputs: Sequence[Path | str], extractors: Sequence[str] = DEFAULT,
                     progress: Callable[[int, int], None] | None = None) -> tuple[list[ArticleFacts], list[dict]]:
    """Stages 1-4 without a cache, in this process: every article's facts; per-article problems become warnings."""
    articles, warnings = load(inputs)
    facts, more, _ = extract_facts(articles, extractors, progress)
    return facts, warnings + more


def build_dataset_from(facts: Sequence[ArticleFacts], resolution: list | None = None) -> Dataset:
    """Stages 5-6; person-resolution decisions (merged spellings, split namesakes) go into `resolution`."""
    from graph.derive.merge import build_dataset  # noqa: PLC0415

    return build_dataset(facts, vocabulary_graph(), resolution)


def count(graph: Graph) -> dict[str, int]:
    """What the summary reports: how many of each kind of thing the merged graph holds."""
    from ontology.namespaces import GK, SDO  # noqa: PLC0415

    def n(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return {
        "articles": n(GK.Article),
        "people": n(FOAF.Person),
        "organisations": n(ORG.Organization),
        "posts": n(ORG.Post),
        "holdings": n(ORG.Membership),
        "events": n(SDO.Event),
        "targets": n(GK.Target),
        "observations": n(GK.Observation),
        "commitments": n(GK.Commitment),
        "documents": n(GK.LegalDocument),
        "successions": n(GK.Succession),
        "conflicts": n(GK.Conflict),
        "triples": len(graph),
    }


def parse_store(spec: str | os.PathLike | None) -> Path | None:
    """--store oxigraph:DIR -> Path(DIR); BuildError for any other form."""
    if spec is None or isinstance(spec, os.PathLike):
        return Path(spec) if spec is not None else None
    scheme, sep, where = str(spec).partition(":")
    if not sep or scheme not in STORE_SCHEMES or not where:
        raise BuildError(f"--store {spec!r}: expected oxigraph:DIR (a folder for the on-disk Oxigraph store)")
    return Path(where)


def check_store_dir(store_dir: Path) -> None:
    """BuildError unless store_dir is absent, empty or an Oxigraph store (checked before the build starts)."""
    from graph.store.stores import is_oxigraph_store  # noqa: PLC0415

    if store_dir.exists() and (not store_dir.is_dir() or (any(store_dir.iterdir())
                                                         and not is_oxigraph_store(store_dir))):
        raise BuildError(f"{store_dir}: exists and is not an Oxigraph store; refusing to replace it")


def _inside_generation(store_dir: Path, out_dir: Path) -> bool:
    """True when --store names OUT/NAME and that is free or already a generation's store (a symlink)."""
    same_parent = store_dir.parent.resolve() == out_dir.resolve()
    return same_parent and (store_dir.is_symlink() or not store_dir.exists())


def _load_store(merged: Path, store_dir: Path) -> None:
    from graph.store.stores import StoreError, load_into_oxigraph  # noqa: PLC0415

    try:
        load_into_oxigraph(merged, store_dir)
    except StoreError as exc:
        raise BuildError(str(exc)) from None


def write_store(merged: Path, store_dir: Path) -> Path:
    """Stage 8: bulk-load graph.ttl (the merged graph) into a fresh Oxigraph store beside store_dir, then swap.

    The merged graph goes into the store's default graph, so `govkg query DIR` and `govkg serve DIR` see each
    triple once, exactly as in graph.ttl (per-article provenance is in the triples: gk:inArticle,
    prov:wasDerivedFrom; graph.trig keeps the named graphs). The old store stays readable until the new one
    is complete; a folder that is neither empty nor an Oxigraph store is never replaced.
    """
    store_dir = Path(store_dir)
    check_store_dir(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in (*store_dir.parent.glob(f".{store_dir.name}.loading-*"),
                  *store_dir.parent.glob(f".{store_dir.name}.old-*")):  # left by a killed build
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.loading-", dir=store_dir.parent))
    old = None
    try:
        _load_store(merged, fresh)
        if store_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.old-", dir=store_dir.parent))
            os.replace(store_dir, old / "store")
        os.replace(fresh, store_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return store_dir


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder; stale staging folders of killed builds are removed inside."""
    from graph.cache import CACHE_DIR  # noqa: PLC0415

    lock_dir = out_dir / CACHE_DIR
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / "lock", "a+") as fh:
        try:
            import fcntl  # noqa: PLC0415

            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildError(f"{out_dir}: another govkg build is writing to this folder") from None
        except ImportError:  # no flock (Windows): no protection against concurrent builds
            pass
        for stale in out_dir.glob(".govkg-build-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def build(inputs: Sequence[Path | str], out_dir: Path | str, extractors: Sequence[str] = DEFAULT,
          html: bool = True, progress: Callable[[int, int], None] | None = None, *, jobs: int = 1,
          executor: str = "local", scheduler: str | None = None, store: str | os.PathLike | None = None,
          incremental: bool = True) -> BuildResult:
    """The whole build; outputs land in out_dir only when all of them were written.

    Unchanged articles' facts come from out_dir/.govkg-cache (incremental=False ignores and rewrites it);
    jobs/executor/scheduler choose where new articles are parsed (graph.parallel); store="oxigraph:DIR"
    also loads the result into an on-disk Oxigraph store. progress(done, total) counts articles.
    """
    from graph.exports.rdf import write_outputs  # noqa: PLC0415
    from graph.files import atomic_write_text  # noqa: PLC0415
    from graph.generations import publish  # noqa: PLC0415
    from graph.cache import FactCache  # noqa: PLC0415
    from graph.derive.merge import merged_graph  # noqa: PLC0415

    out_dir = Path(out_dir)
    store_dir = parse_store(store)
    if store_dir is not None:
        check_store_dir(store_dir)
    articles, warnings = load(inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{out_dir}: cannot create the output folder: {exc.strerror or exc}") from None
    with _locked(out_dir):
        cache = FactCache(out_dir, extractors)
        facts, more, parsed = extract_facts(articles, extractors, progress, jobs=jobs, executor=executor,
                                            scheduler=scheduler, cache=cache, reuse=incremental)
        warnings += more
        if not facts:
            raise BuildError("no article could be read: " + "; ".join(f"{w['file']}: {w['problem']}" for w in warnings))
        decisions: list = []
        ds = build_dataset_from(facts, decisions)
        placement = [d for d in decisions if "article" in d]
        resolution = [d for d in decisions if "article" not in d]
        path_of = {af.article.id: af.article.path for af in facts}
        warnings += [{"file": path_of[d["article"]], "problem": d["reason"]} for d in placement if d["province"] is None]
        placed = {d["article"]: d["province"] for d in placement if d["province"]}
        merged = merged_graph(ds)
        counts = count(merged)
        staging = Path(tempfile.mkdtemp(prefix=".govkg-build-", dir=out_dir))
        try:
            files = dict(write_outputs(ds, staging, merged))
            if html:
                from graph.views.html import write_html  # noqa: PLC0415

                write_html(merged, staging / "graph.html",
                           title=f"govkg — {len(facts)} article{'s' if len(facts) != 1 else ''}")
                files["html"] = staging / "graph.html"
            report = {
                "articles": [{"id": a.article.id, "file": a.article.path, "title": a.article.title,
                              "date": a.article.published.value if a.article.published else None,
                              "date_basis": a.article.date_basis,
                              "province": a.article.province or placed.get(a.article.id),
                              "facts": len(a.facts)} for a in facts],
                "counts": counts,
                "placement": placement,
                "resolution": resolution,
                "warnings": warnings,
            }
            files["report"] = atomic_write_text(
                staging / "report.json", json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
            in_generation = store_dir is not None and _inside_generation(store_dir, out_dir)
            if in_generation:  # the store is one of the generation's files, switched with the others
                _load_store(files["ttl"], staging / store_dir.name)
            publish(staging, out_dir)
            final = {key: out_dir / path.name for key, path in files.items()}
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if store_dir is not None and not in_generation:
            write_store(final["ttl"], store_dir)
        cache.write_manifest(af.article for af in facts)
        cache.prune(cache.key(af.article) for af in facts)
    return BuildResult(out_dir, final, counts, warnings, [a.article.id for a in facts], parsed=parsed,
                       reused=len(articles) - parsed, store=store_dir)
