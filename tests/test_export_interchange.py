"""FollowTheMoney, Popolo and QuickStatements exports, each loaded by what consumes it.

FtM entities go through the `followthemoney` model (schema validation, model.get_proxy, reference checks) and the
`ftm validate` command; Popolo JSON through `jsonschema` against docs/popolo.schema.json. The hand-made corpus
(tests/test_export.py's two articles plus a 2024 article naming bodies merged in 2025) gives exact expectations.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from followthemoney import model

import test_export
import test_export_changes
from extractors import vocab
from graph.cli import cli
from graph.exports.formats import format_for_path
from graph.exports.interchange import common_date, ftm_entities, ftm_id, ftm_text, popolo_text, quickstatements_text, \
    read_records, read_wikidata_map
from graph.derive.merge import build_dataset, merged_graph
from graph.pipeline import count

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "popolo.schema.json").read_text(encoding="utf-8"))
GKR = "https://w3id.org/govkg/id/"
MOF_URL, Y2024_URL = "https://example.org/mof-dien-bien", "https://example.org/officials-2024"
SEED_1 = GKR + "article/000_1997b1c9d2f034b5"


def _graph(reverse: bool = False):
    papers = test_export.corpus(reverse) + test_export_changes.corpus()
    return merged_graph(build_dataset(papers[::-1] if reverse else papers, vocab.vocabulary_graph()))


@pytest.fixture(scope="module")
def graph():
    return _graph()


@pytest.fixture(scope="module")
def entities(graph) -> list[dict]:
    return [json.loads(line) for line in ftm_text(graph).splitlines()]


def _by_id(entities: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entities}


def _check_ftm(entities: list[dict]) -> None:
    """Every entity validates against its FtM schema, survives model.get_proxy unchanged and has its required
    properties; every entity-valued property points at an entity of the file whose schema fits its range."""
    by_id = _by_id(entities)
    assert len(by_id) == len(entities), "entity ids are unique"
    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e["schema"]
        assert set(e["properties"]) <= set(schema.properties), (e["id"], set(e["properties"]) - set(schema.properties))
        schema.validate(e)  # raises InvalidData
        assert set(schema.required) <= set(e["properties"]), e["id"]
        proxy = model.get_proxy(e)  # cleans every value: a value FtM would change is not one it accepts as is
        assert proxy.to_dict()["properties"] == e["properties"], e["id"]
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                for target in proxy.get(prop):
                    assert target in by_id, (e["id"], prop.name, target)
                    assert model.get(by_id[target]["schema"]).is_a(prop.range), (e["id"], prop.name, target)


def test_export_interchange_ftm_entities_of_the_hand_made_corpus(entities):
    _check_ftm(entities)
    assert Counter(e["schema"] for e in entities) == {
        "Person": 6, "PublicBody": 8, "Organization": 3, "Position": 5, "Occupancy": 6, "Succession": 5, "Event": 1}
    by_id = _by_id(entities)
    assert by_id["govkg-holding.dang-quoc-khanh.secretary.ha-giang-provincial-party-committee"] == {
        "id": "govkg-holding.dang-quoc-khanh.secretary.ha-giang-provincial-party-committee", "schema": "Occupancy",
        "properties": {
            "holder": ["govkg-person.dang-quoc-khanh"],
            "post": ["govkg-post.secretary.ha-giang-provincial-party-committee"],
            # Hà Giang's committee merged away on 2025-07-01: the post ended between May 2024 and then
            "status": ["ended"], "description": ["First attested 2024-05, last attested 2024-05, in 1 article."],
            "sourceUrl": [Y2024_URL]}}
    assert by_id["govkg-post.secretary.ha-giang-provincial-party-committee"]["properties"] == {
        "name": ["Secretary of the Hà Giang Provincial Party Committee"], "country": ["vn"],
        "subnationalArea": ["Hà Giang"], "organization": ["govkg-org.ha-giang-provincial-party-committee"],
        "dissolutionDate": ["2025-07-01"], "sourceUrl": [Y2024_URL]}
    assert by_id["govkg-post.minister.ministry-of-finance"]["properties"]["name"] == ["Minister of Finance of Vietnam"]
    assert "subnationalArea" not in by_id["govkg-post.minister.ministry-of-finance"]["properties"]
    # Cường was succeeded by Dũng between 2024-07-05 and 2025-12-31: ended, at no date both bounds share
    cuong = by_id["govkg-holding.tran-quoc-cuong.secretary.dien-bien-provincial-party-committee"]["properties"]
    assert (cuong["status"], "endDate" in cuong, cuong["sourceUrl"]) == (["ended"], False, [SEED_1])
    dung = by_id["govkg-holding.tran-tien-dung.secretary.dien-bien-provincial-party-committee"]["properties"]
    assert dung["status"] == ["current"]
    assert by_id["govkg-event.mof-dien-bien-2025"]["properties"] == {
        "name": ["Ministry of Finance working session in Điện Biên"], "startDate": ["2025"], "country": ["vn"],
        "organizer": ["govkg-org.ministry-of-finance"],
        "involved": ["govkg-person.nguyen-van-thang", "govkg-person.tran-tien-dung"], "sourceUrl": [MOF_URL]}
    assert by_id["govkg-person.nguyen-van-thang"]["properties"] == {
        "name": ["Nguyễn Văn Thắng"], "sourceUrl": [MOF_URL, Y2024_URL]}  # first and last attesting article


def test_export_interchange_ftm_organisations_and_their_changes(entities):
    by_id = _by_id(entities)
    ha_giang = by_id["govkg-org.ha-giang-provincial-party-committee"]
    assert ha_giang["schema"] == "Organization"  # a Party organ, not a state body
    assert ha_giang["properties"]["dissolutionDate"] == ["2025-07-01"]
    assert by_id["govkg-org.tuyen-quang-provincial-party-committee"]["properties"] == {
        "name": ["Tuyên Quang Provincial Party Committee"], "classification": ["Party Committee"], "country": ["vn"],
        "jurisdiction": ["vn"], "sourceUrl": [GKR + "data/ontology/places.tsv"]}
    aae = by_id["govkg-org.yen-bai-department-of-agriculture-and-environment"]
    assert (aae["schema"], aae["properties"]["incorporationDate"], aae["properties"]["dissolutionDate"],
            aae["properties"]["parent"]) == ("PublicBody", ["2025-03-01"], ["2025-07-01"],
                                             ["govkg-org.yen-bai-provincial-people-s-committee"])
    succession = by_id["govkg-change.2025-07-01.tuyen-quang-provincial-party-committee.from.ha-giang-provincial-party-"
                       "committee"]
    assert succession == {"id": succession["id"], "schema": "Succession", "properties": {
        "predecessor": ["govkg-org.ha-giang-provincial-party-committee"],
        "successor": ["govkg-org.tuyen-quang-provincial-party-committee"], "date": ["2025-07-01"],
        "summary": ["the Hà Giang Provincial Party Committee merged into the Tuyên Quang Provincial Party Committee"],
        "description": ["National Assembly Resolution 202/2025/QH15 on the arrangement of provincial-level "
                        "administrative units"], "sourceUrl": [GKR + "data/ontology/places.tsv"]}}


def test_export_interchange_ftm_of_the_seeds_matches_the_build_counts(seed_graph):
    entities = ftm_entities(read_records(seed_graph))
    _check_ftm(entities)
    kinds = Counter(e["schema"] for e in entities)
    c = count(seed_graph)
    assert (kinds["Person"], kinds["Position"], kinds["Occupancy"], kinds["Event"]) == (
        c["people"], c["posts"], c["holdings"], c["events"]) == (7, 7, 8, 3)
    assert kinds["PublicBody"] + kinds["Organization"] == c["organisations"] == 11
    assert kinds["Succession"] == 0


def test_export_interchange_ftm_file_passes_ftm_validate(tmp_path, seed_build):
    out = tmp_path / "officials.ftm.json"
    result = CliRunner().invoke(cli, ["export", str(seed_build.files["ttl"]), "--format", "ftm", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ftm = Path(sys.executable).with_name("ftm")
    done = subprocess.run([str(ftm), "validate", "-i", str(out), "-o", str(tmp_path / "valid.json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ours = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    theirs = {e["id"]: e for e in map(json.loads, (tmp_path / "valid.json").read_text(encoding="utf-8").splitlines())}
    assert len(theirs) == len(ours) == 36
    for e in ours:
        assert theirs[e["id"]]["schema"] == e["schema"]
        assert theirs[e["id"]]["properties"] == e["properties"]


def test_export_interchange_popolo_validates_and_links_resolve(graph, seed_graph):
    for g in (graph, seed_graph):
        doc = json.loads(popolo_text(g))
        jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
        ids = {kind: {r["id"] for r in doc[kind]} for kind in doc}
        for m in doc["memberships"]:
            assert m["person_id"] in ids["persons"] and m["organization_id"] in ids["organizations"]
            assert m["post_id"] in ids["posts"]
        for p in doc["posts"]:
            assert p["organization_id"] in ids["organizations"]
        for o in doc["organizations"]:
            assert o.get("parent_id", o["id"]) in ids["organizations"]
        for e in doc["events"]:
            assert e.get("organization_id", next(iter(ids["organizations"]))) in ids["organizations"]
            assert {a["id"] for a in e.get("attendees", [])} <= ids["persons"]


def test_export_interchange_popolo_records_of_the_hand_made_corpus(graph):
    doc = json.loads(popolo_text(graph))
    assert {k: len(v) for k, v in doc.items()} == {
        "persons": 6, "organizations": 11, "posts": 5, "memberships": 6, "events": 1}
    memberships = {m["id"]: m for m in doc["memberships"]}
    assert memberships[GKR + "holding/tran-quoc-cuong/secretary/dien-bien-provincial-party-committee"] == {
        "id": GKR + "holding/tran-quoc-cuong/secretary/dien-bien-provincial-party-committee",
        "person_id": GKR + "person/tran-quoc-cuong", "organization_id": GKR + "org/dien-bien-provincial-party-committee",
        "post_id": GKR + "post/secretary/dien-bien-provincial-party-committee", "role": "Secretary",
        "sources": [{"url": SEED_1, "note": "Điện Biên aims for 10.5% growth (2024-07)"}]}
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert orgs[GKR + "org/ministry-of-transport"] == {
        "id": GKR + "org/ministry-of-transport", "name": "Ministry of Transport", "classification": "Ministry",
        "dissolution_date": "2025-03-01",
        "sources": [{"url": Y2024_URL, "note": "Officials in 2024 (2024-05)"},
                    {"url": GKR + "data/ontology/mergers.tsv", "note": "govkg data file ontology/mergers.tsv"}]}
    assert orgs[GKR + "org/yen-bai-department-of-agriculture-and-environment"]["founding_date"] == "2025-03-01"
    assert orgs[GKR + "org/lao-cai-department-of-agriculture-and-environment"]["parent_id"] == (
        GKR + "org/lao-cai-provincial-people-s-committee")
    (event,) = doc["events"]
    assert event == {
        "id": GKR + "event/mof-dien-bien-2025", "name": "Ministry of Finance working session in Điện Biên",
        "classification": "working visit", "start_date": "2025", "organization_id": GKR + "org/ministry-of-finance",
        "attendees": [{"id": GKR + "person/nguyen-van-thang", "name": "Nguyễn Văn Thắng"},
                      {"id": GKR + "person/tran-tien-dung", "name": "Trần Tiến Dũng"}],
        "sources": [{"url": MOF_URL, "note": "Minister of Finance works with Điện Biên (2025)"}]}


def test_export_interchange_popolo_schema_rejects_what_popolo_requires():
    good = {"persons": [{"id": "p", "name": "A", "sources": [{"url": "https://example.org/a"}]}],
            "organizations": [], "posts": [], "memberships": [], "events": []}
    jsonschema.validate(good, SCHEMA)
    for broken in ({**good, "persons": [{"id": "p", "sources": [{"url": "https://example.org/a"}]}]},  # no name
                   {**good, "persons": [{"id": "p", "name": "A"}]},  # no sources
                   {**good, "memberships": [{"id": "m", "person_id": "p", "organization_id": "o",
                                             "start_date": "July 2024", "sources": [{"url": "https://e.org"}]}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_export_interchange_is_byte_identical_across_runs_and_input_order(tmp_path):
    one, two = _graph(), _graph(reverse=True)
    assert ftm_text(one) == ftm_text(two)
    assert popolo_text(one) == popolo_text(two)
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(test_export.graph_turtle(one), encoding="utf-8")
    for fmt, name in (("ftm", "a.ftm.json"), ("popolo", "a.json"), ("ftm", "b.ftm.json"), ("popolo", "b.json")):
        result = CliRunner().invoke(cli, ["export", str(ttl), "--out", str(tmp_path / name)])
        assert result.exit_code == 0 and format_for_path(name) == fmt, result.output
    assert (tmp_path / "a.ftm.json").read_bytes() == (tmp_path / "b.ftm.json").read_bytes() == ftm_text(one).encode()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes() == popolo_text(one).encode()


def test_export_interchange_quickstatements_for_mapped_persons_and_posts(graph, tmp_path):
    mapping = tmp_path / "wikidata.tsv"
    mapping.write_text("# govkg IRI\tWikidata\n"
                       "person/tran-tien-dung\tQ111\n"
                       f"{GKR}person/tran-quoc-cuong\tQ222\n"
                       "post/secretary/dien-bien-provincial-party-committee\tQ333\n"
                       "person/nguyen-van-thang\tQ444\n", encoding="utf-8")
    wikidata = read_wikidata_map(mapping)
    # Cường's only article has no URL: no statement without a reference; Thắng's post is not mapped: none either
    assert quickstatements_text(graph, wikidata) == "Q111\tP39\tQ333\tP1365\tQ222\tS854\t\"https://example.org/mof-dien-bien\"\n"
    out = tmp_path / "p39.qs"
    result = CliRunner().invoke(cli, ["export", "-", "--format", "quickstatements", "--out", str(out)])
    assert result.exit_code != 0
    bad = tmp_path / "bad.tsv"
    bad.write_text("person/x\tnot-a-qid\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1: expected a govkg IRI"):
        read_wikidata_map(bad)


def test_export_interchange_quickstatements_cli(tmp_path, seed_build):
    mapping = tmp_path / "wikidata.tsv"
    mapping.write_text("person/tran-tien-dung\tQ111\n", encoding="utf-8")
    out = tmp_path / "p39.qs"
    result = CliRunner().invoke(cli, ["export", str(seed_build.files["ttl"]), "--format", "quickstatements",
                                      "--wikidata", str(mapping), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == ""  # the seeds have no URLs and no post is mapped: nothing guessed
    result = CliRunner().invoke(cli, ["export", str(seed_build.files["ttl"]), "--format", "quickstatements",
                                      "--out", str(out)])
    assert result.exit_code != 0 and "--wikidata" in result.output


def test_export_interchange_dates_and_ids():
    assert common_date("2025-07-05", "2025-10-20") == "2025"
    assert common_date("2025-07-05", "2025-07-31") == "2025-07"
    assert common_date("2025-07-05", "2025-07-05") == "2025-07-05"
    assert common_date("2024-12-31", "2025-01-01") is None
    assert ftm_id(GKR + "person/tran-tien-dung") == "govkg-person.tran-tien-dung"
    long = GKR + "holding/" + "x" * 200
    assert ftm_id(long).startswith("govkg-") and len(ftm_id(long)) == 46 and ftm_id(long) == ftm_id(long)
