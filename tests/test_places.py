"""The places gazetteer, the shared ASCII fold, and province inference."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.facts import PlaceRef
from extractors.places import (
    all_place_names,
    count_province_mentions,
    dateline_province,
    fold,
    gazetteer,
    infer_province,
    lookup_place,
    place_entry,
    province_of,
    provinces,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# --- fold ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện Biên", "dien bien"),
        ("ĐIỆN BIÊN PHỦ", "dien bien phu"),
        ("  Trần   Quốc\tCường\n", "tran quoc cuong"),
        ("Đà Nẵng", "da nang"),
        ("Mùa A Sơn", "mua a son"),
        (unicodedata.normalize("NFD", "Nguyễn Văn Thắng"), "nguyen van thang"),
        ("Bà Rịa–Vũng Tàu", "ba ria-vung tau"),
        ("People’s Committee", "people's committee"),
        ("", ""),
    ],
)
def test_places_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_places_fold_is_idempotent_and_ascii(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()
    assert once == once.strip() and "  " not in once


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1EFF)))
def test_places_fold_same_for_nfd_and_nfc(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


# --- gazetteer -----------------------------------------------------------------------------------------------


def test_places_gazetteer_has_the_63_and_the_34_units() -> None:
    before, after = provinces("63"), provinces("34")
    assert len(before) == 63 and len({p.label for p in before}) == 63
    assert len(after) == 34 and len({p.label for p in after}) == 34
    assert sum(p.kind == "city" for p in before) == 5  # Hà Nội, HCMC, Hải Phòng, Đà Nẵng, Cần Thơ
    assert sum(p.kind == "city" for p in after) == 6  # ... and Huế
    after_labels = {p.label for p in after}
    assert {"Điện Biên", "Lai Châu", "Huế", "Tuyên Quang", "Hồ Chí Minh City"} <= after_labels
    assert not {"Hà Giang", "Thừa Thiên Huế", "Bà Rịa–Vũng Tàu", "Yên Bái"} & after_labels


def test_places_every_merged_province_points_to_a_current_unit() -> None:
    after_labels = {p.label for p in provinces("34")}
    merged = [e for e in gazetteer() if e.units == ("63",)]
    assert len(merged) == 63 - 34 + 1  # 29 merged away, plus Thừa Thiên Huế renamed Huế
    for entry in merged:
        assert entry.merged_into in after_labels, entry.label


def test_places_labels_are_nfc() -> None:
    for entry in gazetteer():
        assert entry.label == unicodedata.normalize("NFC", entry.label)


@pytest.mark.parametrize(
    ("text", "label", "kind"),
    [
        ("Điện Biên", "Điện Biên", "province"),
        ("Dien Bien", "Điện Biên", "province"),
        ("dien bien province", "Điện Biên", "province"),
        ("Điện Biên Province", "Điện Biên", "province"),
        ("tỉnh Điện Biên", "Điện Biên", "province"),
        (unicodedata.normalize("NFD", "Điện Biên"), "Điện Biên", "province"),
        ("Lai Chau", "Lai Châu", "province"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế", "province"),
        ("Thua Thien-Hue", "Thừa Thiên Huế", "province"),
        ("Huế", "Huế", "city"),
        ("Hanoi", "Hà Nội", "city"),
        ("Ha Noi", "Hà Nội", "city"),
        ("Hà Nội City", "Hà Nội", "city"),
        ("Ho Chi Minh City", "Hồ Chí Minh City", "city"),
        ("TP Hồ Chí Minh", "Hồ Chí Minh City", "city"),
        ("HCMC", "Hồ Chí Minh City", "city"),
        ("Bà Rịa–Vũng Tàu", "Bà Rịa–Vũng Tàu", "province"),
        ("Ba Ria - Vung Tau", "Bà Rịa–Vũng Tàu", "province"),
        ("Bà Rịa-Vũng Tàu province", "Bà Rịa–Vũng Tàu", "province"),
        ("Danang", "Đà Nẵng", "city"),
        ("Daklak", "Đắk Lắk", "province"),
        ("Thanh Hoá", "Thanh Hóa", "province"),
        ("Điện Biên Phủ City", "Điện Biên Phủ City", "city"),
        ("Dien Bien Phu", "Điện Biên Phủ City", "city"),
        ("Mường Thanh", "Mường Thanh", "ward"),
        ("Thai Binh City", "Thái Bình City", "city"),
        ("Thái Bình", "Thái Bình", "province"),
        ("Vietnam", "Vietnam", "country"),
        ("Viet Nam", "Vietnam", "country"),
        ("Việt Nam", "Vietnam", "country"),
    ],
)
def test_places_lookup_matches_spelling_variants(text: str, label: str, kind: str) -> None:
    ref = lookup_place(text)
    assert ref is not None and (ref.label, ref.kind) == (label, kind)


@pytest.mark.parametrize("text", ["Hồ Chí Minh", "Trần Quốc Cường", "Comrade", "", "   ", "province", "Vinh"])
def test_places_lookup_rejects_non_places(text: str) -> None:
    assert lookup_place(text) is None


def test_places_smaller_places_know_their_province() -> None:
    assert lookup_place("Điện Biên Phủ City") == PlaceRef("Điện Biên Phủ City", "city", "Điện Biên")
    assert province_of(lookup_place("Mường Thanh")) == PlaceRef("Điện Biên", "province", None)
    assert province_of(lookup_place("Lai Châu")).label == "Lai Châu"
    assert province_of(lookup_place("Vietnam")) is None


def test_places_all_place_names_cover_ascii_variants_and_round_trip() -> None:
    names = all_place_names()
    for expected in ("Điện Biên", "Dien Bien", "Điện Biên Phủ City", "Dien Bien Phu City", "Ho Chi Minh City",
                     "Ba Ria-Vung Tau", "Viet Nam", "Mường Thanh", "Muong Thanh"):  # fmt: skip
        assert expected in names
    assert len(names) == len(set(names))
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    for name in names:  # every surface form leads back to its own row
        assert place_entry(name) is not None, name


# --- province inference ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meta", "label", "basis"),
    [
        ("Lai Châu farmers met officials from Lai Châu.", "Sơn La", "Sơn La", "metadata"),
        ("Lai Châu farmers met officials.", "son la province", "Sơn La", "metadata"),
        ("Title line\n\nĐBP - Officials in Lai Châu and Lai Châu again met.", None, "Điện Biên", "dateline"),
        ("Title line\n\nDBP – Officials met.", None, "Điện Biên", "dateline"),
        ("Lai Châu met Điện Biên Phủ City and Dien Bien Phu City officials.", None, "Điện Biên", "mentions"),
        ("Farmers in Mường Thanh and Mường Thanh field, near Lai Châu.", None, "Điện Biên", "mentions"),
        ("Sơn La and Lai Châu signed a deal.", None, "Sơn La", "mentions"),  # tie: named first wins
        ("Delegates from Vietnam and Hanoi and Hanoi.", None, "Hà Nội", "mentions"),
        ("President Hồ Chí Minh's ideology was studied.", None, None, None),
        ("Nothing about places here.", None, None, None),
        ("Nothing here either.", "Atlantis", "Atlantis", "metadata"),  # trusted as written
    ],
)
def test_places_infer_province_table(text: str, meta: str | None, label: str | None, basis: str | None) -> None:
    ref, got_basis = infer_province(text, meta)
    assert (ref.label if ref else None, got_basis) == (label, basis)


def test_places_dateline_only_in_opening_lines() -> None:
    body = "Title\n" + "\n".join(f"Line {i} about Lai Châu." for i in range(6)) + "\nĐBP - late dateline"
    assert dateline_province(body) is None


@pytest.mark.parametrize(("seed", "basis"), [("000_1997b1c9d2f034b5.txt", "dateline"), ("003_e1e74b58657a6300.txt", "mentions")])
def test_places_seeds_are_about_dien_bien(seed: str, basis: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    ref, got_basis = infer_province(text, None)
    assert ref == PlaceRef("Điện Biên", "province", None)
    assert got_basis == basis
    counts = count_province_mentions(text)
    assert counts.most_common(1)[0][0] == "Điện Biên" and counts["Điện Biên"] >= 5


@pytest.mark.parametrize(("text", "site", "on", "label"), [
    # Huế has been a province-level city since 2025; before it, the province was Thừa Thiên Huế
    ("Hue City receives a delegation. Leaders of Hue City and Thua Thien Hue met the guests.", None, "2020-01-10",
     "Thừa Thiên Huế"),
    ("Hue City receives a delegation. Leaders of Hue City met the guests.", None, "2025-09-01", "Huế"),
    ("Leaders of the province met the guests.", "news.baothuathienhue.vn", "2020-01-10", "Thừa Thiên Huế"),
    # a province that kept its name is untouched
    ("The Tuyen Quang Provincial People's Committee met on Monday.", None, "2020-01-10", "Tuyên Quang"),
    # undated, on the Huế paper: a text naming only Thừa Thiên Huế was written before the change; one naming Huế,
    # or nothing, is the site's present province
    ("Talks between Thua Thien Hue and a Lao province were held.", "news.baothuathienhue.vn", None, "Thừa Thiên Huế"),
    ("Hue City and Thua Thien Hue veterans met the guests.", "news.baothuathienhue.vn", None, "Huế"),
    ("Leaders of the province met the guests.", "news.baothuathienhue.vn", None, "Huế"),
])
def test_places_province_named_as_it_was_at_the_article_date(text: str, site: str | None, on: str,
                                                                label: str) -> None:
    ref, _ = infer_province(text, None, site, on)
    assert ref is not None and ref.label == label
