"""Tests of graph/views/html.py: the view model, the offline single-file page, and its behaviour in real Chromium."""
from __future__ import annotations

import dataclasses
import json
import re
import time
from pathlib import Path

import pytest
from rdflib import Graph

from graph.views.html import (
    DEFAULT_STYLE, KindStyle, ViewStyle, build_view_model, json_for_script, render_html, write_html,
)

try:
    from browser_helpers import (
        ARTIFACTS, SAMPLE_EDGES, SAMPLE_KIND_COUNTS, SAMPLE_NODES, browser, open_html, sample_graph,
        synthetic_graph, ttl_graph,
    )
except ImportError:  # tests/ imported as a package
    from tests.browser_helpers import (  # type: ignore[no-redef]
        ARTIFACTS, SAMPLE_EDGES, SAMPLE_KIND_COUNTS, SAMPLE_NODES, browser, open_html, sample_graph,
        synthetic_graph, ttl_graph,
    )

__all__ = ["browser"]  # the session fixture, imported so pytest finds it

XSS_NAME = 'Evil <script>window.__xss=1</script> "double" \'single\' & co'
XSS_QUOTE = 'He said <img src=x onerror="window.__xss=1"> and </script><script>window.__xss=1</script>\u2028end'
XSS_TTL = f"""
gkr:article/x a gk:Article ; dcterms:title {json.dumps('Title </script><b onmouseover="window.__xss=1">b</b>')} ;
    dcterms:source "javascript:window.__xss=1" .
gkr:person/evil a foaf:Person ; foaf:name {json.dumps(XSS_NAME)} ; gk:nameKey "evil" ;
    skos:altLabel "<svg onload=window.__xss=1>" .
gkr:org/o a org:Organization ; skos:prefLabel "Org <iframe src=javascript:window.__xss=1>" .
gkr:holding/evil/o a org:Membership ; org:member gkr:person/evil ; org:organization gkr:org/o ;
    org:role gkr:role/r ; gk:firstAttested "2024"^^xsd:gYear ; gk:evidence gkr:evidence/x/1-2 .
gkr:role/r skos:prefLabel "Chief<script>window.__xss=1</script>" .
gkr:evidence/x/1-2 a gk:Evidence ; gk:inArticle gkr:article/x ; gk:quote {json.dumps(XSS_QUOTE)} .
"""


# ---------------------------------------------------------------------------------------
# view model and page text (no browser)
# ---------------------------------------------------------------------------------------


def test_html_view_model_counts_nodes_and_edges_of_sample():
    model = build_view_model(sample_graph())
    assert len(model.nodes) == SAMPLE_NODES
    assert len(model.edges) == SAMPLE_EDGES
    counts = {}
    for n in model.nodes.values():
        counts[n.kind] = counts.get(n.kind, 0) + 1
    assert counts == SAMPLE_KIND_COUNTS


@pytest.mark.parametrize(
    ("source", "target", "label", "year_from", "year_to"),
    [
        ("person/tran-quoc-cuong", "post/secretary/dien-bien-provincial-party-committee", "Secretary\n2024-07", 2024, 2024),
        ("person/tran-tien-dung", "post/secretary/dien-bien-provincial-party-committee", "Secretary\n2025", 2025, 2025),
        ("post/minister/ministry-of-finance", "org/ministry-of-finance", "in", None, None),
        ("person/tran-quoc-cuong", "event/20th-session", "chaired, spoke", 2024, 2024),
        ("person/nguyen-van-thang", "event/mof-working-session", "spoke, attended", 2025, 2025),
        ("org/dien-bien-provincial-party-committee", "target/dien-bien-grdp-2025", "set target", None, None),
        ("target/dien-bien-grdp-2025", "place/dien-bien", "applies to", None, None),
        ("observation/dien-bien-grdp-2025-9m", "indicator/grdp-growth-rate", "indicator", None, None),
        ("person/tran-tien-dung", "commitment/a2/1", "proposed", None, None),
        ("org/politburo", "document/directive-no-35-ct-tw", "issued", None, None),
        ("person/tran-quoc-cuong", "person/tran-tien-dung", "succeeded by", 2024, 2025),
    ],
)
def test_html_view_model_edge_labels_and_year_scope(source, target, label, year_from, year_to):
    model = build_view_model(sample_graph())
    found = [e for e in model.edges if (e.source, e.target) == (source, target)]
    assert len(found) == 1, f"expected one edge {source} -> {target}, found {len(found)}"
    e = found[0]
    assert (e.label, e.year_from, e.year_to) == (label, year_from, year_to)


