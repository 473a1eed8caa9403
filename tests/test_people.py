"""Person mentions and their titles (extractors/people.py and the name rules in extractors/rules.py)."""

from __future__ import annotations

import pytest

from extractors.facts import Article, DateValue
from extractors.nlp import parse


def _people(nlp, text: str, province: str = "Điện Biên"):
    article = Article(id="p", path="p.txt", text=text, province=province,
                      published=DateValue("2025", "2025-01-01", "2025-12-31"))
    return parse(article, nlp)


def _posts(doc) -> dict[str, list[tuple[str, str | None]]]:
    out: dict[str, list] = {}
    for m in doc._.people.mentions:
        out.setdefault(m.person.name, []).extend((p.role, p.org.label if p.org else None) for p in m.posts)
    return out


def test_people_no_sentence_break_inside_a_name(nlp):
    doc = _people(nlp, "Present at the ceremony were Lê Thành Đô, Chairman of the Provincial People's Committee, "
                       "and Vừ A Bằng, Vice Chairman of the Provincial People's Committee.")
    assert len(list(doc.sents)) == 1
    assert _posts(doc) == {"Lê Thành Đô": [("chairman", "Điện Biên Provincial People's Committee")],
                           "Vừ A Bằng": [("vice-chairman", "Điện Biên Provincial People's Committee")]}


def test_people_no_sentence_break_inside_a_place(nlp):
    """The parser cut 'Delegation of Nghệ | An province' (with diacritics only), which lost the title."""
    doc = _people(nlp, "Mr. Thái Thanh Quý, Head of the National Assembly Delegation of Nghệ An province, met voters "
                       "in Vinh city.")
    assert len(list(doc.sents)) == 1
    assert _posts(doc) == {"Thái Thanh Quý": [("head", "National Assembly Delegation of Nghệ An")]}


def test_people_a_caption_without_full_stop_ends_at_its_line(nlp):
    """A photo caption or heading with no full stop is its own sentence: the next paragraph's title is not its."""
    doc = _people(nlp, "Lai Châu province's Party Secretary Giàng Páo Mỷ\n\nChairman of the Provincial People's "
                       "Committee Lê Văn Lương spoke first.\n")
    assert [s.text.strip() for s in doc.sents] == [
        "Lai Châu province's Party Secretary Giàng Páo Mỷ",
        "Chairman of the Provincial People's Committee Lê Văn Lương spoke first."]
    assert _posts(doc).get("Lê Văn Lương") == [("chairman", "Điện Biên Provincial People's Committee")]
    assert _posts(doc).get("Giàng Páo Mỷ") == [("secretary", "Lai Châu Provincial Party Committee")]


def test_people_a_line_opening_with_a_place_is_one_sentence(nlp):
    """The parser cut 'Bình Phước | province's Party Secretary ...' after the line's first word, which lost the
    possessor: the first word of a line stays with the rest of it."""
    doc = _people(nlp, "Leaders were elected\n\nBinh Phuoc province's Party Secretary Nguyen Van Loi\n")
    assert [s.text.strip() for s in doc.sents] == [
        "Leaders were elected", "Binh Phuoc province's Party Secretary Nguyen Van Loi"]
    assert _posts(doc) == {"Nguyen Van Loi": [("secretary", "Bình Phước Provincial Party Committee")]}


def test_people_title_before_the_next_name_is_not_the_previous_persons(nlp):
    doc = _people(nlp, "The event saw the attendance of Deputy Prime Minister Trần Hồng Hà and Secretary of the "
                       "Provincial Party Committee Trần Tiến Dũng.")
    assert _posts(doc) == {"Trần Hồng Hà": [("deputy-prime-minister", "Government of Vietnam")],
                           "Trần Tiến Dũng": [("secretary", "Điện Biên Provincial Party Committee")]}


@pytest.mark.parametrize("text", [
    "Lieutenant General Nguyễn Hải Trung, Director of the Hà Nội Police, briefed the press.",
    "Colonel Nguyễn Hải Trung - Director of the Hà Nội Police - briefed the press.",
])
def test_people_body_words_are_never_name_syllables(nlp, text):
    doc = _people(nlp, text, province="Hà Nội")
    assert _posts(doc) == {"Nguyễn Hải Trung": [("director", "Hà Nội Police")]}


def test_people_bare_role_takes_the_one_body_of_its_kind_named(nlp):
    doc = _people(nlp, "A delegation of the Ministry of Health led by Minister Đào Hồng Lan visited the province.")
    assert _posts(doc) == {"Đào Hồng Lan": [("minister", "Ministry of Health")]}


