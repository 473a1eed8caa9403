"""Article dates (metadata, text, inferred), dates found in sentences, and relative dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.article import load_articles
from extractors.dates import (
    PartialDate,
    article_date,
    dominant_year,
    find_dates,
    parse_date_string,
    reference_points,
    resolve_date,
)
from extractors.facts import DateValue

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

JULY_2024 = DateValue("2024-07", "2024-07-05", "2024-07-31")
DAY_2024_07_05 = DateValue("2024-07-05", "2024-07-05", "2024-07-05")  # a Friday
MARCH_2024 = DateValue("2024-03", "2024-03-01", "2024-03-31")
YEAR_2025 = DateValue("2025", "2025-01-01", "2025-12-31")


# --- the seeds -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "value", "earliest", "latest", "basis"),
    [
        ("000_1997b1c9d2f034b5", "2024-07", "2024-07-05", "2024-07-31", "text"),
        ("003_e1e74b58657a6300", "2025", "2025-09-30", "2025-12-31", "inferred"),
    ],
)
def test_dates_seed_article_dates(seed: str, value: str, earliest: str, latest: str, basis: str) -> None:
    result = load_articles([SEEDS / f"{seed}.txt"])
    assert not result.problems
    article = result.articles[0]
    assert article.published == DateValue(value, earliest, latest)
    assert article.date_basis == basis
    assert article_date(article.text, None) == (DateValue(value, earliest, latest), basis)


# --- article_date ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meta", "expected", "basis"),
    [
        ("Whatever in 2023.", "2024-07-05", DateValue("2024-07-05", "2024-07-05", "2024-07-05"), "metadata"),
        ("Whatever in 2023.", "2024-07", DateValue("2024-07", "2024-07-01", "2024-07-31"), "metadata"),
        ("Whatever in 2023.", "2024", DateValue("2024", "2024-01-01", "2024-12-31"), "metadata"),
        ("Whatever in 2023.", "not a date", DateValue("2023", "2023-01-01", "2023-12-31"), "inferred"),
        (
            "Title\n\nThe conference was held on 12 March to review the 2025 plan.",
            None,
            DateValue("2025-03", "2025-03-12", "2025-03-31"),
            "text",
        ),
        (
            "Title\n\nHNM - On October 26, the city's leaders met. Targets for 2023 were set in 2023.",
            None,
            DateValue("2023-10", "2023-10-26", "2023-10-31"),
            "text",
        ),
        (
            "Title\n\nThe delegation visited the commune on the morning of 10th July 2022, in 2024 terms.",
            None,
            DateValue("2022-07", "2022-07-10", "2022-07-31"),
            "text",
        ),
        (
            "Exports in the first six months of 2024 rose. The 2024 plan is on track.",
            None,
            DateValue("2024", "2024-06-30", "2024-12-31"),
            "inferred",
        ),
        ("The 2021 plan and the 2021 budget.", None, DateValue("2021", "2021-01-01", "2021-12-31"), "inferred"),
        ("No year is named anywhere.", None, None, "inferred"),
        (  # a year-end session reviews this year and plans the next: the year it plans for is not its present
            "Title\n\nOn December 15, the council reviewed the results achieved in 2025. The province aims to reach "
            "growth of 12.5% in 2026, and the plan for 2026 was adopted.",
            None,
            DateValue("2025-12", "2025-12-15", "2025-12-31"),
            "text",
        ),
        (  # a spring meeting on last year's results and "the tasks for" this year is this year's
            "Title\n\nOn April 16, the minister worked with the province on its results in 2024 and the orientations "
            "and tasks for 2025.",
            None,
            DateValue("2025-04", "2025-04-16", "2025-04-30"),
            "text",
        ),
        (  # a profile's career steps are its past, not the article's present
            "Title\n\nMr. Thang has been assigned as Party chief of the province. In August 2020, he was assigned "
            "to be Party chief of Quang Binh. In 2016, Thang was elected an alternate member.",
            None,
            None,
            "inferred",
        ),
        (  # a part-year period of a later year than the one named most: the article is of that later year
            "Title\n\nBudget revenue topped VND 13 trillion in 2023, and the province welcomed 6 million visitors in "
            "2023. In the first seven months of 2024 it welcomed 940,000 tourists.",
            None,
            DateValue("2024", "2024-07-31", "2024-12-31"),
            "inferred",
        ),
    ],
)
def test_dates_article_date_table(text: str, meta: str | None, expected: DateValue | None, basis: str) -> None:
    assert article_date(text, meta) == (expected, basis)


def test_dates_event_date_must_be_in_the_opening() -> None:
    filler = "\n\n".join(f"Paragraph {i} about the 2024 plan." for i in range(6))
    text = f"Title\n\n{filler}\n\nThe meeting took place on July 5."
    assert article_date(text, None)[1] == "inferred"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Decree No.118/2025/NĐ-CP in 2024.", 2024),
        ("The 2020-2025 term and the 2020 – 2025 term, in 2023.", 2023),
        ("Growth from 2026 to 2030 and the 2026 - 2030 plan, in 2025.", 2025),
        ("Double by 2030, by 2030, by 2030; the 2025 plan.", 2025),
        ("The 2025 plan; higher than the same period in 2024 and the same period of 2024.", 2025),
        ("In 2024 and in 2025.", 2025),  # tie: the later year
        ("Boards were set up by December 31, 2025; the vote is in 2026.", 2026),  # a deadline is a horizon
        ("A centrally run city before 2030, a vision to 2045, growth until 2030; the 2025 plan.", 2025),
        ("Dai Hoi Nhiem Ky 2025 2030\n\nThe congress of the 2020-2025 term.", None),  # a slug's range
        ("No year here, just 12345 and 3000.", None),
    ],
)
def test_dates_dominant_year_ignores_numbers_ranges_and_horizons(text: str, year: int | None) -> None:
    assert dominant_year(text) == year


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("reaching 97.54% of the plan by the end of September 30.", "2025-09-30"),
        ("growth in the first 9 months of the year was 6.76%.", "2025-09-30"),
        ("in the first six months, revenue rose; by the end of February it was low.", "2025-06-30"),
        ("in the first half of the year.", "2025-06-30"),
        ("in the first quarter.", "2025-03-31"),
        ("as of October 15, 2025, the rate was 50%.", "2025-10-15"),
        ("in the first nine months of 2024 (a different year).", None),
        ("plans for the last six months of the year.", None),
        ("the sixth session (the year-end regular session of 2025) closed.", "2025-11-01"),
        ("the year-end session of 2024 was recalled.", None),
    ],
)
def test_dates_reference_points_in_the_year(text: str, latest: str | None) -> None:
    points = reference_points(text, 2025)
    assert (points[-1].isoformat() if points else None) == latest


# --- resolve_date --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "reference", "expected"),
    [
        ("July 5", JULY_2024, DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("5 July 2024", YEAR_2025, DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("14 June 2024", JULY_2024, DateValue("2024-06-14", "2024-06-14", "2024-06-14")),
        ("dated 14 June 2024", JULY_2024, DateValue("2024-06-14", "2024-06-14", "2024-06-14")),
        ("on the morning of 10th July", JULY_2024, DateValue("2024-07-10", "2024-07-10", "2024-07-10")),
        ("October 26", JULY_2024, DateValue("2023-10-26", "2023-10-26", "2023-10-26")),  # months after: last year
        ("October 26", YEAR_2025, DateValue("2025-10-26", "2025-10-26", "2025-10-26")),
        ("August 2", JULY_2024, DateValue("2024-08-02", "2024-08-02", "2024-08-02")),  # within a month: same year
        ("on Friday", DAY_2024_07_05, DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("on Monday", DAY_2024_07_05, DateValue("2024-07-01", "2024-07-01", "2024-07-01")),
        ("last week", DAY_2024_07_05, DateValue("2024-06", "2024-06-24", "2024-06-30")),
        ("yesterday", DAY_2024_07_05, DateValue("2024-07-04", "2024-07-04", "2024-07-04")),
        ("yesterday", MARCH_2024, DateValue("2024", "2024-02-29", "2024-03-30")),
        ("last month", DAY_2024_07_05, DateValue("2024-06", "2024-06-01", "2024-06-30")),
        ("last year", JULY_2024, DateValue("2023", "2023-01-01", "2023-12-31")),
        ("2025", JULY_2024, DateValue("2025", "2025-01-01", "2025-12-31")),
        ("the first 9 months of the year", YEAR_2025, DateValue("2025", "2025-01-01", "2025-09-30")),
        ("the first six months", JULY_2024, DateValue("2024", "2024-01-01", "2024-06-30")),
        ("the last six months of 2024", YEAR_2025, DateValue("2024", "2024-07-01", "2024-12-31")),
        ("by 2030", YEAR_2025, DateValue("2030", "2030-01-01", "2030-12-31")),
        ("in March", JULY_2024, DateValue("2024-03", "2024-03-01", "2024-03-31")),
        ("14/6/2024", YEAR_2025, DateValue("2024-06-14", "2024-06-14", "2024-06-14")),
        ("no date in here", JULY_2024, None),
        ("June 31", JULY_2024, None),
    ],
)
def test_dates_resolve_date_table(expression: str, reference: DateValue, expected: DateValue | None) -> None:
    assert resolve_date(expression, reference) == expected


# --- find_dates ----------------------------------------------------------------------------------------------


def test_dates_find_dates_spans_and_kinds() -> None:
    text = (
        "Directive No. 35-CT/TW, dated 14 June 2024, and Decree No.118/2025/NĐ-CP apply for the 2020-2025 term "
        "and from 2026 to 2030; the session took place on July 5 and will meet again on Friday, in 2025."
    )
    found = [(text[s:e], v) for s, e, v in find_dates(text)]
    assert found == [
        ("14 June 2024", DateValue("2024-06-14", "2024-06-14", "2024-06-14")),
        ("July 5", PartialDate("July 5", "month-day", month=7, day=5)),
        ("Friday", PartialDate("Friday", "weekday", weekday=4)),
        ("2025", DateValue("2025", "2025-01-01", "2025-12-31")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Friday, July 5, 2024, delegates met.", ["Friday, July 5, 2024"]),
        ("It may rain; they march in May 2024.", ["May 2024"]),
        ("Targets for the first half of 2024.", ["first half of 2024"]),
        ("In the third quarter, results rose.", ["third quarter"]),
        ("No dates at all.", []),
    ],
)
def test_dates_find_dates_surface_forms(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-05", DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("2024-07-05T08:00:00+07:00", DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("2024-07", DateValue("2024-07", "2024-07-01", "2024-07-31")),
        ("2024", DateValue("2024", "2024-01-01", "2024-12-31")),
        ("5 July 2024", DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("July 2024", DateValue("2024-07", "2024-07-01", "2024-07-31")),
        ("Fri, 05 Jul 2024 08:00:00 +0700", DateValue("2024-07-05", "2024-07-05", "2024-07-05")),
        ("05/07/2024", DateValue("2024-07-05", "2024-07-05", "2024-07-05")),  # Vietnamese day-first
        ("2024-13-01", None),
        ("July 5", None),  # no year: not a usable publication date
        ("soon", None),
        ("", None),
    ],
)
def test_dates_parse_date_string_keeps_precision(text: str, expected: DateValue | None) -> None:
    assert parse_date_string(text) == expected


SAMPLE = (
    "On Friday, July 5, the committee met; on 14 June 2024 a directive was issued, and in March the plan for "
    "the first 9 months of the year, the second half of 2024, last week, yesterday, by 2030, on Monday and 14/6/2024 "
    "were discussed in 2025."
)


@pytest.mark.parametrize("reference", [JULY_2024, DAY_2024_07_05, YEAR_2025])
def test_dates_find_dates_spans_resolve_to_the_same_value(reference: DateValue) -> None:
    found = find_dates(SAMPLE)
    assert len(found) == 11
    for start, end, value in found:
        expected = value.resolve(reference) if isinstance(value, PartialDate) else value
        assert expected is not None, SAMPLE[start:end]
        assert resolve_date(SAMPLE[start:end], reference) == expected, SAMPLE[start:end]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("14 June 2024", DateValue("2024-06-14", "2024-06-14", "2024-06-14")), ("July 5", None), ("yesterday", None)],
)
def test_dates_resolve_date_without_reference(expression: str, expected: DateValue | None) -> None:
    assert resolve_date(expression, None) == expected


@pytest.mark.parametrize("text, year", [
    ("The economy this year is estimated at 1.5 times that of 2020, and income at 1.4 times that of 2020. "
     "The province will hold its congress for the 2025-2030 term; in 2025 growth is estimated at 8%.", "2025"),
    ("Revenue rose 12% over 2023 and exports were higher than in 2023; the 2024 plan is on track.", "2024"),
    ("Mr. Lò Văn A, born in 1974 and appointed under a decision dated March 3, 2019, spoke about 2025.", "2025"),
])
def test_dates_comparison_bases_and_lives_never_date_the_article(text, year):
    """A base of comparison ("that of 2020", "over 2023"), a birth year or a cited document's date is past:
    the article's year is the one it treats as its present."""
    value, basis = article_date(text)
    assert (value.value, basis) == (year, "inferred")
