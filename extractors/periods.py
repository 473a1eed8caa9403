"""Periods that targets and observations are stated for, read from one sentence.

find_periods(text, year) returns every period expression with its char span. Values (Period.value):
  "2025"                     a year: "in 2025", "for 2025", "the 2025 plan", "by 2030", "for the year" / "this year",
                             "last year" / "next year" (one before / after the year passed in, the article's year)
  "2026/2030"                several years: "from 2026 to 2030", "2026-2030", "the 2026–2030 period"
  "2025-01/2025-09"          months of a year: "the first 9 months of the year", "the first half of 2025",
                             "the last six months of 2024", "the first quarter", "January-September"
  "2025-01-01/2025-09-30"    year to date, to a day: "by the end of September 30", "as of September 30"
  "2025-01/2025-06"          year to date, to a month: "by the end of June"; to the end of a quarter or half:
                             "as of the end of the second quarter", "by the end of the first half"
  "2025-10"                  one month: "in October", "October's" (precision "month": never a year-to-date frame)
start/end are always ISO dates (first and last day covered).

"The year" inside an expression ("the first 9 months of the year", "for the year") is the year named elsewhere in
the same sentence if there is one, else the year passed in (the year the article is about). Periods the
sentence only compares with ("the same period in 2024", "compared with 2023", "than in 2024") are returned with
reference=True so callers can skip them; years inside document numbers (118/2025/NĐ-CP) and dates of documents
("dated 14 June 2024") are not periods.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .facts import Period
from .spans import leftmost_longest

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_N = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
YEAR = r"(?:19[5-9]\d|20\d\d)"
_Y = rf"(?<![\w/.\-]){YEAR}(?![\w/]|-CT|-NQ|\s*[-\u2013\u2014]\s*\d)"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and)\s*"
_OF_YEAR = rf"(?:\s+(?:of|in)\s+(?:(?P<y>{YEAR})|(?:the|this)\s+year))?"


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period expression in a sentence: char span (relative to the text searched), the period, and whether
    the sentence only compares with it (reference=True) rather than states a figure for it."""

    period: Period
    start: int
    end: int
    reference: bool = False
    precision: str = "year"  # year, years, months, month, to-date


def year_period(year: int) -> Period:
    return Period(str(year), f"{year}-01-01", f"{year}-12-31")


def years_period(first: int, last: int) -> Period:
    return Period(f"{first}/{last}", f"{first}-01-01", f"{last}-12-31")


def months_period(year: int, first: int, last: int) -> Period:
    end_day = calendar.monthrange(year, last)[1]
    return Period(f"{year}-{first:02d}/{year}-{last:02d}", f"{year}-{first:02d}-01", f"{year}-{last:02d}-{end_day:02d}")


def month_period(year: int, month: int) -> Period:
    """One calendar month: value "2025-10", first to last day."""
    p = months_period(year, month, month)
    return Period(f"{year}-{month:02d}", p.start, p.end)


def to_date_period(year: int, month: int, day: int | None) -> Period:
    """From the start of the year up to a day (or to the end of a month when no day is given)."""
    if day is None:
        return months_period(year, 1, month)
    return Period(f"{year}-01-01/{year}-{month:02d}-{day:02d}", f"{year}-01-01", f"{year}-{month:02d}-{day:02d}")


def _n(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


_YEARS = re.compile(rf"(?i)(?:\b(?:in|for|during|over|of)\s+(?:the\s+)?)?(?:\bfrom\s+(?P<a1>{YEAR})\s+to\s+(?P<b1>{YEAR})\b"
                    rf"|\bbetween\s+(?P<a2>{YEAR})\s+and\s+(?P<b2>{YEAR})\b"
                    rf"|(?<![\w/])(?P<a3>{YEAR})\s*(?:-|\u2013|\u2014)\s*(?P<b3>{YEAR}|\d\d)(?![\w/]))")
_BY_YEAR = re.compile(rf"(?i)\b(?:by|until|till)\s+(?:the\s+end\s+of\s+)?(?P<y>{YEAR})\b")
_PART = re.compile(
    rf"(?i)\b(?:in\s+|during\s+|for\s+|over\s+)?(?:the\s+)?(?P<which>first|last|final|past|latter|second|remaining)\s+"
    rf"(?:(?P<n>{_N})\s+months?|(?P<half>half)|(?P<q>quarter)){_OF_YEAR}")
_NMONTHS = re.compile(rf"(?i)\b(?:in|after|during|over)\s+(?:the\s+)?(?P<n>{_N})\s+months{_OF_YEAR}")
_QUARTER = re.compile(rf"(?i)\b(?:in\s+|during\s+)?(?:the\s+)?(?:Q(?P<qn>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter)"
                      rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?:the|this)\s+year))?")