def test_people_bare_role_stays_bare_when_two_bodies_could_be_meant(nlp):
    doc = _people(nlp, "The Ministry of Health and the Ministry of Finance sent staff. Minister Đào Hồng Lan spoke.")
    assert _posts(doc) == {"Đào Hồng Lan": [("minister", None)]}


def test_people_title_in_brackets_after_a_space(nlp):
    doc = _people(nlp, "Trần Tiến Dũng (Secretary of the Provincial Party Committee) thanked the donors.")
    assert _posts(doc) == {"Trần Tiến Dũng": [("secretary", "Điện Biên Provincial Party Committee")]}


@pytest.mark.parametrize("text, expected", [
    ("Ms. Lò Thị Mai, Chairwoman of the Provincial People's Council, opened the session. Later, Ms Mai thanked the "
     "voters.", [("Lò Thị Mai", "Mai")]),
    ("Mr. Lê Thành Đô met the delegation. Mr. Đô asked the departments to act.", [("Lê Thành Đô", "Đô")]),
    # two people with that given name, or none named before: nobody
    ("Ms. Lò Thị Mai and Ms. Vừ Thị Mai spoke. Ms Mai thanked the voters.", []),
    ("Mr. Đô asked the departments to act. Mr. Lê Thành Đô met the delegation.", []),
    # a title and the given name: "General Secretary Lam"
    ("Party General Secretary Tô Lâm signed the decision. General Secretary Lâm then spoke.", [("Tô Lâm", "Lâm")]),
    # a sentence opening with the bare given name, then a comma or a verb
    ("Đỗ Đức Duy spoke first. Duy, member of the Party Central Committee, then left.", [("Đỗ Đức Duy", "Duy")]),
    ("Nguyễn Thanh Long spoke. Long An province grew fast. Long said the plan works.",
     [("Nguyễn Thanh Long", "Long")]),
])
def test_people_an_honorific_and_a_given_name_is_the_one_person_named_so(nlp, text, expected):
    doc = _people(nlp, text)
    full = {m.person.name for m in doc._.people.mentions if len(m.person.name.split()) >= 2
            and doc.text[m.start:m.end] == m.person.name}
    short = [(m.person.name, doc.text[m.start:m.end]) for m in doc._.people.mentions
             if doc.text[m.start:m.end] != m.person.name]
    assert short == expected
    assert full  # the full names are still mentions of their own


def test_people_a_bare_given_name_reads_its_apposition(nlp):
    doc = _people(nlp, "Đỗ Đức Duy spoke first. Duy, member of the Party Central Committee and Minister of "
                       "Agriculture and Environment, then left.")
    short = [m for m in doc._.people.mentions if doc.text[m.start:m.end] == "Duy"]
    assert [(p.role, p.org.label) for m in short for p in m.posts] == [
        ("member", "Party Central Committee"), ("minister", "Ministry of Agriculture and Environment")]


def test_people_a_list_after_a_colon_stays_with_its_phrase(nlp):
    """The parser sometimes started a sentence after 'members of the Party Central Committee:', which lost the
    membership for everyone listed; a role title the tagger took for a name ('Deputy Head') is no person."""
    doc = _people(nlp, "A note on the visit\n\nThere were also members of the Party Central Committee: Lê Khánh Hải - "
                       "Head of the Office of the President; Trần Văn Rón - Permanent Deputy Head of the Central "
                       "Inspection Commission.")
    assert _posts(doc) == {
        "Lê Khánh Hải": [("head", "Office of the President"), ("member", "Party Central Committee")],
        "Trần Văn Rón": [("permanent-deputy-head", "Central Inspection Commission"),
                         ("member", "Party Central Committee")]}


@pytest.mark.parametrize("text", [
    "State President Joins Tree Planting Festival\n\nThe President planted trees with the residents.",
    "The session heard Chairman of An Giang Provincial People's Committee reports.",
    "Chairman Hồ Văn Mừng Chairs Provincial Member Meeting\n\nOn November 5, Hồ Văn Mừng chaired the meeting.",
    "Mr. Lò Văn Tiến, Chairman of the People's Council of Bac Son district, and the Quang Ha commune leaders met.",
])
def test_people_words_of_a_headline_or_a_body_are_no_person(nlp, text):
    assert [m.person.name for m in _people(nlp, text)._.people.mentions
            if {"Joins", "Tree", "Provincial", "Chairs", "Bac", "Quang"} & set(m.person.name.split())] == []