@pytest.mark.parametrize(
    ("node", "label"),
    [
        ("target/dien-bien-grdp-2025", "GRDP growth rate = 7.5% (2025)"),
        ("observation/dien-bien-grdp-2025-9m", "GRDP growth rate: ≈6.76% (2025-01/2025-09)"),
        ("person/tran-tien-dung", "Trần Tiến Dũng"),
        ("document/directive-no-35-ct-tw", "Directive No. 35-CT/TW"),
    ],
)
def test_html_view_model_node_labels(node, label):
    assert build_view_model(sample_graph()).nodes[node].full_name == label


def test_html_holding_evidence_reaches_edge_and_article():
    model = build_view_model(sample_graph())
    edge = next(e for e in model.edges if e.source == "person/tran-tien-dung" and e.target.startswith("post/"))
    quotes = [model.evidence[x]["q"] for x in edge.evidence]
    assert quotes == ["Provincial Party Secretary Trần Tiến Dũng welcomed the finance delegation."]
    article = model.articles[model.evidence[edge.evidence[0]]["a"]]
    assert article["t"] == "Finance minister visits Điện Biên"
    assert ("First attested", "2025") in edge.facts


def test_html_render_is_deterministic_across_parse_orders():
    g1 = sample_graph()
    g2 = Graph().parse(data=g1.serialize(format="nt"), format="nt")  # same triples, another insertion order
    assert render_html(g1) == render_html(g2)


