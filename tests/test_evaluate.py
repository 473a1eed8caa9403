"""graph.evaluate and `govkg eval`: a small hand-made graph scored against a hand-made gold, by meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import cli
from graph.evaluate import GoldError, format_scores, load_gold, score

PREFIXES = """
@prefix gk: <https://w3id.org/govkg/ontology#> .
@prefix gkr: <https://w3id.org/govkg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def holding_ttl(n: int, person: str, role: str, org: str) -> str:
    """One person holding one post, attested by article a1 (the shape graph/rdf/article.py writes)."""
    return f"""
<https://w3id.org/govkg/id/person/p{n}> a foaf:Person ; foaf:name "{person}" ; gk:mentionedIn <https://w3id.org/govkg/id/article/a1> .
<https://w3id.org/govkg/id/role/r{n}> skos:prefLabel "{role}" .
<https://w3id.org/govkg/id/org/o{n}> skos:prefLabel "{org}" .
<https://w3id.org/govkg/id/holding/h{n}> a org:Membership ; org:member <https://w3id.org/govkg/id/person/p{n}> ; org:role <https://w3id.org/govkg/id/role/r{n}> ;
    org:organization <https://w3id.org/govkg/id/org/o{n}> ; prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> .
"""


TARGET_TTL = """
<https://w3id.org/govkg/id/indicator/grdp> skos:prefLabel "GRDP growth rate" .
<https://w3id.org/govkg/id/target/t1> a gk:Target ; gk:indicator <https://w3id.org/govkg/id/indicator/grdp> ; gk:comparator "atLeast" ;
    gk:value "7.50"^^xsd:decimal ; gk:unit "percent" ;
    gk:periodStart "2025-01-01"^^xsd:date ; gk:periodEnd "2025-12-31"^^xsd:date ; prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> .
"""

# The graph writes names and labels with diacritics, the canonical role label and numbers as decimals.
GRAPH_HOLDINGS = [
    ("Trần Tiến Dũng", "Secretary", "Điện Biên Provincial Party Committee"),
    ("Giàng Thị Hoa", "Chairman", "Điện Biên Provincial People’s Council"),
]


def make_graph(holdings=GRAPH_HOLDINGS, target: bool = True) -> Graph:
    text = PREFIXES + "<https://w3id.org/govkg/id/article/a1> a gk:Article .\n"
    text += "".join(holding_ttl(i, *h) for i, h in enumerate(holdings))
    if target:
        text += TARGET_TTL
    return Graph().parse(data=text, format="turtle")


# The gold spells them differently: no diacritics, a role alias, "the" and a straight apostrophe, 7.5 for 7.50.
GOLD = {
    "articles": [{
        "file": "a1.txt",
        "holdings": [
            {"person": "Tran Tien Dung", "role": "Party Secretary", "org": "the Dien Bien Provincial Party Committee"},
            {"person": "Giang Thi Hoa", "role": "Chairwoman", "org": "Dien Bien Provincial People's Council"},
        ],
        "targets": [{"indicator": "growth rate of GRDP", "comparator": "atLeast", "value": 7.5, "unit": "percent",
                     "period": "2025"}],
    }]
}


def test_evaluate_perfect_match_scores_one_by_meaning():
    """Diacritics, role aliases, apostrophes, "the", word order of indicators and 7.5 vs 7.50 do not count."""
    s = score(make_graph(), GOLD)
    for kind in ("holdings", "persons", "targets"):
        assert s[kind].matched, kind
        assert (s[kind].precision, s[kind].recall, s[kind].f1) == (1.0, 1.0, 1.0), kind


@pytest.mark.parametrize("gold_role, gold_org, graph_role, graph_org", [
    ("Head", "Central Inspection Commission", "Chairman", "Central Inspection Commission"),
    ("Chairman", "Central Organisation Commission", "Head", "Central Organisation Commission"),
    ("Vice Chairman", "Central Economic Commission", "Deputy Head", "Central Economic Commission"),
])
def test_evaluate_gold_titles_of_one_post_are_the_post(gold_role, gold_org, graph_role, graph_org):
    """The press writes one post two ways (role_aliases.tsv); a gold written the other way is the same post."""
    gold = {"articles": [{"file": "a1.txt", "holdings": [{"person": "Trần Sỹ Thanh", "role": gold_role,
                                                           "org": gold_org}]}]}
    s = score(make_graph(holdings=[("Trần Sỹ Thanh", graph_role, graph_org)], target=False), gold)["holdings"]
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_evaluate_missing_holding_lowers_recall_only():
    s = score(make_graph(holdings=GRAPH_HOLDINGS[:1]), GOLD)["holdings"]
    assert s.precision == 1.0 and s.recall == 0.5
    assert s.missed and s.missed[0][1] == "giang thi hoa"


def test_evaluate_spurious_holding_lowers_precision_only():
    extra = (*GRAPH_HOLDINGS, ("Lò Văn Phương", "Vice Chairman", "Điện Biên Provincial People's Committee"))
    s = score(make_graph(holdings=extra), GOLD)["holdings"]
    assert s.recall == 1.0 and s.precision == pytest.approx(2 / 3)
    assert [f[1] for f in s.spurious] == ["lo van phuong"]


