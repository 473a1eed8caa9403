"""The ontology (ontology/govkg.ttl), its Python mirror (ontology/namespaces.py) and the term usage of other files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef

from ontology import namespaces
from ontology import namespaces as ns  # SDO, TIME, XSD via ns.: pytest's collection would trip their warnings
from ontology.namespaces import (
    DCTERMS,
    FOAF,
    GK,
    GK_NS,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    bind_prefixes,
    declared_terms,
    render_gk_class,
)

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
FIXTURE = ROOT / "tests" / "fixtures" / "contract_sample.ttl"

# Every gk: term named by DESIGN.md's contract table and the lead's IRI/term conventions.
CONTRACT_TERMS = """
Article Evidence Succession Conflict Target Observation Commitment LegalDocument
Meeting WorkingVisit FieldVisit Conference Appointment Election Transfer Retirement
PartyCommittee PeoplesCommittee PeoplesCouncil Ministry Department Government NationalAssembly PartyCentralBody
CentralCommission FatherlandFront MilitaryCommand PoliceDepartment StandingBoard StateBody Delegation
Country Province City District Commune Ward
dateBasis notBefore notAfter province nameKey jurisdiction orgType orgClass level
singleHolder defaultOrgType rank post firstAttested lastAttested status startDate endDate evidence
predecessor successor holder note chair speaker termOrdinal sessionOrdinal subject
indicator comparator value valueMax unit period periodStart periodEnd setBy appliesTo statedAt
estimated relativeTo kind actor addressee content issuer inArticle quote charStart charEnd mentionedIn
""".split()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def gk_terms_used(path: Path) -> set[str]:
    """Local names of every gk: IRI appearing anywhere (subject, predicate, object) in a Turtle file."""
    graph = Graph().parse(path, format="turtle")
    return {
        str(term)[len(GK_NS) :]
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(GK_NS)
    }


def test_ontology_namespace_matches_ttl():
    python_terms = set(GK.__dict__["__annotations__"])
    ttl_terms = set(declared_terms())
    assert ttl_terms, "govkg.ttl declares no gk: terms"
    assert python_terms - ttl_terms == set(), "in namespaces.GK but not declared in govkg.ttl"
    assert ttl_terms - python_terms == set(), "declared in govkg.ttl but missing from namespaces.GK"
    assert GK.charEnd == URIRef(GK_NS + "charEnd")
    with pytest.raises(AttributeError, match="NoSuchTerm"):
        GK.NoSuchTerm  # noqa: B018


def test_ontology_namespace_generated_block_is_current():
    source = Path(namespaces.__file__).read_text(encoding="utf-8")
    assert namespaces.generated_block(source) == render_gk_class(declared_terms())
    assert namespaces.main(["--check"]) == 0


def test_ontology_namespace_check_detects_stale_ttl(tmp_path):
    extra = tmp_path / "govkg.ttl"
    extra.write_text(
        ONTOLOGY.read_text(encoding="utf-8")
        + '\ngk:brandNew a owl:DatatypeProperty ; rdfs:label "brand new"@en ; rdfs:comment "A test-only term."@en .\n',
        encoding="utf-8",
    )
    assert "brandNew" in declared_terms(extra)
    assert "    brandNew: URIRef  # A test-only term.\n" in render_gk_class(declared_terms(extra))
    assert namespaces.main(["--check", "--ttl", str(extra)]) == 1


@pytest.mark.parametrize("term", CONTRACT_TERMS)
def test_ontology_declares_contract_term(term):
    assert term in declared_terms()
    assert term in GK


@pytest.mark.parametrize(
    "path",
    [FIXTURE, SHAPES, *sorted(p for p in (ROOT / "ontology").glob("*.ttl") if p.name not in {"govkg.ttl", "shapes.ttl"})],
    ids=lambda p: p.name,
)
def test_ontology_declares_every_gk_term_used(path):
    used = gk_terms_used(path)
    assert used, f"{path.name} uses no gk: terms"
    assert sorted(used - set(declared_terms())) == []


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES, FIXTURE], ids=lambda p: p.name)
def test_ontology_parses_with_rdflib_and_pyoxigraph(path):
    rdflib_graph = Graph().parse(path, format="turtle")
    oxigraph_quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(rdflib_graph) > 100
    assert len(oxigraph_quads) == len(rdflib_graph)
    iris = {str(q.subject.value) for q in oxigraph_quads if isinstance(q.subject, pyoxigraph.NamedNode)}
    assert iris == {str(s) for s in rdflib_graph.subjects() if isinstance(s, URIRef)}


def test_ontology_header(ontology):
    (ont,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ont == URIRef("https://w3id.org/govkg/ontology")
    assert ontology.value(ont, DCTERMS.title) is not None
    assert ontology.value(ont, OWL.versionInfo) is not None


def test_ontology_every_term_has_label_comment_and_kind(ontology):
    problems = []
    for name, (kind, _) in declared_terms().items():
        term = GK[name]
        labels = [lab for lab in ontology.objects(term, RDFS.label) if isinstance(lab, Literal) and lab.language == "en"]
        comments = [c for c in ontology.objects(term, RDFS.comment) if isinstance(c, Literal) and len(str(c)) > 15]
        if len(labels) != 1 or len(comments) != 1:
            problems.append(f"{name}: needs one rdfs:label@en and one rdfs:comment")
        if kind not in {"owl:Class", "owl:ObjectProperty", "owl:DatatypeProperty"}:
            problems.append(f"{name}: declared as {kind}")
    assert problems == []


def test_ontology_every_class_specialises_a_standard_class(ontology):
    orphans = [
        name
        for name, (kind, _) in declared_terms().items()
        if kind == "owl:Class"
        and not any(not str(sup).startswith(GK_NS) for sup in ontology.objects(GK[name], RDFS.subClassOf))
    ]
    assert orphans == []


def test_ontology_ranges_fit_property_kinds(ontology):
    wrong = []
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for rng in ontology.objects(prop, RDFS.range):
            if not str(rng).startswith(str(ns.XSD)):
                wrong.append(f"{prop} (datatype property) has range {rng}")
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        for rng in ontology.objects(prop, RDFS.range):
            if str(rng).startswith(str(ns.XSD)):
                wrong.append(f"{prop} (object property) has range {rng}")
    assert wrong == []


@pytest.mark.parametrize(
    "sub, relation, sup",
    [
        (GK.Article, RDFS.subClassOf, ns.SDO.NewsArticle),
        (GK.Evidence, RDFS.subClassOf, PROV.Entity),
        (GK.LegalDocument, RDFS.subClassOf, ns.SDO.Legislation),
        (GK.Meeting, RDFS.subClassOf, ns.SDO.Event),
        (GK.WorkingVisit, RDFS.subClassOf, ns.SDO.Event),
        (GK.Retirement, RDFS.subClassOf, ns.SDO.Event),
        (GK.PartyCommittee, RDFS.subClassOf, ORG.Organization),
        (GK.Ministry, RDFS.subClassOf, ORG.Organization),
        (GK.StandingBoard, RDFS.subClassOf, ORG.Organization),
        (GK.Delegation, RDFS.subClassOf, ORG.Organization),
        (GK.Province, RDFS.subClassOf, ns.SDO.Place),
        (GK.Ward, RDFS.subClassOf, ns.SDO.Place),
        (GK.Country, RDFS.subClassOf, ns.SDO.Place),
        (GK.chair, RDFS.subPropertyOf, ns.SDO.attendee),
        (GK.speaker, RDFS.subPropertyOf, ns.SDO.attendee),
        (GK.inArticle, RDFS.subPropertyOf, PROV.wasQuotedFrom),
        (GK.issuer, RDFS.subPropertyOf, DCTERMS.creator),
        (GK.orgType, RDFS.subPropertyOf, ORG.classification),
    ],
)
def test_ontology_links_to_standard_vocabularies(ontology, sub, relation, sup):
    assert (sub, relation, sup) in ontology


@pytest.mark.parametrize(
    "term, range_",
    [
        (GK.charStart, ns.XSD.integer),
        (GK.charEnd, ns.XSD.integer),
        (GK.value, ns.XSD.decimal),
        (GK.estimated, ns.XSD.boolean),
        (GK.singleHolder, ns.XSD.boolean),
        (GK.notBefore, ns.XSD.date),
        (GK.evidence, GK.Evidence),
        (GK.inArticle, GK.Article),
        (GK.jurisdiction, ns.SDO.Place),
        (GK.predecessor, FOAF.Person),
        (GK.indicator, SKOS.Concept),
    ],
)
def test_ontology_term_ranges(ontology, term, range_):
    assert ontology.value(term, RDFS.range) == range_


def test_ontology_bind_prefixes_is_consistent():
    graph = bind_prefixes(Graph())
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    for prefix, iri in PREFIXES.items():
        assert bound[prefix] == iri
    assert bound["schema"] == "https://schema.org/"
    assert set(PREFIXES) == {"gk", "gkr", "org", "foaf", "schema", "prov", "time", "skos", "dcterms", "xsd"}
    graph.add((URIRef("https://w3id.org/govkg/id/x"), RDF.type, ns.SDO.Event))
    assert "@prefix schema: <https://schema.org/> ." in graph.serialize(format="turtle")


def test_ontology_reexports_standard_namespaces():
    expected = {
        "ORG": "http://www.w3.org/ns/org#",
        "FOAF": "http://xmlns.com/foaf/0.1/",
        "PROV": "http://www.w3.org/ns/prov#",
        "SKOS": "http://www.w3.org/2004/02/skos/core#",
        "DCTERMS": "http://purl.org/dc/terms/",
        "TIME": "http://www.w3.org/2006/time#",
        "XSD": "http://www.w3.org/2001/XMLSchema#",
        "SDO": "https://schema.org/",
        "SH": "http://www.w3.org/ns/shacl#",
        "GKR": "https://w3id.org/govkg/id/",
    }
    assert {name: str(getattr(namespaces, name)) for name in expected} == expected
    assert namespaces.GKR["person/tran-quoc-cuong"] == URIRef("https://w3id.org/govkg/id/person/tran-quoc-cuong")
    assert ns.TIME.inXSDgYearMonth and SH.NodeShape and RDFS.label and OWL.Class


@pytest.mark.parametrize(
    "cls",
    [
        GK.Article, FOAF.Person, ORG.Organization, ORG.Role, ORG.Post, ORG.Membership, GK.Succession, GK.Conflict,
        ns.SDO.Event, GK.Meeting, GK.Target, GK.Observation, GK.Commitment, GK.Evidence, GK.LegalDocument,
        ns.SDO.Place, GK.Province, SKOS.Concept, ns.TIME.Interval, ns.TIME.Instant,
    ],
    ids=lambda c: str(c).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
)
def test_ontology_shapes_target_every_contract_class(ontology, cls):
    """Each class of the contract table is the sh:targetClass of a shape, directly or through a superclass."""
    shapes = Graph().parse(SHAPES, format="turtle")
    targeted = set(shapes.objects(None, SH.targetClass))
    supers = {cls, *ontology.transitive_objects(cls, RDFS.subClassOf)}
    assert supers & targeted
