"""Synthetic archives for the site tests: 40 articles parsed for real, and 1,000 made from their facts.

Parsing 1,000 synthetic articles takes over ten minutes on a 2-core machine, so the 1,000-article archive
is built "facts-only": the 40 parsed articles' facts are re-issued as 25 rounds of reports (each clone is
a new article with its own id, URL and evidence) and go through the real merge (resolution, tenures,
successions, confidence). The pages then face the sizes of a 1,000-article graph: 25x the attestations,
evidence sentences and articles per post.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import Graph

try:
    from scale_helpers import corpus
except ImportError:  # tests/ imported as a package
    from tests.scale_helpers import corpus  # type: ignore[no-redef]


def _reissue(value, old: str, new: str):
    """A copy of a frozen fact tree with every reference to article ``old`` pointing at ``new``."""
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, tuple):
        return tuple(_reissue(v, old, new) for v in value)
    if isinstance(value, list):
        return [_reissue(v, old, new) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _reissue(getattr(value, f.name), old, new) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def clone_archive(facts: list, total: int) -> list:
    """``total`` ArticleFacts cycling through ``facts``; round r > 0 gets ids ``ID-rR`` and URLs ``...?r=R``."""
    out = []
    for k in range(total):
        base = facts[k % len(facts)]
        r = k // len(facts)
        if r == 0:
            out.append(base)
            continue
        old = base.article.id
        new = f"{old}-r{r}"
        clone = _reissue(base, old, new)
        url = f"{base.article.url}?r={r}" if base.article.url else f"https://news.example.vn/{new}"
        clone = dataclasses.replace(clone, article=dataclasses.replace(clone.article, path=f"{clone.article.path}#{r}",
                                                                      url=url))
        out.append(clone)
    return out


def parse_archive(folder: Path, synthetic: int, jobs: int = 2) -> list:
    """The facts of the two seeds plus ``synthetic`` generated articles, parsed by the real pipeline."""
    from graph.pipeline import extract_facts, load

    articles, _ = load([corpus(folder, synthetic)])
    facts, _, _ = extract_facts(articles, jobs=jobs)
    return facts


def merged(facts: list) -> Graph:
    """The merged graph (graph.ttl's content) of a list of ArticleFacts."""
    from graph.derive.merge import merged_graph
    from graph.pipeline import build_dataset_from

    return merged_graph(build_dataset_from(facts))
