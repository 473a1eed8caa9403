"""Helpers for the scale tests (incremental, parallel, kill, store): small corpora and output comparisons."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json")

if str(ROOT) not in sys.path:  # bench/ is not an installed package
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402


def corpus(folder: Path, synthetic: int, start: int = 0) -> Path:
    """The two seed articles plus `synthetic` varied copies, in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copyfile(seed, folder / seed.name)
    make_corpus(folder, synthetic, start=start)
    return folder


def output_bytes(out_dir: Path, names=OUTPUT_FILES) -> dict[str, bytes]:
    """The build's output files, by name (only those that exist)."""
    return {n: (out_dir / n).read_bytes() for n in names if (out_dir / n).exists()}


def canonical_nquads(trig: Path) -> list[str]:
    """The dataset of a TriG file as sorted N-Quads lines (canonical: the graph has no blank nodes)."""
    quads = ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
    return sorted(f"{q} ." for q in quads)


def cache_entries(out_dir: Path) -> list[Path]:
    return sorted((out_dir / ".govkg-cache" / "facts").rglob("*.pickle"))
