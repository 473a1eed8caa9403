"""Targets and observations: the two seed articles, a table of phrasings (tests/phrasings/targets.json), the vocabulary."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.facts import Article, DateValue, Observation, Target
from extractors.nlp import get_nlp, parse
from extractors.targets import extract_targets, find_mentions, indicators, unit_kind

ROOT = Path(__file__).resolve().parent.parent
PHRASINGS = json.loads((ROOT / "tests" / "phrasings" / "targets.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="session")
def nlp():
    """The trained pipeline, loaded once for the whole session."""
    return get_nlp()


def _year(year: str) -> DateValue:
    return DateValue(year, f"{year}-01-01", f"{year}-12-31")


def _article(text: str, published: DateValue | None, province: str | None, body_start: int = 0, aid: str = "t") -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, published=published, province=province, body_start=body_start)


def _seed(name: str, published: DateValue) -> Article:
    """A seed article built by hand (title line first, like the loader's output) about Điện Biên."""
    text = (ROOT / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    body_start = len(first) + 1 if len(first) < 120 else 0  # 003 has no title line
    return _article(text, published, "Điện Biên", body_start, name)


def _as_dict(fact: Target | Observation) -> dict:
    """The comparable part of a fact, in the shape of the phrasing table."""
    d = {
        "type": "target" if isinstance(fact, Target) else "observation",
        "indicator": fact.indicator,
        "value": str(fact.value),
        "unit": fact.unit,
        "period": fact.period.value if fact.period else None,
        "applies_to": fact.applies_to.label if fact.applies_to else None,
    }
    if isinstance(fact, Target):
        d["comparator"] = fact.comparator
        d["value_max"] = str(fact.value_max) if fact.value_max is not None else None
    else:
        d["estimated"] = fact.estimated
        d["relative_to"] = fact.relative_to
    return d


def _expected(case_fact: dict) -> dict:
    d = dict(case_fact)
    if d["type"] == "target":
        d.setdefault("value_max", None)
    else:
        d.setdefault("estimated", False)
        d.setdefault("relative_to", None)
    return d


def _check_evidence(article: Article, fact: Target | Observation) -> None:
    ev = fact.evidence
    assert ev.article_id == article.id
    assert article.text[ev.start : ev.end] == ev.quote
    assert ev.quote == ev.quote.strip() and "\n" not in ev.quote


# --- seeds ---------------------------------------------------------------------------------------------------


def test_targets_seed_000_growth_and_disbursement_targets(nlp):
    article = _seed("000_1997b1c9d2f034b5", DateValue("2024-07", "2024-07-01", "2024-07-31"))
    facts = list(extract_targets(parse(article, nlp)))
    for f in facts:
        _check_evidence(article, f)
    assert [_as_dict(f) for f in facts] == [
        {"type": "target", "indicator": "economic-growth-rate", "value": "10.5", "unit": "percent", "period": "2024",
         "applies_to": "Điện Biên", "comparator": "atLeast", "value_max": None},
        {"type": "target", "indicator": "public-investment-disbursement-rate", "value": "95", "unit": "percent",
         "period": "2024", "applies_to": "Điện Biên", "comparator": "moreThan", "value_max": None},
    ]
    assert "at least 10.5 per cent for the year" in facts[0].evidence.quote
    assert facts[0].evidence.start >= article.body_start  # the body sentence, not the headline
    assert facts[1].evidence.quote.endswith("disbursement rate of over 95 per cent.")
    assert facts[0].indicator_label == "economic growth rate"


def test_targets_seed_003_targets_and_observations(nlp):
    article = _seed("003_e1e74b58657a6300", _year("2025"))
    facts = list(extract_targets(parse(article, nlp)))
    for f in facts:
        _check_evidence(article, f)
    got = [_as_dict(f) for f in facts]
    place = "Điện Biên"
    assert got == [
        {"type": "target", "indicator": "grdp-growth-rate", "value": "7.5", "unit": "percent", "period": "2025",
         "applies_to": place, "comparator": "equal", "value_max": None},
        {"type": "target", "indicator": "grdp-growth-rate", "value": "10", "unit": "percent", "period": "2026/2030",
         "applies_to": place, "comparator": "atLeast", "value_max": None},
        {"type": "observation", "indicator": "grdp-growth-rate", "value": "6.76", "unit": "percent",
         "period": "2025-01/2025-09", "applies_to": place, "estimated": True, "relative_to": None},
        {"type": "observation", "indicator": "public-investment-allocation-rate", "value": "97.54", "unit": "percent",
         "period": "2025-01-01/2025-09-30", "applies_to": place, "estimated": False, "relative_to": "plan"},
        {"type": "observation", "indicator": "public-investment-disbursement-rate", "value": "45.27", "unit": "percent",
         "period": "2025-01-01/2025-09-30", "applies_to": place, "estimated": False, "relative_to": "plan"},
        {"type": "observation", "indicator": "central-budget-allocation-for-schools-for-border-communes",
         "value": "474.05", "unit": "VND billion", "period": "2025", "applies_to": place, "estimated": False,
         "relative_to": None},
    ]
    assert facts[5].indicator_label == "central budget allocation for schools for border communes"
    assert facts[2].period.start == "2025-01-01" and facts[2].period.end == "2025-09-30"
    assert facts[1].period.start == "2026-01-01" and facts[1].period.end == "2030-12-31"
    assert all(isinstance(f.value, Decimal) for f in facts)


def test_targets_seed_output_is_deterministic(nlp):
    article = _seed("003_e1e74b58657a6300", _year("2025"))
    assert list(extract_targets(parse(article, nlp))) == list(extract_targets(parse(article, nlp)))


def test_targets_needs_the_article_on_the_doc(nlp):
    with pytest.raises(ValueError, match="doc._.article"):
        list(extract_targets(nlp("GRDP growth reached 7% in 2024.")))


# --- phrasings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", PHRASINGS, ids=[c["id"] for c in PHRASINGS])
def test_targets_phrasing(nlp, case):
    published = _year(case.get("published", "2025"))
    article = _article(case["text"], published, case.get("province", "Điện Biên"), aid=case["id"])
    facts = list(extract_targets(parse(article, nlp)))
    for f in facts:
        _check_evidence(article, f)
    assert [_as_dict(f) for f in facts] == [_expected(f) for f in case["facts"]]


def test_targets_phrasing_table_is_large_and_mixed():
    assert len(PHRASINGS) >= 40
    kinds = {f["type"] for c in PHRASINGS for f in c["facts"]}
    assert kinds == {"target", "observation"}
    assert sum(1 for c in PHRASINGS if not c["facts"]) >= 5  # negative cases guard precision


def test_targets_title_fact_kept_when_body_is_silent(nlp):
    text = "Lai Châu aims for GRDP growth of 9.5% in 2025\nThe meeting discussed many issues."
    article = _article(text, _year("2025"), "Lai Châu", body_start=text.index("\n") + 1)
    facts = list(extract_targets(parse(article, nlp)))
    assert [(f.indicator, f.value, f.evidence.start) for f in facts] == [("grdp-growth-rate", Decimal("9.5"), 0)]


def test_targets_headline_restating_a_body_target_is_one_target(nlp):
    """'Double-Digit Growth Above 10.5%' in the headline restates the body's 'striving for 10.5% or higher': one
    target (the body's), and no 'double-digit' (>= 10) beside the stated figure."""
    text = ("Lai Châu Strives for Double-Digit Growth Above 10.5%\nThe province set an economic growth target of at "
            "least 8.2% in 2025 and strives for 10.5% or higher.")
    article = _article(text, _year("2025"), "Lai Châu", body_start=text.index("\n") + 1)
    facts = list(extract_targets(parse(article, nlp)))
    assert sorted((f.indicator, f.comparator, f.value) for f in facts) == [
        ("economic-growth-rate", "atLeast", Decimal("8.2")), ("economic-growth-rate", "atLeast", Decimal("10.5"))]


def test_targets_without_province_or_date(nlp):
    article = _article("The province aims to raise its forest coverage to 45% by 2030.", None, None)
    (fact,) = extract_targets(parse(article, nlp))
    assert fact.applies_to is None and fact.period.value == "2030" and fact.indicator == "forest-coverage-rate"


# --- vocabulary -----------------------------------------------------------------------------------------------

REQUIRED = ["grdp-growth-rate", "economic-growth-rate", "gdp-growth-rate", "public-investment-disbursement-rate",
            "public-investment-allocation-rate", "budget-revenue", "state-budget-revenue", "export-turnover",
            "import-export-turnover", "fdi-attracted", "tourist-arrivals", "tourism-revenue", "poverty-rate",
            "poverty-rate-reduction", "per-capita-income", "grdp-per-capita", "urbanisation-rate", "forest-coverage-rate",
            "trained-labour-rate", "new-style-rural-communes", "industrial-production-index", "retail-sales",
            "total-social-investment", "budget-allocation"]


def test_targets_vocabulary_has_the_required_concepts():
    table = indicators()
    assert set(REQUIRED) <= set(table)
    assert table["state-budget-revenue"].broader == ("budget-revenue",)
    assert table["poverty-rate-reduction"].unit == "percentage points"
    assert "grdp-growth-rate" in table["economic-growth-rate"].related
    for ind in table.values():
        assert ind.label and ind.unit
        assert unit_kind(ind.unit) in ("percent", "points", "money") or unit_kind(ind.unit).startswith("count:")


def test_targets_vocabulary_is_valid_skos():
    import rdflib
    from rdflib.namespace import RDF, SKOS

    g = rdflib.Graph().parse(ROOT / "ontology" / "indicators.ttl", format="turtle")
    scheme = rdflib.URIRef("https://w3id.org/govkg/id/scheme/indicators")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert len(concepts) >= len(REQUIRED)
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in g
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1
        assert g.value(c, SKOS.definition) is not None
        for other in [*g.objects(c, SKOS.broader), *g.objects(c, SKOS.related)]:
            assert other in concepts, f"{c} points to {other}, not in the scheme"


@pytest.mark.parametrize(
    ("sentence", "surface", "concept"),
    [
        ("The GRDP growth was high.", "GRDP growth", "grdp-growth-rate"),
        ("An 11 per cent increase in GRDP is planned.", "increase in GRDP", "grdp-growth-rate"),
        ("The province's economic growth rate rose.", "economic growth rate", "economic-growth-rate"),
        ("They discussed the import-export turnover.", "import-export turnover", "import-export-turnover"),
        ("The disbursement rate of public investment capital is low.", "disbursement rate of public investment capital",
         "public-investment-disbursement-rate"),
        ("It must reduce the poverty rate by 2 percentage points.", "reduce the poverty rate by", "poverty-rate-reduction"),
        ("Forty communes met new-style rural standards.", "communes met new-style rural", "new-style-rural-communes"),
    ],
)
def test_targets_mentions_from_vocabulary(nlp, sentence, surface, concept):
    doc = nlp(sentence)
    found = [(doc.text[m.start : m.end], m.ids) for m in find_mentions(doc)]
    assert any(text == surface and concept in ids for text, ids in found), found


def test_targets_conversion_is_the_alternate_value_of_one_fact(nlp):
    """A bracketed conversion rides on the figure it converts; it is not a fact of its own."""
    text = "Tourism revenue reached VND 885 billion (about USD 35 million) in 2024."
    facts = list(extract_targets(parse(_article(text, _year("2025"), "Điện Biên"), nlp)))
    assert [(f.value, f.unit, f.alternate_value, f.alternate_unit, f.warning) for f in facts] == [
        (Decimal("885"), "VND billion", Decimal("35"), "USD million", None)]


def test_targets_contradicting_conversion_is_kept_with_a_warning(nlp):
    """A conversion at an impossible rate (about 9,800 VND per USD) is kept as stated and flagged."""
    text = "Tourism revenue reached VND 885 billion (about USD 90 million) in 2024."
    (fact,) = extract_targets(parse(_article(text, _year("2025"), "Điện Biên"), nlp))
    assert (fact.value, fact.alternate_value) == (Decimal("885"), Decimal("90"))
    assert fact.warning == ("the conversion 90 USD million of 885 VND billion implies 9,833 VND per USD; "
                            "both kept as stated")


def test_targets_plan_completion_label_names_its_base():
    """The plan-completion variant of a vocabulary concept is labelled after it."""
    from extractors.targets import indicator_label, plan_completion_id

    assert plan_completion_id("budget-revenue") == "budget-revenue-plan-completion"
    assert plan_completion_id("budget-revenue-plan-completion") == "budget-revenue-plan-completion"
    assert indicator_label("budget-revenue-plan-completion") == "budget revenue plan completion rate"
