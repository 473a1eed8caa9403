"""DESIGN.md's eight competency questions, answered on the real seed graph (named queries, real answers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.store.query import run_named

SECRETARY = "Secretary of the Điện Biên Provincial Party Committee"


def _rows(graph, name, **params):
    result = run_named(graph, name, params or None)
    return [dict(zip(result.variables, row)) for row in result.rows]


def test_competency_cq1_post_holders_with_dates_and_articles(seed_graph):
    rows = _rows(seed_graph, "post-holders", post=SECRETARY)
    by_name = {(r["name"], r["firstAttested"], r["lastAttested"], r["article"].rsplit("/", 1)[-1]) for r in rows}
    assert by_name == {
        ("Trần Quốc Cường", "2024-07", "2024-07", "000_1997b1c9d2f034b5"),
        ("Trần Tiến Dũng", "2025", "2025", "003_e1e74b58657a6300"),
    }


def test_competency_cq1_post_found_by_alias_without_diacritics(seed_graph):
    rows = _rows(seed_graph, "post-holders", post="secretary of the dien bien provincial party committee")
    assert {r["name"] for r in rows} == {"Trần Quốc Cường", "Trần Tiến Dũng"}


def test_competency_cq2_person_posts_in_order(seed_graph):
    rows = _rows(seed_graph, "person-posts", person="Le Thanh Do")
    assert [r["postLabel"] for r in rows] == [
        "Chairman of the Điện Biên Provincial People's Committee",
        "Deputy Secretary of the Điện Biên Provincial Party Committee",
    ]
    assert {r["name"] for r in rows} == {"Lê Thành Đô"}


def test_competency_cq3_successions(seed_graph):
    rows = _rows(seed_graph, "successions")
    assert {(r["postLabel"], r["predecessorName"], r["successorName"], str(r["notBefore"]), str(r["notAfter"]))
            for r in rows} == {(SECRETARY, "Trần Quốc Cường", "Trần Tiến Dũng", "2024-07-05", "2025-12-31")}


def test_competency_cq4_events_a_person_chaired_or_attended(seed_graph):
    rows = _rows(seed_graph, "person-events", person="Mua A Son")
    roles = {(r["roleInEvent"], r["eventName"]) for r in rows}
    meeting = "20th session of the 14th Điện Biên Provincial Party Committee"
    assert {("chair", meeting), ("speaker", meeting), ("attendee", meeting)} <= roles
    assert {name for _, name in roles} == {meeting}


def test_competency_cq5_targets_for_a_year(seed_graph):
    rows = _rows(seed_graph, "targets-by-year", year="2024")
    got = {(r["indicator"], r["comparator"], r["value"], r["unit"], r["appliesTo"]) for r in rows}
    assert got == {
        ("economic growth rate", "atLeast", Decimal("10.5"), "percent", "Điện Biên"),
        ("public investment disbursement rate", "moreThan", Decimal("95"), "percent", "Điện Biên"),
    }
    assert {r["event"] for r in rows} == {"20th session of the 14th Điện Biên Provincial Party Committee"}


def test_competency_cq6_target_and_report_side_by_side(seed_graph):
    rows = _rows(seed_graph, "indicator-compare", indicator="GRDP growth rate")
    pairs = {(r["targetPeriod"], r["targetValue"], r["observedValue"]) for r in rows}
    assert ("2025", Decimal("7.5"), Decimal("6.76")) in pairs


def test_competency_cq7_organisations_nest(seed_graph):
    rows = _rows(seed_graph, "organisations")
    parent = {r["label"]: r["parentLabel"] for r in rows}
    assert parent["Standing Board of the Điện Biên Provincial Party Committee"] == (
        "Điện Biên Provincial Party Committee")
    assert parent["Điện Biên Department of Culture, Sports and Tourism"] == "Điện Biên Provincial People's Committee"
    assert parent["Ministry of Finance"] == "Government of Vietnam"


@pytest.mark.parametrize("kind", ["holding", "target", "observation", "commitment", "event"])
def test_competency_cq8_every_fact_has_article_and_sentence(seed_graph, kind):
    rows = _rows(seed_graph, "evidence")
    facts = [r for r in rows if f"/{kind}/" in r["fact"]]
    assert facts, f"no {kind} facts"
    for r in facts:
        assert r["article"].startswith("https://w3id.org/govkg/id/article/")
        assert r["quote"] and r["title"]
