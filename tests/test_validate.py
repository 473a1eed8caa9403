"""SHACL validation (graph/rdf/validate.py + ontology/shapes.ttl) on the contract fixture and broken variants of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.rdf import validate as validate_module
from graph.rdf.validate import GraphLoadError, ValidationResult, Violation, compact, format_violations, load_graph, validate
from ontology import namespaces as ns
from ontology.namespaces import DCTERMS, FOAF, GK, GKR, ORG, PROV, RDF, SKOS, bind_prefixes

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "contract_sample.ttl"
VOCABULARIES = [ROOT / "ontology" / name for name in ("roles.ttl", "org_types.ttl", "indicators.ttl")]

A000 = GKR["article/000_1997b1c9d2f034b5"]
A003 = GKR["article/003_e1e74b58657a6300"]
CUONG = GKR["person/tran-quoc-cuong"]
SON = GKR["person/mua-a-son"]
SECRETARY_POST = GKR["post/secretary/dien-bien-provincial-party-committee"]
HOLDING = GKR["holding/tran-quoc-cuong/secretary/dien-bien-provincial-party-committee"]
EVIDENCE = GKR["evidence/000_1997b1c9d2f034b5/230-561"]
MEETING = GKR["event/20th-session-of-the-14th-dien-bien-provincial-party-committee"]
TARGET = GKR["target/dien-bien-grdp-growth-rate-2025"]
OBSERVATION = GKR["observation/dien-bien-grdp-growth-rate-2025-01-2025-09"]
COMMITMENT = GKR["commitment/003_e1e74b58657a6300/1"]
SUCCESSION = GKR["succession/secretary/dien-bien-provincial-party-committee/tran-quoc-cuong/tran-tien-dung"]
DOCUMENT = GKR["document/directive-no-35-ct-tw"]
PPC = GKR["org/dien-bien-provincial-party-committee"]
DIEN_BIEN = GKR["place/dien-bien"]
SECRETARY = GKR["role/secretary"]


@pytest.fixture(scope="module")
def sample() -> Graph:
    return load_graph(FIXTURE)


def copy_of(graph: Graph) -> Graph:
    clone = Graph()
    clone += graph
    return bind_prefixes(clone)


# --- the fixture ------------------------------------------------------------------------------------------------


def test_validate_fixture_conforms_without_warnings(sample):
    result = validate(sample)
    assert format_violations(result) == ""
    assert result.conforms and result.violations == []


def test_validate_fixture_conforms_with_project_vocabularies(sample):
    """The fixture's role/org-type/indicator concepts agree with ontology/*.ttl (no clashing labels)."""
    merged = copy_of(sample)
    for path in VOCABULARIES:
        merged += load_graph(path)
    result = validate(merged)
    assert format_violations(result) == ""
    assert result.conforms


@pytest.mark.parametrize(
    "cls, at_least",
    [
        (GK.Article, 2),
        (FOAF.Person, 3),
        (ORG.Organization, 3),
        (ORG.Role, 3),
        (ORG.Post, 3),
        (ORG.Membership, 3),
        (GK.Evidence, 5),
        (GK.Succession, 1),
        (GK.Meeting, 1),
        (GK.Target, 1),
        (GK.Observation, 1),
        (GK.Commitment, 1),
        (GK.LegalDocument, 1),
        (ns.SDO.Place, 2),
    ],
)
def test_validate_fixture_is_rich(sample, cls, at_least):
    assert len(set(sample.subjects(RDF.type, cls))) >= at_least


def test_validate_fixture_evidence_matches_seed_text(sample):
    """Every quote sits at its offsets in the seed article, and the IRI spells the same offsets."""
    checked = 0
    for evidence in sorted(sample.subjects(RDF.type, GK.Evidence)):
        article_id = str(sample.value(evidence, GK.inArticle)).rsplit("/", 1)[-1]
        text = (ROOT / "seeds" / f"{article_id}.txt").read_text(encoding="utf-8")
        start, end = int(sample.value(evidence, GK.charStart)), int(sample.value(evidence, GK.charEnd))
        assert text[start:end] == str(sample.value(evidence, GK.quote)), evidence
        assert str(evidence) == str(GKR[f"evidence/{article_id}/{start}-{end}"])
        checked += 1
    assert checked >= 5


def test_validate_fixture_role_concepts_say_single_holder(sample):
    single = {role: sample.value(role, GK.singleHolder) for role in sample.subjects(RDF.type, ORG.Role)}
    assert single[SECRETARY] == Literal(True)
    assert single[GKR["role/member"]] == Literal(False)


