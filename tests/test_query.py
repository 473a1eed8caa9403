"""The shipped SPARQL queries, parameter binding, result formats and the graph stores.

Expected answers come from tests/fixtures/contract_sample.ttl (the contract-following sample of the
two seed articles) and tests/fixtures/queries_sample.ttl (adds a conflict, an unmatched
observation and a nested department). Every query must give the same rows on rdflib and Oxigraph.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from graph.store.query import (
    QueryError,
    QueryResult,
    bind_parameters,
    fold,
    format_result,
    list_named,
    load_named,
    query_parameters,
    run_named,
    run_query,
    sparql_literal,
)
from graph.store.stores import StoreError, is_oxigraph_store, load_into_oxigraph, open_source

FIXTURES = Path(__file__).parent / "fixtures"
CONTRACT = FIXTURES / "contract_sample.ttl"
SAMPLE = FIXTURES / "queries_sample.ttl"

GKR = "https://w3id.org/govkg/id/"
SECRETARY_POST = GKR + "post/secretary/dien-bien-provincial-party-committee"
DIRECTOR_POST = GKR + "post/director/dien-bien-department-of-culture-sports-and-tourism"
ART_2024 = GKR + "article/000_1997b1c9d2f034b5"
ART_2025 = GKR + "article/003_e1e74b58657a6300"

NAMED = {
    "post-holders", "person-posts", "successions", "person-events", "targets-by-year",
    "indicator-compare", "organisations", "evidence", "timeline", "conflicts",
}

# One realistic parameter set per query, used for the engine-agreement test.
SAMPLE_PARAMS = {
    "post-holders": {"post": "Secretary of the Dien Bien Provincial Party Committee"},
    "person-posts": {"person": "Tran Quoc Cuong"},
    "successions": {"post": SECRETARY_POST},
    "person-events": {"person": "Mùa A Sơn"},
    "targets-by-year": {"year": "2025"},
    "indicator-compare": {"indicator": "grdp growth rate"},
    "organisations": {"within": "Party Central Committee"},
    "evidence": {"fact": "gkr:holding/tran-tien-dung/secretary/dien-bien-provincial-party-committee"},
    "timeline": {"post": "secretary of the điện biên provincial party committee"},
    "conflicts": {"post": DIRECTOR_POST},
}


def _rdflib(path: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(path, format="turtle")
    return ds


def _oxigraph(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def contract_rdflib() -> Dataset:
    return _rdflib(CONTRACT)


@pytest.fixture(scope="module")
def contract_ox() -> ox.Store:
    return _oxigraph(CONTRACT)


@pytest.fixture(scope="module")
def sample_rdflib() -> Dataset:
    return _rdflib(SAMPLE)


@pytest.fixture(scope="module")
def sample_ox() -> ox.Store:
    return _oxigraph(SAMPLE)


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def contract(request, contract_rdflib, contract_ox):
    """The contract sample on each engine in turn."""
    return contract_rdflib if request.param == "rdflib" else contract_ox


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def sample(request, sample_rdflib, sample_ox):
    """The queries sample on each engine in turn."""
    return sample_rdflib if request.param == "rdflib" else sample_ox


# ----------------------------------------------------------------------------- named queries


def test_query_list_named_has_every_question_with_declared_params():
    named = list_named()
    assert set(named) == NAMED
    for name, (question, params) in named.items():
        assert question.endswith("?"), name
        text = load_named(name)
        assert set(params) == set(query_parameters(text)), name
        assert all("default" in desc for desc in params.values()), name
        assert "ORDER BY" in text, name


def test_query_load_named_unknown_name_lists_valid_names():
    with pytest.raises(QueryError) as err:
        load_named("who-is-who")
    message = str(err.value)
    assert "who-is-who" in message
    for name in NAMED:
        assert name in message


@pytest.mark.parametrize("name", ["../pyproject", "", "Post-Holders"])
def test_query_load_named_rejects_paths_and_odd_names(name):
    with pytest.raises(QueryError, match="valid names"):
        load_named(name)


def test_query_post_holders_lists_both_secretaries_with_dates_and_articles(contract):
    res = run_named(contract, "post-holders", {"post": "Secretary of the Dien Bien Provincial Party Committee"})
    got = [(r["name"], r["firstAttested"], r["lastAttested"], r["article"]) for r in res.dicts()]
    assert got == [
        ("Trần Quốc Cường", "2024-07", "2024-07", ART_2024),
        ("Trần Tiến Dũng", "2025", "2025", ART_2025),
    ]
    assert set(res.column("post")) == {SECRETARY_POST}
    assert set(res.column("articleTitle")) == {
        "Điện Biên Phủ Strives for a Minimum Economic Growth Rate of 10.5% in 2024",
        "Minister of Finance works with Điện Biên province",
    }


def test_query_post_holders_default_covers_every_holding(contract):
    res = run_named(contract, "post-holders")
    assert len({(r["post"], r["person"]) for r in res.dicts()}) == 6
    labels = res.column("postLabel")
    assert labels == sorted(labels)


@pytest.mark.parametrize(
    "person, expected",
    [
        ("Tran Tien Dung", [("Secretary of the Điện Biên Provincial Party Committee", "2025")]),
        ("trần tiến dũng", [("Secretary of the Điện Biên Provincial Party Committee", "2025")]),
        ("  TRAN   QUOC  CUONG ", [
            ("Member of the Party Central Committee", "2024-07"),
            ("Secretary of the Điện Biên Provincial Party Committee", "2024-07"),
        ]),
        (GKR + "person/nguyen-van-thang", [("Minister of Finance", "2025")]),
        ("<" + GKR + "person/le-thanh-do>", [("Chairman of the Điện Biên Provincial People's Committee", "2024-07")]),
        ("gkr:person/mua-a-son", [("Permanent Deputy Secretary of the Điện Biên Provincial Party Committee", "2024-07")]),
    ],
)
def test_query_person_posts_matches_names_without_diacritics(contract, person, expected):
    res = run_named(contract, "person-posts", {"person": person})
    assert [(r["postLabel"], r["firstAttested"]) for r in res.dicts()] == expected


def test_query_unknown_person_is_an_error_with_close_matches(contract):
    with pytest.raises(QueryError) as err:
        run_named(contract, "person-posts", {"person": "Tran Tien Dun"})
    assert str(err.value) == "no such person 'Tran Tien Dun' in the graph; close matches: Trần Tiến Dũng"
    with pytest.raises(QueryError, match=r"^no such person 'Zzyzx' in the graph$"):
        run_named(contract, "person-posts", {"person": "Zzyzx"})
    with pytest.raises(QueryError, match=r"^no such post 'Minister of Defence' in the graph"):
        run_named(contract, "post-holders", {"post": "Minister of Defence"})


def test_query_person_posts_orders_by_first_attestation(sample):
    # Trần Quốc Cường's two posts share a date; ordering then falls back to the post label.
    res = run_named(sample, "person-posts")
    by_person: dict[str, list[str]] = {}
    for r in res.dicts():
        by_person.setdefault(r["person"], []).append(r["firstAttested"])
    for dates in by_person.values():
        assert dates == sorted(dates)
    assert res.column("name") == sorted(res.column("name"))


def test_query_successions_gives_cuong_to_dung(contract):
    res = run_named(contract, "successions")
    rows = res.dicts()
    assert {(r["postLabel"], r["predecessorName"], r["successorName"], r["notBefore"], r["notAfter"]) for r in rows} == {
        ("Secretary of the Điện Biên Provincial Party Committee", "Trần Quốc Cường", "Trần Tiến Dũng",
         date(2024, 7, 5), date(2025, 12, 31)),
    }
    # one row per succession, however many articles support it
    assert len(rows) == 1 and rows[0]["articles"] == 2
    assert run_named(contract, "successions", {"post": "Minister of Finance"}).rows == []


def test_query_person_events_gives_role_in_event_and_date(contract):
    res = run_named(contract, "person-events", {"person": "Mua A Son"})
    assert [(r["roleInEvent"], r["eventName"], r["date"]) for r in res.dicts()] == [
        ("attendee", "20th session of the 14th Điện Biên Provincial Party Committee", date(2024, 7, 5)),
        ("chair", "20th session of the 14th Điện Biên Provincial Party Committee", date(2024, 7, 5)),
        ("speaker", "20th session of the 14th Điện Biên Provincial Party Committee", date(2024, 7, 5)),
    ]
    dung = run_named(contract, "person-events", {"person": "Tran Tien Dung"}).dicts()
    assert [(r["roleInEvent"], r["date"], r["location"]) for r in dung] == [("attendee", "2025", "Điện Biên")]


@pytest.mark.parametrize(
    "year, expected",
    [
        ("2024", [("economic growth rate", "atLeast", Decimal("10.5"), "percent", "Điện Biên Provincial Party Committee",
                   "Điện Biên", "20th session of the 14th Điện Biên Provincial Party Committee")]),
        ("2025", [("GRDP growth rate", "equal", Decimal("7.5"), "percent", None, "Điện Biên",
                   "Working session of the Ministry of Finance delegation with Điện Biên province")]),
        ("2028", [("GRDP growth rate", "atLeast", Decimal("10"), "percent", None, "Điện Biên",
                   "Working session of the Ministry of Finance delegation with Điện Biên province")]),
        ("2031", []),
    ],
)
def test_query_targets_by_year_covers_periods(contract, year, expected):
    res = run_named(contract, "targets-by-year", {"year": year})
    got = [(r["indicator"], r["comparator"], r["value"], r["unit"], r["setBy"], r["appliesTo"], r["event"])
           for r in res.dicts()]
    assert got == expected


def test_query_targets_by_year_reads_period_text_without_bounds(sample):
    # queries_sample gives the 2024 targets only gk:period "2024"^^xsd:gYear, no start/end dates.
    res = run_named(sample, "targets-by-year", {"year": "2024"})
    assert res.column("value") == [Decimal("10.5"), Decimal("95")]
    assert res.column("comparator") == ["atLeast", "moreThan"]


@pytest.mark.parametrize("bad", ["twenty", "2024; DROP", "20245", "-1"])
def test_query_targets_by_year_rejects_non_year(contract, bad):
    with pytest.raises(QueryError, match="year"):
        run_named(contract, "targets-by-year", {"year": bad})


def test_query_indicator_compare_puts_target_beside_observation(contract):
    res = run_named(contract, "indicator-compare", {"indicator": "GRDP growth"})
    got = [(r["targetPeriod"], r["comparator"], r["targetValue"], r["observedPeriod"], r["observedValue"], r["estimated"])
           for r in res.dicts()]
    assert got == [
        ("2025", "equal", Decimal("7.5"), "2025-01/2025-09", Decimal("6.76"), True),
        ("2026/2030", "atLeast", Decimal("10"), None, None, None),
    ]


def test_query_indicator_compare_keeps_unmatched_observations(sample):
    res = run_named(sample, "indicator-compare", {"indicator": "public investment disbursement rate"})
    got = [(r["targetPeriod"], r["targetValue"], r["observedPeriod"], r["observedValue"], r["estimated"])
           for r in res.dicts()]
    assert got == [("2024", Decimal("95"), None, None, None), (None, None, "2025", Decimal("45.27"), False)]


def test_query_organisations_shows_type_jurisdiction_and_nesting(contract):
    rows = {r["label"]: r for r in run_named(contract, "organisations").dicts()}
    assert set(rows) == {
        "Party Central Committee", "Politburo", "Điện Biên Provincial Party Committee",
        "Điện Biên Provincial People's Committee", "Ministry of Finance",
    }
    ppc = rows["Điện Biên Provincial Party Committee"]
    assert (ppc["parentLabel"], ppc["depth"], ppc["top"], ppc["jurisdiction"], ppc["level"]) == (
        "Party Central Committee", 1, "Party Central Committee", "Điện Biên", "provincial")
    assert ppc["class"] == "https://w3id.org/govkg/ontology#PartyCommittee"
    assert rows["Party Central Committee"]["depth"] == 0
    assert rows["Party Central Committee"]["parent"] is None


def test_query_organisations_within_lists_the_subtree(sample):
    res = run_named(sample, "organisations", {"within": "Dien Bien Provincial People's Committee"})
    assert [(r["label"], r["depth"]) for r in res.dicts()] == [
        ("Điện Biên Provincial People's Committee", 0),
        ("Điện Biên Department of Culture, Sports and Tourism", 1),
    ]


def test_query_evidence_gives_article_sentence_and_offsets(contract):
    fact = GKR + "holding/tran-tien-dung/secretary/dien-bien-provincial-party-committee"
    res = run_named(contract, "evidence", {"fact": fact})
    assert res.dicts() == [{
        "fact": fact,
        "article": ART_2025,
        "title": "Minister of Finance works with Điện Biên province",
        "quote": "Provincial Party Secretary Trần Tiến Dũng, along with comrades from the Standing Board of the "
                 "provincial Party Committee, and leaders of provincial departments and sectors, worked with the delegation.",
        "charStart": 0,
        "charEnd": 200,
        "evidence": GKR + "evidence/003_e1e74b58657a6300/0-200",
    }]


def test_query_evidence_lists_articles_of_derived_facts(contract):
    fact = "gkr:succession/secretary/dien-bien-provincial-party-committee/tran-quoc-cuong/tran-tien-dung"
    res = run_named(contract, "evidence", {"fact": fact})
    assert [(r["article"], r["quote"]) for r in res.dicts()] == [(ART_2024, None), (ART_2025, None)]


def test_query_evidence_offsets_point_into_seed_text(contract):
    # contract_sample's offsets are exact against the seed files; the query must hand them back intact.
    seeds = Path(__file__).parent.parent / "seeds"
    res = run_named(contract, "evidence")
    with_quotes = [r for r in res.dicts() if r["quote"] is not None]
    assert len(with_quotes) >= 10
    for r in with_quotes:
        text = (seeds / (r["article"].rsplit("/", 1)[1] + ".txt")).read_text(encoding="utf-8")
        assert text[r["charStart"]:r["charEnd"]] == r["quote"]


def test_query_timeline_lists_holders_of_changed_or_contested_posts(sample):
    res = run_named(sample, "timeline")
    got = [(r["post"], r["name"], r["firstAttested"], r["articles"]) for r in res.dicts()]
    assert got == [
        (DIRECTOR_POST, "Nguyễn Minh Phú", "2024-07", 1),
        (DIRECTOR_POST, "Nguyễn Văn Mẫu", date(2024, 7, 20), 1),
        (SECRETARY_POST, "Trần Quốc Cường", "2024-07", 1),
        (SECRETARY_POST, "Trần Tiến Dũng", "2025", 1),
    ]


def test_query_conflicts_lists_each_holder(sample, contract):
    res = run_named(sample, "conflicts")
    assert [(r["post"], r["name"], r["firstAttested"]) for r in res.dicts()] == [
        (DIRECTOR_POST, "Nguyễn Minh Phú", "2024-07"),
        (DIRECTOR_POST, "Nguyễn Văn Mẫu", date(2024, 7, 20)),
    ]
    assert run_named(contract, "conflicts").rows == []


# ----------------------------------------------------------------------------- engines agree


@pytest.mark.parametrize("with_params", [False, True], ids=["all", "param"])
@pytest.mark.parametrize("name", sorted(NAMED))
@pytest.mark.parametrize("path", [CONTRACT, SAMPLE], ids=["contract", "sample"])
def test_query_rdflib_and_oxigraph_give_same_rows(name, with_params, path, request):
    if path == CONTRACT:
        left, right = request.getfixturevalue("contract_rdflib"), request.getfixturevalue("contract_ox")
    else:
        left, right = request.getfixturevalue("sample_rdflib"), request.getfixturevalue("sample_ox")
    params = SAMPLE_PARAMS[name] if with_params else None
    a, b = run_named(left, name, params), run_named(right, name, params)
    assert a.variables == b.variables
    assert a.rows == b.rows
    for fmt in ("table", "csv", "json"):
        assert format_result(a, fmt) == format_result(b, fmt)


def test_query_every_named_query_answers_on_the_sample(sample_rdflib):
    for name in NAMED:
        assert len(run_named(sample_rdflib, name)) > 0, name


# ----------------------------------------------------------------------------- parameters and safety

INJECTIONS = [
    '"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o }',
    '> } ?x',
    '" } UNION { ?person ?p ?o } #',
    'back\\slash "quote" \n newline \t tab',
    "<http://x> } ?x ?y { <http://y>",
]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_query_injection_in_a_parameter_is_a_plain_literal(evil, contract):
    # A bare VALUES parameter echoes its value: it must come back as exactly the same string.
    res = run_query(contract, "SELECT ?x WHERE { VALUES ?x { UNDEF } }", {"x": evil})
    assert res.rows == [(evil,)]
    assert run_named(contract, "evidence", {"fact": evil}).rows == []
    for name, param in [("person-posts", "person"), ("post-holders", "post")]:
        with pytest.raises(QueryError, match=f"^no such {param} "):
            run_named(contract, name, {param: evil})


def test_query_injection_does_not_change_the_graph(contract):
    before = len(list(run_query(contract, "SELECT * WHERE { ?s ?p ?o }").rows))
    run_named(contract, "evidence", {"fact": '"} ; DELETE WHERE { ?s ?p ?o } ; SELECT * { '})
    assert len(run_query(contract, "SELECT * WHERE { ?s ?p ?o }").rows) == before > 0


def test_query_bind_parameters_escapes_literals(contract_rdflib):
    text = bind_parameters(contract_rdflib, load_named("evidence"), {"fact": 'a"b\\c'})
    assert 'VALUES ?fact { "a\\"b\\\\c" }' in text
    assert sparql_literal("x\ny") == '"x\\ny"'


def test_query_unknown_parameter_names_the_declared_ones(contract):
    with pytest.raises(QueryError, match=r"no parameter 'persn'.*post"):
        run_named(contract, "post-holders", {"persn": "x"})


def test_query_empty_parameter_means_all(contract):
    assert run_named(contract, "person-posts", {"person": ""}).rows == run_named(contract, "person-posts").rows


def test_query_partial_name_of_several_people_lists_them_instead_of_merging(contract):
    with pytest.raises(QueryError) as err:
        run_named(contract, "person-posts", {"person": "Tran"})
    assert str(err.value) == "'Tran' matches 2 people: Trần Quốc Cường, Trần Tiến Dũng; give more of the name"
    assert set(run_named(contract, "person-posts", {"person": "Tien Dung"}).column("name")) == {"Trần Tiến Dũng"}


@pytest.mark.parametrize("text, key", [("Trần Tiến Dũng", "tran tien dung"), ("  Lê  Thành-Đô ", "le thanh do"),
                                       ("Điện Biên People’s Committee", "dien bien people s committee")])
def test_query_fold_is_ascii_lowercase_key(text, key):
    assert fold(text) == key


# ----------------------------------------------------------------------------- errors and result kinds


@pytest.mark.parametrize("bad", ["SELECT * WHERE { ?s ?p }", "SELEC ?x WHERE { }", "SELECT ?x WHERE { ?x foo:bar ?y }"])
def test_query_syntax_error_raises_query_error_on_one_line(contract, bad):
    with pytest.raises(QueryError) as err:
        run_query(contract, bad)
    assert "\n" not in str(err.value)
    assert str(err.value)


def test_query_rejects_unknown_sources():
    with pytest.raises(QueryError, match="rdflib Graph/Dataset or a pyoxigraph Store"):
        run_query({"not": "a graph"}, "ASK {}")


def test_query_ask_returns_bool(contract):
    yes = run_query(contract, "ASK { ?s <http://xmlns.com/foaf/0.1/name> \"Trần Tiến Dũng\" }")
    no = run_query(contract, "ASK { ?s <http://xmlns.com/foaf/0.1/name> \"Tran Tien Dung\" }")
    assert (yes.kind, yes.boolean, no.boolean) == ("ask", True, False)
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}
    assert format_result(no, "csv") == "boolean\r\nfalse\r\n"
    assert format_result(no, "table") == "false\n"


def test_query_construct_returns_same_turtle_on_both_engines(contract_rdflib, contract_ox):
    q = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
         "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }")
    a, b = run_query(contract_rdflib, q), run_query(contract_ox, q)
    assert a.kind == "graph" and a.turtle == b.turtle
    g = Graph().parse(data=a.turtle, format="turtle")
    assert len(g) == len(a) == 6
    assert format_result(a, "table") == a.turtle
    assert "gkr:" not in a.turtle or "@prefix gkr:" in a.turtle


def test_query_rows_hold_python_values(contract):
    res = run_named(contract, "targets-by-year", {"year": "2025"})
    (row,) = res.dicts()
    assert isinstance(row["value"], Decimal) and row["value"] == Decimal("7.5")
    assert type(row["target"]) is str and type(row["indicator"]) is str
    assert row["valueMax"] is None
    succ = run_named(contract, "successions").dicts()[0]
    assert succ["notBefore"] == date(2024, 7, 5)
    ev = run_named(contract, "evidence").dicts()
    assert all(type(r["charStart"]) is int for r in ev if r["charStart"] is not None)


# ----------------------------------------------------------------------------- formats


def test_query_format_csv_is_rfc4180(contract):
    res = run_named(contract, "person-posts", {"person": "Le Thanh Do"})
    text = format_result(res, "csv")
    assert text.endswith("\r\n") and "\r\n" in text
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == list(res.variables)
    assert len(parsed) == len(res) + 1
    row = dict(zip(parsed[0], parsed[1]))
    assert row["person"] == GKR + "person/le-thanh-do"  # CSV keeps full IRIs
    assert row["organisation"] == "Điện Biên Provincial People's Committee"
    assert row["startDate"] == ""


def test_query_format_csv_quotes_commas_and_quotes():
    res = run_query(Graph(), 'SELECT ?a ?b WHERE { BIND("Culture, Sports and Tourism" AS ?a) BIND("say \\"hi\\"" AS ?b) }')
    assert format_result(res, "csv") == 'a,b\r\n"Culture, Sports and Tourism","say ""hi"""\r\n'


