"""graph/derive/changes.py: the 2025 mergers of provinces and ministries become org:ChangeEvents in the derived graph."""

from __future__ import annotations

import zlib

from rdflib import Literal, URIRef

from extractors import vocab
from extractors.facts import Article, ArticleFacts, DateValue, Evidence, Holding, OrgRef, PersonRef, PlaceRef
from graph.rdf import identity as ids
from graph.derive.changes import Change, changes, source_iri
from graph.derive.merge import build_dataset, merged_graph
from ontology.namespaces import DCTERMS, GK, ORG, PROV, RDF, SDO, SKOS, XSD

GKR = ids.GKR_NS
HA_GIANG = PlaceRef("Hà Giang", "province")
YEN_BAI = PlaceRef("Yên Bái", "province")
HG_PPC = OrgRef("Hà Giang Provincial Party Committee", "party-committee", HA_GIANG)
YB_PC = OrgRef("Yên Bái Provincial People's Committee", "peoples-committee", YEN_BAI)
YB_ARD = OrgRef("Yên Bái Department of Agriculture and Rural Development", "department", YEN_BAI, YB_PC)
MOT = OrgRef("Ministry of Transport", "ministry", PlaceRef("Vietnam", "country"))


def _ev(article_id: str, quote: str) -> Evidence:
    start = zlib.crc32(quote.encode()) % 50_000
    return Evidence(article_id, start, start + len(quote), quote)


def corpus() -> list[ArticleFacts]:
    """One 2024 article naming three bodies that merged in 2025 (a province's, a department, a ministry)."""
    aid = "010_0000000000000001"
    art = Article(aid, f"x/{aid}.txt", "", title="Officials in 2024", published=DateValue("2024-05", "2024-05-01",
                  "2024-05-31"), date_basis="metadata", url="https://example.org/officials-2024")
    return [ArticleFacts(art, (
        Holding(PersonRef("Đặng Quốc Khánh", "dang quoc khanh"), "secretary", HG_PPC, _ev(aid, "Secretary Khánh.")),
        Holding(PersonRef("Nguyễn Văn Thắng", "nguyen van thang"), "minister", MOT, _ev(aid, "Minister Thắng.")),
        Holding(PersonRef("Vũ Thị Hiền", "vu thi hien"), "director", YB_ARD, _ev(aid, "Director Hiền.")),
    ))]


def _change_events(g) -> dict[str, tuple[str, list[str], str]]:
    out = {}
    for ev in g.subjects(RDF.type, ORG.ChangeEvent):
        label = lambda o: str(g.value(o, SKOS.prefLabel))  # noqa: E731
        out[str(ev)[len(GKR):]] = (str(g.value(ev, DCTERMS.date)), sorted(label(o) for o in g.objects(
            ev, ORG.originalOrganization)), label(g.value(ev, ORG.resultingOrganization)))
    return out


def test_export_changes_data_rows():
    rows = changes()
    assert Change("2025-03-01", "sector", "Transport", "Construction", False, "ontology/mergers.tsv",
                  "National Assembly Resolution 176/2025/QH15 on the structure of the Government") in rows
    provinces = [c for c in rows if c.kind == "province"]
    assert len(provinces) == 29 and {c.date for c in provinces} == {"2025-07-01"}
    assert ("Hà Giang", "Tuyên Quang") in {(c.original, c.resulting) for c in provinces}
    assert [c.date for c in rows] == sorted(c.date for c in rows)


def test_export_changes_rename_labels():
    (hg,) = [c for c in changes() if c.original == "Hà Giang"]
    (bd,) = [c for c in changes() if c.original == "Bình Dương"]
    (ard,) = [c for c in changes() if c.original == "Agriculture and Rural Development"]
    assert hg.rename("Standing Board of the Hà Giang Provincial Party Committee") == (
        "Standing Board of the Tuyên Quang Provincial Party Committee")
    assert bd.rename("Bình Dương Provincial People's Committee") == "Hồ Chí Minh City People's Committee"
    assert ard.rename("Yên Bái Department of Agriculture and Rural Development") == (
        "Yên Bái Department of Agriculture and Environment")
    assert ard.rename("Ministry of Finance") is None and hg.rename("Hà Nội People's Committee") is None


