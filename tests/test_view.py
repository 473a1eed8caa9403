"""Tests of graph/views/view.py: neighbourhood/size selection and the posts-over-time timeline page."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from graph.views.html import build_view_model
from graph.views.view import parse_partial_date, render_timeline_html, select_subgraph, write_timeline_html

try:
    from browser_helpers import CHROMIUM, browser, open_html, sample_graph, synthetic_graph, ttl_graph
except ImportError:  # tests/ imported as a package
    from tests.browser_helpers import (  # type: ignore[no-redef]
        CHROMIUM, browser, open_html, sample_graph, synthetic_graph, ttl_graph,
    )

__all__ = ["browser", "CHROMIUM"]


def _node_ids(graph) -> set[str]:
    return set(build_view_model(graph).nodes)


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("Tran Tien Dung", 0, {"person/tran-tien-dung"}),
        ("tran tien dung", 1, {"person/tran-tien-dung", "person/tran-quoc-cuong", "commitment/a2/1",
                               "event/mof-working-session", "post/secretary/dien-bien-provincial-party-committee"}),
        ("Trần Tiến Dũng", 1, {"person/tran-tien-dung", "person/tran-quoc-cuong", "commitment/a2/1",
                               "event/mof-working-session", "post/secretary/dien-bien-provincial-party-committee"}),
        ("ministry of finance", 1, {"org/ministry-of-finance", "post/minister/ministry-of-finance",
                                    "event/mof-working-session", "commitment/a2/1"}),
    ],
)
def test_view_select_subgraph_focus_matches_without_diacritics(focus, depth, expected):
    assert _node_ids(select_subgraph(sample_graph(), focus, depth, None, 100)) == expected


def test_view_select_subgraph_keeps_facts_and_evidence_between_kept_nodes():
    sub = select_subgraph(sample_graph(), "Tran Tien Dung", 1, None, 100)
    model = build_view_model(sub)
    holding = [e for e in model.edges if e.source == "person/tran-tien-dung" and e.target.startswith("post/")]
    assert len(holding) == 1 and holding[0].evidence == ["evidence/a2/0-80"]
    # Cường is kept, but his holding points at a kept post: kept; Sơn's holding and its evidence are gone
    texts = {str(o) for o in sub.objects()}
    assert "Permanent Deputy Secretary Mùa A Sơn co-chaired the meeting." not in texts
    assert "Provincial Party Secretary Trần Tiến Dũng welcomed the finance delegation." in texts


def test_view_select_subgraph_types_filter_and_budget():
    sub = select_subgraph(sample_graph(), None, 0, {"person", "post", "organisation"}, 5)
    ids = _node_ids(sub)
    assert len(ids) == 5
    assert {i.split("/")[0] for i in ids} <= {"person", "post", "org"}
    # the best-connected part comes first: the party committee and its Secretary post
    assert {"org/dien-bien-provincial-party-committee", "post/secretary/dien-bien-provincial-party-committee"} <= ids


def test_view_select_subgraph_large_graph_prefers_core_and_largest_component():
    extra = ttl_graph("gkr:person/lonely a foaf:Person ; foaf:name \"Lonely Person\" .")
    graph = synthetic_graph(n_places=5, orgs_per_place=2, posts_per_org=2, persons=40, events=10, targets=30,
                            observations=5) + extra
    full = build_view_model(graph)
    assert len(full.nodes) > 100
    sub_ids = _node_ids(select_subgraph(graph, None, 0, None, 60))
    assert len(sub_ids) == 60
    assert "person/lonely" not in sub_ids  # isolated node: smallest component, left out
    kinds = {i.split("/")[0] for i in sub_ids}
    assert "target" not in kinds and "observation" not in kinds  # leaves come after the core


def test_view_select_subgraph_returns_everything_when_small():
    graph = sample_graph()
    sub = select_subgraph(graph, None, 0, None, 1000)
    assert len(sub) == len(graph)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"focus": "Nobody Here", "depth": 1, "types": None, "max_nodes": 10}, LookupError),
        ({"focus": None, "depth": -1, "types": None, "max_nodes": 10}, ValueError),
        ({"focus": None, "depth": 1, "types": None, "max_nodes": 0}, ValueError),
        ({"focus": None, "depth": 1, "types": {"persons"}, "max_nodes": 10}, ValueError),
        ({"focus": "Tran Tien Dung", "depth": 1, "types": {"organisation"}, "max_nodes": 10}, LookupError),
    ],
)
def test_view_select_subgraph_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error):
        select_subgraph(sample_graph(), **kwargs)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2024-07-05", False, dt.date(2024, 7, 5)), ("2024-07", False, dt.date(2024, 7, 1)),
     ("2024-02", True, dt.date(2024, 2, 29)), ("2025", True, dt.date(2025, 12, 31)), ("2025", False, dt.date(2025, 1, 1)),
     ("no date", False, None), (None, False, None)],
)
def test_view_parse_partial_date(value, end, expected):
    assert parse_partial_date(value, end=end) == expected


class _Collect(HTMLParser):
    """Collects sections (post titles) with their holding bars and successions."""

    def __init__(self):
        super().__init__()
        self.sections: list[dict] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.sections.append({"title": "", "bars": 0, "succ": [], "marks": 0})
        elif tag == "h2":
            self._in = "title"
        elif tag == "g" and a.get("class") == "holding":
            self.sections[-1]["bars"] += 1
        elif tag == "g" and a.get("class") == "succession":
            self.sections[-1]["marks"] += 1
        elif tag == "li" and a.get("class") == "succession":
            self._in = "succ"
            self.sections[-1]["succ"].append("")
        elif tag in ("script", "img", "iframe"):
            raise AssertionError(f"unexpected <{tag}> in timeline")

    def handle_endtag(self, tag):
        if tag in ("h2", "li"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.sections[-1]["title"] += data
        elif self._in == "succ":
            self.sections[-1]["succ"][-1] += data


def test_view_timeline_draws_holders_and_marks_successions():
    page = render_timeline_html(sample_graph())
    parser = _Collect()
    parser.feed(page)
    by_title = {s["title"]: s for s in parser.sections}
    # latest change first: the succession (not after 2025-09-30), the minister (2025), the deputy (2024-07)
    assert list(by_title) == ["Secretary of the Điện Biên Provincial Party Committee", "Minister of Finance",
                              "Permanent Deputy Secretary of the Điện Biên Provincial Party Committee"]
    sec = by_title["Secretary of the Điện Biên Provincial Party Committee"]
    assert sec["bars"] == 2 and sec["marks"] == 1
    assert sec["succ"] == ["Trần Quốc Cường → Trần Tiến Dũng, between 2024-07-05 and 2025-09-30"]
    assert by_title["Minister of Finance"]["bars"] == 1 and by_title["Minister of Finance"]["succ"] == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)


def test_view_timeline_bar_order_and_extent_follow_dates():
    page = render_timeline_html(sample_graph())
    section = page.split("<h2>Secretary of the Điện Biên Provincial Party Committee</h2>")[1].split("</section>")[0]
    names = re.findall(r'text-anchor="end">([^<]+)</text>', section)
    assert names == ["Trần Quốc Cường", "Trần Tiến Dũng"]
    bars = [(float(x), float(w)) for x, w in re.findall(r'class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', section)]
    assert bars[0][0] < bars[1][0]  # 2024-07 starts before 2025
    assert bars[1][1] > bars[0][1] * 5  # a whole year is much longer than one month


def test_view_timeline_uses_member_during_and_escapes_text(tmp_path):
    g = ttl_graph("""
