"""extractors.appointments: leadership-change statements -> Events and Holdings with stated starts and ends."""

from __future__ import annotations

import json

import pytest

from extractors.appointments import extract_appointments
from extractors.article import load_articles
from extractors.facts import Event, Holding
from extractors.nlp import parse
from extractors.registry import DEFAULT


def facts_of(nlp, tmp_path, text: str, published: str = "2025-10-20", province: str = "Điện Biên"):
    path = tmp_path / "article.txt"
    path.write_text("A headline about leaders\n\n" + text + "\n", encoding="utf-8")
    (tmp_path / "article.meta.json").write_text(json.dumps({"published": published, "province": province}))
    (article,) = load_articles([path]).articles
    return list(extract_appointments(parse(article, nlp)))


def summary(facts):
    facts = list(facts)
    events = sorted((f.kind, f.subject.name, f.role, f.org.label if f.org else None, f.date.value if f.date else None)
                    for f in facts if isinstance(f, Event))
    holdings = sorted((h.person.name, h.role, h.org.label, h.status, h.start.value if h.start else None,
                       h.end.value if h.end else None) for h in facts if isinstance(h, Holding))
    return events, holdings


PPC = "Điện Biên Provincial Party Committee"


@pytest.mark.parametrize("text, events, holdings", [
    pytest.param(
        "On October 15, the first session of the 15th Provincial Party Committee elected Comrade Trần Tiến Dũng as "
        "Secretary of the Provincial Party Committee.",
        [("election", "Trần Tiến Dũng", "secretary", PPC, "2025-10-15")],
        [("Trần Tiến Dũng", "secretary", PPC, "current", "2025-10-15", None)],
        id="active-election-relative-date"),
    pytest.param(
        "On October 15, Comrade Lò Văn Mừng, Head of the Organisation Commission term XV; Comrade Vừ A Bằng, Director "
        "of the Department of Finance; and Comrade Hà Thị Lan were elected Deputy Secretaries of the Provincial Party "
        "Committee.",
        [("election", n, "deputy-secretary", PPC, "2025-10-15") for n in ("Hà Thị Lan", "Lò Văn Mừng", "Vừ A Bằng")],
        [(n, "deputy-secretary", PPC, "current", "2025-10-15", None) for n in ("Hà Thị Lan", "Lò Văn Mừng",
                                                                                  "Vừ A Bằng")],
        id="subjects-with-titles-cut-by-semicolons-share-a-plural-verb"),
    pytest.param(
        "On October 15, Comrade Lò Văn Mừng, Head of the Organisation Commission; Comrade Hà Thị Lan was elected "
        "Deputy Secretary of the Provincial Party Committee.",
        [("election", "Hà Thị Lan", "deputy-secretary", PPC, "2025-10-15")],
        [("Hà Thị Lan", "deputy-secretary", PPC, "current", "2025-10-15", None)],
        id="a-semicolon-subject-does-not-share-a-singular-verb"),
    pytest.param(
        "Trần Tiến Dũng was elected Secretary of the Điện Biên Provincial Party Committee on October 15.",
        [("election", "Trần Tiến Dũng", "secretary", PPC, "2025-10-15")],
        [("Trần Tiến Dũng", "secretary", PPC, "current", "2025-10-15", None)],
        id="passive-election"),
    pytest.param(
        "Ms. Tòng Thị Thu has been appointed Director of the Lai Châu Department of Finance from September 1, 2025, "
        "replacing Mr. Nguyễn Văn Hải.",
        [("appointment", "Tòng Thị Thu", "director", "Lai Châu Department of Finance", "2025-09-01")],
        [("Nguyễn Văn Hải", "director", "Lai Châu Department of Finance", "former", None, "2025-09-01"),
         ("Tòng Thị Thu", "director", "Lai Châu Department of Finance", "current", "2025-09-01", None)],
        id="appointment-replacing"),
    pytest.param(
        "Mr. Lò Văn Mừng, Vice Chairman of the Provincial People's Committee, retired on August 1.",
        [("retirement", "Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-08-01")],
        [("Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None,
          "2025-08-01")],
        id="retirement"),
    pytest.param(
        "Mr. Lò Văn Mừng, Vice Chairman of the Provincial People's Committee, also took early retirement on August 1.",
        [("retirement", "Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-08-01")],
        [("Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None,
          "2025-08-01")],
        id="took-early-retirement"),
    pytest.param(
        "Mr. Lò Văn Mừng was removed from his position as Vice Chairman of the Provincial People's Committee on "
        "October 8.",
        [("dismissal", "Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-10-08")],
        [("Lò Văn Mừng", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None, "2025-10-08")],
        id="removed-from-his-position-as"),
    pytest.param(
        "On October 8, the council dismissed Ms. Hà Thị Lan from her role as Chairwoman of the Provincial People's "
        "Council.",
        [("dismissal", "Hà Thị Lan", "chairman", "Điện Biên Provincial People's Council", "2025-10-08")],
        [("Hà Thị Lan", "chairman", "Điện Biên Provincial People's Council", "former", None, "2025-10-08")],
        id="dismissed-from-her-role-as"),
    pytest.param(
        "Mr. Vừ A Bằng, Standing Deputy Secretary of the Provincial Party Committee for the 2020-2025 tenure, was "
        "elected Secretary of the Provincial Party Committee on October 15.",
        [("election", "Vừ A Bằng", "secretary", PPC, "2025-10-15")],
        [("Vừ A Bằng", "permanent-deputy-secretary", PPC, "former", None, "2025-10-15"),
         ("Vừ A Bằng", "secretary", PPC, "current", "2025-10-15", None)],
        id="apposition-with-its-tenure-before-the-verb"),
    pytest.param(
        "Mr. Vừ A Bằng previously served as Vice Chairman of the Lai Châu Provincial People's Committee from 2016 to "
        "2020, Director of the Lai Châu Department of Finance from March 2020 to May 2024, and Deputy Minister of "
        "Finance.",
        [],
        [("Vừ A Bằng", "deputy-minister", "Ministry of Finance", "former", None, None),
         ("Vừ A Bằng", "director", "Lai Châu Department of Finance", "former", None, None),
         ("Vừ A Bằng", "vice-chairman", "Lai Châu Provincial People's Committee", "former", None, None)],
        id="previously-served-as-a-dated-list"),
    pytest.param(
        "On September 29 the Politburo appointed comrades Lò Văn Mừng, Hà Thị Lan and Vừ A Bằng as Deputy "
        "Secretaries of the Provincial Party Committee.",
        [("appointment", n, "deputy-secretary", PPC, "2025-09-29") for n in ("Hà Thị Lan", "Lò Văn Mừng", "Vừ A Bằng")],
        [(n, "deputy-secretary", PPC, "current", "2025-09-29", None) for n in ("Hà Thị Lan", "Lò Văn Mừng",
                                                                                  "Vừ A Bằng")],
        id="active-verb-then-a-list-of-names-then-a-plural-post"),
    pytest.param(
        "On August 3 the Committee agreed to remove Lò Văn Mừng, Hà Thị Lan and Vừ A Bằng from their positions as "
        "13th Central Committee members.",
        [("dismissal", n, "member", "Party Central Committee", "2025-08-03") for n in ("Hà Thị Lan", "Lò Văn Mừng",
                                                                                      "Vừ A Bằng")],
        [(n, "member", "Party Central Committee", "former", None, "2025-08-03") for n in ("Hà Thị Lan", "Lò Văn Mừng",
                                                                                          "Vừ A Bằng")],
        id="remove-a-list-of-names-from-their-positions-as-members"),
    pytest.param(
        "The council dismissed Mr. Lò Văn Mừng and Ms. Hà Thị Lan from the positions of Head and Deputy Head of the "
        "Ethnic Affairs Committee of the Provincial People's Council.",
        [], [], id="two-people-two-posts-respectively-is-not-guessed"),
    pytest.param(
        "Outgoing Secretary Trần Quốc Cường handed over the post of Secretary of the Provincial Party Committee to "
        "Comrade Trần Tiến Dũng on Friday.",
        [("transfer", "Trần Quốc Cường", "secretary", PPC, "2025-10-17")],
        [("Trần Quốc Cường", "secretary", PPC, "former", None, "2025-10-17"),
         ("Trần Tiến Dũng", "secretary", PPC, "current", "2025-10-17", None)],
        id="handover-weekday"),
    pytest.param(
        "Comrade Vừ A Bằng, Secretary of the Lai Châu Provincial Party Committee, was transferred to the post of "
        "Secretary of the Điện Biên Provincial Party Committee last week.",
        [("transfer", "Vừ A Bằng", "secretary", PPC, "2025-10")],
        [("Vừ A Bằng", "secretary", "Lai Châu Provincial Party Committee", "former", None, "2025-10"),
         ("Vừ A Bằng", "secretary", PPC, "current", "2025-10", None)],
        id="transfer-between-provinces"),
    pytest.param(
        "Ms. Giàng Thị Hoa, Vice Chairwoman of the Provincial People's Committee, was elected Chairwoman of the "
        "Provincial People's Committee on October 2.",
        [("election", "Giàng Thị Hoa", "chairman", "Điện Biên Provincial People's Committee", "2025-10-02")],
        [("Giàng Thị Hoa", "chairman", "Điện Biên Provincial People's Committee", "current", "2025-10-02", None),
         ("Giàng Thị Hoa", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None,
          "2025-10-02")],
        id="promotion-leaves-the-lower-rung"),
    pytest.param(
        "The Provincial People's Council elected Mr. Lò Văn Phương, Permanent Vice Chairman of the Provincial "
        "People's Committee, as Chairman of the Provincial People's Council on October 2.",
        [("election", "Lò Văn Phương", "chairman", "Điện Biên Provincial People's Council", "2025-10-02")],
        [("Lò Văn Phương", "chairman", "Điện Biên Provincial People's Council", "current", "2025-10-02", None)],
        id="a-rung-of-another-body-is-not-left"),
    pytest.param(
        "Mr. Hà Văn Tùng, 51, comes from Thái Bình. In March 2021, he was elected Secretary of the Lai Châu "
        "Provincial Party Committee.",
        [("election", "Hà Văn Tùng", "secretary", "Lai Châu Provincial Party Committee", "2021-03")],
        [("Hà Văn Tùng", "secretary", "Lai Châu Provincial Party Committee", "current", "2021-03", None)],
        id="biography-pronoun-subject"),
    pytest.param(
        "Mr. Hà Văn Tùng met Mr. Lò Văn Sơn in Mường Lay. He was elected Secretary of the Lai Châu Provincial "
        "Party Committee in March.",
        [], [],
        id="pronoun-with-two-candidates-says-nothing"),
    pytest.param(
        "Mr. Hà Văn Tùng and Ms. Lò Thị Mai were elected Deputy Secretaries of the Provincial Party Committee on "
        "October 16.",
        [("election", "Hà Văn Tùng", "deputy-secretary", PPC, "2025-10-16"),
         ("election", "Lò Thị Mai", "deputy-secretary", PPC, "2025-10-16")],
        [("Hà Văn Tùng", "deputy-secretary", PPC, "current", "2025-10-16", None),
         ("Lò Thị Mai", "deputy-secretary", PPC, "current", "2025-10-16", None)],
        id="joined-subjects-plural-post"),
    pytest.param(
        "The Secretariat's decisions were presented to Ms. Lò Thị Mai and Mr. Hà Văn Tùng. On October 16, under the "
        "decisions, Ms Mai and Mr Tùng were approved to be two Deputy Secretaries of the Provincial Party Committee.",
        [("appointment", "Hà Văn Tùng", "deputy-secretary", PPC, "2025-10-16"),
         ("appointment", "Lò Thị Mai", "deputy-secretary", PPC, "2025-10-16")],
        [("Hà Văn Tùng", "deputy-secretary", PPC, "current", "2025-10-16", None),
         ("Lò Thị Mai", "deputy-secretary", PPC, "current", "2025-10-16", None)],
        id="short-names-approved-to-be-two-deputies"),
    pytest.param(
        "On October 9, the council elected three new Deputy Heads of the provincial People's Committee, including Mr. "
        "Lò Văn Tiến, former Chief of the Office of the Provincial People's Committee; Mr. Hà Văn Tùng; and Ms. Lò Thị "
        "Mai, to replace Mr. Vừ A Sử.",
        [("election", n, "vice-chairman", "Điện Biên Provincial People's Committee", "2025-10-09")
         for n in ("Hà Văn Tùng", "Lò Thị Mai", "Lò Văn Tiến")],
        [(n, "vice-chairman", "Điện Biên Provincial People's Committee", "current", "2025-10-09", None)
         for n in ("Hà Văn Tùng", "Lò Thị Mai", "Lò Văn Tiến")]
        + [("Vừ A Sử", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None, "2025-10-09")],
        id="elected-a-plural-title-including-a-list"),
    pytest.param(
        "On June 28, the Provincial People's Council released Mr. Lò Văn Sự as Chairman of the Provincial People's "
        "Council for retirement.",
        [("dismissal", "Lò Văn Sự", "chairman", "Điện Biên Provincial People's Council", "2025-06-28")],
        [("Lò Văn Sự", "chairman", "Điện Biên Provincial People's Council", "former", None, "2025-06-28")],
        id="released-as-chairman-for-retirement"),
    pytest.param(
        "On October 9, Mr. Hà Văn Tùng was appointed by the Politburo to join the Lai Châu Provincial Party Committee "
        "and its Standing Board, and serve as Deputy Secretary of the Lai Châu Provincial Party Committee.",
        [("appointment", "Hà Văn Tùng", "deputy-secretary", "Lai Châu Provincial Party Committee", "2025-10-09")],
        [("Hà Văn Tùng", "deputy-secretary", "Lai Châu Provincial Party Committee", "current", "2025-10-09", None),
         ("Hà Văn Tùng", "member", "Lai Châu Provincial Party Committee", "current", "2025-10-09", None),
         ("Hà Văn Tùng", "member", "Standing Board of the Lai Châu Provincial Party Committee", "current",
          "2025-10-09", None)],
        id="join-a-committee-and-its-standing-board-and-serve-as-the-post-is-the-change"),
    pytest.param(
        "Mr. Hà Văn Tùng previously held the posts of Director of the Department of Finance and Vice Chairman of the "
        "Provincial People's Committee.",
        [],
        [("Hà Văn Tùng", "director", "Điện Biên Department of Finance", "former", None, None),
         ("Hà Văn Tùng", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None, None)],
        id="career-list-of-posts"),
    pytest.param(
        "Before coming to Điện Biên, Mr. Hà Văn Tùng held many important positions such as: Head of the Mường Tè "
        "Border Post, Border Guard of Lai Châu province; Member of the Provincial Party Standing Committee; Director "
        "of the Lai Châu Provincial Police; Director of the Sơn La Provincial Police.",
        [],
        [("Hà Văn Tùng", "director", "Lai Châu Provincial Police", "former", None, None),
         ("Hà Văn Tùng", "director", "Sơn La Provincial Police", "former", None, None),
         ("Hà Văn Tùng", "member", "Standing Board of the Lai Châu Provincial Party Committee", "former", None, None)],
        id="career-list-across-provinces-reads-a-bare-body-in-the-province-named-last"),
    pytest.param(
        "Mr. Hà Văn Tùng was elected Chairman of the Provincial People's Committee on October 17. From 2012 to 2015, "
        "he was Deputy Director of the Department of Finance. He then worked as Secretary of the Mường Lay Town Party "
        "Committee and Chairman of the Mường Lay Town People's Council.",
        [("election", "Hà Văn Tùng", "chairman", "Điện Biên Provincial People's Committee", "2025-10-17")],
        [("Hà Văn Tùng", "chairman", "Điện Biên Provincial People's Committee", "current", "2025-10-17", None),
         ("Hà Văn Tùng", "chairman", "Mường Lay Town People's Council", "former", None, None),
         ("Hà Văn Tùng", "deputy-director", "Điện Biên Department of Finance", "former", None, None),
         ("Hà Văn Tùng", "secretary", "Mường Lay Town Party Committee", "former", None, None)],
        id="career-told-with-was-and-worked-as"),
    pytest.param(
        "Mr. Hà Văn Tùng used to be the Director of the Department of Finance.",
        [],
        [("Hà Văn Tùng", "director", "Điện Biên Department of Finance", "former", None, None)],
        id="used-to-be"),
    pytest.param(
        "Mr. Hà Văn Tùng was Chairman of the Provincial People's Committee at the ceremony.",
        [], [],
        id="a-bare-was-without-a-past-cue-is-not-a-career"),
    pytest.param(
        "On October 14, the first session of the Executive Board of the Provincial Party Committee elected two Deputy "
        "Secretaries, including: Mr. Hà Văn Tùng (Standing Deputy Secretary of the Provincial Party Committee) and "
        "Ms. Lò Thị Mai (Head of the Provincial Party Committee's Organisation Commission).",
        [("election", "Hà Văn Tùng", "deputy-secretary", PPC, "2025-10-14"),
         ("election", "Lò Thị Mai", "deputy-secretary", PPC, "2025-10-14")],
        [("Hà Văn Tùng", "deputy-secretary", PPC, "current", "2025-10-14", None),
         ("Lò Thị Mai", "deputy-secretary", PPC, "current", "2025-10-14", None)],
        id="body-elected-a-plural-role-including-a-list"),
    pytest.param(
        "On October 9, the Politburo picked Mr. Hà Văn Tùng, deputy head of the steering board for external "
        "information, as Deputy Head of the PCC's Commission for Propaganda and Education.",
        [("appointment", "Hà Văn Tùng", "deputy-head", "Central Propaganda and Education Commission", "2025-10-09")],
        [("Hà Văn Tùng", "deputy-head", "Central Propaganda and Education Commission", "current", "2025-10-09",
          None)],
        id="picked-as-with-an-unreadable-body-in-between"),
    pytest.param(
        "On October 9, the Central Committee accepted his resignation, relieving Mr. Hà Văn Tùng of his positions as "
        "Central Committee Secretary and member of the 13th Central Committee.",
        [("dismissal", "Hà Văn Tùng", "member", "Party Central Committee", "2025-10-09"),
         ("dismissal", "Hà Văn Tùng", "secretary", "Party Central Committee", "2025-10-09")],
        [("Hà Văn Tùng", "member", "Party Central Committee", "former", None, "2025-10-09"),
         ("Hà Văn Tùng", "secretary", "Party Central Committee", "former", None, "2025-10-09")],
        id="relieved-of-several-positions-each-a-change"),
    pytest.param(
        "On October 9, the council announced the resolution on appointing Chairman of the Provincial People's "
        "Council, term 2021 - 2026 for Mr. Hà Văn Tùng, Secretary of the Provincial Party Committee.",
        [("appointment", "Hà Văn Tùng", "chairman", "Điện Biên Provincial People's Council", "2025-10-09")],
        [("Hà Văn Tùng", "chairman", "Điện Biên Provincial People's Council", "current", "2025-10-09", None)],
        id="appointing-a-post-for-a-person"),
    pytest.param(
        "On October 9, the council confirmed the results of the election to fill the position of PPC's vice "
        "chairman for the 2021-2026 tenure for Mr. Hà Văn Tùng, Director of the Department of Transport.",
        [("election", "Hà Văn Tùng", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-10-09")],
        [("Hà Văn Tùng", "vice-chairman", "Điện Biên Provincial People's Committee", "current", "2025-10-09", None)],
        id="the-ppcs-vice-chairman-given-to"),
    pytest.param(
        "Mr. Hà Văn Tùng, Secretary of the Provincial Party Committee, and Ms. Lò Thị Mai, Chairwoman of the "
        "Provincial People's Council, were appointed to the provincial steering committee on October 16.",
        [], [],
        id="joined-subjects-do-not-swap-their-own-posts"),
    pytest.param(
        "The council carried out the procedure to dismiss Mr. Võ Văn Cảnh from the position of Vice Chairman of the "
        "Provincial People's Committee on October 2.",
        [("dismissal", "Võ Văn Cảnh", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-10-02")],
        [("Võ Văn Cảnh", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None, "2025-10-02")],
        id="infinitive-dismiss-from"),
    pytest.param(
        "On October 2, delegates voted to relieve Mr. Võ Văn Cảnh of the post of Vice Chairman of the Provincial "
        "People's Committee.",
        [("dismissal", "Võ Văn Cảnh", "vice-chairman", "Điện Biên Provincial People's Committee", "2025-10-02")],
        [("Võ Văn Cảnh", "vice-chairman", "Điện Biên Provincial People's Committee", "former", None, "2025-10-02")],
        id="infinitive-relieve-of-the-post"),
    pytest.param(
        "On Friday, Mr. Đỗ Văn Nam was elected Chairman at the session. Mr. Võ Văn Minh, Chairman of the Bình "
        "Dương Provincial People's Committee, sent his congratulations.",
        [], [],
        id="a-bare-role-is-not-completed-from-a-body-named-later"),
    pytest.param(
        "Mr. Võ Văn Minh, Chairman of the Bình Dương Provincial People's Committee, opened the session. On Friday, "
        "Mr. Đỗ Văn Nam was elected Chairman at the session.",
        [("election", "Đỗ Văn Nam", "chairman", "Bình Dương Provincial People's Committee", "2025-10-17")],
        [("Đỗ Văn Nam", "chairman", "Bình Dương Provincial People's Committee", "current", "2025-10-17", None)],
        id="a-bare-role-is-completed-from-the-body-named-before"),
])
def test_appointments_statements(nlp, tmp_path, text, events, holdings):
    got_events, got_holdings = summary(facts_of(nlp, tmp_path, text))
    assert got_events == sorted(events)
    assert got_holdings == sorted(holdings)


@pytest.mark.parametrize("province", ["Yên Bái", "Điện Biên"])
def test_appointments_a_sentence_set_in_a_province_reads_its_titles_there(nlp, tmp_path, province):
    """'In the northern province of Yên Bái, ...': the bare 'new chairman' and 'the provincial Party Secretary'
    are Yên Bái's, whether or not the article is about Yên Bái."""
    text = ("In the northern province of Yên Bái, Mr. Trần Huy Tuấn, Deputy Party Secretary, has been elected as the "
            "new chairman, replacing Mr. Đỗ Đức Duy, who had been elected the provincial Party Secretary.")
    events, holdings = summary(facts_of(nlp, tmp_path, text, province=province))
    ppc, party = "Yên Bái Provincial People's Committee", "Yên Bái Provincial Party Committee"
    assert events == [("election", "Trần Huy Tuấn", "chairman", ppc, None),
                      ("election", "Đỗ Đức Duy", "secretary", party, None)]
    assert holdings == [("Trần Huy Tuấn", "chairman", ppc, "current", None, None),
                        ("Đỗ Đức Duy", "chairman", ppc, "former", None, None),
                        ("Đỗ Đức Duy", "secretary", party, "current", None, None)]


def test_appointments_no_statement_no_facts(nlp, tmp_path):
    assert facts_of(nlp, tmp_path, "Comrade Trần Tiến Dũng, Secretary of the Provincial Party Committee, chaired "
                                    "the meeting on October 15.") == []


def test_appointments_without_article_date_keep_only_absolute_dates(nlp, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Leaders\n\nTrần Tiến Dũng was elected Secretary of the Điện Biên Provincial Party Committee "
                    "on October 15.\n", encoding="utf-8")
    (article,) = load_articles([path]).articles
    assert article.published is None
    events, holdings = summary(extract_appointments(parse(article, nlp)))
    assert events == [("election", "Trần Tiến Dũng", "secretary", PPC, None)]
    assert holdings == [("Trần Tiến Dũng", "secretary", PPC, "current", None, None)]


def test_appointments_registered_by_default():
    assert "appointments" in DEFAULT


@pytest.mark.parametrize("text", [
    "Vice Chairwoman of the Provincial People's Committee Hà Thị Nga handed over gifts to the students.",
    "Trần Văn Lâm, Member of the Standing Board of the Provincial Party Committee, handed over the houses.",
    "Comrade Trần Tiến Dũng, Secretary of the Provincial Party Committee, will retire next year.",
    "The council will vote to dismiss Mr. Vò Văn Cảnh from the position of Vice Chairman of the Provincial People's "
    "Committee.",
    "The Standing Board proposed to relieve Mr. Vò Văn Cảnh of the post of Vice Chairman of the Provincial People's "
    "Committee.",
    "The council will elect Mr. Vò Văn Cảnh as Vice Chairman of the Provincial People's Committee.",
    # a body the grammar cannot read after the role: not a bare role to complete from the Lai Châu body above
    "Mr. Hà Văn Tùng, Deputy Secretary of the Lai Châu Provincial Party Committee, spoke. Mr. Lò Văn Sơn was "
    "appointed to serve as Deputy Secretary of the capital city's 18th Party Committee.",
])
def test_appointments_look_alikes_are_not_statements(nlp, tmp_path, text):
    assert [f for f in facts_of(nlp, tmp_path, text) if isinstance(f, Event)] == []