def test_html_render_inlines_vis_network_and_references_no_external_url():
    page = render_html(sample_graph())
    assert "vis-network" in page and "new vis.Network" in page
    refs = re.findall(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])([^"'\s)>]+)""", page)
    external = [r for r in refs if re.match(r"(?i)(https?:)?//", r)]
    assert external == []
    assert "<link" not in page.lower()
    # article links travel only inside the JSON data block
    data = json.loads(re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', page, re.S).group(1))
    assert data["articles"]["article/a1"]["u"] == "https://news.example.vn/a1"


def test_html_json_block_cannot_break_out_of_script():
    page = render_html(ttl_graph(XSS_TTL))
    block = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    data = json.loads(block)
    assert data["details"]["person/evil"]["name"] == XSS_NAME
    assert XSS_QUOTE in [e["q"] for e in data["evidence"].values()]


@pytest.mark.parametrize("text", ["</script>", "a & b", "\u2028\u2029", "<!--", "plain"])
def test_html_json_for_script_round_trips(text):
    encoded = json_for_script({"k": text})
    assert json.loads(encoded) == {"k": text}
    assert not re.search(r"[<>&\u2028\u2029]", encoded)


@pytest.mark.parametrize(
    "make",
    [
        lambda: KindStyle("Person", "red", "dot"),
        lambda: KindStyle("Person", "#12345", "dot"),
        lambda: KindStyle("Person", "#123456", "blob"),
        lambda: ViewStyle(edge_color="#zzzzzz"),
        lambda: ViewStyle(kinds=DEFAULT_STYLE.kinds[:3]),
        lambda: ViewStyle(stabilization_iterations=0),
    ],
)
def test_html_viewstyle_rejects_bad_values(make):
    with pytest.raises(ValueError):
        make()


def test_html_viewstyle_is_frozen_and_styles_change_output():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_STYLE.edge_color = "#000000"  # type: ignore[misc]
    kinds = tuple((k, KindStyle(s.label, "#123456", s.shape) if k == "person" else s) for k, s in DEFAULT_STYLE.kinds)
    page = render_html(sample_graph(), style=ViewStyle(kinds=kinds), title="T & <b>")
    assert '"color":"#123456"' in page
    assert "<title>T &amp; &lt;b&gt;</title>" in page


def test_html_write_html_is_atomic_and_equal_to_render(tmp_path):
    out = tmp_path / "out" / "graph.html"
    write_html(sample_graph(), out, title="sample")
    assert out.read_text(encoding="utf-8") == render_html(sample_graph(), title="sample")
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_html_missing_asset_error_names_the_file(monkeypatch):
    from graph.views import html as gh

    gh._asset.cache_clear()
    with pytest.raises(FileNotFoundError, match="templates/nope.html"):
        gh._asset("graph", "templates/nope.html")


# ---------------------------------------------------------------------------------------
# real Chromium
# ---------------------------------------------------------------------------------------


@pytest.fixture()
def sample_page(browser, tmp_path):
    session = open_html(browser, render_html(sample_graph(), title="govkg sample"), tmp_path / "graph.html")
    yield session
    session.page.close()


def _hidden_counts(page) -> list[int]:
    return page.evaluate(
        "[govkg.nodes.get({filter: n => n.hidden}).length, govkg.edges.get({filter: e => e.hidden}).length]")


@pytest.mark.browser
def test_html_page_loads_offline_with_all_nodes_and_edges(sample_page):
    page = sample_page.page
    assert page.evaluate("[govkg.nodes.length, govkg.edges.length]") == [SAMPLE_NODES, SAMPLE_EDGES]
    kinds = page.evaluate("govkg.nodes.get().reduce((a, n) => (a[n.kind] = (a[n.kind] || 0) + 1, a), {})")
    assert kinds == SAMPLE_KIND_COUNTS
    assert page.evaluate("Object.keys(govkg.network.getPositions()).length") == SAMPLE_NODES
    assert page.evaluate("govkg.network.physics.physicsEnabled") is False  # physics off once laid out
    assert sample_page.errors == []
    assert sample_page.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Tran Tien Dung", "Trần Tiến Dũng"), ("mua a son", "Mùa A Sơn"), ("ministry finance", "Ministry of Finance"),
     ("Điện Biên Provincial Party", "Điện Biên Provincial Party Committee")],
)
def test_html_search_finds_name_typed_without_diacritics(sample_page, typed, expected):
    page = sample_page.page
    page.fill("#search", typed)
    first = page.locator("#search-results button").first
    assert first.locator(".rlabel").text_content() == expected
    page.press("#search", "Enter")
    assert page.locator("#panel h2").text_content() == expected
    selected = page.evaluate("govkg.network.getSelectedNodes()")
    assert [page.evaluate(f"govkg.nodes.get({json.dumps(selected[0])}).label")] == [expected]
    assert sample_page.errors == []


@pytest.mark.browser
def test_html_click_on_node_shows_evidence_sentence_and_source_link(sample_page):
    page = sample_page.page
    node = "person/tran-tien-dung"
    page.evaluate("govkg.network.moveTo({scale: 1.0, animation: false}); govkg.network.focus("
                  f"{json.dumps(node)}, {{scale: 1.0, animation: false}})")
    dom = page.evaluate(f"govkg.network.canvasToDOM(govkg.network.getPosition({json.dumps(node)}))")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
    page.wait_for_function(f"document.getElementById('panel').getAttribute('data-node') === {json.dumps(node)}")
    quotes = page.locator("#panel blockquote").all_text_contents()
    assert "Provincial Party Secretary Trần Tiến Dũng welcomed the finance delegation." in quotes
    assert "Secretary Dũng proposed wider trade quotas for border residents." in quotes
    panel_text = page.locator("#panel").text_content()
    assert "First attested" in panel_text and "2025" in panel_text
    link = page.locator('#panel a[href="https://news.example.vn/a1"]')
    assert link.count() >= 1 and link.first.text_content() == "Điện Biên party committee meets at mid-year"
    assert sample_page.errors == []