# --- broken variants ----------------------------------------------------------------------------------------------

Mutation = Callable[[Graph], None]


def _remove(s, p, o=None) -> Mutation:
    return lambda g: g.remove((s, p, o))


def _set(s, p, o) -> Mutation:
    return lambda g: g.set((s, p, o))


def _add(*triples) -> Mutation:
    def mutate(g: Graph) -> None:
        for t in triples:
            g.add(t)

    return mutate


def _retype(s, old, new=None) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((s, RDF.type, old))
        if new is not None:
            g.add((s, RDF.type, new))

    return mutate


NEW_MEETING = GKR["event/new-meeting"]
BROKEN = [
    # id, mutation, focus, path, message fragment
    ("holding-without-evidence", _remove(HOLDING, GK.evidence), HOLDING, GK.evidence,
     "A holding needs at least one gk:evidence."),
    ("holding-without-source", _remove(HOLDING, PROV.wasDerivedFrom), HOLDING, PROV.wasDerivedFrom,
     "A holding needs prov:wasDerivedFrom"),
    ("holding-evidence-from-unlisted-article", _set(HOLDING, PROV.wasDerivedFrom, A003), HOLDING, GK.evidence,
     "it is not prov:wasDerivedFrom"),
    ("holding-role-differs-from-post", _set(HOLDING, ORG.role, GKR["role/member"]), HOLDING, None,
     "org:role must be the org:role of its gk:post"),
    ("holding-status-unknown", _set(HOLDING, GK.status, Literal("sacked")), HOLDING, GK.status,
     'gk:status must be one of "current", "acting", "former", "incoming".'),
    ("holding-first-after-last", _set(HOLDING, GK.firstAttested, Literal("2024-08-01", datatype=ns.XSD.date)), HOLDING,
     GK.firstAttested, "gk:firstAttested must not be after its gk:lastAttested"),
    ("holding-date-as-plain-string", _set(HOLDING, GK.lastAttested, Literal("2024-07")), HOLDING, GK.lastAttested,
     "typed xsd:date, xsd:gYearMonth or xsd:gYear"),
    ("evidence-end-before-start", _set(EVIDENCE, GK.charEnd, Literal(100)), EVIDENCE, GK.charStart,
     "gk:charStart must be less than its gk:charEnd"),
    ("evidence-end-not-integer", _set(EVIDENCE, GK.charEnd, Literal("561")), EVIDENCE, GK.charEnd,
     "exactly one gk:charEnd, an xsd:integer"),
    ("evidence-without-quote", _remove(EVIDENCE, GK.quote), EVIDENCE, GK.quote, "non-empty gk:quote"),
    ("evidence-without-article", _remove(EVIDENCE, GK.inArticle), EVIDENCE, GK.inArticle,
     "exactly one gk:inArticle"),
    ("target-comparator-roughly", _set(TARGET, GK.comparator, Literal("roughly")), TARGET, GK.comparator,
     'exactly one gk:comparator: "atLeast", "moreThan", "equal", "atMost", "lessThan" or "about"'),
    ("target-value-not-decimal", _set(TARGET, GK.value, Literal("7.5")), TARGET, GK.value, "gk:value (xsd:decimal)"),
    ("target-range-upside-down", _add((TARGET, GK.valueMax, Literal("7.0", datatype=ns.XSD.decimal))), TARGET,
     GK.value, "below its gk:valueMax"),
    ("target-indicator-not-concept", _set(TARGET, GK.indicator, GKR["indicator/unknown"]), TARGET, GK.indicator,
     "gk:indicator, a skos:Concept"),
    ("observation-without-estimated", _remove(OBSERVATION, GK.estimated), OBSERVATION, GK.estimated,
     "exactly one gk:estimated"),
    ("commitment-kind-unknown", _set(COMMITMENT, GK.kind, Literal("promise")), COMMITMENT, GK.kind,
     "exactly one gk:kind"),
    ("commitment-actor-is-article", _set(COMMITMENT, GK.actor, A003), COMMITMENT, GK.actor,
     "an organisation, place or person"),
    ("article-with-two-dates", _add((A000, DCTERMS.date, Literal("2023", datatype=ns.XSD.gYear))), A000, DCTERMS.date,
     "An article has at most one dcterms:date"),
    ("article-date-basis-unknown", _set(A000, GK.dateBasis, Literal("guess")), A000, GK.dateBasis,
     '"metadata", "text" or "inferred"'),
    ("article-without-title", _remove(A000, DCTERMS.title), A000, DCTERMS.title, "needs a dcterms:title"),
    ("person-without-name", _remove(SON, FOAF.name), SON, FOAF.name, "A person needs exactly one foaf:name"),
    ("person-name-key-not-folded", _set(SON, GK.nameKey, Literal("Mùa A Sơn")), SON, GK.nameKey,
     "ASCII lower case"),
    ("person-iri-off-convention", _add((URIRef("https://example.org/someone"), RDF.type, FOAF.Person),
                                       (URIRef("https://example.org/someone"), FOAF.name, Literal("Someone")),
                                       (URIRef("https://example.org/someone"), GK.nameKey, Literal("someone"))),
     URIRef("https://example.org/someone"), None, "IRI must be gkr:person/{name-key-slug}"),
    ("organisation-without-label", _remove(PPC, SKOS.prefLabel), PPC, SKOS.prefLabel, "needs a skos:prefLabel"),
    ("organisation-only-subclass-typed", _retype(PPC, ORG.Organization), PPC, RDF.type,
     "typed org:Organization explicitly"),
    ("place-without-kind", _retype(DIEN_BIEN, GK.Province), DIEN_BIEN, RDF.type, "gk:Country, gk:Province"),
    ("role-not-in-scheme", _remove(SECRETARY, SKOS.inScheme), SECRETARY, SKOS.inScheme, "gkr:scheme/roles"),
    ("role-single-holder-not-boolean", _set(SECRETARY, GK.singleHolder, Literal("yes")), SECRETARY, GK.singleHolder,
     "gk:singleHolder must be one xsd:boolean"),
    ("post-without-organisation", _remove(SECRETARY_POST, ORG.postIn), SECRETARY_POST, ORG.postIn,
     "exactly one org:postIn"),
    ("succession-same-person", _set(SUCCESSION, GK.successor, CUONG), SUCCESSION, GK.predecessor,
     "other than the successor"),
    ("succession-bounds-reversed", _set(SUCCESSION, GK.notAfter, Literal("2024-01-01", datatype=ns.XSD.date)),
     SUCCESSION, GK.notBefore, "not after its gk:notAfter"),
    ("meeting-without-name", _remove(MEETING, ns.SDO.name), MEETING, ns.SDO.name, "An event needs a schema:name."),
    ("meeting-without-evidence", _remove(MEETING, GK.evidence), MEETING, GK.evidence, "An event needs at least one"),
    ("meeting-chair-not-person", _add((MEETING, GK.chair, PPC)), MEETING, GK.chair, "gk:chair must be a foaf:Person"),
    ("meeting-typed-only-by-subclass", _retype(MEETING, ns.SDO.Event), MEETING, RDF.type,
     "typed schema:Event explicitly"),
    # A node typed only gk:Conference is still checked by the schema:Event shape (rdfs:subClassOf from govkg.ttl).
    ("conference-subclass-is-an-event", _add((NEW_MEETING, RDF.type, GK.Conference)), NEW_MEETING, ns.SDO.name,
     "An event needs a schema:name."),
    ("document-without-identifier", _remove(DOCUMENT, DCTERMS.identifier), DOCUMENT, DCTERMS.identifier,
     "exactly one dcterms:identifier"),
    ("interval-instant-without-date",
     _remove(URIRef(str(HOLDING) + "/during/begin"), ns.TIME.inXSDgYearMonth),
     URIRef(str(HOLDING) + "/during/begin"), None, "A time:Instant needs exactly one of time:inXSDDate"),
]