gkr:person/x a foaf:Person ; foaf:name "A <b>bold</b> & \\"quoted\\" name" .
gkr:post/p a org:Post ; skos:prefLabel "Post <script>alert(1)</script>" .
gkr:holding/x a org:Membership ; org:member gkr:person/x ; gk:post gkr:post/p ;
    org:memberDuring gkr:holding/x/during .
gkr:holding/x/during a time:Interval ; time:hasBeginning gkr:holding/x/during/begin ; time:hasEnd gkr:holding/x/during/end .
gkr:holding/x/during/begin a time:Instant ; time:inXSDDate "2019-03-01"^^xsd:date .
gkr:holding/x/during/end a time:Instant ; time:inXSDDate "2021-06-30"^^xsd:date .
""")
    page = render_timeline_html(g)
    assert "<script>" not in page and "<b>" not in page
    assert "Post &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34; name" in page  # Jinja2 writes " as &#34;
    assert ">2019<" in page and ">2021<" in page
    out = write_timeline_html(g, tmp_path / "timeline.html")
    assert out.read_text(encoding="utf-8") == page


def test_view_timeline_of_graph_without_posts_says_so():
    page = render_timeline_html(ttl_graph('gkr:person/x a foaf:Person ; foaf:name "X" .'))
    assert "No posts with dated holders" in page


@pytest.mark.browser
def test_view_timeline_renders_in_chromium_without_errors(browser, tmp_path):
    session = open_html(browser, render_timeline_html(sample_graph()), tmp_path / "timeline.html", wait_ready=False)
    page = session.page
    try:
        assert page.locator("section.post").count() == 3
        assert page.locator("g.holding rect.bar").count() == 4
        box = page.locator("g.succession rect").first.bounding_box()
        assert box is not None and box["width"] > 10
        assert session.errors == [] and session.external_requests == []
    finally:
        page.close()


@pytest.mark.browser
def test_view_focused_subgraph_renders_in_chromium(browser, tmp_path):
    from graph.views.html import render_html

    sub = select_subgraph(sample_graph(), "Tran Quoc Cuong", 1, None, 50)
    session = open_html(browser, render_html(sub), tmp_path / "focus.html")
    page = session.page
    try:
        expected = _node_ids(sub)
        assert set(page.evaluate("govkg.nodes.getIds()")) == expected
        assert "person/tran-quoc-cuong" in expected and "person/mua-a-son" not in expected
        assert session.errors == []
    finally:
        page.close()
