"""Every shell command in README.md runs as written, in a temporary copy of the repository, with the real CLI.

The commands are read from the README itself (the lines of ```sh blocks, and `$ ` lines of plain blocks, whose
quoted output must match), so a command edited in the README is the command tested. Only commands that need a
service this test cannot start are left out, each listed in SKIPPED with the reason; a SKIPPED entry that no
longer matches a README command fails the test, so the list cannot go stale.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent  # the environment's bin/, where pip put the `govkg` console script

# command (as written, or its start) -> why this test does not run it
SKIPPED = {
    "make demo": "creates .venv and installs govkg from PyPI (an external service, minutes of download); "
                 "its output is the one quoted in the README",
    "make test": "installs the test extras from PyPI and Debian, then runs this whole suite, this test included",
    "govkg serve out/": "starts a SPARQL endpoint that serves until Ctrl-C (tests/test_serve.py drives one)",
    "curl ": "asks a running `govkg serve` endpoint (tests/test_serve.py starts one and sends such requests)",
    "govkg push out/graph.trig": "needs a running Virtuoso at localhost:8890 (tests/test_push.py starts one)",
    "govkg build seeds/ examples/articles/ --out out --executor dask --scheduler tcp://scheduler:8786":
        "needs a running Dask scheduler at tcp://scheduler:8786",
}
# `. .venv/bin/activate` puts .venv/bin on PATH; the test puts this interpreter's bin/ there instead.
ACTIVATE = ". .venv/bin/activate"
# What is not part of a fresh clone, left out of the copy.
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "out", "__pycache__", ".pytest_cache", ".hypothesis",
                                        "*.egg-info", "build", "artifacts")


def _strip_comment(line: str) -> str:
    """The command without its trailing `  # explanation` (a # inside quotes is kept)."""
    m = re.search(r"\s{2,}#", line)
    return (line[: m.start()] if m else line).strip()


def readme_commands(text: str) -> list[tuple[str, str | None]]:
    """(command, expected stdout or None) for each command line of the README, in order."""
    out: list[tuple[str, str | None]] = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        lines = body.splitlines()
        if lang == "sh":
            out += [(_strip_comment(line), None) for line in lines if line.strip() and not line.startswith("#")]
        elif not lang and lines and lines[0].startswith("$ "):
            out.append((lines[0][2:].strip(), "\n".join(lines[1:]) + "\n"))
    return out


def _skip_reason(command: str) -> str | None:
    return next((why for start, why in SKIPPED.items() if command.startswith(start)), None)


def test_readme_commands_are_found_and_every_skip_is_used():
    commands = [c for c, _ in readme_commands(README.read_text(encoding="utf-8"))]
    assert ACTIVATE in commands and len(commands) > 20
    for start in SKIPPED:
        assert any(c.startswith(start) for c in commands), f"SKIPPED entry matches no README command: {start!r}"


def test_readme_commands_run_as_written(tmp_path, nlp):  # noqa: ARG001 (nlp: the model is installed)
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=NOT_IN_A_CLONE)
    before = {p.relative_to(clone) for p in clone.rglob("*")}
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "200"}
    ran = []
    for command, expected in readme_commands(README.read_text(encoding="utf-8")):
        if command == ACTIVATE or _skip_reason(command):
            continue
        assert command.startswith("govkg "), f"a README command this test does not know how to run: {command!r}"
        proc = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, f"{command!r} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        if expected is not None:
            assert proc.stdout == expected, f"{command!r} printed something other than the README shows"
        ran.append(command)
    assert len(ran) >= 20
    written = {p.relative_to(clone) for p in clone.rglob("*")} - before
    outside = sorted(str(p) for p in written if p.parts[0] != "out")
    assert not outside, f"README commands wrote outside out/: {outside}"
    assert (clone / "out" / "graph.ttl").is_file() and (clone / "out" / "dung.html").is_file()


@pytest.mark.parametrize("path", ["out/graph.ttl", "out/store"])
def test_readme_output_folder_is_git_ignored(path):
    ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
    assert ignored.returncode == 0, f"{path} is not git-ignored"
