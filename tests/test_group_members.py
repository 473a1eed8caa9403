"""extractors.holdings.extract_group_members: "<body> members" followed by a list of people -> one membership each."""

from __future__ import annotations

import pytest

from extractors.facts import Article, DateValue, Event, Holding
from extractors.holdings import extract_group_members
from extractors.nlp import parse
from extractors.registry import DEFAULT

POLITBURO = "Politburo"
SECRETARIAT = "Secretariat of the Party Central Committee"


def members(nlp, text: str, province: str | None = None) -> set[tuple[str, str, str, str]]:
    article = Article(id="g", path="g.txt", text=text, province=province,
                      published=DateValue("2025", "2025-01-01", "2025-12-31"))
    return {(h.person.name, h.role, h.org.label, h.status) for h in extract_group_members(parse(article, nlp))
            if isinstance(h, Holding)}


@pytest.mark.parametrize("text, expected", [
    pytest.param(
        "The gathering drew several Politburo members, including Trần Cẩm Tú, Standing Member of the Secretariat; "
        "Đỗ Văn Chiến, Chairman of the Central Committee of the Vietnam Fatherland Front; and Nguyễn Xuân Thắng, "
        "Director of the Hồ Chí Minh National Academy of Politics.",
        {("Trần Cẩm Tú", "member", POLITBURO, "current"), ("Đỗ Văn Chiến", "member", POLITBURO, "current"),
         ("Nguyễn Xuân Thắng", "member", POLITBURO, "current")},
        id="including-semicolon-list"),
    pytest.param(
        "Delegates agreed that five Politburo members would retire ahead of the congress. They included former "
        "State President Võ Văn Thưởng, National Assembly Chairwoman Trương Thị Mai, former Ambassador Phạm Sanh "
        "Châu and Deputy Prime Minister Trần Lưu Quang.",
        {("Võ Văn Thưởng", "member", POLITBURO, "former"), ("Trương Thị Mai", "member", POLITBURO, "former"),
         ("Phạm Sanh Châu", "member", POLITBURO, "former"), ("Trần Lưu Quang", "member", POLITBURO, "former")},
        id="next-sentence-list-retiring-with-a-title-the-grammar-does-not-read"),
    pytest.param(
        "Also present were Secretariat members Lê Hoài Trung and Phan Đình Trạc.",
        {("Lê Hoài Trung", "member", SECRETARIAT, "current"), ("Phan Đình Trạc", "member", SECRETARIAT, "current")},
        id="names-right-after-members"),
    pytest.param(
        "On January 30 the Politburo signed a decision assigning Politburo members to join the Secretariat. They "
        "include Trần Cẩm Tú, Standing Member of the Secretariat; and Lê Minh Hưng, Head of the Central Organisation "
        "Commission. Other members are Trần Sỹ Thanh, Chairman of the Central Inspection Commission; and Phạm Gia "
        "Túc, Chief of the Party Central Office.",
        {(n, "member", org, "current") for n in ("Trần Cẩm Tú", "Lê Minh Hưng", "Trần Sỹ Thanh", "Phạm Gia Túc")
         for org in (POLITBURO, SECRETARIAT)},
        id="members-to-join-another-body-and-other-members-next"),
    pytest.param(
        "Attending were Politburo members, namely Nguyễn Trọng Nghĩa and Lương Cường, along with leaders of central "
        "ministries and Lê Văn Thành.",
        {("Nguyễn Trọng Nghĩa", "member", POLITBURO, "current"), ("Lương Cường", "member", POLITBURO, "current")},
        id="list-ends-where-other-guests-begin"),
    pytest.param(
        "Former Secretary Nguyễn Văn Thông welcomed Politburo members, including Nguyễn Hòa Bình and Lê Minh Hưng.",
        {("Nguyễn Hòa Bình", "member", POLITBURO, "current"), ("Lê Minh Hưng", "member", POLITBURO, "current")},
        id="a-former-title-elsewhere-in-the-sentence-is-not-the-members"),
    pytest.param(
        "Standing Board members of the Provincial Party Committee attended, as did Chairman Lê Văn Lương.",
        set(), id="no-list-after-the-members"),
    pytest.param(
        "The members, including Hoàng Văn Nghiệm and Đoàn Thu Hà, voted for the plan.",
        set(), id="no-body-no-membership"),
    pytest.param(
        "Politburo members will visit the province. Nguyễn Văn Thắng and Lê Minh Hưng spoke to reporters.",
        set(), id="next-sentence-without-opener"),
])
def test_group_members(nlp, text, expected):
    assert members(nlp, text) == expected


def test_group_members_run_by_default():
    assert "group-members" in DEFAULT


def changes(nlp, text: str) -> set[tuple[str, str, str, str | None]]:
    article = Article(id="g", path="g.txt", text=text, province=None,
                      published=DateValue("2026", "2026-01-01", "2026-12-31"))
    return {(f.kind, f.subject.name, f.org.label, f.date.value if f.date else None)
            for f in extract_group_members(parse(article, nlp)) if isinstance(f, Event)}


@pytest.mark.parametrize("text, expected", [
    pytest.param(
        "On February 2 the General Secretary signed a decision assigning Politburo members to join the Secretariat. "
        "They include Trần Cẩm Tú, Secretary of the Party Committee of Central Party Agencies; and Lê Minh Hưng, "
        "Head of the Central Organisation Commission.",
        {("appointment", "Trần Cẩm Tú", SECRETARIAT, "2026-02-02"),
         ("appointment", "Lê Minh Hưng", SECRETARIAT, "2026-02-02")},
        id="assigned-to-join-appoints-to-the-joined-body-only"),
    pytest.param(
        "On March 9 the General Secretary handed retirement decisions to three Politburo members of the last tenure."
        "\n\nThey included former Deputy Prime Minister Trần Lưu Quang, former Minister of Defence Ngô Xuân Lịch "
        "and Hoàng Trung Hải.",
        {("retirement", n, POLITBURO, "2026-03-09") for n in ("Trần Lưu Quang", "Ngô Xuân Lịch", "Hoàng Trung Hải")},
        id="retirement-decisions-retire-each-listed-member"),
    pytest.param(
        "The ceremony was attended by Politburo members, including Trần Cẩm Tú and Lê Minh Hưng, on April 4.",
        set(), id="a-list-of-guests-states-no-change"),
    pytest.param(
        "Politburo members who will join the Secretariat, including Trần Cẩm Tú and Lê Minh Hưng, met on April 4.",
        set(), id="joining-without-a-decision-verb-states-no-change"),
    pytest.param(
        "Delegates agreed that two Politburo members would retire before the congress. They included Trần Lưu Quang "
        "and Ngô Xuân Lịch.",
        set(), id="a-retirement-still-to-come-is-not-a-change"),
])
def test_group_member_changes(nlp, text, expected):
    """A list's sentence that states a change gives each listed member that change, dated by the sentence."""
    assert changes(nlp, text) == expected
