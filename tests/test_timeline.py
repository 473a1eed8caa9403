"""graph.views.timeline and `govkg timeline`: each multi-article corpus in tests/corpora/ runs through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import cli
from graph.store.query import run_named
from graph.views.timeline import TimelineError, find_posts, format_timeline, timeline

CORPORA = Path(__file__).resolve().parent / "corpora"
_BUILT: dict[str, object] = {}


@pytest.fixture(scope="session")
def built(tmp_path_factory, nlp):  # noqa: ARG001 (nlp: the model is loaded once, first)
    """name -> BuildResult of `govkg build tests/corpora/NAME`, built once per session."""
    from graph.pipeline import build

    def get(name: str):
        if name not in _BUILT:
            _BUILT[name] = build([CORPORA / name], tmp_path_factory.mktemp(name), html=False)
        return _BUILT[name]

    return get


def graph_of(built, name: str) -> Graph:
    return Graph().parse(built(name).files["ttl"], format="turtle")


DIEN_BIEN = """\
post                                                          holder           first attested  last attested  start       end  articles  conf.
------------------------------------------------------------  ---------------  --------------  -------------  ----------  ---  --------  -----
Deputy Secretary of the Điện Biên Provincial Party Committee  Lê Thành Đô      2024-07-05      2024-07-05                      1         0.8
Deputy Secretary of the Điện Biên Provincial Party Committee  Trần Tiến Dũng   2024-07-05      2024-07-05                      1         0.8
Secretary of the Điện Biên Provincial Party Committee         Trần Quốc Cường  2024-07-05      2024-07-05                      3         0.99
Secretary of the Điện Biên Provincial Party Committee         Trần Tiến Dũng   2025-10-20      2026-03-02     2025-10-15       3         0.99

Successions:
  Secretary of the Điện Biên Provincial Party Committee: Trần Quốc Cường → Trần Tiến Dũng, changed between 2024-07-05 and 2025-10-15; stated in [a2_new_secretary]

Leadership statements:
  2025-10-15  election    Election of Trần Tiến Dũng as Secretary of the Điện Biên Provincial Party Committee [a2_new_secretary]
  undated     transfer    Trần Quốc Cường hands over Secretary of the Điện Biên Provincial Party Committee to Trần Tiến Dũng [a2_new_secretary]
"""


def test_timeline_succession_deputies_former_and_undated_exact(built):
    """Succession with an explicit election date; two concurrent deputies (no succession); "former" after the
    change does not reopen Cường's tenure (last attested stays 2024-07-05); the undated article only adds to
    Dũng's article count; ASCII spellings merge with the diacritic ones."""
    assert format_timeline(timeline(graph_of(built, "dien_bien_secretary"))) == DIEN_BIEN


def test_timeline_person_without_diacritics_gives_deputy_then_head(built):
    out = format_timeline(timeline(graph_of(built, "dien_bien_secretary"), person="Tran Tien Dung"))
    assert out == """\
post                                                          holder          first attested  last attested  start       end  articles  conf.
------------------------------------------------------------  --------------  --------------  -------------  ----------  ---  --------  -----
Deputy Secretary of the Điện Biên Provincial Party Committee  Trần Tiến Dũng  2024-07-05      2024-07-05                      1         0.8
Secretary of the Điện Biên Provincial Party Committee         Trần Tiến Dũng  2025-10-20      2026-03-02     2025-10-15       3         0.99

Successions:
  Secretary of the Điện Biên Provincial Party Committee: Trần Quốc Cường → Trần Tiến Dũng, changed between 2024-07-05 and 2025-10-15; stated in [a2_new_secretary]

Leadership statements:
  2025-10-15  election    Election of Trần Tiến Dũng as Secretary of the Điện Biên Provincial Party Committee [a2_new_secretary]
"""


