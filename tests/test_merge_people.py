"""graph.derive.merge.resolve_people: one person per folded name unless the evidence says two; every decision recorded."""

from __future__ import annotations

import zlib

import pytest
from rdflib import Literal

from extractors import vocab
from extractors.facts import Article, ArticleFacts, DateValue, Evidence, Holding, OrgRef, PersonRef, PlaceRef
from graph.rdf import identity as ids
from graph.derive.merge import build_dataset, merged_graph, resolve_people
from ontology.namespaces import FOAF, GK, ORG, RDF, SKOS

SON_LA, LAI_CHAU = PlaceRef("Sơn La", "province"), PlaceRef("Lai Châu", "province")
VIETNAM = PlaceRef("Vietnam", "country")
SL_PPC = OrgRef("Sơn La Provincial People's Committee", "peoples-committee", SON_LA)
LC_FIN = OrgRef("Lai Châu Department of Finance", "department", LAI_CHAU)
LC_PPC = OrgRef("Lai Châu Provincial Party Committee", "party-committee", LAI_CHAU)
CC = OrgRef("Party Central Committee", "party-central-committee", VIETNAM)
HAI = PersonRef("Nguyễn Văn Hải", "nguyen van hai")
HAI_ASCII = PersonRef("Nguyen Van Hai", "nguyen van hai")


def day(iso: str) -> DateValue:
    return DateValue(iso, iso, iso)


def article(aid: str, published: str | None, province: str, *holdings: tuple[PersonRef, str, OrgRef]) -> ArticleFacts:
    art = Article(aid, f"corpus/{aid}.txt", "", title=aid, published=day(published) if published else None,
                  date_basis="metadata" if published else "inferred", province=province)
    facts = []
    for person, role, org in holdings:
        quote = f"{person.name}, {role} of {org.label}."
        start = zlib.crc32((aid + quote).encode()) % 10_000
        facts.append(Holding(person, role, org, Evidence(aid, start, start + len(quote), quote)))
    return ArticleFacts(art, tuple(facts))


def keys_of(facts) -> dict[str, set[str]]:
    return {af.article.id: {f.person.key for f in af.facts} for af in facts}


def test_merge_people_spellings_merge_and_are_recorded():
    facts, decisions = resolve_people([article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
                                       article("b", "2025-06-01", "Sơn La", (HAI_ASCII, "vice-chairman", SL_PPC))])
    assert keys_of(facts) == {"a": {"nguyen van hai"}, "b": {"nguyen van hai"}}
    assert decisions == [{"key": "nguyen van hai", "decision": "merged", "spellings": ["Nguyễn Văn Hải", "Nguyen Van Hai"],
                          "articles": ["a", "b"],
                          "reason": "same name once diacritics, honorifics and case are set aside"}]


@pytest.mark.parametrize("b_date, verdict", [
    ("2025-05-20", "at overlapping dates"),
    ("2027-01-10", "at different dates"),
])
def test_merge_people_namesakes_in_two_provinces_split_with_reason(b_date, verdict):
    facts, decisions = resolve_people([
        article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
        article("c", "2025-08-04", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
        article("b", b_date, "Lai Châu", (HAI_ASCII, "director", LC_FIN)),
    ])
    assert keys_of(facts) == {"a": {"nguyen van hai - son la"}, "c": {"nguyen van hai - son la"},
                              "b": {"nguyen van hai - lai chau"}}
    (split,) = decisions
    assert split["decision"] == "split" and verdict in split["reason"]
    assert [(p["iri"], p["articles"]) for p in split["persons"]] == [
        ("https://w3id.org/govkg/id/person/nguyen-van-hai-lai-chau", ["b"]),
        ("https://w3id.org/govkg/id/person/nguyen-van-hai-son-la", ["a", "c"]),
    ]


def test_merge_people_shared_post_or_one_article_links_provinces():
    linked_by_post = [article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC), (HAI, "member", CC)),
                      article("b", "2025-05-20", "Lai Châu", (HAI, "secretary", LC_PPC), (HAI, "member", CC))]
    linked_by_article = [article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
                         article("b", "2026-01-20", "Lai Châu", (HAI, "secretary", LC_PPC), (HAI, "vice-chairman", SL_PPC))]
    for corpus in (linked_by_post, linked_by_article):
        facts, decisions = resolve_people(corpus)
        assert keys_of(facts) == {"a": {"nguyen van hai"}, "b": {"nguyen van hai"}}
        assert [d["decision"] for d in decisions] == ["merged"]


