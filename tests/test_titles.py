"""The organisation/title grammar (extractors/titles.py) on the constructions the phrasing suite found fragile."""

from __future__ import annotations

import pytest

from extractors.places import lookup_place
from extractors.titles import TitleContext, parse_org, parse_titles

CTX = TitleContext(province=lookup_place("Điện Biên"))


@pytest.mark.parametrize("text, label", [
    ("the Party Central Committee's Secretariat", "Secretariat of the Party Central Committee"),
    ("the Party Central Committee’s Secretariat", "Secretariat of the Party Central Committee"),
    ("the Provincial Party Committee's Standing Board", "Standing Board of the Điện Biên Provincial Party Committee"),
    ("the provincial Party Committee’s Standing Committee", "Standing Board of the Điện Biên Provincial Party Committee"),
    ("the Vietnam Fatherland Front Committee of the province", "Điện Biên Provincial Vietnam Fatherland Front Committee"),
    ("the provincial delegation of National Assembly deputies", "National Assembly Delegation of Điện Biên"),
    ("the Provincial People’s Committee", "Điện Biên Provincial People's Committee"),
])
def test_titles_org_labels(text, label):
    """Apostrophe variants, possessive nested bodies and a country name inside a body's name."""
    m = parse_org(text, 0, CTX)
    assert m is not None and m.org.label == label
    assert m.end == len(text)


def test_titles_possessive_of_other_noun_stays_the_body():
    m = parse_org("the Provincial Party Committee's Resolution", 0, CTX)
    assert m.org.label == "Điện Biên Provincial Party Committee"
    assert m.end == len("the Provincial Party Committee")


def test_titles_limit_stops_before_the_next_persons_title():
    text = ", Vice Chairman of the Provincial People's Committee and Director of the Department of Health Vũ Văn Cường"
    whole = parse_titles(text, 0, CTX)
    assert [p.role for p in whole.posts] == ["vice-chairman", "director"]
    limited = parse_titles(text, 0, CTX, limit=text.index("Director"))
    assert [p.role for p in limited.posts] == ["vice-chairman"]
    assert limited.end == text.index(" and Director")


def test_titles_permanent_member_of_the_secretariat():
    t = parse_titles("Permanent Member of the Party Central Committee's Secretariat", 0, CTX, lead_sep=False)
    assert [(p.role, p.org.label) for p in t.posts] == [
        ("permanent-member", "Secretariat of the Party Central Committee")]