def test_query_format_json_follows_sparql_results_json(contract):
    res = run_named(contract, "targets-by-year", {"year": "2025"})
    doc = json.loads(format_result(res, "json"))
    assert doc["head"]["vars"] == list(res.variables)
    (binding,) = doc["results"]["bindings"]
    assert binding["target"] == {"type": "uri", "value": GKR + "target/dien-bien-grdp-growth-rate-2025"}
    assert binding["value"] == {"type": "literal", "value": "7.5",
                                "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert binding["indicator"] == {"type": "literal", "value": "GRDP growth rate", "xml:lang": "en"}
    assert "valueMax" not in binding  # unbound variables are left out


def test_query_format_table_aligns_columns_and_compacts_iris(contract):
    res = run_named(contract, "successions")
    text = format_result(res, "table")
    lines = text.splitlines()
    assert lines[-1] == "(1 row)"
    header, rule, first = lines[0], lines[1], lines[2]
    assert set(rule.replace(" ", "")) == {"-"}
    for var in ("postLabel", "predecessorName", "notBefore"):
        col = header.index(var)
        assert rule[col] == "-" and rule[col - 1] == " "
    assert first[header.index("notBefore"):].startswith("2024-07-05")
    assert first.startswith("gkr:post/secretary/dien-bien-provincial-party-committee ")
    assert "gkr:person/tran-tien-dung" in text and "https://" not in text
    assert format_result(res, "table") == text  # deterministic


def test_query_format_unknown_is_an_error(contract):
    with pytest.raises(QueryError, match="table, csv or json"):
        format_result(run_named(contract, "conflicts"), "xml")


def test_query_result_column_unknown_variable(contract):
    res: QueryResult = run_named(contract, "conflicts")
    with pytest.raises(QueryError, match="no variable 'nope'"):
        res.column("nope")


# ----------------------------------------------------------------------------- stores


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".nq", "nquads"),
                                         (".trig", "trig"), (".jsonld", "json-ld")])