@pytest.mark.parametrize("change", [
    ("role", "Vice Chairwoman"),  # an alias of another role is another role
    ("org", "Điện Biên Provincial People's Committee"),  # Council is not Committee
    ("person", "Giàng Thị Hoàn"),  # another name (only diacritics are ignored)
])
def test_evaluate_different_meaning_does_not_match(change):
    field, value = change
    person, role, org = GRAPH_HOLDINGS[1]
    changed = {"person": person, "role": role, "org": org, field: value}
    s = score(make_graph(holdings=(GRAPH_HOLDINGS[0], (changed["person"], changed["role"], changed["org"]))), GOLD)
    assert s["holdings"].recall == 0.5 and s["holdings"].precision == 0.5


def test_evaluate_numbers_compared_as_numbers():
    gold = json.loads(json.dumps(GOLD))
    gold["articles"][0]["targets"][0]["value"] = "7.500"
    assert score(make_graph(), gold)["targets"].f1 == 1.0
    gold["articles"][0]["targets"][0]["value"] = 7.6
    assert score(make_graph(), gold)["targets"].f1 == 0.0


def test_evaluate_only_articles_in_the_gold_are_scored():
    g = make_graph()
    g.parse(data=PREFIXES + "<https://w3id.org/govkg/id/article/other> a gk:Article .\n" + holding_ttl(9, "Lê Thành Đô", "Chairman", "X")
            .replace("<https://w3id.org/govkg/id/article/a1>", "<https://w3id.org/govkg/id/article/other>"), format="turtle")
    assert score(g, GOLD)["holdings"].precision == 1.0


def test_evaluate_format_lists_missed_and_spurious_when_verbose():
    s = score(make_graph(holdings=GRAPH_HOLDINGS[:1], target=False), GOLD)
    short = format_scores(s)
    assert short.splitlines()[0].split() == ["kind", "gold", "found", "P", "R", "F1"]
    assert "missed" not in short
    long = format_scores(s, verbose=True)
    assert "missed   holdings: a1 | giang thi hoa | chairman" in long
    assert "missed   targets:" in long


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    graph = tmp_path / "graph.ttl"
    make_graph(holdings=GRAPH_HOLDINGS[:1]).serialize(graph, format="turtle")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return graph, gold


def test_evaluate_cli_prints_scores_per_kind(files):
    graph, gold = files
    result = CliRunner().invoke(cli, ["eval", str(graph), str(gold)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:]}
    assert rows["holdings"] == ["2", "1", "1.00", "0.50", "0.67"]
    assert rows["targets"][:2] == ["1", "1"] and rows["targets"][-1] == "1.00"
    assert "missed" not in result.output


def test_evaluate_cli_verbose_lists_each_missed_fact(files):
    graph, gold = files
    result = CliRunner().invoke(cli, ["eval", str(graph), str(gold), "-v"])
    assert result.exit_code == 0
    assert "missed   holdings: a1 | giang thi hoa" in result.output


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    ("{not json", "not valid JSON"),
    ('{"files": []}', "expected an object with an 'articles' list"),
])
def test_evaluate_cli_bad_gold_is_one_line_naming_the_file(files, tmp_path, content, problem):
    graph, _ = files
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(graph), str(bad)])
    assert result.exit_code == 1
    assert f"govkg: error: {bad}" in result.output and problem in result.output
    with pytest.raises(GoldError):
        load_gold(bad)


def test_evaluate_cli_unreadable_graph_fails_cleanly(files, tmp_path):
    _, gold = files
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "missing.ttl"), str(gold)])
    assert result.exit_code == 1 and "govkg: error:" in result.output and "missing.ttl" in result.output


# --- event labels, unstated succession bounds, the optional "persons" field -------------------------------


def events_graph(*labels: str) -> Graph:
    """Meetings with the given labels, attested by article a1."""
    text = PREFIXES + "<https://w3id.org/govkg/id/article/a1> a gk:Article .\n"
    for n, label in enumerate(labels):
        text += (f'<https://w3id.org/govkg/id/event/e{n}> a gk:Meeting ; skos:prefLabel "{label}" ; '
                 "prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> .\n")
    return Graph().parse(data=text, format="turtle")


def events_gold(*labels: str) -> dict:
    return {"articles": [{"file": "a1.txt", "events": [{"label": x, "kind": "meeting"} for x in labels]}]}


GOLD_SESSION = "26th session of the 13th Quảng Ngãi Provincial People's Council"


@pytest.mark.parametrize("found, matched", [
    ("26th session of the Quang Ngai Provincial People's Council", True),  # 7 of 8 words shared, no new number
    ("26th Session of the 13th Quảng Ngãi Provincial People’s Council", True),  # case and apostrophe
    ("25th session of the 13th Quảng Ngãi Provincial People's Council", False),  # a number the gold lacks
    ("26th session of the Quảng Ngãi People's Council in 2024", False),  # "2024" is not in the gold label
    ("Meeting of the Quảng Ngãi Provincial People's Committee", False),  # under 60% of the words shared
])
def test_evaluate_events_match_by_shared_words_never_a_new_number(found, matched):
    s = score(events_graph(found), events_gold(GOLD_SESSION))["events"]
    assert (len(s.matched), len(s.missed), len(s.spurious)) == ((1, 0, 0) if matched else (0, 1, 1))


