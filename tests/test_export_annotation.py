"""W3C Web Annotation for evidence: every gk:Evidence is an oa:Annotation whose selectors anchor the quote.

The selectors are checked the way an annotation tool uses them: a TextPositionSelector's start/end slice the
article text to exactly the TextQuoteSelector's exact, and prefix/suffix are the text right before and after it.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from extractors.article import load_articles
from extractors.evidence import CONTEXT_CHARS, span_evidence
from extractors.facts import Evidence
from graph.rdf import identity as ids
from graph.exports.rdf import graph_turtle
from graph.derive.merge import merged_graph
from ontology.namespaces import GK, OA, RDF, XSD

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _selectors(g: Graph, annotation: URIRef) -> tuple[URIRef, URIRef, URIRef]:
    (target,) = g.objects(annotation, OA.hasTarget)
    (source,) = g.objects(target, OA.hasSource)
    by_type = {g.value(sel, RDF.type): sel for sel in g.objects(target, OA.hasSelector)}
    assert set(by_type) == {OA.TextQuoteSelector, OA.TextPositionSelector}
    return source, by_type[OA.TextQuoteSelector], by_type[OA.TextPositionSelector]


def test_export_annotation_selectors_slice_the_quote_from_each_seed_article(seed_graph):
    reparsed = Graph().parse(data=graph_turtle(seed_graph), format="turtle")
    texts = {ids.article_iri(a.id): a.text for a in load_articles([SEEDS]).articles}
    evidence = set(reparsed.subjects(RDF.type, GK.Evidence))
    annotations = set(reparsed.subjects(RDF.type, OA.Annotation))
    assert annotations == evidence and len(evidence) == 24
    for ann in sorted(annotations):
        source, quote, position = _selectors(reparsed, ann)
        assert source == reparsed.value(ann, GK.inArticle)  # the seeds have no URL: the article IRI stands in
        text = texts[source]
        start, end = (int(reparsed.value(position, p)) for p in (OA.start, OA.end))
        exact, prefix, suffix = (str(reparsed.value(quote, p)) for p in (OA.exact, OA.prefix, OA.suffix))
        assert text[start:end] == exact == str(reparsed.value(ann, GK.quote))
        assert prefix == text[max(0, start - CONTEXT_CHARS):start]
        assert suffix == text[end:end + CONTEXT_CHARS]
        assert reparsed.value(position, OA.start).datatype == XSD.integer
        assert (ann, OA.motivatedBy, OA.describing) in reparsed
        bodies = set(reparsed.objects(ann, OA.hasBody))
        assert bodies and bodies == set(reparsed.subjects(GK.evidence, ann))


def test_export_annotation_of_one_holding_sentence(seed_graph):
    holding = URIRef(ids.GKR_NS + "holding/mua-a-son/permanent-deputy-secretary/dien-bien-provincial-party-committee")
    ann = URIRef(ids.GKR_NS + "evidence/000_1997b1c9d2f034b5/1660-1757")
    assert (ann, OA.hasBody, holding) in seed_graph
    _, quote, position = _selectors(seed_graph, ann)
    assert (seed_graph.value(position, OA.start), seed_graph.value(position, OA.end)) == (
        Literal(1660, datatype=XSD.integer), Literal(1757, datatype=XSD.integer))
    assert str(seed_graph.value(quote, OA.exact)) == (
        "Mùa A Sơn, Permanent Deputy Secretary of the Provincial Party Committee, speaks at the meeting.\n\n")
    assert str(seed_graph.value(quote, OA.prefix)) == "mittee for the 2020-2025 term.\n\n"
    assert str(seed_graph.value(quote, OA.suffix)) == "Regarding the implementation of "


def test_export_annotation_targets_the_article_url_when_known():
    import test_export

    g = merged_graph(test_export.build())
    url = URIRef("https://example.org/mof-dien-bien")
    targets = set(g.subjects(OA.hasSource, url))
    evidence_of_second = {e for e in g.subjects(GK.inArticle, ids.article_iri("003_e1e74b58657a6300"))}
    assert len(targets) == len(evidence_of_second) == 4
    # evidence made without the article text (as in these hand-made facts) has no prefix/suffix: none is invented
    assert not set(g.subjects(OA.prefix, None)) and not set(g.subjects(OA.suffix, None))


def test_export_annotation_context_is_cut_at_the_text_edges():
    text = "Short opening. The Secretary spoke. End."
    ev = span_evidence("a1", text, 15, 35)
    assert (ev.quote, ev.prefix, ev.suffix) == ("The Secretary spoke.", "Short opening. ", " End.")
    assert ev == Evidence("a1", 15, 35, "The Secretary spoke.")  # context does not change which evidence it is
    long = "x" * 40 + "QUOTE" + "y" * 40
    ev = span_evidence("a1", long, 40, 45)
    assert (ev.prefix, ev.suffix) == ("x" * CONTEXT_CHARS, "y" * CONTEXT_CHARS)