def test_store_open_source_reads_each_format(tmp_path, contract_rdflib, suffix, fmt):
    graph = _split_into_article_graphs(CONTRACT) if suffix in (".nq", ".trig") else Graph().parse(CONTRACT)
    path = tmp_path / f"graph{suffix}"
    graph.serialize(path, format=fmt, encoding="utf-8")
    src = open_source(path)
    assert isinstance(src, Dataset)
    expected = run_named(contract_rdflib, "successions").rows
    assert run_named(src, "successions").rows == expected
    assert len(expected) == 1


def _split_into_article_graphs(path: Path) -> Dataset:
    """A Dataset with each subject's triples in a per-article named graph, like the TriG export."""
    graph = Graph().parse(path)
    ds = Dataset()
    for s, p, o in graph:
        article = "003_e1e74b58657a6300" if "003_" in str(s) or "dung" in str(s) else "000_1997b1c9d2f034b5"
        ds.graph(URIRef(f"{GKR}graph/article/{article}")).add((s, p, o))
    return ds


def test_store_trig_named_graphs_are_queried_as_union(tmp_path):
    reference = _rdflib(CONTRACT)
    path = tmp_path / "graph.trig"
    _split_into_article_graphs(CONTRACT).serialize(path, format="trig")
    src = open_source(path)
    assert len(list(src.graphs())) >= 3
    for name in NAMED:
        assert run_named(src, name).rows == run_named(reference, name).rows, name


