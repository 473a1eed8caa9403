"""graph.derive.merge: named graphs per article, merged entities, tenures, successions and conflicts from article dates."""

from __future__ import annotations

import zlib

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic

from extractors import vocab
from extractors.facts import Article, ArticleFacts, DateValue, Evidence, Holding, OrgRef, PersonRef, PlaceRef
from graph.rdf import identity as ids
from graph.derive.merge import build_dataset, merged_graph
from ontology.namespaces import FOAF, GK, ORG, PROV, RDF, SKOS, TIME, XSD

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
DIEN_BIEN = PlaceRef("Điện Biên", "province")
PPC = OrgRef("Điện Biên Provincial Party Committee", "party-committee", DIEN_BIEN)
CUONG = PersonRef("Trần Quốc Cường", "tran quoc cuong")
DUNG = PersonRef("Trần Tiến Dũng", "tran tien dung")
SON = PersonRef("Mùa A Sơn", "mua a son")
DO = PersonRef("Lê Thành Đô", "le thanh do")

JULY_2024 = ("000_1997b1c9d2f034b5", DateValue("2024-07", "2024-07-05", "2024-07-31"))
YEAR_2025 = ("003_e1e74b58657a6300", DateValue("2025", "2025-09-30", "2025-12-31"))
MARCH_2026 = ("010_march_2026", DateValue("2026-03-02", "2026-03-02", "2026-03-02"))
AUGUST_2024 = ("001_aug_2024", DateValue("2024-08-20", "2024-08-20", "2024-08-20"))


def held(person: PersonRef, role: str, article_id: str, status: str = "current", **kw) -> Holding:
    quote = f"{person.name} is {status} {role} ({article_id})."
    start = zlib.crc32(quote.encode()) % 50_000
    return Holding(person, role, PPC, Evidence(article_id, start, start + len(quote), quote), status=status, **kw)


def paper(dated: tuple[str, DateValue], *holdings_for) -> ArticleFacts:
    """An article (id, date) whose facts are holdings built by `held(..., article_id)` callables."""
    article_id, published = dated
    art = Article(article_id, f"seeds/{article_id}.txt", "", title=f"Article {article_id}", published=published,
                  date_basis="text", province="Điện Biên")
    return ArticleFacts(art, tuple(make(article_id) for make in holdings_for))


def secretary(person, status="current", **kw):
    return lambda aid: held(person, "secretary", aid, status, **kw)


def deputy(person, status="current"):
    return lambda aid: held(person, "deputy-secretary", aid, status)


def dataset(*papers):
    return build_dataset(list(papers), vocab.vocabulary_graph())


def derived(ds):
    return ds.graph(ids.DERIVED_GRAPH)


def successions(g):
    return set(g.subjects(RDF.type, GK.Succession))


def conflicts(g):
    return set(g.subjects(RDF.type, GK.Conflict))


SECRETARY_POST = ids.post_iri("secretary", PPC)


def test_merge_dataset_has_article_vocabulary_and_derived_graphs():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(YEAR_2025, secretary(DUNG)))
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {
        ids.article_graph_iri(JULY_2024[0]), ids.article_graph_iri(YEAR_2025[0]), ids.VOCAB_GRAPH, ids.DERIVED_GRAPH,
    }
    assert (ids.role_iri("secretary"), SKOS.prefLabel, Literal("Secretary", lang="en")) in ds.graph(ids.VOCAB_GRAPH)
    assert (ids.holding_iri(DUNG, "secretary", PPC), RDF.type, ORG.Membership) in ds.graph(
        ids.article_graph_iri(YEAR_2025[0])
    )
    assert (ids.holding_iri(DUNG, "secretary", PPC), RDF.type, ORG.Membership) not in ds.graph(
        ids.article_graph_iri(JULY_2024[0])
    )


def test_merge_two_articles_one_holding_with_both_sources():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(AUGUST_2024, secretary(CUONG)))
    m = merged_graph(ds)
    h = ids.holding_iri(CUONG, "secretary", PPC)
    assert len(set(m.subjects(RDF.type, ORG.Membership))) == 1
    assert set(m.objects(h, PROV.wasDerivedFrom)) == {ids.article_iri(JULY_2024[0]), ids.article_iri(AUGUST_2024[0])}
    assert len(set(m.objects(h, GK.evidence))) == 2
    assert m.value(h, GK.firstAttested) == Literal("2024-07", datatype=XSD.gYearMonth)
    assert m.value(h, GK.lastAttested) == Literal("2024-08-20", datatype=XSD.date)