@pytest.mark.parametrize(
    "mutate, focus, path, fragment", [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_validate_broken_variant_fails_with_message(sample, mutate, focus, path, fragment):
    graph = copy_of(sample)
    mutate(graph)
    result = validate(graph)
    assert not result.conforms
    matching = [v for v in result.violations if v.focus == focus and fragment in v.message]
    assert matching, format_violations(result)
    if path is not None:
        assert any(v.path == path for v in matching), format_violations(result)
    assert all(v.severity == "Violation" for v in matching)


@pytest.mark.parametrize(
    "mutate, focus, fragment",
    [
        (_retype(GKR["org/politburo"], GK.PartyCentralBody), GKR["org/politburo"], "gk: organisation class"),
        (_remove(GKR["org/politburo"], GK.jurisdiction), GKR["org/politburo"], "should have a gk:jurisdiction"),
        (_retype(MEETING, GK.Meeting), MEETING, "gk: event class"),
        (_remove(SECRETARY, GK.singleHolder), SECRETARY, "gk:singleHolder true/false"),
        (_remove(DOCUMENT, GK.evidence), DOCUMENT, "should have at least one gk:evidence"),
    ],
    ids=["org-without-gk-class", "org-without-jurisdiction", "event-without-gk-class", "role-without-single-holder",
         "document-without-evidence"],
)
def test_validate_warnings_do_not_break_conformance(sample, mutate, focus, fragment):
    graph = copy_of(sample)
    mutate(graph)
    result = validate(graph)
    assert result.conforms
    assert [(v.focus, v.severity) for v in result.violations if fragment in v.message] == [(focus, "Warning")]
    assert format_violations(result).startswith("warning: ")


def test_validate_accepts_xsd_string_typed_enumerations(sample):
    """ "current" and "current"^^xsd:string are the same RDF literal; rdflib keeps them apart, the shapes must not."""
    graph = copy_of(sample)
    graph.set((HOLDING, GK.status, Literal("acting", datatype=ns.XSD.string)))
    graph.set((TARGET, GK.comparator, Literal("atLeast", datatype=ns.XSD.string)))
    assert validate(graph).conforms


@pytest.mark.parametrize("holders, conforms", [(2, True), (1, False)])
def test_validate_conflict_needs_two_holders(sample, holders, conforms):
    conflict = GKR["conflict/secretary/dien-bien-provincial-party-committee/tran-quoc-cuong/tran-tien-dung"]
    graph = copy_of(sample)
    graph.add((conflict, RDF.type, GK.Conflict))
    graph.add((conflict, GK.post, SECRETARY_POST))
    graph.add((conflict, GK.note, Literal("Both attested as Secretary in overlapping periods.")))
    graph.add((conflict, PROV.wasDerivedFrom, A000))
    for person in [CUONG, GKR["person/tran-tien-dung"]][:holders]:
        graph.add((conflict, GK.holder, person))
    result = validate(graph)
    assert result.conforms is conforms
    if not conforms:
        assert format_violations(result) == (
            "gkr:conflict/secretary/dien-bien-provincial-party-committee/tran-quoc-cuong/tran-tien-dung gk:holder: "
            "A conflict needs at least two gk:holder persons."
        )


def test_validate_rejects_empty_graph_of_wrong_things():
    """A graph whose nodes claim contract classes but carry nothing fails on every required property."""
    graph = bind_prefixes(Graph())
    graph.add((GKR["article/x"], RDF.type, GK.Article))
    graph.add((GKR["holding/a/b/c"], RDF.type, ORG.Membership))
    result = validate(graph)
    assert not result.conforms
    assert result.count("Violation") >= 8


def test_validate_undated_article_conforms_with_a_warning(sample):
    """An article that names no year stays in the graph: a warning, not a violation."""
    graph = copy_of(sample)
    graph.remove((A000, DCTERMS.date, None))
    result = validate(graph)
    assert result.conforms
    assert "warning: gkr:article/000_1997b1c9d2f034b5 dcterms:date: An article should have a dcterms:date" in (
        format_violations(result))


# --- output -----------------------------------------------------------------------------------------------------


def test_validate_format_is_readable_sorted_and_deterministic(sample):
    graph = copy_of(sample)
    graph.remove((SON, FOAF.name, None))
    graph.set((TARGET, GK.comparator, Literal("roughly")))
    graph.add((A000, DCTERMS.date, Literal("2023", datatype=ns.XSD.gYear)))
    first, second = validate(graph), validate(copy_of(graph))
    assert first == second
    assert format_violations(first) == "\n".join(
        [
            "gkr:article/000_1997b1c9d2f034b5 dcterms:date: An article has at most one dcterms:date, "
            "typed xsd:date, xsd:gYearMonth or xsd:gYear.",
            "gkr:person/mua-a-son foaf:name: A person needs exactly one foaf:name (other spellings go in skos:altLabel).",
            'gkr:target/dien-bien-grdp-growth-rate-2025 gk:comparator: A target needs exactly one gk:comparator: '
            '"atLeast", "moreThan", "equal", "atMost", "lessThan" or "about". (value: "roughly")',
        ]
    )
    assert first.summary() == "does not conform: 3 violations"


@pytest.mark.parametrize(
    "node, text",
    [
        (GKR["person/tran-quoc-cuong"], "gkr:person/tran-quoc-cuong"),
        (GK.charEnd, "gk:charEnd"),
        (ns.SDO.Event, "schema:Event"),
        (URIRef("https://example.org/x"), "<https://example.org/x>"),
        (Literal("7.5", datatype=ns.XSD.decimal), '"7.5"^^xsd:decimal'),
        (Literal("about"), '"about"'),
        (Literal("Điện Biên", lang="en"), '"Điện Biên"@en'),
        (RDF.type, "rdf:type"),
    ],
)
def test_validate_compact_uses_project_prefixes(node, text):
    assert compact(node) == text


def test_validate_does_not_modify_data(sample):
    graph = copy_of(sample)
    graph.remove((HOLDING, GK.evidence, None))
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_validate_uses_given_shapes_file(sample, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "[] a sh:NodeShape ; sh:targetClass foaf:Person ;\n"
        '  sh:property [ sh:path foaf:age ; sh:minCount 1 ; sh:message "Test shape: a person needs an age." ] .\n',
        encoding="utf-8",
    )
    result = validate(sample, shapes_path=shapes)
    assert not result.conforms
    assert {v.message for v in result.violations} == {"Test shape: a person needs an age."}
    assert result.count() == len(set(sample.subjects(RDF.type, FOAF.Person)))


def test_validate_cli_reports_and_sets_exit_status(sample, tmp_path, capsys):
    broken = copy_of(sample)
    broken.remove((HOLDING, GK.evidence, None))
    broken_path = tmp_path / "broken.ttl"
    broken.serialize(broken_path, format="turtle")
    assert validate_module.main([str(FIXTURE)]) == 0
    assert validate_module.main([str(FIXTURE), str(broken_path)]) == 1
    out = capsys.readouterr().out
    assert f"{broken_path}: does not conform: 1 violation" in out
    assert "gk:evidence: A holding needs at least one gk:evidence." in out


# --- loading ----------------------------------------------------------------------------------------------------


def test_validate_load_graph_trig_is_union_of_named_graphs(sample, tmp_path):
    dataset = Dataset()
    per_article = {A000: dataset.graph(GKR["graph/article/000_1997b1c9d2f034b5"]),
                   A003: dataset.graph(GKR["graph/article/003_e1e74b58657a6300"])}
    derived = dataset.graph(GKR["graph/derived"])
    for s, p, o in sample:
        source = sample.value(s, PROV.wasDerivedFrom)
        (per_article[source] if source in per_article else derived).add((s, p, o))
    path = tmp_path / "graph.trig"
    dataset.serialize(path, format="trig")
    loaded = load_graph(path)
    assert len(per_article[A000]) > 0 and len(per_article[A003]) > 0 and len(derived) > 0
    assert isomorphic(loaded, sample)
    assert validate(loaded).conforms


@pytest.mark.parametrize("suffix, fmt", [(".nt", "nt"), (".jsonld", "json-ld"), (".ttl", "turtle")])
def test_validate_load_graph_reads_formats_by_extension(sample, tmp_path, suffix, fmt):
    path = tmp_path / f"graph{suffix}"
    sample.serialize(path, format=fmt)
    assert isomorphic(load_graph(path), sample)


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("broken.ttl", "@prefix gk: <https://w3id.org/govkg/ontology#> .\ngk:a gk:b gk:c ;;; ] .\n", "cannot parse as turtle"),
        ("broken.trig", "<https://x/g> { <https://x/a> <https://x/b> ", "cannot parse as trig"),
        ("broken.jsonld", '{"@id": "https://x/a", ', "cannot parse as json-ld"),
        ("broken.nt", "<https://x/a> <https://x/b> .\n", "cannot parse as nt"),
        ("graph.csv", "a,b,c\n", "unknown RDF file extension '.csv'"),
    ],
)
def test_validate_load_graph_error_names_file_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphLoadError) as info:
        load_graph(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)
    assert info.value.path == path


def test_validate_load_graph_missing_file(tmp_path):
    with pytest.raises(GraphLoadError, match="no such file") as info:
        load_graph(tmp_path / "absent.ttl")
    assert "absent.ttl" in str(info.value)


def test_validate_result_summary_counts_severities():
    def result(*severities: str) -> ValidationResult:
        violations = [Violation(focus=CUONG, path=FOAF.name, message="m", severity=s) for s in severities]
        return ValidationResult(conforms="Violation" not in severities, violations=violations)

    assert result().summary() == "conforms"
    assert result("Warning").summary() == "conforms: 1 warning"
    assert result("Violation", "Violation", "Warning", "Info").summary() == (
        "does not conform: 2 violations, 1 warning, 1 info"
    )
