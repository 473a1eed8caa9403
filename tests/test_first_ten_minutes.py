"""What a newcomer meets in the first ten minutes (issue 15), through the real CLI: exact messages and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOVKG = [sys.executable, "-m", "graph.cli"]
VIETNAMESE = ("Bí thư Tỉnh ủy Trần Tiến Dũng đã chủ trì cuộc họp của Ban Thường vụ. Tại cuộc họp, các đại biểu đã "
              "thảo luận về những kết quả đạt được trong năm và các nhiệm vụ cho năm tới.\n")


@pytest.fixture()
def runner():
    return CliRunner()


def _run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


def test_version(runner):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    proc = subprocess.run([*GOVKG, "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout == f"govkg {version}\n"


def test_eval_help_names_only_paths_that_exist(runner):
    out = _run(runner, "eval", "--help").output
    assert "tests/realworld/gold.json" not in out
    for path in ("examples/articles.gold.json", "tests/realworld/gold-dev.json", "examples/articles"):
        assert path in out and (ROOT / path).exists()


def test_packaging_declares_spdx_license_and_data_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    packages = project["tool"]["setuptools"]["packages"]
    assert {"graph.store.queries", "graph.views.templates"} <= set(packages)
    for package, patterns in project["tool"]["setuptools"]["package-data"].items():
        folder = ROOT / package.replace(".", "/")
        assert any(list(folder.glob(p)) for p in patterns), package


def test_make_demo_installs_runtime_deps_and_make_test_the_extras():
    dry = subprocess.run(["make", "-n", "demo", "VENV=/nonexistent-venv"], cwd=ROOT, capture_output=True, text=True)
    assert "-e ." in dry.stdout and "[test]" not in dry.stdout
    dry = subprocess.run(["make", "-n", "test", "VENV=/nonexistent-venv"], cwd=ROOT, capture_output=True, text=True)
    assert "-e '.[test]'" in dry.stdout and ".installed-test" in dry.stdout and ".installed-runtime" in dry.stdout


def test_seeds_build_without_warnings(seed_build):
    assert seed_build.warnings == []
    report = json.loads((seed_build.out_dir / "report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == []


def test_successions_query_gives_one_row_per_succession(seed_build, runner):
    res = _run(runner, "query", seed_build.out_dir, "--named", "successions", "--format", "csv")
    assert res.exit_code == 0
    assert len(res.output.splitlines()) == 2  # header + the one seed succession


def test_tables_fit_120_columns_unless_wide(seed_build, runner):
    for args in (["query", seed_build.out_dir, "--named", "post-holders"], ["timeline", seed_build.out_dir]):
        # the table: up to the timeline's "Successions:" section (sentences, not a table)
        narrow, wide = (_run(runner, *a).output.split("\n\n")[0] for a in (args, [*args, "--wide"]))
        assert max(len(line) for line in narrow.splitlines()) <= 120
        assert "…" in narrow and "…" not in wide
        assert max(len(line) for line in wide.splitlines()) > 120
    out = _run(runner, "query", seed_build.out_dir, "--named", "post-holders").output
    assert out.splitlines()[0].split() == ["post", "postLabel", "person", "name", "status", "firstAttested",
                                           "lastAttested", "article", "articleDate", "articleTitle"]


@pytest.mark.parametrize("command", [["query", "--named", "person-posts", "--param", "person=Nguyen Van Nobody"],
                                     ["timeline", "--person", "Nguyen Van Nobody"]])
def test_unknown_person_is_the_same_message_everywhere(seed_build, runner, command):
    res = _run(runner, command[0], seed_build.files["ttl"], *command[1:])
    assert res.exit_code == 1
    assert res.output == ("govkg: error: no such person 'Nguyen Van Nobody' in the graph; "
                          "close matches: Nguyễn Văn Thắng\n")


@pytest.mark.parametrize("command", [["query", "--named", "person-posts", "--param", "person=Tran"],
                                     ["timeline", "--person", "Tran"]])
def test_ambiguous_person_lists_the_candidates(seed_build, runner, command):
    res = _run(runner, command[0], seed_build.files["ttl"], *command[1:])
    assert res.exit_code == 1
    assert res.output == "govkg: error: 'Tran' matches 2 people: Trần Quốc Cường, Trần Tiến Dũng; give more of the name\n"


def test_unknown_post_is_the_same_message_everywhere(seed_build, runner):
    a = _run(runner, "query", seed_build.files["ttl"], "--named", "post-holders", "--param", "post=Minister of Finanse")
    b = _run(runner, "timeline", seed_build.files["ttl"], "--post", "Minister of Finanse")
    assert a.exit_code == b.exit_code == 1
    assert a.output == b.output
    assert a.output.startswith("govkg: error: no such post 'Minister of Finanse' in the graph; close matches: "
                               "Minister of Finance")


def test_view_focus_matching_nothing_is_plain_with_suggestions(seed_build, runner, tmp_path):
    res = _run(runner, "view", seed_build.out_dir, "--focus", "Nguyen Van Nobody", "--out", tmp_path / "v.html")
    assert res.exit_code == 1
    assert res.output == ("govkg: error: no such person or organisation 'Nguyen Van Nobody' in the graph; "
                          "close matches: Nguyễn Văn Thắng\n")


@pytest.mark.parametrize("command", ["view", "query", "timeline", "stats", "validate"])
def test_commands_accept_the_output_folder(seed_build, runner, tmp_path, command):
    out = seed_build.out_dir
    extra = {"view": ["--all", "--out", tmp_path / "v.html"], "query": ["--named", "successions"]}.get(command, [])
    by_folder = _run(runner, command, out, *extra)
    by_file = _run(runner, command, out / "graph.ttl", *extra)
    assert by_folder.exit_code == 0, by_folder.output
    assert by_folder.output == by_file.output.replace(str(out / "graph.ttl"), str(out))


def test_folder_without_a_graph_is_one_line(runner, tmp_path):
    res = _run(runner, "stats", tmp_path)
    assert res.exit_code == 1
    assert res.output == (f"govkg: error: {tmp_path}: folder holds no graph.ttl or graph.trig and no Oxigraph store "
                          "(give the --out folder of `govkg build`, a graph file or a store)\n")


DOCUMENTS = {
    "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF"),
    "report.pdf": (b"%PDF-1.4\n", "a PDF"),
    "minutes.docx": (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"word/document.xml", "a Word document (DOCX)"),
    "bundle.txt": (b"PK\x03\x04\x14\x00" + b"\x00" * 30, "a ZIP archive"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    "scan.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_binary_document_named_on_the_command_line_is_one_line(runner, tmp_path, name):
    data, kind = DOCUMENTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    res = _run(runner, "build", path, "--out", tmp_path / "out")
    assert res.exit_code == 1
    assert res.output == f"govkg: error: {path}: looks like {kind}; convert it to text first\n"


def test_vietnamese_article_named_on_the_command_line_is_one_line(runner, tmp_path):
    path = tmp_path / "tin-tuc.txt"
    path.write_text(VIETNAMESE, encoding="utf-8")
    res = _run(runner, "build", path, "--out", tmp_path / "out")
    assert res.exit_code == 1
    assert res.output == f"govkg: error: {path}: looks like Vietnamese; govkg reads English-language articles\n"


def test_vietnamese_and_pdf_inside_a_folder_are_warnings_in_the_report(runner, tmp_path, nlp):  # noqa: ARG001
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "tin-tuc.txt").write_text(VIETNAMESE, encoding="utf-8")
    (folder / "report.txt").write_bytes(DOCUMENTS["report.txt"][0])
    res = _run(runner, "build", folder, "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {(Path(w["file"]).name, w["problem"]) for w in report["warnings"]} == {
        ("tin-tuc.txt", "looks like Vietnamese; govkg reads English-language articles"),
        ("report.txt", "looks like a PDF; convert it to text first"),
    }
    assert report["counts"]["articles"] == 2


def test_english_articles_with_vietnamese_names_are_read(runner, tmp_path):
    from extractors.article import language_problem

    for path in (*SEEDS.glob("*.txt"), *(ROOT / "examples" / "articles").glob("*")):
        assert language_problem(path.read_text(encoding="utf-8")) is None, path
    quoted = ("The chairman quoted the motto 'dân biết, dân bàn, dân làm' and said the plan of the province was "
              "ready; the council of the district will review it in the spring.")
    assert language_problem(quoted) is None  # a quoted Vietnamese phrase in English text
