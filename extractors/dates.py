"""Dates in articles: the article's own date, dates written in sentences, and relative dates ("last week").

A date is a DateValue as precise as known ("2024-07-05", "2024-07", "2024") with ISO bounds. Expressions that need
a reference to be placed in time ("July 5", "on Friday", "the first 9 months of the year") are PartialDates, which
resolve against the article's date.
"""

from __future__ import annotations

import calendar
import re
from functools import cache
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

from .facts import DateValue
from .spans import leftmost_longest

# --- DateValue helpers -------------------------------------------------------------------------------------


def day_value(d: date) -> DateValue:
    """A single day."""
    iso = d.isoformat()
    return DateValue(iso, iso, iso)


def month_value(year: int, month: int) -> DateValue:
    """A calendar month, bounded by its first and last day."""
    last = calendar.monthrange(year, month)[1]
    return DateValue(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}")


def year_value(year: int) -> DateValue:
    """A calendar year."""
    return DateValue(f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def span_value(earliest: date, latest: date) -> DateValue:
    """Bounds with the smallest calendar unit holding both as value (day, month, else year of the middle)."""
    if earliest == latest:
        return day_value(earliest)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        value = f"{earliest.year:04d}-{earliest.month:02d}"
    else:
        value = f"{(earliest + (latest - earliest) / 2).year:04d}"
    return DateValue(value, earliest.isoformat(), latest.isoformat())


def _iso(text: str) -> date:
    return date.fromisoformat(text)


# --- vocabulary --------------------------------------------------------------------------------------------

MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4, "May": 5,
    "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8, "September": 9, "Sept": 9, "Sep": 9,
    "October": 10, "Oct": 10, "November": 11, "Nov": 11, "December": 12, "Dec": 12,
}  # fmt: skip
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}  # Monday=0
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month and weekday names are matched capitalised only ("may" and "march" are also verbs).
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d{2})\b"
_OPT_WEEKDAY = r"(?:" + _WEEKDAY + r",?\s+(?:the\s+)?)?"
_NUM = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_OF_YEAR = r"(?:\s+of\s+(?:the\s+year|this\s+year|" + _YEAR + r"))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(_OPT_WEEKDAY + r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?")),
    ("mdy", re.compile(_OPT_WEEKDAY + r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?")),
    ("numeric", re.compile(r"(?<![\w/.])(?P<day>[0-3]?\d)/(?P<nmonth>[01]?\d)/" + _YEAR + r"(?![/\w])")),
    ("my", re.compile(r"\b(?:(?i:early|mid|late|the\s+end\s+of|end\s+of)[\s-]+)?" + _MONTH + r",?\s+" + _YEAR)),
    ("month", re.compile(r"(?i:\b(?P<prep>in|since|until|by|from|during|early|mid|late|end\s+of|month\s+of)[\s-]+)"
                         + _MONTH + r"(?!,?\s+(?:19|20)\d{2})(?!\s+[0-3]?\d(?:st|nd|rd|th)?\b)")),
    ("yearpart", re.compile(r"(?i:\b(?P<which>first|last|final|past)\s+" + _NUM + r"\s+months)" + _OF_YEAR)),
    ("half", re.compile(r"(?i:\b(?P<which>first|second|latter|last)\s+half)" + _OF_YEAR)),
    ("quarter", re.compile(r"(?i:\b(?P<which>first|second|third|fourth)\s+quarter)" + _OF_YEAR)),
    ("relday", re.compile(r"(?i)\b(?P<rel>yesterday|today|tomorrow)\b")),
    ("relunit", re.compile(r"(?i)\b(?P<rel>last|this|next|previous|past)\s+(?P<unit>week|month|year)\b")),
    ("weekday", re.compile(r"\b" + _WEEKDAY + r"\b")),
    ("year", re.compile(r"(?<![\w/.\-\u2013])" + _YEAR + r"(?![/\-\u2013]\w)")),
]

_RANK = {name: i for i, (name, _) in enumerate(_PATTERNS)}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date expression that needs a reference date: "July 5", "on Friday", "last week", "the first 9 months"."""

    text: str
    kind: str  # month-day, month, weekday, relative-day, relative-week, relative-month, relative-year, year-part
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # relative: -1 last/yesterday, 0 this/today, +1 next/tomorrow
    months: tuple[int, int] | None = None  # year-part: first and last month covered

    def resolve(self, reference: DateValue) -> DateValue | None:
        """Place the expression in time relative to the reference (usually the article's date)."""
        return _resolve_partial(self, reference)


DateLike = DateValue | PartialDate


def _year_part(which: str, n: int, unit: str) -> tuple[int, int] | None:
    """Months covered by "first 9 months", "second half", "third quarter"..."""
    which = which.lower()
    if unit == "months":
        if not 1 <= n <= 12:
            return None
        return (1, n) if which == "first" else (13 - n, 12)
    if unit == "half":
        return (1, 6) if which == "first" else (7, 12)
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[which]
    return (3 * q - 2, 3 * q)


def _from_match(kind: str, m: re.Match[str]) -> DateLike | None:
    """Turn one regex match into a DateValue (absolute) or a PartialDate (needs a reference)."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    text = m.group(0)
    try:
        if kind in ("dmy", "mdy", "numeric"):
            month = int(g["nmonth"]) if kind == "numeric" else MONTHS[g["month"]]
            day = int(g["day"])
            if year is not None:
                return day_value(date(year, month, day))
            date(2000, month, day)  # validates day/month (2000 is a leap year)
            return PartialDate(text, "month-day", month=month, day=day)
        if kind in ("my", "month"):
            month = MONTHS[g["month"]]
            return month_value(year, month) if year else PartialDate(text, "month", month=month)
        if kind in ("yearpart", "half", "quarter"):
            n = g.get("n")
            n = int(n) if n and n.isdigit() else NUMBER_WORDS.get((n or "").lower(), 0)
            unit = {"yearpart": "months", "half": "half", "quarter": "quarter"}[kind]
            which = g["which"].lower()
            if which in ("past",):
                return None
            months = _year_part("last" if which in ("last", "final", "latter") else which, n, unit)
            if months is None:
                return None
            if year is not None:
                return span_value(date(year, months[0], 1), month_end(year, months[1]))
            return PartialDate(text, "year-part", months=months)
        if kind == "relday":
            return PartialDate(text, "relative-day", offset={"yesterday": -1, "today": 0, "tomorrow": 1}[g["rel"].lower()])
        if kind == "relunit":
            offset = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[g["rel"].lower()]
            return PartialDate(text, "relative-" + g["unit"].lower(), offset=offset)
        if kind == "weekday":
            return PartialDate(text, "weekday", weekday=WEEKDAYS[g["weekday"]])
        if kind == "year":
            return year_value(year) if year else None
    except ValueError:  # impossible calendar date such as 31 June
        return None
    return None


def find_dates(text: str) -> list[tuple[int, int, DateLike]]:
    """Date expressions in text as (start, end, DateValue or PartialDate), leftmost-longest, non-overlapping.

    Years inside document numbers (118/2025/NĐ-CP) and year ranges (2020-2025) are not dates.
    """
    candidates = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "year" and _in_range(text, m.start(), m.end()):
                continue
            value = _from_match(kind, m)
            if value is not None:
                candidates.append((m.start(), m.end(), _RANK[kind], value))
    return leftmost_longest(candidates)


# "2020-2025", "2026 to 2030", and "2025 2030" (a headline made from a URL slug loses the dash)
_RANGE_AFTER = re.compile(r"\s*[-\u2013\u2014]\s*(?:19|20)\d{2}\b|\s+(?:to|and|until)\s+(?:19|20)\d{2}\b"
                          r"|[ \t]+(?:19|20)\d{2}\b")
_RANGE_BEFORE = re.compile(r"(?:19|20)\d{2}\s*[-\u2013\u2014]\s*$|(?:19|20)\d{2}\s+(?:to|and|until)\s+$"
                           r"|(?:19|20)\d{2}[ \t]+$")


def _in_range(text: str, start: int, end: int) -> bool:
    """Whether the year at text[start:end] is one end of a range ("2020-2025", "from 2026 to 2030")."""
    return bool(_RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(text[max(0, start - 12) : start]))


# --- resolving ---------------------------------------------------------------------------------------------


def _resolve_partial(p: PartialDate, ref: DateValue) -> DateValue | None:
    earliest, latest = _iso(ref.earliest), _iso(ref.latest)
    year = latest.year
    if p.kind == "month-day":
        try:
            d = date(year, p.month, p.day)
            if d > latest + timedelta(days=31):  # "October 26" in an article of March: last year's October
                d = date(year - 1, p.month, p.day)
        except ValueError:
            return None
        return day_value(d)
    if p.kind == "month":
        if date(year, p.month, 1) > latest + timedelta(days=31):
            year -= 1
        return month_value(year, p.month)
    if p.kind == "year-part":
        first, last = p.months
        return span_value(date(year, first, 1), month_end(year, last))
    if p.kind == "weekday":
        if ref.precision == "day":  # the latest such weekday on or before the reference day
            return day_value(latest - timedelta(days=(latest.weekday() - p.weekday) % 7))
        return span_value(earliest - timedelta(days=6), latest)
    if p.kind == "relative-day":
        shift = timedelta(days=p.offset)
        return span_value(earliest + shift, latest + shift)
    if p.kind == "relative-week":
        start = earliest - timedelta(days=earliest.weekday()) + timedelta(weeks=p.offset)
        end = latest - timedelta(days=latest.weekday()) + timedelta(weeks=p.offset, days=6)
        return span_value(start, end)
    if p.kind == "relative-month":
        y1, m1 = divmod(earliest.year * 12 + earliest.month - 1 + p.offset, 12)
        y2, m2 = divmod(latest.year * 12 + latest.month - 1 + p.offset, 12)
        return span_value(date(y1, m1 + 1, 1), month_end(y2, m2 + 1))
    if p.kind == "relative-year":
        return span_value(date(earliest.year + p.offset, 1, 1), date(latest.year + p.offset, 12, 31))
    return None


def resolve_date(expression: str, reference: DateValue | None) -> DateValue | None:
    """The date an expression names, read against a reference date (the article's): "July 5", "last week"...

    Without a reference only absolute dates ("14 June 2024", "2025") resolve."""
    found = find_dates(expression)
    if not found:
        return None
    start, end, value = max(found, key=lambda f: (f[1] - f[0], -f[0]))
    if isinstance(value, PartialDate):
        return value.resolve(reference) if reference is not None else None
    return value


def parse_date_string(text: str) -> DateValue | None:
    """A date from metadata ("2024-07-05", "2024-07", "2024", "5 July 2024", ISO timestamps), as precise as given."""
    s = " ".join(str(text).split())
    if not s:
        return None
    try:
        if re.fullmatch(r"\d{4}", s):
            return year_value(int(s))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
            return month_value(int(m[1]), int(m[2]))
        if m := re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", s):
            return day_value(date(int(m[1]), int(m[2]), int(m[3])))
        # Anything else: let dateutil read it, twice with different defaults to see which parts were given.
        a = dateutil_parser.parse(s, dayfirst=True, default=datetime(2000, 1, 1))
        b = dateutil_parser.parse(s, dayfirst=True, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError, dateutil_parser.ParserError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return year_value(a.year)
    if a.day != b.day:
        return month_value(a.year, a.month)
    return day_value(a.date())


# --- the article's own date --------------------------------------------------------------------------------

_YEAR_TOKEN = re.compile(r"(?<![\w/.\-\u2013])((?:19|20)\d{2})(?![/\-\u2013]?\w)")
_NOT_PRESENT_BEFORE = re.compile(
    r"(?i)(?:\bby|same\s+period\s+(?:of|in|last\s+year,?)|compared\s+(?:to|with)(?:\s+the\s+same\s+period\s+(?:of|in))?"
    r"|\bsince|\bfrom|\bbetween"
    # a horizon is not the present either: "before 2030", "a vision to 2045", "until 2030", "towards 2030"
    r"|\bbefore|\buntil|\btill|\btowards?|\bto"
    # a base of comparison is past: "1.5 times that of 2020", "up 8% over 2024", "higher than in 2023"
    r"|\b(?:that|those)\s+of|\bthan(?:\s+in)?|\bover|\bversus|\bvs\.?|\bagainst"
    # a life, a founding or a cited document is never the article's present: "born in 1974", "dated ... 2019"
    r"|\bborn(?:\s+(?:in|on))?|\bfounded(?:\s+in)?|\bestablished(?:\s+in)?|\bdated(?:\s+\w+\s+\d{1,2},?)?"
    r"|\bbirth\s+year|\bin\s+the\s+year)\s+$"
)

_EVENT_VERB = (
    r"took\s+place|taking\s+place|was\s+held|were\s+held|is\s+held|are\s+held|held|opened|was\s+opened|convened"
    r"|was\s+convened|kicked\s+off|was\s+organi[sz]ed|were\s+organi[sz]ed|organi[sz]ed|met|began|started|closed"
    r"|concluded|visited|chaired|hosted|received|inspected|launched|celebrated|signed"
)
_EVENT_BEFORE = re.compile(
    r"(?:\b(?:" + _EVENT_VERB + r")\b[^.;!?\n]{0,60}?\bon|(?:^|\n|[.!?]\s+|[-\u2013\u2014:]\s+)On)"
    r"\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$"
)


@cache
def _named_document_after() -> re.Pattern[str]:
    from . import vocab  # noqa: PLC0415

    kinds = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in vocab.document_types())
    return re.compile(rf"\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{kinds})\b")


# a deadline ("by December 31, 2025") is a horizon; a career step ("In August 2020, he was assigned ...",
# "In 2016, Thang was elected ...") is a profile's past
_DEADLINE_BEFORE = re.compile(r"(?i:\bby\s+(?:the\s+end\s+of\s+)?)" + _MONTH + r"(?:\s+" + _DAY + r")?,?\s+$")
_CAREER_AFTER = re.compile(
    r",?\s+(?:he|she|(?:[A-Z][\w\u00C0-\u1EF9]*\s+){0,3}[A-Z][\w\u00C0-\u1EF9]*)\s+(?:was|were|had\s+been|became)"
    r"\s+(?:re-?)?(?:elected|appointed|assigned|transferred|promoted|named|admitted|made|chosen)\b")
_CAREER_BEFORE = re.compile(r"(?:^|[.!?\n]\s*)(?:In|By|From)\s+(?:" + _MONTH.replace("(?P<month>", "(?:") + r"\s+)?$")
# a year the text plans for ("the plan for 2026", "aims to achieve 12.5% in 2026") counts only when the text
# names no other: a year-end review names next year's targets more often than the year it reviews
_PLAN_FOR_BEFORE = re.compile(
    r"(?i:\b(?:plans?|targets?|tasks?|directions?|goals?|orientations?|objectives?|estimates?)\s+(?:set\s+)?for"
    r"\s+(?:the\s+(?:new\s+)?year\s+)?)$")
_AIM_IN_CLAUSE = re.compile(
    r"(?i:\b(?:aims?|aiming|strives?|striving|targets?|targeting|plans?\s+to"
    r"|(?:(?:expected|scheduled|set)\s+to|will)\s+be\s+(?:completed|finished|operational))\b"
    r"(?:[^.;!?\n]|\.(?=\d))*\b(?:in|by)\s+(?:the\s+year\s+)?)$")


def dominant_year(text: str) -> int | None:
    """The year the article treats as its present: the most-mentioned year, ignoring document numbers, ranges,
    horizons ("by 2030") and comparisons ("same period in 2024"), career steps of a profile, and, while
    another year is named, the years it plans for; ties go to the later year."""
    return _present_and_planned(text)[0]


def _present_and_planned(text: str) -> tuple[int | None, set[int]]:
    """dominant_year, and the years the text plans for."""
    counts: Counter[int] = Counter()
    planned: Counter[int] = Counter()
    for m in _YEAR_TOKEN.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        if _in_range(text, m.start(), m.end()) or _NOT_PRESENT_BEFORE.search(before) or _DEADLINE_BEFORE.search(before):
            continue
        if _named_document_after().match(text, m.end()):
            continue  # "the 2013 Constitution", "the 2024 Land Law": a document's year, not the article's
        if _CAREER_BEFORE.search(before) and _CAREER_AFTER.match(text, m.end()):
            continue
        clause = text[max(0, m.start() - 120) : m.start()]
        if _PLAN_FOR_BEFORE.search(before) or _AIM_IN_CLAUSE.search(clause):
            planned[int(m.group(1))] += 1
        else:
            counts[int(m.group(1))] += 1
    counts = counts or planned
    if not counts:
        return None, set(planned)
    return max(counts, key=lambda y: (counts[y], y)), set(planned)


def _opening(text: str, paragraphs: int = 4) -> str:
    """The first few non-empty lines (title and lead paragraphs), joined as they stand."""
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(lines[:paragraphs])


def event_date(text: str, year: int | None) -> date | None:
    """The date of the main event in the opening paragraphs ("took place on July 5", "On October 26, ...")."""
    opening = _opening(text)
    for start, _end, value in find_dates(opening):
        if not _EVENT_BEFORE.search(opening[max(0, start - 100) : start]):
            continue
        if isinstance(value, DateValue) and value.precision == "day":
            return _iso(value.value)
        if isinstance(value, PartialDate) and value.kind == "month-day" and year is not None:
            try:
                return date(year, value.month, value.day)
            except ValueError:
                continue
    return None


_POINT_PATTERNS = [
    # "by the end of September 30", "as of October 15", "by the end of June"
    re.compile(r"(?i:\b(?:by|as\s+of|up\s+to)\s+(?:the\s+end\s+of\s+)?)" + _MONTH
               + r"(?:\s+" + _DAY + r")?(?:,?\s+" + _YEAR + r")?"),
    re.compile(r"(?i:\b(?:by|as\s+of|up\s+to)\s+(?:the\s+)?)" + _DAY + r"\s+(?:of\s+)?" + _MONTH
               + r"(?:,?\s+" + _YEAR + r")?"),
]  # fmt: skip


# a council's "year-end session" meets in late November or December
_YEAR_END_SESSION = re.compile(r"(?i:\byear-end\s+(?:regular\s+)?(?:session|sitting)\b(?:\s+of\s+(?:the\s+year\s+)?)?)"
                               + "(?:" + _YEAR + ")?")


def reference_points(text: str, year: int) -> list[date]:
    """Past reference points in the given year the text reports up to ("first 9 months" -> 30 Sept; a
    "year-end session" -> 1 November)."""
    points: list[date] = [date(year, 11, 1) for m in _YEAR_END_SESSION.finditer(text)
                          if m["year"] is None or int(m["year"]) == year]
    for _start, _end, value in find_dates(text):
        if isinstance(value, PartialDate) and value.kind == "year-part" and value.months[0] == 1:
            points.append(month_end(year, value.months[1]))
        elif isinstance(value, DateValue) and value.value.startswith(f"{year}") and len(value.value) == 4:
            if value.earliest.endswith("-01-01") and value.latest != f"{year}-12-31":  # "first 9 months of 2025"
                points.append(_iso(value.latest))
    for pattern in _POINT_PATTERNS:
        for m in pattern.finditer(text):
            y = int(m["year"]) if m["year"] else year
            if y != year:
                continue
            month = MONTHS[m["month"]]
            try:
                points.append(date(y, month, int(m["day"])) if m["day"] else month_end(y, month))
            except ValueError:
                continue
    return sorted(points)


def _year_to_date_years(text: str) -> list[int]:
    """The years of the part-year periods a text reports ("the first seven months of 2024"): the article is of that
    year at the earliest, whatever year it names most."""
    return [int(v.value) for _s, _e, v in find_dates(text) if isinstance(v, DateValue) and len(v.value) == 4
            and v.earliest.endswith("-01-01") and v.latest != f"{v.value}-12-31"]


def article_date(article_text: str, meta_published: str | None = None) -> tuple[DateValue | None, str]:
    """The article's date and its basis: "metadata" when given, else "text" (the reported event's month, not
    before the event), else "inferred" (the dominant year, not before the latest past point it reports).
    (None, "inferred") when the text names no year at all."""
    if meta_published:
        value = parse_date_string(meta_published)
        if value is not None:
            return value, "metadata"
    year, planned = _present_and_planned(article_text)
    event = event_date(article_text, year)
    if event is not None and event.year == year and year + 1 in planned and event.month <= 6:
        # a meeting in the first half-year on last year's results and "the tasks for" this one: it is this year's
        event = event_date(article_text, year + 1)
    if event is not None:
        month = month_value(event.year, event.month)
        return DateValue(month.value, event.isoformat(), month.latest), "text"
    if year is None:
        return None, "inferred"
    year = max([year, *_year_to_date_years(article_text)])  # "in the first seven months of 2024": written in 2024
    points = reference_points(article_text, year)
    earliest = points[-1] if points else date(year, 1, 1)
    return DateValue(f"{year:04d}", earliest.isoformat(), f"{year:04d}-12-31"), "inferred"
