"""Quantities written in sentences: percentages, percentage points, money and counts, with ranges.

find_quantities() reads one sentence and returns every figure with its unit and its char span, so the
target extractor can attach figures to indicators. Bare numbers (years, document numbers, "45 communes"
without an indicator) are either skipped here or left to the caller to ignore.

Units:
  percent               "7.5%", "10.5 per cent", "7-8 percent"
  percentage points     "3 percentage points", "1.5 pp"
  money                 written scale kept in the unit: "VND 474.05 billion" -> 474.05 "VND billion",
                        "US$20 million" -> 20 "USD million", "2.55 trillion VND" -> 2.55 "VND trillion"
  counts                value as an absolute number, unit the counted noun: "5.5 million visitors" ->
                        5500000 "visitors", "45 communes" -> 45 "communes"
  bare                  "1.5 million" or "850,000" with no unit (kind "bare"): only a count indicator takes it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .spans import leftmost_longest

# a comma followed by one or two digits is a decimal comma ("68,87"); a number still followed by a digit after the
# grouping ("19,3333") is malformed and is not read at all
NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+|,\d{1,2})?)(?![.,]?\d)"
SCALE = r"thousand|million|billion|trillion"
# money scales: "million billion" (the Vietnamese "triệu tỷ") and "quadrillion" are rewritten in billions / trillions
MONEY_SCALE = r"(?:thousand|million)\s+billion|quadrillion|thousand|million|billion|trillion"
DASH = r"\s*(?:-|\u2013|\u2014|~|to)\s*"
PCT = r"\s*(?:%|per\s*cent\b|percent\b|pct\b)"
POINTS = r"\s*(?:percentage[- ]points?\b|percent(?:age)? points?\b|pp\b)"
CUR_PREFIX = r"VND|VNĐ|USD|US\s?\$|\$|EUR|€"
CUR_SUFFIX = r"VND|VNĐ|dong|USD|US\s+dollars|dollars|euros?|EUR"

SCALES = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
CURRENCIES = {"vnd": "VND", "vnđ": "VND", "dong": "VND", "usd": "USD", "us$": "USD", "$": "USD", "us dollars": "USD",
              "dollars": "USD", "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR"}
# counted nouns -> unit; several nouns for tourists share one unit
COUNT_NOUNS = {
    "tourist arrivals": "visitors", "visitor arrivals": "visitors", "arrivals": "visitors", "visitors": "visitors",
    "tourists": "visitors", "visits": "visitors", "communes": "communes", "households": "households",
    "jobs": "jobs", "workers": "workers", "enterprises": "enterprises", "businesses": "enterprises",
    "projects": "projects",
}
_MONEY_SCALES = {"million billion": (Decimal(10) ** 6, "billion"), "thousand billion": (Decimal(1000), "billion"),
                 "quadrillion": (Decimal(1000), "trillion")}
_COUNT = "|".join(sorted((re.escape(k) for k in COUNT_NOUNS), key=len, reverse=True))

_LEFT = r"(?<![\w/.,\-])"  # not glued to a word, a slash (118/2025), a decimal point or a dash
_RIGHT = r"(?![\w/])"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure in a sentence; start/end are char offsets into the string given to find_quantities()."""

    value: Decimal
    unit: str
    kind: str  # percent, points, money, count, bare
    start: int
    end: int
    value_max: Decimal | None = None
    comparator: str | None = None  # set by the figure itself: "double-digit" -> atLeast
    alternate: Quantity | None = None  # the same amount in another currency, in brackets: "VND 885 billion (USD 35 million)"