def test_evaluate_events_match_one_to_one():
    """Two found labels close to one gold event: one stands for it, the other stays spurious."""
    s = score(events_graph("26th session of the Quảng Ngãi Provincial People's Council",
                           "26th session of the 13th Quảng Ngãi People's Council"),
              events_gold(GOLD_SESSION))["events"]
    assert len(s.matched) == 1 and len(s.spurious) == 1 and not s.missed


def succession_graph(not_before: str | None) -> Graph:
    bound = f' ; gk:notBefore "{not_before}"^^xsd:date' if not_before else ""
    text = PREFIXES + f"""
<https://w3id.org/govkg/id/role/chair> skos:prefLabel "Chairman of the Sơn La Provincial People's Committee" .
<https://w3id.org/govkg/id/person/a> a foaf:Person ; foaf:name "Hoàng Quốc Khánh" .
<https://w3id.org/govkg/id/person/b> a foaf:Person ; foaf:name "Nguyễn Đình Việt" .
<https://w3id.org/govkg/id/succession/s1> a gk:Succession ; gk:post <https://w3id.org/govkg/id/role/chair> ;
    gk:predecessor <https://w3id.org/govkg/id/person/a> ; gk:successor <https://w3id.org/govkg/id/person/b>{bound} .
"""
    return Graph().parse(data=text, format="turtle")


def succession_gold(**bounds) -> dict:
    change = {"post": "Chairman of the Son La Provincial People's Committee", "predecessor": "Hoang Quoc Khanh",
              "successor": "Nguyen Dinh Viet", **bounds}
    return {"articles": [], "across_articles": {"successions": [change]}}


@pytest.mark.parametrize("graph_bound, gold_bounds, f1", [
    ("2024-11-07", {}, 1.0),  # the gold states no dates: the graph's date is not judged
    (None, {}, 1.0),
    ("2024-11-07", {"not_before": "2024-11-07"}, 1.0),
    ("2024-11-08", {"not_before": "2024-11-07"}, 0.0),  # a stated date is judged
    (None, {"not_before": "2024-11-07"}, 0.0),
])
def test_evaluate_successions_unstated_bounds_are_not_judged(graph_bound, gold_bounds, f1):
    assert score(succession_graph(graph_bound), succession_gold(**gold_bounds))["successions"].f1 == f1


def test_evaluate_gold_persons_field_counts_named_persons_without_a_post():
    """'persons' in the gold lists people named with no post: the graph must name them too (for that article)."""
    gold = json.loads(json.dumps(GOLD))
    gold["articles"][0]["persons"] = ["Trieu Van Minh"]
    s = score(make_graph(), gold)["persons"]
    assert s.missed == [("a1", "trieu van minh")] and s.precision == 1.0
    g = make_graph()
    g.parse(data=PREFIXES + '<https://w3id.org/govkg/id/person/tvm> a foaf:Person ; foaf:name "Triệu Văn Minh" ; '
            "gk:mentionedIn <https://w3id.org/govkg/id/article/a1> .", format="turtle")
    s = score(g, gold)["persons"]
    assert not s.missed and not s.spurious and ("a1", "trieu van minh") in s.matched


@pytest.mark.parametrize(("gold_label", "graph_label", "unit", "same"), [
    ("services growth rate", "services sector growth rate", "percent", True),  # an altLabel of the same concept
    ("budget revenue", "state budget revenue", "VND billion", True),  # narrower concept in the same unit
    ("budget revenue plan completion rate", "state budget revenue plan completion rate", "percent", True),
    ("total retail sales of goods and services growth", "retail sales", "percent", True),  # a money concept's change
    ("budget revenue plan completion rate", "budget revenue", "percent", False),  # the share of the plan is not growth
    ("GRDP growth rate", "economic growth rate", "percent", False),  # related, not the same concept
    ("houses flooded", "flooded houses", "houses", True),  # unknown to the ontology: bags of words
])
def test_evaluate_indicator_key_matches_ontology_synonyms_only(gold_label, graph_label, unit, same):
    from graph.evaluate import indicator_key

    assert (indicator_key(gold_label, unit) == indicator_key(graph_label, unit)) is same


def test_evaluate_gold_figure_without_period_does_not_judge_the_period():
    gold = {"articles": [{"file": "a1.txt", "targets": [
        {"indicator": "GRDP growth rate", "comparator": "atLeast", "value": 7.5, "unit": "percent"}]}]}
    assert score(make_graph(), gold)["targets"].f1 == 1.0
    gold["articles"][0]["targets"][0]["period"] = "2024"
    assert score(make_graph(), gold)["targets"].f1 == 0.0