_MONTH_RANGE = re.compile(rf"(?i)\b(?:from\s+)?(?P<m1>{_MONTH})\s*(?:-|\u2013|to)\s*(?P<m2>{_MONTH})(?:,?\s+(?P<y>{YEAR}))?")
_TO_DATE = re.compile(
    rf"(?i)\b(?:by\s+the\s+end\s+of|as\s+of|by|up\s+to|until|to\s+the\s+end\s+of|at\s+the\s+end\s+of)\s+"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?)\b(?:,?\s+(?P<y>{YEAR}))?")
# "as of the end of the third quarter", "by the end of Q3": the year up to the end of that quarter (or half)
_TO_QUARTER_END = re.compile(
    rf"(?i)\b(?:by|as\s+of|to|until|up\s+to|at)\s+the\s+end\s+of\s+(?:the\s+)?"
    rf"(?:Q(?P<qn>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter|(?P<half>first)\s+half)"
    rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?:the|this)\s+year))?")
# "in October", "during March 2025", "October's index": one month
_ONE_MONTH = re.compile(rf"(?i)(?:\b(?:in|during|for)\s+(?:the\s+month\s+of\s+)?(?P<m1>{_MONTH})|\b(?P<m2>{_MONTH})['’]s)"
                        rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w/]|\s*\d)")
_THE_YEAR = re.compile(r"(?i)\b(?:for|in|during|throughout|of)\s+(?:the\s+(?:whole\s+|entire\s+|full\s+)?year|this\s+year)\b"
                       r"|\b(?:this|the\s+whole|the\s+entire)\s+year\b")
_RELATIVE_YEAR = re.compile(r"(?i)\b(?:in\s+|for\s+|during\s+)?(?:the\s+)?(?P<rel>last|previous|past|next|coming|current)\s+year\b(?!s)")
_YEAR = re.compile(rf"(?i)(?:\b(?:in|for|of|during|throughout)\s+(?:the\s+(?:year\s+)?)?)?{_Y}")
_REFERENCE = re.compile(r"(?i)(?:same\s+period(?:\s+(?:of|in|last))?|compared\s+(?:with|to)(?:\s+the\s+same\s+period\s+(?:of|in))?|"
                        r"than(?:\s+(?:in|that\s+of|the\s+same\s+period\s+(?:of|in)))?|over|against|versus|vs\.?|from|since)\s*(?:the\s+)?$")
_OF_PLAN = re.compile(r"(?i)['’]s\s+(?:\w+\s+){0,2}?(?:plan|plans|estimate|estimates|target|targets|budget)\b")
_DATED = re.compile(rf"(?i)(?:dated|on|issued)\s+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}),?\s*$")


def sentence_year(text: str) -> int | None:
    """The first year named in the sentence outside document numbers and ranges (it fixes "the year")."""
    ranges = [m.span() for m in _YEARS.finditer(text)]
    for m in _YEAR.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in ranges):
            continue
        if _REFERENCE.search(text[max(0, m.start() - 40) : m.start()]) or _DATED.search(text[: m.end() - 4]):
            continue
        return int(m.group(0)[-4:])
    return None


