"""The README's pictures: the real seed graph's view and timeline, rendered in headless Chromium.

Every run writes them to tests/artifacts/; with GOVKG_REFRESH_DOCS=1 they also replace docs/graph-view.png,
docs/timeline.png and docs/site-*.png (committed), so a normal test run never rewrites committed files:

    GOVKG_REFRESH_DOCS=1 .venv/bin/python -m pytest -q tests/test_readme_screenshots.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph.views.html import render_html
from graph.views.view import render_timeline_html

try:
    from browser_helpers import ARTIFACTS, browser, open_html
except ImportError:  # tests/ imported as a package
    from tests.browser_helpers import ARTIFACTS, browser, open_html  # type: ignore[no-redef]

__all__ = ["browser"]  # the session fixture, imported so pytest finds it

DOCS = Path(__file__).resolve().parent.parent / "docs"
REFRESH = os.environ.get("GOVKG_REFRESH_DOCS") == "1"
FOCUS = "person/tran-tien-dung"  # the node selected in the picture: its details fill the side panel


def _check_not_blank(path: Path, min_colours: int) -> None:
    from PIL import Image, ImageStat

    img = Image.open(path).convert("RGB")
    assert img.size[0] >= 1000 and img.size[1] >= 500
    assert len(img.getcolors(maxcolors=1 << 22) or []) > min_colours
    assert max(ImageStat.Stat(img).stddev) > 10


def _publish(shot: Path, name: str) -> None:
    if REFRESH:
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS / name)


@pytest.mark.browser
def test_readme_screenshots_graph_view_of_seed_graph(browser, seed_graph, tmp_path):
    session = open_html(browser, render_html(seed_graph, title="govkg — two seed articles"), tmp_path / "graph.html",
                        viewport=(1400, 820))
    page = session.page
    try:
        # select the node (fills the side panel), then show most of the graph at a readable zoom
        page.evaluate(f"govkg.select('{FOCUS}')")
        page.wait_for_timeout(500)
        page.evaluate("govkg.network.fit({animation: false});"
                      "govkg.network.moveTo({scale: govkg.network.getScale() * 1.3, animation: false})")
        page.wait_for_timeout(200)
        panel = page.locator("#panel").inner_text()
        assert "Trần Tiến Dũng" in panel
        assert session.errors == [] and session.external_requests == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "readme-graph-view.png"
        page.screenshot(path=str(shot))
        _check_not_blank(shot, 500)
        _publish(shot, "graph-view.png")
    finally:
        page.close()


@pytest.mark.browser
def test_readme_screenshots_timeline_of_seed_graph(browser, seed_graph, tmp_path):
    session = open_html(browser, render_timeline_html(seed_graph), tmp_path / "timeline.html", wait_ready=False,
                        viewport=(1100, 700))
    page = session.page
    try:
        page.wait_for_load_state("load")
        text = page.inner_text("body")
        assert "Secretary of the Điện Biên Provincial Party Committee" in text
        assert "Trần Quốc Cường → Trần Tiến Dũng" in text
        assert session.errors == [] and session.external_requests == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "readme-timeline.png"
        page.screenshot(path=str(shot), full_page=True)
        _check_not_blank(shot, 50)
        _publish(shot, "timeline.png")
    finally:
        page.close()


@pytest.mark.browser
def test_readme_screenshots_site_of_seed_graph(browser, seed_graph, tmp_path):
    """The site's landing page, Trần Tiến Dũng's page and his neighbourhood graph (docs/site-*.png)."""
    from graph.views.site import write_site

    write_site(seed_graph, tmp_path / "site")
    shots = (("index.html", "site-landing.png", "Who leads now", False),
             ("person/tran-tien-dung.html", "site-person.png", "Posts held", True),
             ("graph.html#person/tran-tien-dung", "site-graph.png", "Trần Tiến Dũng", False))  # 2 hops, below
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for rel, name, expect, full in shots:
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            page.goto((tmp_path / "site").as_uri() + "/" + rel)
            page.wait_for_load_state("load")
            if rel.startswith("graph.html"):
                page.wait_for_function("window.govkg && window.govkg.ready === true", timeout=30_000)
                page.select_option("#hops", "2")
                page.wait_for_function("window.govkg.ready === true", timeout=30_000)
            else:  # open the evidence of the posts, so the picture shows the sentences
                page.evaluate("document.querySelectorAll('#posts details').forEach(d => d.open = true)")
            assert expect in page.inner_text("body")
            assert errors == []
            shot = ARTIFACTS / f"readme-{name}"
            page.screenshot(path=str(shot), full_page=full)
            _check_not_blank(shot, 50)
            _publish(shot, name)
        finally:
            page.close()