@pytest.mark.parametrize("query", [
    "Secretary of the Điện Biên Provincial Party Committee",
    "secretary of the dien bien provincial party committee",
    "Điện Biên Party chief",
    "Party chief of Điện Biên",
    "Dien Bien Party Secretary",
    "Provincial Party Secretary",
    "Secretary of the Điện Biên provincial Party Committee",
])
def test_timeline_post_any_phrasing_finds_the_one_post(built, query):
    g = graph_of(built, "dien_bien_secretary")
    assert [str(p) for p in find_posts(g, query)] == [
        "https://w3id.org/govkg/id/post/secretary/dien-bien-provincial-party-committee"]
    tl = timeline(g, post=query)
    assert [(t.holder, t.first_attested) for t in tl.tenures] == [("Trần Quốc Cường", "2024-07-05"),
                                                                  ("Trần Tiến Dũng", "2025-10-20")]


def test_timeline_conflict_and_acting_holder_exact(built):
    out = format_timeline(timeline(graph_of(built, "lai_chau_chairman")))
    assert out == """\
post                                                    holder                first attested  last attested  start  end  articles  conf.
------------------------------------------------------  --------------------  --------------  -------------  -----  ---  --------  -----
Chairman of the Lai Châu Provincial People's Committee  Hoàng Văn Khải        2025-03-10      2025-03-25                 2         0.96
Chairman of the Lai Châu Provincial People's Committee  Vũ Đức Minh           2025-03-18      2025-03-18                 1         0.8
Chairman of the Lai Châu Provincial People's Committee  Đỗ Thị Hạnh (acting)  2025-04-02      2025-04-02                 1         0.8

Conflicts:
  Chairman of the Lai Châu Provincial People's Committee: Hoàng Văn Khải and Vũ Đức Minh both attested at overlapping dates [b1_investment_forum, b2_flood_meeting, b3_tea_festival]
"""


def test_timeline_namesakes_kept_apart_and_handover_on_one_day(built):
    g = graph_of(built, "namesakes")
    assert format_timeline(timeline(g)) == """\
post                                            holder          first attested  last attested  start       end         articles  conf.
----------------------------------------------  --------------  --------------  -------------  ----------  ----------  --------  -----
Director of the Lai Châu Department of Finance  Nguyen Van Hai  2025-05-20      2025-05-20                 2025-09-01  2         0.96
Director of the Lai Châu Department of Finance  Tòng Thị Thu    2025-09-03      2025-09-03     2025-09-01              1         0.8

Successions:
  Director of the Lai Châu Department of Finance: Nguyen Van Hai → Tòng Thị Thu, changed between 2025-09-01 and 2025-09-01; stated in [c4_lai_chau_appointment]

Leadership statements:
  2025-09-01  appointment Appointment of Tòng Thị Thu as Director of the Lai Châu Department of Finance [c4_lai_chau_appointment]
"""
    person = timeline(g, person="Nguyen Van Hai")
    assert [(t.holder, t.post, t.end) for t in person.tenures] == [
        ("Nguyen Van Hai [nguyen-van-hai-lai-chau]", "Director of the Lai Châu Department of Finance", "2025-09-01"),
        ("Nguyễn Văn Hải [nguyen-van-hai-son-la]", "Vice Chairman of the Sơn La Provincial People's Committee",
         "2025-08-01"),
        ("Nguyễn Văn Hải [nguyen-van-hai]", "Member of the Party Central Committee", ""),
    ]


@pytest.mark.parametrize("value, not_before, not_after, shown", [
    ("2025", "2025-09-30", "2025-12-31", "2025 (not before 2025-09-30)"),
    ("2024-07", "2024-07-05", "2024-07-31", "2024-07 (not before 2024-07-05)"),
    ("2025", "2025-01-01", "2025-06-30", "2025 (not after 2025-06-30)"),
    ("2025", "2025-03-01", "2025-06-30", "2025 (between 2025-03-01 and 2025-06-30)"),
    ("2025-10-20", "2025-10-20", "2025-10-20", "2025-10-20"),
    ("2025", None, None, "2025"),
])
def test_timeline_dates_shown_as_bounds_not_false_precision(value, not_before, not_after, shown):
    from graph.views.timeline import bounded

    assert bounded(value, not_before, not_after) == shown