def test_store_load_into_oxigraph_keeps_named_graphs_and_opens_read_only(tmp_path):
    reference = _rdflib(CONTRACT)
    trig = tmp_path / "graph.trig"
    _split_into_article_graphs(CONTRACT).serialize(trig, format="trig")
    count = load_into_oxigraph(trig, tmp_path / "store")
    assert count == len(Graph().parse(CONTRACT))
    assert is_oxigraph_store(tmp_path / "store")
    store = open_source(tmp_path / "store")
    assert isinstance(store, ox.Store)
    graphs = sorted(g.value for g in store.named_graphs())
    assert graphs == [f"{GKR}graph/article/000_1997b1c9d2f034b5", f"{GKR}graph/article/003_e1e74b58657a6300"]
    for name in NAMED:
        assert run_named(store, name).rows == run_named(reference, name).rows, name
    with pytest.raises(Exception):  # read-only: no writes
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))


def test_store_load_into_oxigraph_from_rdflib_graphs(tmp_path):
    ds = _split_into_article_graphs(SAMPLE)
    assert load_into_oxigraph(ds, tmp_path / "a") == len(Graph().parse(SAMPLE))
    store = open_source(tmp_path / "a")
    assert len(list(store.named_graphs())) == 2
    del store
    assert load_into_oxigraph(Graph().parse(SAMPLE), tmp_path / "b") == len(Graph().parse(SAMPLE))


