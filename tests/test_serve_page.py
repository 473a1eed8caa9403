"""The query page of `govkg serve` (YASGUI from local files) in real headless Chromium, offline.

Every run writes tests/artifacts/query-page.png; with GOVKG_REFRESH_DOCS=1 it also replaces docs/query-page.png
(the README's picture), as tests/test_readme_screenshots.py does for the graph view.
"""

from __future__ import annotations

import os
import shutil
import urllib.request
from pathlib import Path

import pytest

from graph.store.query import list_named
from graph.store.serve import ASSETS_DIR

try:
    from browser_helpers import ARTIFACTS, browser
    from test_serve_pool import Running
except ImportError:  # tests/ imported as a package
    from tests.browser_helpers import ARTIFACTS, browser  # type: ignore[no-redef]
    from tests.test_serve_pool import Running  # type: ignore[no-redef]

__all__ = ["browser"]  # the session fixture, imported so pytest finds it

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_serve_page_without_assets_says_how_to_install(seed_build, tmp_path):
    with Running(seed_build.files["trig"], workers=1, assets=tmp_path) as server:
        with urllib.request.urlopen(server.url.replace("/sparql", "/"), timeout=30) as resp:
            body = resp.read().decode("utf-8")
    assert body.count("\n") == 1 and "make assets" in body and "@triply/yasgui@" in body


@pytest.mark.browser
@pytest.mark.skipif(not (ASSETS_DIR / "yasgui.min.js").is_file(), reason="YASGUI not installed: run `make assets`")
def test_serve_page_runs_a_query_in_yasgui(browser, seed_build):
    with Running(seed_build.files["trig"], workers=2) as server:
        home = server.url.replace("/sparql", "/")
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        external, errors = [], []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def route(r):
            if r.request.url.startswith(home):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        try:
            page.goto(home)
            page.wait_for_function("window.govkg && window.govkg.yasgui", timeout=60_000)
            tabs = page.locator(".tabsList").inner_text()
            for name in list_named():
                assert name in tabs, f"no example tab for the shipped query {name!r}"
            page.locator(".yasqe_queryButton").first.click()
            table = page.locator(".yasr table.dataTable")
            table.wait_for(timeout=60_000)
            page.wait_for_function(
                "document.querySelector('.yasr table.dataTable').innerText.includes('Trần Quốc Cường')",
                timeout=60_000)
            assert "Trần Tiến Dũng" in table.inner_text()
            # a shipped query from its tab: the succession on the seed graph
            page.locator(".tabsList a", has_text="successions").first.click()
            page.locator(".tabPanel.active .yasqe_queryButton").click()
            page.wait_for_function(
                "[...document.querySelectorAll('.tabPanel.active .yasr table.dataTable')]"
                ".some(t => t.innerText.includes('Trần Tiến Dũng'))", timeout=60_000)
            page.locator(".tabsList a").first.click()
            page.wait_for_timeout(300)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "query-page.png"
            page.screenshot(path=str(shot))
        finally:
            page.close()
    assert not external, f"the page tried to reach the network: {external}"
    assert not errors, errors
    if os.environ.get("GOVKG_REFRESH_DOCS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS / "query-page.png")