def test_merge_people_unplaced_mention_is_ambiguous_not_guessed():
    facts, decisions = resolve_people([
        article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
        article("b", "2025-05-20", "Lai Châu", (HAI, "director", LC_FIN)),
        article("c", "2025-06-10", "Điện Biên", (HAI, "member", CC)),
        article("d", "2025-06-11", "Sơn La", (HAI, "member", CC)),
    ])
    assert keys_of(facts)["c"] == {"nguyen van hai"}  # stays on the bare key: a separate node
    assert keys_of(facts)["d"] == {"nguyen van hai - son la"}  # the article's province places it
    assert [d["decision"] for d in decisions] == ["split", "ambiguous"]
    assert decisions[1]["articles"] == ["c"]


def test_merge_people_build_dataset_reports_and_notes_split():
    resolution: list = []
    ds = build_dataset([article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC)),
                        article("b", "2025-05-20", "Lai Châu", (HAI_ASCII, "director", LC_FIN))],
                       vocab.vocabulary_graph(), resolution=resolution)
    m = merged_graph(ds)
    people = sorted(m.subjects(RDF.type, FOAF.Person))
    assert [str(p) for p in people] == ["https://w3id.org/govkg/id/person/nguyen-van-hai-lai-chau",
                                        "https://w3id.org/govkg/id/person/nguyen-van-hai-son-la"]
    assert m.value(people[1], FOAF.name) == Literal("Nguyễn Văn Hải")
    assert m.value(people[1], GK.nameKey) == Literal("nguyen van hai - son la")
    assert "kept apart" in str(m.value(people[1], SKOS.editorialNote))
    assert [d["decision"] for d in resolution] == ["split"]
    holding = ids.holding_iri(PersonRef("Nguyễn Văn Hải", "nguyen van hai - son la"), "vice-chairman", SL_PPC)
    assert (holding, ORG.member, people[1]) in m


def test_merge_people_build_without_resolution_argument_still_works():
    ds = build_dataset([article("a", "2025-05-12", "Sơn La", (HAI, "vice-chairman", SL_PPC))], vocab.vocabulary_graph())
    assert len(set(merged_graph(ds).subjects(RDF.type, FOAF.Person))) == 1


def test_merge_people_report_json_records_the_split(tmp_path, nlp):  # noqa: ARG001 (model loaded once)
    """report.json tells the user why two namesakes were kept apart."""
    import json
    from pathlib import Path

    from graph.pipeline import build

    corpus = Path(__file__).parent / "corpora" / "namesakes"
    result = build([corpus], tmp_path / "out", html=False)
    report = json.loads(result.files["report"].read_text(encoding="utf-8"))
    splits = [d for d in report["resolution"] if d["decision"] == "split"]
    assert [d["key"] for d in splits] == ["nguyen van hai"]
    assert "two different people" in splits[0]["reason"]
    assert {p["provinces"][0] for p in splits[0]["persons"]} == {"Lai Châu", "Sơn La"}


YEN_BAI, LAO_CAI = PlaceRef("Yên Bái", "province"), PlaceRef("Lào Cai", "province")
YB_PC = OrgRef("Yên Bái Provincial People's Committee", "peoples-committee", YEN_BAI)
LC_PC = OrgRef("Lào Cai Provincial People's Committee", "peoples-committee", LAO_CAI)


@pytest.mark.parametrize("lc_date, same", [
    ("2025-08-04", True),  # after Yên Bái merged into Lào Cai (ontology/places.tsv): the official carried on
    ("2025-05-20", False),  # before it: two provinces, no link
])
def test_merge_people_a_merged_provinces_official_carries_on_in_the_new_one(lc_date, same):
    tuan = PersonRef("Trần Huy Tuấn", "tran huy tuan")
    facts, _ = resolve_people([article("yb", "2024-10-02", "Yên Bái", (tuan, "chairman", YB_PC)),
                               article("lc", lc_date, "Lào Cai", (tuan, "chairman", LC_PC))])
    keys = keys_of(facts)
    assert (keys["yb"] == keys["lc"]) is same
    assert keys["yb"] == ({"tran huy tuan"} if same else {"tran huy tuan - yen bai"})