def find_periods(text: str, year: int | None, context_year: int | None = None) -> list[PeriodMention]:
    """Every period expression in text (one sentence), leftmost-longest and non-overlapping, in order.

    year is the article's year (it counts "last year"); context_year, when given, is the year the article's reporting
    period names ("the first 9 months of 2025" earlier on): it, not the article's year, dates "by September 24"."""
    named = sentence_year(text)
    the_year = named or context_year or year
    found: list[tuple[int, int, int, PeriodMention]] = []
    plan_refs: set[int] = set()

    def add(m: re.Match[str], period: Period | None, precision: str, rank: int) -> None:
        if period is not None:
            found.append((m.start(), m.end(), rank, PeriodMention(period, m.start(), m.end(), precision=precision)))

    for m in _YEARS.finditer(text):
        a = m.group("a1") or m.group("a2") or m.group("a3")
        b = m.group("b1") or m.group("b2") or m.group("b3")
        first, last = int(a), int(b) if len(b) == 4 else int(a[:2] + b)
        if first < last:
            add(m, years_period(first, last), "years", 0)
    for m in _BY_YEAR.finditer(text):
        add(m, year_period(int(m.group("y"))), "year", 1)
    for m in _PART.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        if y is None or m.group("which").lower() == "past":
            continue
        which = m.group("which").lower()
        last_part = which in ("last", "final", "latter", "second", "remaining")
        if m.group("half"):
            months = (7, 12) if last_part else (1, 6)
        elif m.group("q"):
            months = (10, 12) if last_part and which != "second" else ((4, 6) if which == "second" else (1, 3))
        else:
            n = _n(m.group("n"))
            if not 1 <= n <= 12:
                continue
            months = (13 - n, 12) if last_part else (1, n)
        add(m, months_period(y, *months), "months", 1)
    for m in _NMONTHS.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        n = _n(m.group("n"))
        if y is not None and 1 <= n <= 12:
            add(m, months_period(y, 1, n), "months", 2)
    for m in _QUARTER.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        q = int(m.group("qn")) if m.group("qn") else ("first", "second", "third", "fourth").index(m.group("qw").lower()) + 1
        if y is not None:
            add(m, months_period(y, 3 * q - 2, 3 * q), "months", 2)
    for m in _MONTH_RANGE.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        m1, m2 = MONTHS[m.group("m1").lower().rstrip(".")], MONTHS[m.group("m2").lower().rstrip(".")]
        if y is not None and m1 < m2:
            add(m, months_period(y, m1, m2), "months", 2)
    for m in _TO_DATE.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        day = m.group("d1") or m.group("d2")
        if y is None:
            continue
        try:
            add(m, to_date_period(y, month, int(day) if day else None), "to-date", 2)
        except ValueError:
            continue
    for m in _TO_QUARTER_END.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        if y is None:
            continue
        last = 6 if m.group("half") else 3 * (int(m.group("qn")) if m.group("qn") else
                                             ("first", "second", "third", "fourth").index(m.group("qw").lower()) + 1)
        add(m, months_period(y, 1, last), "to-date", 1)
    for m in _ONE_MONTH.finditer(text):
        y = int(m.group("y")) if m.group("y") else the_year
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        if y is not None and (m.group("m1") or m.group("m2"))[0].isupper():  # "may", "march": verbs
            add(m, month_period(y, month), "month", 3)
    for m in _RELATIVE_YEAR.finditer(text):
        base = year or named  # "last year" counts from the year the article is written in
        if base is not None:
            offset = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
            add(m, year_period(base + offset[m.group("rel").lower()]), "year", 3)
    for m in _THE_YEAR.finditer(text):
        if the_year is not None:
            add(m, year_period(the_year), "year", 3)
            if _OF_PLAN.match(text, m.end()) and re.match(r"(?i)of\b", m.group(0)):
                plan_refs.add(m.start())  # "97% of the year's estimate": the plan compared with, not the period
    for m in _YEAR.finditer(text):
        if _DATED.search(text[: m.end() - 4]):
            continue  # "dated 14 June 2024": the date of a document
        add(m, year_period(int(m.group(0)[-4:])), "year", 4)

    result: list[PeriodMention] = []
    for start, _, mention in leftmost_longest(found):
        reference = _REFERENCE.search(text[max(0, start - 40) : start]) is not None or start in plan_refs
        if reference:
            mention = PeriodMention(mention.period, mention.start, mention.end, True, mention.precision)
        result.append(mention)
    return result
