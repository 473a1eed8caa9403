"""Tests of graph/views/stats.py and `govkg stats`: what is in the graph and who is central, on the real seed graph."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from graph.cli import cli
from graph.views.stats import compute_stats, format_stats, person_network

GKR = "https://w3id.org/govkg/id/"
CUONG, DUNG = GKR + "person/tran-quoc-cuong", GKR + "person/tran-tien-dung"
SON, DO, THANG = GKR + "person/mua-a-son", GKR + "person/le-thanh-do", GKR + "person/nguyen-van-thang"
PHU = GKR + "person/nguyen-minh-phu"
CO_CHAIRS = {"Trần Quốc Cường", "Mùa A Sơn", "Lê Thành Đô"}

try:
    from browser_helpers import ttl_graph
except ImportError:  # tests/ imported as a package
    from tests.browser_helpers import ttl_graph  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def seed_stats(seed_graph):
    return compute_stats(seed_graph, top=0)


def test_stats_counts_and_article_dates_of_seed(seed_stats):
    c = seed_stats.counts
    assert (c["articles"], c["people"], c["successions"]) == (2, 7, 1)
    assert c["organisations"] > 5 and c["events"] >= 2 and c["targets"] >= 2 and c["places"] >= 1
    assert (seed_stats.first_date, seed_stats.last_date) == ("2024-07", "2025")
    assert [a["date"] for a in seed_stats.articles] == ["2024-07", "2025"]
    assert seed_stats.articles[0]["title"].startswith("Điện Biên Phủ Strives")


def test_stats_person_network_links_shared_events_and_organisations(seed_graph):
    net = person_network(seed_graph)
    assert net[CUONG][SON]["events"] and net[CUONG][SON]["organisations"]  # co-chaired; same party committee
    assert net[DUNG][THANG]["events"] and not net[DUNG][THANG]["organisations"]  # the ministry's working session
    assert net[CUONG][DUNG]["organisations"] == [GKR + "org/dien-bien-provincial-party-committee"]
    assert not net[CUONG][DUNG]["events"]
    assert not net.has_edge(CUONG, THANG)


@pytest.mark.parametrize("person, degree, events, organisations", [
    (CUONG, 4, 1, 2),  # session with Sơn, Đô, Phú; party committee with Dũng too; Party Central Committee
    (DUNG, 4, 1, 1),   # working session with Thắng; party committee with Cường, Sơn, Đô
    (PHU, 3, 1, 1),
    (THANG, 1, 1, 1),
])
def test_stats_degree_of_seed_people(seed_stats, person, degree, events, organisations):
    p = seed_stats.person(person)
    assert (p.degree, p.events, p.organisations) == (degree, events, organisations)
    assert p.degree_centrality == pytest.approx(degree / (seed_stats.network["people"] - 1), abs=1e-4)


def test_stats_dung_is_the_broker_to_the_finance_minister(seed_stats):
    top = seed_stats.people[0]
    assert top.iri == DUNG and top.name == "Trần Tiến Dũng"
    assert top.betweenness > 2 * seed_stats.person(CUONG).betweenness > 0
    assert seed_stats.person(THANG).betweenness == 0


def test_stats_top_co_chair_pairs_are_the_20th_session_chairs(seed_stats):
    pairs = seed_stats.co_chairs
    assert len(pairs) == 3
    assert {frozenset((p.a_name, p.b_name)) for p in pairs} == {
        frozenset(x) for x in (("Trần Quốc Cường", "Mùa A Sơn"), ("Trần Quốc Cường", "Lê Thành Đô"),
                               ("Mùa A Sơn", "Lê Thành Đô"))}
    for p in pairs:
        assert p.count == 1 and p.a_name < p.b_name
        assert p.events == ("20th session of the 14th Điện Biên Provincial Party Committee",)


def test_stats_co_chair_pairs_rank_by_frequency():
    g = ttl_graph("""
        gkr:person/a a foaf:Person ; foaf:name "An" .  gkr:person/b a foaf:Person ; foaf:name "Bình" .
        gkr:person/c a foaf:Person ; foaf:name "Chi" .
        gkr:event/1 a schema:Event ; schema:name "One" ; gk:chair gkr:person/b, gkr:person/c .
        gkr:event/2 a schema:Event ; schema:name "Two" ; gk:chair gkr:person/b, gkr:person/c, gkr:person/a .
        gkr:event/3 a schema:Event ; schema:name "Three" ; gk:chair gkr:person/c ; schema:attendee gkr:person/a .
    """)
    s = compute_stats(g)
    assert [(p.a_name, p.b_name, p.count) for p in s.co_chairs] == [("Bình", "Chi", 2), ("An", "Bình", 1),
                                                                    ("An", "Chi", 1)]
    assert s.co_chairs[0].events == ("One", "Two")
    assert s.person(GKR + "person/c").events == 3


def test_stats_top_limits_lists(seed_graph):
    s = compute_stats(seed_graph, top=2)
    assert len(s.people) == 2 and len(s.co_chairs) == 2
    assert s.network["people"] == 7


def test_stats_json_is_stable_and_complete(seed_graph, seed_stats):
    text = format_stats(seed_stats, "json")
    assert text == format_stats(compute_stats(seed_graph, top=0), "json")
    data = json.loads(text)
    assert {p["name"] for p in data["people"]} >= CO_CHAIRS | {"Trần Tiến Dũng"}
    assert data["counts"]["people"] == 7 and data["co_chairs"][0]["count"] == 1


def test_stats_cli_table_names_the_central_people(seed_build):
    result = CliRunner().invoke(cli, ["stats", str(seed_build.files["ttl"])])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "What is in the graph:" in out and "Articles (2, dated 2024-07 to 2025)" in out
    central = out.split("Who is central")[1].split("\n")[3]
    assert central.split()[:3] == ["Trần", "Tiến", "Dũng"]
    co = out.split("co-chair most often:")[1]
    assert all(name in co for name in CO_CHAIRS)


@pytest.mark.parametrize("args, message", [
    (["{tmp}/none.ttl"], "none.ttl: no such file"),
    (["{tmp}/g.txt"], "g.txt: unknown RDF file extension"),
    (["{ttl}", "--top", "-3"], "--top must be 0"),
])
def test_stats_cli_errors_are_one_line(seed_build, tmp_path, args, message):
    (tmp_path / "g.txt").write_text("x", encoding="utf-8")
    argv = [a.format(tmp=tmp_path, ttl=seed_build.files["ttl"]) for a in args]
    result = CliRunner().invoke(cli, ["stats", *argv])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
