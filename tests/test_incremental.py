"""Incremental builds: only new or changed articles are parsed, and the output equals a clean build's, byte for byte."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.cache import FactCache, article_key, extraction_version
from graph.pipeline import build
from extractors.registry import DEFAULT

from scale_helpers import SEEDS, cache_entries, corpus, output_bytes


@pytest.fixture(scope="module")
def first(tmp_path_factory, nlp):  # noqa: ARG001 (load the model once)
    """Seeds + 2 synthetic articles built into an output folder (the state before the user edits the archive)."""
    base = tmp_path_factory.mktemp("incremental")
    src = corpus(base / "archive", 2)
    out = base / "out"
    result = build([src], out)
    return src, out, result


def _edit_archive(src):
    """One article added, one changed, one removed."""
    shutil.copyfile(src / "synth_00001.txt", src / "synth_00001.txt.bak")
    from bench.corpus import make_corpus

    make_corpus(src, 1, start=7)  # new
    changed = src / "synth_00000.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Comrade", "Mr."), encoding="utf-8")
    (src / "synth_00001.txt").unlink()  # removed
    (src / "synth_00001.txt.bak").unlink()


def test_incremental_first_build_caches_every_article(first):
    _, out, result = first
    assert result.parsed == 4 and result.reused == 0
    assert len(cache_entries(out)) == 4
    manifest = json.loads((out / ".govkg-cache" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["articles"]) == sorted(result.articles)


def test_incremental_unchanged_rebuild_parses_nothing_and_writes_the_same_bytes(first):
    src, out, _ = first
    before = output_bytes(out)
    again = build([src], out)
    assert (again.parsed, again.reused) == (0, 4)
    assert output_bytes(out) == before


def test_incremental_rebuild_after_edits_equals_clean_build(first, tmp_path):
    src, out, _ = first
    edited = tmp_path / "archive"
    shutil.copytree(src, edited)
    work = tmp_path / "out"
    shutil.copytree(out, work)
    _edit_archive(edited)

    result = build([edited], work)
    assert (result.parsed, result.reused) == (2, 2), "only the new and the changed article are parsed"
    clean = build([edited], tmp_path / "clean", incremental=False)
    assert clean.parsed == 4
    got, want = output_bytes(work), output_bytes(tmp_path / "clean")
    assert set(got) == {"graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json"}
    for name in want:
        assert got[name] == want[name], f"{name} differs from a clean build"
    trig = got["graph.trig"].decode()
    assert "synth_00001" not in trig, "the removed article's named graph is dropped"
    assert "graph/article/synth_00007" in trig
    assert len(cache_entries(work)) == 4, "entries of removed and superseded articles are pruned"


CORRUPTIONS = {
    "truncated": lambda data: data[: len(data) // 2],
    "flipped byte": lambda data: data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
    "empty": lambda data: b"",
    "bad header": lambda data: b"not a cache entry\n" + data,
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_incremental_damaged_cache_entry_is_parsed_again(first, tmp_path, how):
    src, out, _ = first
    work = tmp_path / "out"
    shutil.copytree(out, work)
    entry = cache_entries(work)[0]
    entry.write_bytes(CORRUPTIONS[how](entry.read_bytes()))
    result = build([src], work)
    assert (result.parsed, result.reused) == (1, 3)
    assert output_bytes(work) == output_bytes(out)


def test_incremental_entry_of_another_article_is_not_trusted(first, tmp_path):
    src, out, _ = first
    work = tmp_path / "out"
    shutil.copytree(out, work)
    a, b = cache_entries(work)[:2]
    shutil.copyfile(a, b)  # b's file now holds a's (valid) facts
    result = build([src], work)
    assert result.parsed == 1
    assert output_bytes(work) == output_bytes(out)


def test_incremental_key_depends_on_article_and_extraction_version(seed_build):
    from extractors.article import load_article

    article = load_article(next(SEEDS.glob("*.txt")))
    version = extraction_version(DEFAULT)
    assert article_key(article, version) == article_key(article, version)
    assert article_key(article, version) != article_key(article, version + "x")
    from dataclasses import replace

    assert article_key(replace(article, text=article.text + " More."), version) != article_key(article, version)
    assert extraction_version(DEFAULT) != extraction_version(DEFAULT[:-1])


def test_incremental_other_extraction_version_misses(first, tmp_path):
    src, out, _ = first
    from extractors.article import load_articles

    articles = load_articles([src]).articles
    cache = FactCache(out, DEFAULT)
    assert all(cache.get(a) is not None for a in articles)
    cache.version = "another extractor version"
    assert all(cache.get(a) is None for a in articles)


def test_incremental_rebuild_flag_parses_everything(first, tmp_path):
    src, out, _ = first
    work = tmp_path / "out"
    shutil.copytree(out, work)
    res = CliRunner().invoke(cli, ["build", str(src), "--out", str(work), "--rebuild", "--no-html"])
    assert res.exit_code == 0, res.output
    assert "(4 parsed, 0 from the cache)" in res.stdout


@pytest.mark.parametrize("flag, shown", [([], False), (["--progress"], True), (["--no-progress"], False)])
def test_incremental_progress_bar_only_on_a_terminal_or_when_asked(first, tmp_path, flag, shown):
    src, out, _ = first
    work = tmp_path / "out"
    shutil.copytree(out, work)
    os.remove(cache_entries(work)[0])  # one article to parse
    res = CliRunner().invoke(cli, ["build", str(src), "--out", str(work), "--no-html", *flag])
    assert res.exit_code == 0, res.output
    assert "(1 parsed, 3 from the cache)" in res.stdout
    # CliRunner's stderr is not a terminal: quiet unless --progress; the bar shows a rate and counts articles
    assert ("article/s" in res.stderr and "4/4" in res.stderr) == shown, res.stderr