def test_merge_person_without_diacritics_merges_with_same_key():
    plain = PersonRef("Tran Quoc Cuong", "tran quoc cuong")
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(AUGUST_2024, secretary(plain)))
    m = merged_graph(ds)
    assert len(set(m.subjects(RDF.type, FOAF.Person))) == 1
    p = ids.person_iri(CUONG)
    assert set(m.objects(p, FOAF.name)) == {Literal("Trần Quốc Cường")}
    assert set(m.objects(p, SKOS.altLabel)) == {Literal("Tran Quoc Cuong")}
    assert set(m.objects(p, GK.nameKey)) == {Literal("tran quoc cuong")}


def test_merge_succession_bounds_from_article_dates():
    ds = dataset(paper(JULY_2024, secretary(CUONG), deputy(SON)), paper(YEAR_2025, secretary(DUNG)))
    g = derived(ds)
    (s,) = successions(g)
    assert g.value(s, GK.post) == SECRETARY_POST
    assert g.value(s, GK.predecessor) == ids.person_iri(CUONG)
    assert g.value(s, GK.successor) == ids.person_iri(DUNG)
    assert g.value(s, GK.notBefore) == Literal("2024-07-05", datatype=XSD.date)
    assert g.value(s, GK.notAfter) == Literal("2025-12-31", datatype=XSD.date)
    assert set(g.objects(s, PROV.wasDerivedFrom)) == {ids.article_iri(JULY_2024[0]), ids.article_iri(YEAR_2025[0])}
    assert not conflicts(g)
    # the predecessor's tenure now has an end, bounded by the change
    end = ids.interval_iri(ids.holding_iri(CUONG, "secretary", PPC), "end")
    assert g.value(end, GK.notBefore) == Literal("2024-07-05", datatype=XSD.date)
    assert g.value(end, GK.notAfter) == Literal("2025-12-31", datatype=XSD.date)
    assert not (ids.interval_iri(ids.holding_iri(DUNG, "secretary", PPC)), TIME.hasEnd, None) in g


def test_merge_succession_order_does_not_depend_on_input_order():
    a = dataset(paper(JULY_2024, secretary(CUONG)), paper(YEAR_2025, secretary(DUNG)))
    b = dataset(paper(YEAR_2025, secretary(DUNG)), paper(JULY_2024, secretary(CUONG)))
    assert isomorphic(merged_graph(a), merged_graph(b))
    assert successions(derived(b))


def test_merge_deputies_overlap_without_succession_or_conflict():
    ds = dataset(paper(JULY_2024, deputy(SON), deputy(DO)), paper(YEAR_2025, deputy(DUNG), deputy(DO)))
    g = derived(ds)
    assert not successions(g) and not conflicts(g)
    assert g.value(ids.holding_iri(DO, "deputy-secretary", PPC), GK.lastAttested) == Literal("2025", datatype=XSD.gYear)


def test_merge_overlapping_sole_holders_give_conflict_not_succession():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(AUGUST_2024, secretary(DUNG)),
                 paper(YEAR_2025, secretary(CUONG)))
    g = derived(ds)
    assert not successions(g)
    (c,) = conflicts(g)
    assert g.value(c, GK.post) == SECRETARY_POST
    assert set(g.objects(c, GK.holder)) == {ids.person_iri(CUONG), ids.person_iri(DUNG)}
    assert set(g.objects(c, PROV.wasDerivedFrom)) == {ids.article_iri(x[0]) for x in (JULY_2024, AUGUST_2024, YEAR_2025)}
    note = str(g.value(c, GK.note))
    assert "Trần Quốc Cường" in note and "Trần Tiến Dũng" in note and "overlapping" in note


def test_merge_former_after_successor_does_not_reopen_tenure():
    ds = dataset(
        paper(JULY_2024, secretary(CUONG)),
        paper(YEAR_2025, secretary(DUNG)),
        paper(MARCH_2026, secretary(DUNG), secretary(CUONG, "former")),
    )
    g = derived(ds)
    assert not conflicts(g)
    (s,) = successions(g)
    assert g.value(s, GK.notBefore) == Literal("2024-07-05", datatype=XSD.date)
    cuong = ids.holding_iri(CUONG, "secretary", PPC)
    assert g.value(cuong, GK.lastAttested) == Literal("2024-07", datatype=XSD.gYearMonth)
    assert ids.article_iri(MARCH_2026[0]) in set(g.objects(cuong, PROV.wasDerivedFrom))
    end = ids.interval_iri(cuong, "end")
    assert g.value(end, GK.notAfter) == Literal("2025-12-31", datatype=XSD.date)


