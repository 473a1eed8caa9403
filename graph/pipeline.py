"""The build, stage by stage (each stage's input -> output):

1. load      files/folders                  -> Articles (+ problems: skipped files)     extractors.article
2. parse     Article                        -> spaCy Doc (trained model + domain rules)  extractors.nlp
3. extract   Doc                            -> ArticleFacts (typed facts with Evidence)  extractors.registry
4. build     ArticleFacts per article       -> one named graph per article              graph.build
5. merge     all named graphs + vocabulary  -> Dataset with the derived graph            graph.merge
             (tenures, successions, conflicts)
6. export    Dataset                        -> graph.ttl, graph.trig, graph.jsonld,      graph.export, graph.html
                                               graph.html, report.json (atomically)

A bad article is reported and skipped; it never stops the others. Nothing in the output folder is
replaced until every file of the new build has been written.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import FOAF, ORG, RDF

from extractors.article import load_articles
from extractors.facts import ArticleFacts
from extractors.nlp import get_nlp, parse
from extractors.registry import DEFAULT, extract
from extractors.vocab import vocabulary_graph

log = logging.getLogger("govkg")


class BuildError(RuntimeError):
    """The build cannot go on (no usable input, or output cannot be written); the message says why."""


@dataclass
class BuildResult:
    out_dir: Path
    files: dict[str, Path]
    counts: dict[str, int]
    warnings: list[dict] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


def extract_articles(inputs: Sequence[Path | str], extractors: Sequence[str] = DEFAULT,
                     progress: Callable[[int, int], None] | None = None) -> tuple[list[ArticleFacts], list[dict]]:
    """Stages 1-3: load, parse and extract every article; per-article problems become warnings."""
    loaded = load_articles([Path(p) for p in inputs])
    warnings = [{"file": p.path, "problem": p.message} for p in loaded.problems]
    fatal = [p for p in loaded.problems if p.fatal]
    if fatal:
        raise BuildError("; ".join(f"{p.path}: {p.message}" for p in fatal))
    if not loaded.articles:
        raise BuildError("no articles found in " + ", ".join(str(p) for p in inputs))
    nlp = get_nlp()
    results: list[ArticleFacts] = []
    for n, article in enumerate(loaded.articles, 1):
        warnings.extend({"file": article.path, "problem": w} for w in article.warnings)
        try:
            results.append(extract(parse(article, nlp), extractors))
        except Exception as exc:  # one bad article must not stop the build
            log.warning("%s: extraction failed: %s", article.path, exc)
            warnings.append({"file": article.path, "problem": f"extraction failed: {exc}"})
        if progress:
            progress(n, len(loaded.articles))
    return results, warnings


def build_dataset_from(facts: Sequence[ArticleFacts]) -> Dataset:
    """Stages 4-5."""
    from .merge import build_dataset  # noqa: PLC0415

    return build_dataset(facts, vocabulary_graph())


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


def build(inputs: Sequence[Path | str], out_dir: Path | str, extractors: Sequence[str] = DEFAULT,
          html: bool = True, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """The whole build; outputs land in out_dir only when all of them were written."""
    from .export import write_outputs  # noqa: PLC0415
    from .files import atomic_write_text  # noqa: PLC0415
    from .merge import merged_graph  # noqa: PLC0415

    out_dir = Path(out_dir)
    facts, warnings = extract_articles(inputs, extractors, progress)
    if not facts:
        raise BuildError("no article could be read: " + "; ".join(f"{w['file']}: {w['problem']}" for w in warnings))
    ds = build_dataset_from(facts)
    merged = merged_graph(ds)
    counts = count(merged)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".govkg-build-", dir=out_dir))
    try:
        files = dict(write_outputs(ds, staging, merged))
        if html:
            from .html import write_html  # noqa: PLC0415

            write_html(merged, staging / "graph.html", title="govkg — " + ", ".join(
                sorted(a.article.id for a in facts))[:120])
            files["html"] = staging / "graph.html"
        report = {
            "articles": [{"id": a.article.id, "file": a.article.path, "title": a.article.title,
                          "date": a.article.published.value if a.article.published else None,
                          "date_basis": a.article.date_basis, "province": a.article.province,
                          "facts": len(a.facts)} for a in facts],
            "counts": counts,
            "warnings": warnings,
        }
        files["report"] = atomic_write_text(
            staging / "report.json", json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        final = {}
        for key, path in files.items():
            target = out_dir / path.name
            os.replace(path, target)
            final[key] = target
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out_dir, final, counts, warnings, [a.article.id for a in facts])