def test_export_changes_in_the_derived_graph():
    ds = build_dataset(corpus(), vocab.vocabulary_graph())
    g = merged_graph(ds)
    in_derived = {str(e)[len(GKR):] for e in ds.graph(ids.DERIVED_GRAPH).subjects(RDF.type, ORG.ChangeEvent)}
    assert in_derived == set(_change_events(g))
    assert _change_events(g) == {
        "change/2025-03-01/ministry-of-construction": (
            "2025-03-01", ["Ministry of Transport"], "Ministry of Construction"),
        "change/2025-03-01/yen-bai-department-of-agriculture-and-environment": (
            "2025-03-01", ["Yên Bái Department of Agriculture and Rural Development"],
            "Yên Bái Department of Agriculture and Environment"),
        "change/2025-07-01/lao-cai-department-of-agriculture-and-environment": (
            "2025-07-01", ["Yên Bái Department of Agriculture and Environment"],
            "Lào Cai Department of Agriculture and Environment"),
        "change/2025-07-01/lao-cai-provincial-people-s-committee": (
            "2025-07-01", ["Yên Bái Provincial People's Committee"], "Lào Cai Provincial People's Committee"),
        "change/2025-07-01/tuyen-quang-provincial-party-committee": (
            "2025-07-01", ["Hà Giang Provincial Party Committee"], "Tuyên Quang Provincial Party Committee"),
    }
    tq = URIRef(GKR + "org/tuyen-quang-provincial-party-committee")
    ev = URIRef(GKR + "change/2025-07-01/tuyen-quang-provincial-party-committee")
    assert set(g.objects(tq, RDF.type)) == {ORG.Organization, GK.PartyCommittee}  # same type as the original
    assert g.value(tq, GK.jurisdiction) == URIRef(GKR + "place/tuyen-quang")
    assert str(g.value(URIRef(GKR + "place/tuyen-quang"), SDO.name)) == "Tuyên Quang"
    assert g.value(ev, PROV.wasDerivedFrom) == source_iri("ontology/places.tsv")
    assert g.value(URIRef(GKR + "org/ha-giang-provincial-party-committee"), SDO.dissolutionDate) == Literal(
        "2025-07-01", datatype=XSD.date)
    assert g.value(tq, SDO.foundingDate) is None  # Tuyên Quang's committee existed before and absorbed Hà Giang's
    # the department merged in March is not merged again in July under its old name
    assert not (set(g.subjects(SKOS.prefLabel, Literal("Lào Cai Department of Agriculture and Rural Development"))))
    aae = URIRef(GKR + "org/yen-bai-department-of-agriculture-and-environment")
    assert g.value(aae, SDO.foundingDate) == Literal("2025-03-01", datatype=XSD.date)
    assert g.value(aae, SDO.dissolutionDate) == Literal("2025-07-01", datatype=XSD.date)
    assert g.value(aae, ORG.subOrganizationOf) == URIRef(GKR + "org/yen-bai-provincial-people-s-committee")
    assert g.value(URIRef(GKR + "org/lao-cai-department-of-agriculture-and-environment"),
                   ORG.subOrganizationOf) == URIRef(GKR + "org/lao-cai-provincial-people-s-committee")


def test_export_changes_none_for_bodies_that_did_not_merge(seed_graph):
    assert not set(seed_graph.subjects(RDF.type, ORG.ChangeEvent))  # Điện Biên and the Ministry of Finance stayed


def test_export_changes_conform_to_the_shapes():
    from graph.rdf.validate import validate

    g = merged_graph(build_dataset(corpus(), vocab.vocabulary_graph()))
    assert [v for v in validate(g).violations if v.severity == "Violation"] == []
    ev = URIRef(GKR + "change/2025-07-01/tuyen-quang-provincial-party-committee")
    g.remove((ev, PROV.wasDerivedFrom, None))
    g.remove((ev, DCTERMS.date, None))
    found = sorted(v.message for v in validate(g).violations if v.focus == ev)
    assert found == ["A change event needs exactly one dcterms:date, an xsd:date.",
                     "A change event needs prov:wasDerivedFrom: the data file or article that states it."]
