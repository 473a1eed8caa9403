"""Shared fixtures: the spaCy pipeline and the seed build are made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from extractors.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, nlp):  # noqa: ARG001 (nlp: load the model once, first)
    """govkg build seeds --out <tmp>: the BuildResult."""
    from graph.pipeline import build

    return build([SEEDS], tmp_path_factory.mktemp("seed-out"))


@pytest.fixture(scope="session")
def seed_graph(seed_build) -> Graph:
    g = Graph()
    g.parse(seed_build.files["ttl"], format="turtle")
    assert len(g) > 500, "the seed graph is suspiciously small"
    return g


@pytest.fixture(scope="session")
def seed_dataset(seed_build) -> Dataset:
    ds = Dataset()
    ds.parse(seed_build.files["trig"], format="trig")
    return ds