def parse_number(text: str) -> Decimal:
    """'1,200' -> 1200, '474.05' -> 474.05, '68,87' -> 68.87 (a comma not followed by three digits is decimal)."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    return Decimal(text.replace(",", "."))


def _range(group: str) -> str:
    """A number or a range of numbers ("7", "7-8", "7.5 to 8"), captured as lo/hi named groups with a prefix."""
    return rf"(?P<{group}lo>{NUM})(?:{DASH}(?P<{group}hi>{NUM}))?"


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("double", re.compile(r"(?i)\b(?:double|two)[- ]digit\b")),
    # "from 7 to 8 percent", "between 7 and 8 per cent"
    ("percent", re.compile(rf"(?i)\b(?:from|between)\s+(?P<plo>{NUM})(?:{PCT})?\s+(?:to|and)\s+(?P<phi>{NUM}){PCT}")),
    ("points", re.compile(rf"(?i){_LEFT}(?P<plo>{NUM})(?:{POINTS})?(?:{DASH}(?P<phi>{NUM}))?{POINTS}")),
    ("percent", re.compile(rf"(?i){_LEFT}(?P<plo>{NUM})(?:{PCT})?(?:{DASH}(?P<phi>{NUM}))?{PCT}")),
    ("money", re.compile(
        rf"(?i)(?<![\w])(?P<cur>{CUR_PREFIX})\s?{_range('m')}(?:\s*(?P<scale>{MONEY_SCALE})\b)?"
        rf"(?:{DASH}(?:{CUR_PREFIX})\s?(?P<mhi2>{NUM})(?:\s*(?P<scale2>{MONEY_SCALE})\b)?)?")),
    ("money", re.compile(rf"(?i){_LEFT}{_range('m')}\s*(?P<scale>{MONEY_SCALE})?\s*(?P<cur>{CUR_SUFFIX})\b")),
    ("count", re.compile(rf"(?i){_LEFT}{_range('c')}(?:\s+(?P<scale>{SCALE}))?\s+(?P<noun>{_COUNT})\b")),
    ("bare", re.compile(rf"(?i){_LEFT}(?P<clo>{NUM})(?:\s+(?P<scale>{SCALE})){_RIGHT}")),
    ("bare", re.compile(rf"{_LEFT}(?P<clo>\d{{1,3}}(?:,\d{{3}})+){_RIGHT}")),
]
_RANK = {"double": 0, "percent": 1, "points": 0, "money": 2, "count": 3, "bare": 4}


def _document_number(text: str, start: int) -> bool:
    """True if the figure follows "No." / "Number" (a document or decision number)."""
    return re.search(r"(?i)\b(?:no|number|nos)\.?\s*$", text[max(0, start - 10) : start]) is not None


def _build(kind: str, m: re.Match[str]) -> Quantity | None:
    g = m.groupdict()
    if kind == "double":
        return Quantity(Decimal(10), "percent", "percent", m.start(), m.end(), comparator="atLeast")
    if kind in ("percent", "points"):
        lo, hi = parse_number(g["plo"]), g.get("phi")
        unit = "percent" if kind == "percent" else "percentage points"
        return Quantity(lo, unit, kind, m.start(), m.end(), parse_number(hi) if hi else None)
    if kind == "money":
        currency = CURRENCIES[re.sub(r"\s+", " ", g["cur"].lower())]
        scale = " ".join((g.get("scale") or g.get("scale2") or "").lower().split())
        hi = g.get("mhi") or g.get("mhi2")
        factor, scale = _MONEY_SCALES.get(scale, (Decimal(1), scale))
        unit = f"{currency} {scale}" if scale else currency
        lo = _plain(parse_number(g["mlo"]) * factor)
        return Quantity(lo, unit, "money", m.start(), m.end(), _plain(parse_number(hi) * factor) if hi else None)
    factor = SCALES.get((g.get("scale") or "").lower(), Decimal(1))
    lo = parse_number(g["clo"]) * factor
    hi = parse_number(g["chi"]) * factor if g.get("chi") else None
    if kind == "count":
        return Quantity(lo.normalize() if lo == lo.to_integral() else lo, COUNT_NOUNS[g["noun"].lower()], "count",
                        m.start(), m.end(), hi)
    if 1900 <= lo <= 2100 and factor == 1:  # a year
        return None
    return Quantity(lo, "", "bare", m.start(), m.end())


def _plain(value: Decimal) -> Decimal:
    """Drop exponent notation from scaled integers (5.5E+6 -> 5500000) so values print plainly."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in text, leftmost-longest, non-overlapping, in order; a conversion in brackets is no figure of
    its own but the alternate of the one before it (Quantity.alternate)."""
    candidates = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if _document_number(text, m.start()):
                continue
            q = _build(kind, m)
            if q is not None:
                candidates.append((q.start, q.end, _RANK[kind], q))
    found: list[Quantity] = []
    for _, _, q in leftmost_longest(candidates):
        if q.kind in ("count", "bare"):
            q = Quantity(_plain(q.value), q.unit, q.kind, q.start, q.end,
                         _plain(q.value_max) if q.value_max is not None else None, q.comparator)
        found.append(q)
    out: list[Quantity] = []
    for i, q in enumerate(found):
        if not _conversion(text, found, i):
            out.append(q)
        elif out and out[-1] is found[i - 1] and out[-1].alternate is None and q.unit.split()[0] != out[-1].unit.split()[0]:
            out[-1] = replace(out[-1], alternate=q)  # a conversion is an alternate value of the same fact
    return out


def _conversion(text: str, found: list[Quantity], i: int) -> bool:
    """A money figure in brackets right after another money figure is a currency conversion, not a new fact;
    a figure after a slash ("VND 586 billion/VND 2,804 billion") is the denominator of the one before."""
    q = found[i]
    if i == 0 or q.kind != "money" or found[i - 1].kind != "money":
        return False
    gap = text[found[i - 1].end : q.start]
    return re.fullmatch(r"\s*(?:\(\s*(?:about|around|approximately|roughly|nearly|over|some|or)?\s*|/\s*)", gap) is not None