def test_merge_former_status_alone_ends_tenure():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(MARCH_2026, secretary(CUONG, "former")))
    g = derived(ds)
    during = ids.interval_iri(ids.holding_iri(CUONG, "secretary", PPC))
    end = g.value(during, TIME.hasEnd)
    assert end == ids.interval_iri(ids.holding_iri(CUONG, "secretary", PPC), "end")
    assert g.value(end, GK.notAfter) == Literal("2026-03-02", datatype=XSD.date)
    assert g.value(end, TIME.inXSDDate) == Literal("2024-07-05", datatype=XSD.date)


def test_merge_tenure_interval_from_attestations():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(AUGUST_2024, secretary(CUONG)))
    g = derived(ds)
    h = ids.holding_iri(CUONG, "secretary", PPC)
    during = g.value(h, ORG.memberDuring)
    assert during == ids.interval_iri(h) and (during, RDF.type, TIME.Interval) in g
    begin = g.value(during, TIME.hasBeginning)
    assert (begin, RDF.type, TIME.Instant) in g
    assert g.value(begin, TIME.inXSDDate) == Literal("2024-07-05", datatype=XSD.date)
    assert g.value(during, TIME.hasEnd) is None  # still in office as far as the corpus knows


def test_merge_explicit_start_and_end_used_for_interval():
    ds = dataset(paper(JULY_2024, secretary(
        CUONG, start=DateValue("2020-10", "2020-10-01", "2020-10-31"), end=DateValue("2025-06-30", "2025-06-30", "2025-06-30"),
    )))
    g = derived(ds)
    during = ids.interval_iri(ids.holding_iri(CUONG, "secretary", PPC))
    assert g.value(g.value(during, TIME.hasBeginning), TIME.inXSDgYearMonth) == Literal("2020-10", datatype=XSD.gYearMonth)
    assert g.value(g.value(during, TIME.hasEnd), TIME.inXSDDate) == Literal("2025-06-30", datatype=XSD.date)


def test_merge_explicit_start_tightens_succession():
    ds = dataset(
        paper(JULY_2024, secretary(CUONG)),
        paper(YEAR_2025, secretary(DUNG, start=DateValue("2025-10-24", "2025-10-24", "2025-10-24"))),
    )
    (s,) = successions(derived(ds))
    assert derived(ds).value(s, GK.notAfter) == Literal("2025-10-24", datatype=XSD.date)


def test_merge_acting_holder_recorded_without_conflict():
    ds = dataset(paper(JULY_2024, secretary(CUONG)), paper(AUGUST_2024, secretary(CUONG), secretary(SON, "acting")))
    m = merged_graph(ds)
    assert m.value(ids.holding_iri(SON, "secretary", PPC), GK.status) == Literal("acting")
    assert not conflicts(m) and not successions(m)


@pytest.mark.parametrize("role", ["deputy-secretary", "member"])
def test_merge_roles_without_single_holder_never_succeed(role):
    assert not vocab.roles()[role].single_holder
    ds = dataset(paper(JULY_2024, lambda aid: held(CUONG, role, aid)), paper(YEAR_2025, lambda aid: held(DUNG, role, aid)))
    assert not successions(derived(ds)) and not conflicts(derived(ds))


def test_merge_rebuild_is_isomorphic_per_graph():
    papers = [paper(JULY_2024, secretary(CUONG), deputy(SON)), paper(YEAR_2025, secretary(DUNG))]
    a, b = dataset(*papers), dataset(*reversed(papers))
    for g in a.graphs():
        assert isomorphic(g, b.graph(g.identifier)), g.identifier
    merged = merged_graph(a)
    assert len(merged) > len(vocab.vocabulary_graph())
    assert not any(isinstance(n, BNode) for t in merged for n in t)


def test_merge_merged_graph_conforms_to_shapes():
    """The merged graph of a small corpus passes ontology/shapes.ttl (violations; warnings allowed)."""
    ds = dataset(
        paper(JULY_2024, secretary(CUONG), deputy(SON)),
        paper(YEAR_2025, secretary(DUNG)),
        paper(MARCH_2026, secretary(DUNG), secretary(CUONG, "former")),
    )
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ONTOLOGY / "govkg.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(merged_graph(ds), shacl_graph=shapes, ont_graph=ontology,
                                           inference="none", allow_warnings=True)
    assert conforms, report


def test_merge_rejects_duplicate_article_ids():
    with pytest.raises(ValueError, match="000_1997b1c9d2f034b5.*already used"):
        dataset(paper(JULY_2024, secretary(CUONG)), paper(JULY_2024, secretary(DUNG)))
