"""Periods (extractors/periods.py) and figures (extractors/numbers.py) read from single sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.numbers import find_quantities, parse_number
from extractors.periods import find_periods, sentence_year


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The goal for the province in 2025 is 7.5%.", [("in 2025", "2025", "2025-01-01", "2025-12-31", False)]),
        ("Growth of 10% in the following years from 2026 to 2030.",
         [("from 2026 to 2030", "2026/2030", "2026-01-01", "2030-12-31", False)]),
        ("The plan for 2026 - 2030 was approved.", [("for 2026 - 2030", "2026/2030", "2026-01-01", "2030-12-31", False)]),
        ("in the 2021-25 period", [("in the 2021-25", "2021/2025", "2021-01-01", "2025-12-31", False)]),
        ("Forest cover will reach 45% by 2030.", [("by 2030", "2030", "2030-01-01", "2030-12-31", False)]),
        ("GRDP growth in the first 9 months of the year was 6.76%.",
         [("in the first 9 months of the year", "2025-01/2025-09", "2025-01-01", "2025-09-30", False)]),
        ("in the first half of 2024", [("in the first half of 2024", "2024-01/2024-06", "2024-01-01", "2024-06-30", False)]),
        ("for the last six months of 2024", [("for the last six months of 2024", "2024-07/2024-12", "2024-07-01", "2024-12-31", False)]),
        ("in Q1 2025", [("in Q1 2025", "2025-01/2025-03", "2025-01-01", "2025-03-31", False)]),
        ("in the third quarter", [("in the third quarter", "2025-07/2025-09", "2025-07-01", "2025-09-30", False)]),
        ("from January to October", [("from January to October", "2025-01/2025-10", "2025-01-01", "2025-10-31", False)]),
        ("reaching 97.54% of the plan by the end of September 30.",
         [("by the end of September 30", "2025-01-01/2025-09-30", "2025-01-01", "2025-09-30", False)]),
        ("as of June 8, 2023", [("as of June 8, 2023", "2023-01-01/2023-06-08", "2023-01-01", "2023-06-08", False)]),
        ("by the end of June", [("by the end of June", "2025-01/2025-06", "2025-01-01", "2025-06-30", False)]),
        ("higher than the same period in 2024", [("in 2024", "2024", "2024-01-01", "2024-12-31", True)]),
        ("up 8% compared with 2023", [("2023", "2023", "2023-01-01", "2023-12-31", True)]),
        ("the same period last year", [("last year", "2024", "2024-01-01", "2024-12-31", True)]),
        ("aiming for 10.5 per cent for the year", [("for the year", "2025", "2025-01-01", "2025-12-31", False)]),
        ("the last six months of 2024, aiming for 10.5 per cent for the year",
         [("the last six months of 2024", "2024-07/2024-12", "2024-07-01", "2024-12-31", False),
          ("for the year", "2024", "2024-01-01", "2024-12-31", False)]),
        ("next year", [("next year", "2026", "2026-01-01", "2026-12-31", False)]),
        ("Directive No. 35-CT/TW, dated 14 June 2024, of the Politburo", []),
        ("review Decree No.118/2025/NĐ-CP on centres", []),
        ("reaching 97% of the year's estimate", [("of the year", "2025", "2025-01-01", "2025-12-31", True)]),
        ("this year's target of 8%", [("this year", "2025", "2025-01-01", "2025-12-31", False)]),
        ("You have 500/500 characters left", []),
    ],
)
def test_periods_find(sentence, expected):
    got = [(sentence[m.start : m.end], m.period.value, m.period.start, m.period.end, m.reference)
           for m in find_periods(sentence, 2025)]
    assert got == expected


def test_periods_the_year_needs_a_year():
    assert find_periods("in the first 9 months of the year", None) == []
    assert [m.period.value for m in find_periods("in the first 9 months of 2023", None)] == ["2023-01/2023-09"]


@pytest.mark.parametrize(
    ("sentence", "year"),
    [("the 2025 plan and 2026-2030", 2025), ("same period in 2024, for 2025", 2025), ("from 2026 to 2030", None),
     ("dated 14 June 2024", None)],
)
def test_periods_sentence_year(sentence, year):
    assert sentence_year(sentence) == year


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("a GRDP growth of 7.5%", [("7.5%", "7.5", None, "percent", None)]),
        ("at least 10.5 per cent", [("10.5 per cent", "10.5", None, "percent", None)]),
        ("double-digit growth", [("double-digit", "10", None, "percent", "atLeast")]),
        ("7–8%", [("7–8%", "7", "8", "percent", None)]),
        ("7-8 per cent", [("7-8 per cent", "7", "8", "percent", None)]),
        ("from 7 to 8 percent", [("from 7 to 8 percent", "7", "8", "percent", None)]),
        ("30% to 35% of the plan", [("30% to 35%", "30", "35", "percent", None)]),
        ("by 3–4 percentage points", [("3–4 percentage points", "3", "4", "percentage points", None)]),
        ("VND 474.05 billion", [("VND 474.05 billion", "474.05", None, "VND billion", None)]),
        ("VND1,500 billion", [("VND1,500 billion", "1500", None, "VND billion", None)]),
        ("VND 1.2 trillion", [("VND 1.2 trillion", "1.2", None, "VND trillion", None)]),
        ("2.55 trillion VND (109 million USD)", [("2.55 trillion VND", "2.55", None, "VND trillion", None)]),
        ("US$20 million", [("US$20 million", "20", None, "USD million", None)]),
        ("USD 1.2-1.5 billion", [("USD 1.2-1.5 billion", "1.2", "1.5", "USD billion", None)]),
        ("VND 586.94 billion/VND 2,804.123 billion", [("VND 586.94 billion", "586.94", None, "VND billion", None)]),
        ("5.5 million visitors", [("5.5 million visitors", "5500000", None, "visitors", None)]),
        ("1.2 million tourists", [("1.2 million tourists", "1200000", None, "visitors", None)]),
        ("the 45 communes", [("45 communes", "45", None, "communes", None)]),
        ("68,87 per cent", [("68,87 per cent", "68.87", None, "percent", None)]),
        ("Decree No.118/2025/NĐ-CP", []),
        ("Resolution No. 25 of 2025", []),
        ("500/500 characters", []),
        ("the 2026 - 2030 plan", []),
        ("nearly 1.92 million billion VND", [("1.92 million billion VND", "1920000", None, "VND billion", None)]),
        ("VND 2.5 thousand billion", [("VND 2.5 thousand billion", "2500", None, "VND billion", None)]),
        ("3.3 quadrillion VND", [("3.3 quadrillion VND", "3300", None, "VND trillion", None)]),
        ("reaching VND19,3333 billion by", []),
        ("1,200, 1,300 and 1,400 households", [("1,200", "1200", None, "", None), ("1,300", "1300", None, "", None),
                                               ("1,400 households", "1400", None, "households", None)]),
    ],
)
def test_periods_numbers_find_quantities(sentence, expected):
    got = [(sentence[q.start : q.end], str(q.value), str(q.value_max) if q.value_max is not None else None, q.unit, q.comparator)
           for q in find_quantities(sentence)]
    assert got == expected


@pytest.mark.parametrize(("text", "value"), [("1,200", "1200"), ("474.05", "474.05"), ("6,76", "6.76"), ("2,804.123", "2804.123")])
def test_periods_numbers_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("sentence", "context_year", "expected"),
    [
        ("By September 24, disbursement reached 47.9%.", 2025, "2025-01-01/2025-09-24"),
        ("By September 24, disbursement reached 47.9%.", None, "2024-01-01/2024-09-24"),
        ("As of June 8, 2023, it had disbursed 30%.", 2025, "2023-01-01/2023-06-08"),
        ("The same period last year was weaker in the first half.", 2025, "2025-01/2025-06"),
    ],
)
def test_periods_context_year_dates_year_less_expressions(sentence, context_year, expected):
    """The year of the article's reporting period dates "by September 24"; a year written in the sentence wins."""
    stated = [m for m in find_periods(sentence, 2024, context_year=context_year) if not m.reference]
    assert stated[-1].period.value == expected


def test_periods_context_year_does_not_move_last_year():
    """"last year" counts from the article's own year, not from the reporting period's."""
    (m,) = find_periods("up 5% over last year", 2024, context_year=2025)
    assert m.period.value == "2023" and m.reference


@pytest.mark.parametrize(("sentence", "value", "precision"), [
    ("As of the end of the third quarter, revenue was high.", "2025-01/2025-09", "to-date"),
    ("By the end of the first half of 2024, revenue was high.", "2024-01/2024-06", "to-date"),
    ("The index in October rose.", "2025-10", "month"),
    ("October's index rose.", "2025-10", "month"),
])
def test_periods_quarter_ends_and_single_months(sentence, value, precision):
    """A quarter's or half's end is the year to that date; one month is a period of its own, never year-to-date."""
    (found,) = find_periods(sentence, 2025)
    assert (found.period.value, found.precision) == (value, precision)


def test_periods_may_as_a_verb_is_no_month():
    assert find_periods("Revenue in may fall.", 2025) == []
