"""notebooks/explore.ipynb runs top to bottom in a real Jupyter kernel (nbclient) and shows what it promises."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient

from graph.store.query import list_named

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _text(output) -> str:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    return "\n".join(str(data[k]) for k in ("text/plain", "text/html", "text/markdown") if k in data)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after running every cell in the python3 kernel, from notebooks/ as Jupyter would."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # ipc transport: a local socket file instead of TCP ports (no port races; no unencrypted-TCP warning)
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(tmp_path_factory.mktemp("kernel") / "k"))
    client = NotebookClient(nb, km=km, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    t0 = time.perf_counter()
    try:
        client.execute()
        seconds = time.perf_counter() - t0
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=False)
    print(f"\nnotebook ran in {seconds:.1f} s")
    return nb, seconds


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 6
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"cell with outputs: {cell.source[:60]!r}"
    assert nb.metadata.kernelspec.name == "python3"


def test_notebook_runs_top_to_bottom_without_errors(executed):
    nb, seconds = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    stderr = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    assert seconds < 60


def test_notebook_shows_every_competency_query_with_rows(executed):
    nb, _ = executed
    text = "\n".join(_text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    for name, (question, _params) in list_named().items():
        assert f"`{name}`: {question}" in text, name
    # the seed graph's real answers
    assert "Trần Quốc Cường" in text and "Trần Tiến Dũng" in text
    assert "Secretary of the Điện Biên Provincial Party Committee" in text
    assert "<table><thead><tr><th>" in text  # HTML tables for the notebook UI


def test_notebook_shows_network_analysis_and_embedded_view(executed):
    nb, _ = executed
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    text = "\n".join(_text(o) for o in outputs)
    assert "Who is central" in text and "co-chair most often" in text
    assert "Nguyễn Văn Thắng — Trần Tiến Dũng" in text  # the link only the working session makes
    assert "edges by relation:" in text and "'succeeded by': 1" in text
    frames = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})
              and o.data["text/html"].startswith("<iframe srcdoc=")]
    assert len(frames) == 2  # the network view and the timeline
    view, timeline = frames
    assert "vis-network" in view or "vis.Network" in view
    assert "Trần Tiến Dũng" in timeline