def test_timeline_seed_dates_show_bounds(seed_graph):
    tl = timeline(seed_graph)
    assert [(t.holder, t.first_attested) for t in tl.tenures] == [
        ("Trần Quốc Cường", "2024-07 (not before 2024-07-05)"),
        ("Trần Tiến Dũng", "2025 (not before 2025-09-30)"),
    ]
    assert [(s.predecessor, s.successor, s.not_before, s.not_after) for s in tl.successions] == [
        ("Trần Quốc Cường", "Trần Tiến Dũng", "2024-07-05", "2025-12-31")]


def test_timeline_csv_and_json(built):
    g = graph_of(built, "lai_chau_chairman")
    csv_text = format_timeline(timeline(g, person="Do Thi Hanh"), "csv")
    assert csv_text.splitlines() == [
        "section,post,person,status,first_attested,last_attested,start,end,articles,note",
        "tenure,Chairman of the Lai Châu Provincial People's Committee,Đỗ Thị Hạnh,acting,2025-04-02,2025-04-02,,,1,",
    ]
    doc = json.loads(format_timeline(timeline(g), "json"))
    assert [c["holders"] for c in doc["conflicts"]] == [["Hoàng Văn Khải", "Vũ Đức Minh"]]
    assert doc["conflicts"][0]["articles"] == ["b1_investment_forum", "b2_flood_meeting", "b3_tea_festival"]
    assert [t["holder"] for t in doc["tenures"]] == ["Hoàng Văn Khải", "Vũ Đức Minh", "Đỗ Thị Hạnh"]


def test_timeline_agrees_with_competency_queries(built):
    """CQ1 (post-holders), CQ2 (person-posts) and CQ3 (successions) return what the timeline shows."""
    g = graph_of(built, "dien_bien_secretary")
    post = "Secretary of the Điện Biên Provincial Party Committee"
    tl = timeline(g, post=post)
    holders = run_named(g, "post-holders", {"post": post})
    got = sorted({(r["name"], str(r["firstAttested"]), str(r["lastAttested"])) for r in holders.dicts()})
    assert got == sorted((t.holder, t.first_attested, t.last_attested) for t in tl.tenures)
    posts = run_named(g, "person-posts", {"person": "Tran Tien Dung"}).dicts()
    assert [r["postLabel"] for r in posts] == [t.post for t in timeline(g, person="Tran Tien Dung").tenures]
    succ = run_named(g, "successions").dicts()
    assert {(r["predecessorName"], r["successorName"], str(r["notBefore"]), str(r["notAfter"])) for r in succ} == {
        (s.predecessor, s.successor, s.not_before, s.not_after) for s in tl.successions}


def test_timeline_cli_table_filters_and_errors(built):
    ttl = str(built("dien_bien_secretary").files["ttl"])
    runner = CliRunner()
    res = runner.invoke(cli, ["timeline", ttl, "--wide"])
    assert res.exit_code == 0 and res.output == DIEN_BIEN
    res = runner.invoke(cli, ["timeline", ttl, "--post", "Điện Biên Party chief", "--format", "json"])
    assert res.exit_code == 0
    assert [t["holder"] for t in json.loads(res.output)["tenures"]] == ["Trần Quốc Cường", "Trần Tiến Dũng"]
    res = runner.invoke(cli, ["timeline", ttl, "--person", "Nobody Here"])
    assert res.exit_code == 1 and res.output == "govkg: error: no such person 'Nobody Here' in the graph\n"
    res = runner.invoke(cli, ["timeline", ttl, "--post", "Minister of Defence"])
    assert res.exit_code == 1 and "govkg: error: no such post 'Minister of Defence' in the graph" in res.output


def test_timeline_unknown_person_raises(built):
    with pytest.raises(TimelineError, match="^no such person 'Tran Tien Dung' in the graph"):
        timeline(graph_of(built, "lai_chau_chairman"), person="Tran Tien Dung")
