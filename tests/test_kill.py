"""A build killed midway (SIGKILL) and run again gives exactly a clean build's output; nothing half-written is reused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from graph.cache import FactCache
from graph.pipeline import build
from extractors.registry import DEFAULT

from scale_helpers import ROOT, cache_entries, corpus, output_bytes

SYNTHETIC = 10


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("kill") / "archive", SYNTHETIC)


@pytest.fixture(scope="module")
def clean(archive, tmp_path_factory, nlp):  # noqa: ARG001
    out = tmp_path_factory.mktemp("clean")
    build([archive], out, incremental=False)
    return output_bytes(out)


def _start_build(archive, out):
    return subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(archive), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(proc, ready, timeout=120.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the build finished before it could be killed"
        assert time.monotonic() < deadline, "the build made no progress"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


@pytest.mark.parametrize("when", ["while parsing", "while writing outputs"])
def test_kill_midway_then_rerun_equals_clean_build(archive, clean, tmp_path, when):
    out = tmp_path / "out"
    total = SYNTHETIC + 2
    proc = _start_build(archive, out)
    if when == "while parsing":
        _kill_when(proc, lambda: len(cache_entries(out)) >= 2)
    else:  # every article parsed: the build is merging or writing its files
        _kill_when(proc, lambda: len(cache_entries(out)) >= total)
    assert not (out / ".govkg-cache" / "manifest.json").exists(), "killed before the build completed"
    done = len(cache_entries(out))
    if when == "while parsing":
        assert not (out / "graph.ttl").exists() and done < total

    result = build([archive], out)
    assert result.parsed + result.reused == total
    assert result.parsed == total - done, "entries completed before the kill are reused, the rest parsed"
    assert output_bytes(out) == clean
    assert not list(out.glob(".govkg-build-*")), "the killed build's staging folder is cleaned up"
    assert not [p for p in (out / ".govkg-cache").rglob("*.tmp")], "temporary files are cleaned up"


def test_kill_half_written_entry_is_never_read_back(archive, clean, tmp_path):
    """What a kill during a cache write leaves (a truncated entry, a stray temporary file) is parsed again."""
    out = tmp_path / "out"
    build([archive], out)
    entries = cache_entries(out)
    victim = entries[3]
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) - 100])  # cut short, as if the process died mid-write without rename
    (victim.parent / f".{victim.name}.abc123.tmp").write_bytes(data[:50])
    (out / ".govkg-cache" / "manifest.json").unlink()
    (out / "graph.html").unlink()
    (out / "graph.ttl").write_text("half a graph", encoding="utf-8")

    from extractors.article import load_articles

    articles = load_articles([archive]).articles
    cache = FactCache(out, DEFAULT)
    assert sum(cache.get(a) is None for a in articles) == 1, "exactly the damaged entry is rejected"
    result = build([archive], out)
    assert result.parsed == 1
    assert output_bytes(out) == clean