def test_store_open_source_missing_file_names_it(tmp_path):
    with pytest.raises(StoreError, match="missing.ttl: no such file"):
        open_source(tmp_path / "missing.ttl")


def test_store_open_source_unparsable_file_names_it(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken\.ttl: cannot parse as turtle"):
        open_source(bad)
    with pytest.raises(StoreError, match=r"broken\.ttl: cannot load into Oxigraph"):
        load_into_oxigraph(bad, tmp_path / "store")


def test_store_open_source_refuses_plain_directories_and_unknown_suffixes(tmp_path):
    with pytest.raises(StoreError, match="folder holds no graph.ttl or graph.trig and no Oxigraph store"):
        open_source(tmp_path)
    assert list(tmp_path.iterdir()) == []  # opening must not create a store
    odd = tmp_path / "graph.xml"
    odd.write_text("<x/>", encoding="utf-8")
    with pytest.raises(StoreError, match=r"graph\.xml: unsupported file type"):
        open_source(odd)


# ----------------------------------------------------------------------------- pagination


@pytest.mark.parametrize("name", ["evidence", "post-holders", "person-posts", "targets-by-year", "indicator-compare"])
def test_query_pages_join_up_to_the_whole_listing(contract, name):
    whole = run_named(contract, name).rows
    assert len(whole) >= 3, f"{name}: the sample is too small to page"
    pages = [run_named(contract, name, limit=2, offset=start).rows for start in range(0, len(whole) + 2, 2)]
    assert [row for page in pages for row in page] == whole
    assert all(len(page) == 2 for page in pages[: len(whole) // 2])
    assert pages[-1] == []


def test_query_limit_with_a_parameter_pages_the_filtered_rows(contract):
    rows = run_named(contract, "evidence", {"fact": "gkr:holding/tran-tien-dung/secretary/dien-bien-provincial-party-committee"}).rows
    assert run_named(contract, "evidence", {"fact": "gkr:holding/tran-tien-dung/secretary/dien-bien-provincial-party-committee"},
                     limit=1, offset=1).rows == rows[1:2]


@pytest.mark.parametrize(("own", "limit", "offset", "expected"), [
    ("LIMIT 3", 10, None, "LIMIT 3"),           # never more than the query itself asked for
    ("LIMIT 3", 2, None, "LIMIT 2"),
    ("LIMIT 3", None, 2, "OFFSET 2\nLIMIT 1"),  # the page is taken inside the query's own slice
    ("OFFSET 4 LIMIT 3", 2, 1, "OFFSET 5\nLIMIT 2"),
    ("", 5, 0, "LIMIT 5"),
    ("", None, 7, "OFFSET 7"),
])
def test_query_paginate_combines_with_the_querys_own_slice(own, limit, offset, expected):
    from graph.store.query import paginate

    base = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    out = paginate(f"{base} {own}", limit, offset)
    assert out.startswith(base) and out[len(base):].split() == expected.split()


def test_query_subquery_limit_is_not_taken_for_the_querys_own():
    from graph.store.query import paginate

    text = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 9 } }"
    assert paginate(text, 2, None).split()[-2:] == ["LIMIT", "2"] and "LIMIT 9" in paginate(text, 2, None)


@pytest.mark.parametrize("bad", [-1, "3", 1.5, True])
def test_query_bad_limit_is_a_query_error(contract, bad):
    with pytest.raises(QueryError, match="limit must be a whole number"):
        run_named(contract, "evidence", limit=bad)
