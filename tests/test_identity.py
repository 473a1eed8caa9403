"""graph.rdf.identity: slugs and minted IRIs are deterministic, ASCII, valid and follow the govkg conventions."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.facts import (
    Document,
    Event,
    Evidence,
    Observation,
    OrgRef,
    Period,
    PersonRef,
    PlaceRef,
    Target,
)
from graph.rdf import identity as ids

GKR = "https://w3id.org/govkg/id/"
DIEN_BIEN = PlaceRef("Điện Biên", "province")
PPC = OrgRef("Điện Biên Provincial Party Committee", "party-committee", DIEN_BIEN)
MOF = OrgRef("Ministry of Finance", "ministry")
EV = Evidence("000_1997b1c9d2f034b5", 120, 180, "Trần Quốc Cường chaired the session.")

# text with Vietnamese letters, punctuation and some non-Latin characters
vietnamese_text = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ -'’.,/&()0123456789中😀")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Điện Biên Provincial Party Committee", "dien-bien-provincial-party-committee"),
        ("Trần Quốc Cường", "tran-quoc-cuong"),
        ("tran quoc cuong", "tran-quoc-cuong"),
        ("Thanh Nưa", "thanh-nua"),
        ("Điện Biên Provincial People’s Committee", "dien-bien-provincial-people-s-committee"),
        ("  --Đồng  Đăng-- ", "dong-dang"),
        ("Directive No. 35-CT/TW", "directive-no-35-ct-tw"),
    ],
)
def test_identity_slug_table(text, expected):
    assert ids.slug(text) == expected


def test_identity_slug_of_unfoldable_text_is_hashed_not_empty():
    a, b = ids.slug("😀"), ids.slug("🎉")
    assert a.startswith("u-") and b.startswith("u-") and a != b


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_identity_slug_rejects_blank_text(blank):
    with pytest.raises(ValueError, match="blank"):
        ids.slug(blank)


@given(vietnamese_text)
def test_identity_slug_is_idempotent_and_ascii(text):
    s = ids.slug(text)
    assert s == ids.slug(s)
    assert s.isascii() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s)


@given(vietnamese_text)
def test_identity_slug_is_stable_across_nfc_and_nfd(text):
    assert ids.slug(unicodedata.normalize("NFD", text)) == ids.slug(unicodedata.normalize("NFC", text))


@given(vietnamese_text)
def test_identity_minted_iris_are_valid_iris(text):
    for iri in (
        ids.person_iri(PersonRef(text, "")),
        ids.org_iri(OrgRef(text, "party-committee")),
        ids.place_iri(PlaceRef(text)),
        ids.holding_iri(PersonRef(text, ""), "secretary", OrgRef(text, "party-committee")),
    ):
        assert pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
        assert str(iri).isascii()


@given(vietnamese_text)
def test_identity_same_key_same_person_iri(name):
    key = " ".join(ids.slug(name).split("-"))
    assert ids.person_iri(PersonRef(name, key)) == ids.person_iri(PersonRef(name.upper(), key))


def test_identity_person_without_diacritics_gets_same_iri():
    assert ids.person_iri(PersonRef("Trần Quốc Cường", "tran quoc cuong")) == ids.person_iri(
        PersonRef("Tran Quoc Cuong", "tran quoc cuong")
    )


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (ids.article_iri("000_1997b1c9d2f034b5"), "article/000_1997b1c9d2f034b5"),
        (ids.article_graph_iri("000_1997b1c9d2f034b5"), "graph/article/000_1997b1c9d2f034b5"),
        (ids.person_iri(PersonRef("Trần Quốc Cường", "tran quoc cuong")), "person/tran-quoc-cuong"),
        (ids.org_iri(PPC), "org/dien-bien-provincial-party-committee"),
        (ids.place_iri(DIEN_BIEN), "place/dien-bien"),
        (ids.role_iri("secretary"), "role/secretary"),
        (ids.org_type_iri("party-committee"), "org-type/party-committee"),
        (ids.indicator_iri("grdp-growth-rate"), "indicator/grdp-growth-rate"),
        (ids.post_iri("secretary", PPC), "post/secretary/dien-bien-provincial-party-committee"),
        (
            ids.holding_iri(PersonRef("Trần Quốc Cường", "tran quoc cuong"), "secretary", PPC),
            "holding/tran-quoc-cuong/secretary/dien-bien-provincial-party-committee",
        ),
        (ids.commitment_iri("003_e1e74b58657a6300", 2), "commitment/003_e1e74b58657a6300/2"),
        (ids.evidence_iri(EV), "evidence/000_1997b1c9d2f034b5/120-180"),
        (ids.event_iri("20th session 14th dien bien ppc"), "event/20th-session-14th-dien-bien-ppc"),
        (
            ids.document_iri(Document("Directive No. 35-CT/TW", "directive", "35-CT/TW", EV)),
            "document/directive-no-35-ct-tw",
        ),
        (ids.DERIVED_GRAPH, "graph/derived"),
        (ids.VOCAB_GRAPH, "graph/vocabulary"),
        (
            ids.interval_iri(ids.holding_iri(PersonRef("Mùa A Sơn", "mua a son"), "deputy-secretary", PPC), "end"),
            "holding/mua-a-son/deputy-secretary/dien-bien-provincial-party-committee/during/end",
        ),
    ],
)
def test_identity_iri_conventions(iri, expected):
    assert str(iri) == GKR + expected


def test_identity_event_iri_from_event_and_key_agree():
    event = Event("meeting", "20th session", "20th session 14th dien bien ppc", (EV,))
    assert ids.event_iri(event) == ids.event_iri("20th session 14th dien bien ppc")


def test_identity_conflict_iri_ignores_pair_order():
    a, b = PersonRef("Trần Quốc Cường", "tran quoc cuong"), PersonRef("Trần Tiến Dũng", "tran tien dung")
    assert ids.conflict_iri("secretary", PPC, a, b) == ids.conflict_iri("secretary", PPC, b, a)
    assert str(ids.succession_iri("secretary", PPC, a, b)).endswith("/tran-quoc-cuong/tran-tien-dung")


def _target(value: str, period: str = "2025") -> Target:
    return Target(
        "grdp-growth-rate", "GRDP growth rate", "equal", Decimal(value), "percent", EV,
        period=Period(period, f"{period}-01-01", f"{period}-12-31"), applies_to=DIEN_BIEN,
    )


def test_identity_target_iri_same_key_same_iri_and_value_matters():
    assert ids.target_iri(_target("7.5")) == ids.target_iri(_target("7.50"))
    assert ids.target_iri(_target("7.5")) != ids.target_iri(_target("7.6"))
    assert ids.target_iri(_target("7.5")) != ids.target_iri(_target("7.5", "2026"))
    assert str(ids.target_iri(_target("7.5"))) == GKR + "target/dien-bien-grdp-growth-rate-2025-equal-7-5-percent"


def test_identity_observation_iri_is_keyed_on_content():
    obs = Observation("grdp-growth-rate", "GRDP growth rate", Decimal("6.76"), "percent", EV, applies_to=DIEN_BIEN)
    again = Observation("grdp-growth-rate", "GRDP growth rate", Decimal("6.760"), "percent",
                        Evidence("other", 1, 2, "x"), applies_to=DIEN_BIEN, estimated=True)
    assert ids.observation_iri(obs) == ids.observation_iri(again)


@pytest.mark.parametrize(
    ("role", "org", "expected"),
    [
        ("Secretary", PPC, "Secretary of the Điện Biên Provincial Party Committee"),
        ("Minister", MOF, "Minister of Finance"),
        ("Deputy Minister", MOF, "Deputy Minister of Finance"),
        ("Director", MOF, "Director of the Ministry of Finance"),
        ("Member", OrgRef("Party Central Committee", "party-central-committee"), "Member of the Party Central Committee"),
        ("Chairman", "Điện Biên Provincial People's Committee", "Chairman of the Điện Biên Provincial People's Committee"),
        ("Member", "The Politburo", "Member of The Politburo"),
    ],
)
def test_identity_post_label(role, org, expected):
    assert ids.post_label(role, org) == expected