@pytest.mark.browser
def test_html_edge_click_handler_shows_holding_dates(sample_page):
    page = sample_page.page
    edge = page.evaluate("govkg.edges.get({filter: e => e.from === 'person/tran-quoc-cuong' && "
                         "e.to.startsWith('post/')})[0].id")
    page.evaluate(f"govkg.showEdge({json.dumps(edge)})")
    text = page.locator("#panel").text_content()
    assert "Secretary" in text and "2024-07" in text
    assert "Party Secretary Trần Quốc Cường opened the mid-year session" in text


@pytest.mark.browser
def test_html_screenshot_is_not_blank(sample_page):
    from PIL import Image, ImageStat

    page = sample_page.page
    page.evaluate("govkg.showNode('person/tran-tien-dung'); govkg.network.selectNodes(['person/tran-tien-dung']);"
                  "govkg.network.fit({animation: false})")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "graph-view.png"
    page.screenshot(path=str(shot))
    img = Image.open(shot).convert("RGB")
    network_box = page.locator("#network").bounding_box()
    canvas = img.crop((int(network_box["x"]), int(network_box["y"]),
                       int(network_box["x"] + network_box["width"]), int(network_box["y"] + network_box["height"])))
    assert len(canvas.getcolors(maxcolors=1 << 20) or []) > 200  # drawn shapes, labels and antialiasing
    assert max(ImageStat.Stat(canvas).stddev) > 10
    # each kind's colour is actually drawn on the canvas
    colours = {c for _, c in canvas.getcolors(maxcolors=1 << 20)}
    for kind in ("person", "organisation", "post", "event"):
        hexcol = DEFAULT_STYLE.kind(kind).color
        rgb = tuple(int(hexcol[i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"{kind} colour {hexcol} not drawn"


@pytest.mark.browser
def test_html_xss_payload_is_shown_as_text(browser, tmp_path):
    session = open_html(browser, render_html(ttl_graph(XSS_TTL)), tmp_path / "xss.html")
    page = session.page
    try:
        page.evaluate("govkg.select('person/evil')")
        assert page.locator("#panel h2").text_content() == XSS_NAME
        assert XSS_QUOTE in page.locator("#panel blockquote").all_text_contents()
        page.fill("#search", "evil")
        assert page.locator("#search-results .rlabel").first.text_content().startswith("Evil <script>")
        page.evaluate("govkg.select('org/o')")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.locator("#panel img, #panel script, #panel iframe, #panel svg, #search-results img").count() == 0
        assert page.locator('a[href^="javascript"]').count() == 0
        assert session.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_html_type_toggle_hides_nodes_and_their_edges(sample_page):
    page = sample_page.page
    assert _hidden_counts(page) == [0, 0]
    page.uncheck('#legend input[data-kind="person"]')
    assert _hidden_counts(page) == [4, 10]
    assert page.evaluate("govkg.nodes.get({filter: n => n.hidden}).every(n => n.kind === 'person')")
    page.uncheck('#legend input[data-kind="place"]')
    assert _hidden_counts(page)[0] == 5
    page.check('#legend input[data-kind="person"]')
    page.check('#legend input[data-kind="place"]')
    assert _hidden_counts(page) == [0, 0]
    assert page.locator("#stats").text_content() == f"{SAMPLE_NODES} of {SAMPLE_NODES} nodes · {SAMPLE_EDGES} of {SAMPLE_EDGES} links"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("year", "hidden_nodes", "hidden_edges", "gone"),
    [("2024", ["event/mof-working-session"], 6, "person/tran-tien-dung"),
     ("2025", ["event/20th-session"], 6, "person/tran-quoc-cuong"),
     ("", [], 0, None)],
)
def test_html_year_filter_hides_time_scoped_edges(sample_page, year, hidden_nodes, hidden_edges, gone):
    page = sample_page.page
    page.select_option("#year", year)
    assert page.evaluate("govkg.nodes.get({filter: n => n.hidden}).map(n => n.id)") == hidden_nodes
    assert _hidden_counts(page)[1] == hidden_edges
    holding_shown = page.evaluate(
        "govkg.edges.get({filter: e => !e.hidden && e.to === 'post/secretary/dien-bien-provincial-party-committee'})"
        ".map(e => e.from)")
    expected = {"person/tran-quoc-cuong", "person/tran-tien-dung"} - ({gone} if gone else set())
    assert set(holding_shown) == expected
    # the succession edge spans 2024-2025 and stays visible in both years
    assert page.evaluate("govkg.edges.get({filter: e => e.label === 'succeeded by'})[0].hidden") is False


@pytest.mark.browser
def test_html_target_leaves_cluster_and_open_on_select(browser, tmp_path):
    body = "gkr:place/hub a schema:Place ; schema:name \"Hub Province\" .\n" + "".join(
        f"gkr:target/t{i} a gk:Target ; gk:value {i} ; gk:unit \"percent\" ; gk:appliesTo gkr:place/hub .\n"
        for i in range(10))
    session = open_html(browser, render_html(ttl_graph(body)), tmp_path / "cluster.html")
    page = session.page
    try:
        assert page.evaluate("govkg.clusters") == ["cluster:place/hub"]
        assert page.evaluate("govkg.isCluster('cluster:place/hub')") is True
        assert page.evaluate("govkg.network.clustering.findNode('target/t3').length") == 2
        page.evaluate("govkg.select('target/t3')")
        assert page.evaluate("govkg.isCluster('cluster:place/hub')") is False
        assert page.locator("#panel h2").text_content() == "indicator 3%"
        assert session.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_html_large_graph_becomes_interactive_in_bounded_time(browser, tmp_path):
    graph = synthetic_graph()
    t0 = time.perf_counter()
    page_text = render_html(graph)
    render_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    session = open_html(browser, page_text, tmp_path / "large.html", wait_ready=True, timeout_ms=90_000)
    ready_s = time.perf_counter() - t1
    page = session.page
    try:
        n_nodes, n_edges, in_page_ms, physics = page.evaluate(
            "[govkg.nodes.length, govkg.edges.length, govkg.stabilisedMs, govkg.network.physics.physicsEnabled]")
        print(f"\nlarge graph: {n_nodes} nodes, {n_edges} edges; render_html {render_s:.2f} s; "
              f"browser ready after {ready_s:.2f} s (in-page {in_page_ms} ms)")
        assert n_nodes == 5000
        assert n_edges > 6000
        assert physics is False
        assert ready_s < 60
        t2 = time.perf_counter()
        page.evaluate("govkg.setKind('person', false)")
        assert page.evaluate("govkg.nodes.get({filter: n => n.hidden}).length") == 2300
        assert time.perf_counter() - t2 < 10
        assert page.evaluate("govkg.search('nguyen van so 1234')")[0] == "person/x1234"
        assert session.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_html_contract_sample_fixture_renders_with_evidence(browser, tmp_path):
    fixture = Path(__file__).resolve().parent / "fixtures" / "contract_sample.ttl"
    graph = Graph().parse(fixture, format="turtle")
    model = build_view_model(graph)
    kinds = {n.kind for n in model.nodes.values()}
    assert {"person", "organisation", "post", "event", "target"} <= kinds
    assert any(e.label == "succeeded by" for e in model.edges)
    session = open_html(browser, render_html(graph), tmp_path / "contract.html")
    page = session.page
    try:
        assert page.evaluate("[govkg.nodes.length, govkg.edges.length]") == [len(model.nodes), len(model.edges)]
        page.fill("#search", "Tran Quoc Cuong")
        page.press("#search", "Enter")
        assert page.locator("#panel h2").text_content() == "Trần Quốc Cường"
        assert page.locator("#panel blockquote").count() >= 1
        assert session.errors == [] and session.external_requests == []
    finally:
        page.close()
