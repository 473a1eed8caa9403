"""Vietnamese places as data: the gazetteer in ontology/places.tsv, the shared ASCII fold, and province inference.

Matching is diacritic-insensitive (unidecode + casefold) and tolerant of hyphen/en-dash/space variants and of an
optional "Province"/"City" word, so "Dien Bien province", "Điện Biên" and "ĐIỆN BIÊN" all name the same place.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unidecode import unidecode

from .facts import PlaceRef

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
PLACES_TSV = ONTOLOGY_DIR / "places.tsv"
DATELINES_TSV = ONTOLOGY_DIR / "datelines.tsv"
SITES_TSV = ONTOLOGY_DIR / "sites.tsv"

TOP_LEVEL_KINDS = ("province", "city")


def fold(text: str) -> str:
    """The one shared ASCII fold: NFC, unidecode ("Đ"→"D", "ệ"→"e"), lower-case, whitespace collapsed."""
    return " ".join(unidecode(unicodedata.normalize("NFC", text)).lower().split())


def fold_words(text: str) -> str:
    """The shared fold without punctuation, words only: "Trần Tiến Dũng's" -> "tran tien dung s"."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


# --- gazetteer ---------------------------------------------------------------------------------------------

_DASHES = re.compile(r"[\-\u2010-\u2015\u2212]")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_PREFIXES = ("the ", "thanh pho ", "tp ", "tinh ", "city of ", "province of ")
_SUFFIXES = (" province", " city", " provincial", " municipality")


def _words(text: str) -> str:
    """Folded text with dashes and punctuation turned into single spaces (for word-level comparison)."""
    return " ".join(_NON_ALNUM.sub(" ", _DASHES.sub(" ", fold(text))).split())


def _strip_affixes(words: str) -> str:
    """Drop one leading "TP"/"Thành phố"/"tỉnh" and one trailing "Province"/"City" word, if present."""
    for prefix in _PREFIXES:
        if words.startswith(prefix) and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    return words


def _key(words: str) -> str:
    """Matching key: folded words with spaces removed, so "Ha Noi" and "Hanoi" meet."""
    return words.replace(" ", "")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """One row of ontology/places.tsv."""

    label: str
    kind: str
    parent: str | None
    units: tuple[str, ...]  # "63" (before July 2025), "34" (after), both, or none
    merged_into: str | None
    strict: bool
    aliases: tuple[str, ...]

    @property
    def ref(self) -> PlaceRef:
        return PlaceRef(label=self.label, kind=self.kind, parent=self.parent)

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Label, aliases and their ASCII spellings, deduplicated in a stable order."""
        forms: list[str] = []
        for form in (self.label, *self.aliases):
            for variant in (form, unidecode(form)):
                if variant not in forms:
                    forms.append(variant)
        return tuple(forms)


class GazetteerError(ValueError):
    """ontology/places.tsv or datelines.tsv is malformed (the message names the file and line)."""


def _data_rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    """Tab-separated data rows with their line numbers, skipping comments, blanks and the header row."""
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    for n, line in lines[1:]:
        yield n, [unicodedata.normalize("NFC", cell.strip()) for cell in line.rstrip("\n").split("\t")]


@cache
def gazetteer() -> tuple[PlaceEntry, ...]:
    """All rows of ontology/places.tsv, read once."""
    entries = []
    for n, row in _data_rows(PLACES_TSV):
        row += [""] * (7 - len(row))
        label, kind, parent, units, merged, strict, aliases = row[:7]
        if not label or not kind:
            raise GazetteerError(f"{PLACES_TSV}:{n}: a place needs a label and a kind")
        entries.append(
            PlaceEntry(
                label=label,
                kind=kind,
                parent=parent or None,
                units=tuple(u for u in units.split() if u != "-"),
                merged_into=merged or None,
                strict=strict.lower() == "yes",
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            )
        )
    return tuple(entries)


@cache
def _index() -> dict[str, PlaceEntry]:
    """Matching key -> entry; full keys win over keys with the Province/City word stripped."""
    full: dict[str, PlaceEntry] = {}
    stripped: dict[str, PlaceEntry] = {}
    for entry in gazetteer():
        for form in entry.surface_forms:
            words = _words(form)
            _claim(full, _key(words), entry)
            if not entry.strict:
                _claim(stripped, _key(_strip_affixes(words)), entry)
    return {**stripped, **full}


def _claim(index: dict[str, PlaceEntry], key: str, entry: PlaceEntry) -> None:
    other = index.setdefault(key, entry)
    if other.label != entry.label:
        raise GazetteerError(f"{PLACES_TSV}: '{key}' would name both {other.label!r} and {entry.label!r}")


def place_entry(text: str) -> PlaceEntry | None:
    """The gazetteer row a place name refers to, or None."""
    index = _index()
    words = _words(text)
    if not words:
        return None
    return index.get(_key(words)) or index.get(_key(_strip_affixes(words)))


def lookup_place(text: str) -> PlaceRef | None:
    """The place a name refers to ("Dien Bien province" -> Điện Biên), or None if it is not in the gazetteer."""
    entry = place_entry(text)
    return entry.ref if entry else None


@cache
def _all_place_names() -> tuple[str, ...]:
    names = {form for entry in gazetteer() for form in entry.surface_forms}
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


def all_place_names() -> list[str]:
    """Every surface form (labels, aliases, ASCII spellings), longest first, for building spaCy patterns."""
    return list(_all_place_names())


def provinces(units: str = "34") -> list[PlaceRef]:
    """The top-level units of one official list: "63" (before 1 July 2025) or "34" (after it)."""
    return [e.ref for e in gazetteer() if units in e.units and e.kind in TOP_LEVEL_KINDS]


def province_of(ref: PlaceRef) -> PlaceRef | None:
    """The province or centrally-run city a place lies in (itself for a top-level unit, None for a country)."""
    seen = set()
    while ref.parent and ref.parent not in seen:
        seen.add(ref.parent)
        parent = lookup_place(ref.parent)
        if parent is None:
            return None
        ref = parent
    return ref if ref.kind in TOP_LEVEL_KINDS else None


# --- province inference ------------------------------------------------------------------------------------


@cache
def datelines() -> dict[str, str]:
    """Dateline code (folded) -> province label, from ontology/datelines.tsv."""
    table = {}
    for n, row in _data_rows(DATELINES_TSV):
        if len(row) < 2 or lookup_place(row[1]) is None:
            raise GazetteerError(f"{DATELINES_TSV}:{n}: needs a code and a province known to places.tsv")
        table[fold(row[0])] = row[1]
    return table


_DATELINE = re.compile(r"^\s*\(?([^\W\d_][\w.]{0,9})\)?\s*[-\u2013\u2014:]\s+\S", re.MULTILINE)


def dateline_province(text: str, max_lines: int = 4) -> PlaceRef | None:
    """Province named by a dateline code ("ĐBP - ...") opening one of the first non-empty lines."""
    table = datelines()
    lines = [line for line in text.split("\n") if line.strip()][:max_lines]
    for line in lines:
        match = _DATELINE.match(line)
        if match and fold(match.group(1)) in table:
            return lookup_place(table[fold(match.group(1))])
    return None


@cache
def _mention_pattern() -> re.Pattern[str]:
    """One regex over folded, dash-free text matching every surface form, longest first."""
    forms = sorted({_words(name) for name in all_place_names()} - {""}, key=lambda s: (-len(s), s))
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


@cache
def folded_surnames() -> frozenset[str]:
    """Vietnamese family names (ontology/surnames.txt), folded."""
    from . import vocab  # noqa: PLC0415  (vocab reads ontology/ too; imported late to keep this module light)

    return frozenset(fold(s) for s in vocab.surnames())


@cache
def _name_words() -> frozenset[str]:
    """Folded family names and the commonest middle names: a place name right after one is part of a person's
    name ("Nguyễn Nam Định" is a person, not Nam Định province)."""
    return folded_surnames() | {"van", "thi"}


_BODY_AFTER = re.compile(r"(?:province|provincial|city|party|people s|peoples|department)\b")
BODY_WEIGHT = 3  # a place naming a body ("Lạng Sơn Provincial Party Committee") says more than a place named


def count_province_mentions(text: str) -> Counter[str]:
    """How much each province/centrally-run city is named; smaller places count for their province. A place
    followed by a level or body word counts BODY_WEIGHT times; one inside a person's name does not count."""
    counts: Counter[str] = Counter()
    words = _words(text)
    names = _name_words()
    for match in _mention_pattern().finditer(words):
        before = words[max(0, match.start() - 12): match.start()].split()[-1:]
        if before and before[0] in names:
            continue
        ref = lookup_place(match.group(0))
        province = province_of(ref) if ref else None
        if province is not None:
            counts[province.label] += BODY_WEIGHT if _BODY_AFTER.match(words, match.end() + 1) else 1
    return counts


@cache
def site_rules() -> tuple[tuple[str, ...], dict[str, str]]:
    """(host-label prefixes of provincial sites, explicit host label -> province) from ontology/sites.tsv."""
    prefixes, explicit = [], {}
    for n, row in _data_rows(SITES_TSV):
        if len(row) < 2 or row[0] not in ("prefix", "site") or (row[0] == "site" and lookup_place(row[2] if len(row) > 2 else "") is None):
            raise GazetteerError(f"{SITES_TSV}:{n}: needs 'prefix<TAB>label-prefix' or 'site<TAB>host label<TAB>province'")
        if row[0] == "prefix":
            prefixes.append(row[1])
        else:
            explicit[row[1]] = row[2]
    return tuple(sorted(prefixes, key=len, reverse=True)), explicit


@cache
def _province_keys() -> dict[str, str]:
    return {_key(_words(form)): e.label for e in gazetteer() if e.kind in TOP_LEVEL_KINDS
            for form in e.surface_forms}


def site_province(host: str | None, on: str | None = None) -> PlaceRef | None:
    """The province whose paper or portal a site is ("baolangson.vn", "en.baosonla.org.vn", "sonla.gov.vn"),
    as of the date `on` (ISO): a province merged away by then is its successor."""
    if not host:
        return None
    prefixes, explicit = site_rules()
    keys = _province_keys()
    label = None
    for part in host.lower().split("."):
        if part in explicit:
            label = explicit[part]
            break
        for prefix in ("", *prefixes):
            if part.startswith(prefix) and part[len(prefix):] in keys and len(part) - len(prefix) >= 4:
                label = keys[part[len(prefix):]]
                break
        if label:
            break
    entry = place_entry(label) if label else None
    if entry is None or entry.kind == "country":
        return None
    if entry.merged_into and on and on >= MERGER_DATE:
        return lookup_place(entry.merged_into)
    return as_of(entry.ref, on)


MERGER_DATE = "2025-07-01"  # the 63 provinces became 34 (ontology/places.tsv, merged_into)


def infer_province(text: str, meta_province: str | None = None, site: str | None = None,
                   on: str | None = None) -> tuple[PlaceRef | None, str | None]:
    """The province an article is about and how we know: metadata, then a dateline code, then the site
    (a provincial paper or portal, as of the article's date `on`), then the places and bodies it names:
    ("metadata" | "dateline" | "site" | "mentions"), else (None, None).

    Metadata not in the gazetteer is trusted as written (as a province); callers may warn about it.
    """
    if meta_province and meta_province.strip():
        ref = lookup_place(meta_province)
        if ref is None:
            ref = PlaceRef(label=unicodedata.normalize("NFC", " ".join(meta_province.split())))
        return ref, "metadata"
    ref = dateline_province(text)
    if ref is not None:
        return as_of(ref, on), "dateline"
    ref = site_province(site, on)
    if ref is not None:
        return (_named_predecessor(ref, count_province_mentions(text)) if on is None else None) or ref, "site"
    counts = count_province_mentions(text)
    if counts:
        # most mentions; ties go to the one named first (Counter keeps insertion order)
        label = max(counts, key=lambda k: counts[k])
        return as_of(lookup_place(label), on), "mentions"
    return None, None


def _named_predecessor(ref: PlaceRef, counts: Counter[str]) -> PlaceRef | None:
    """For an undated article from a site of a province of the 34: the one province of the 63 that became it, when
    the text names that one and never the new one ("Thừa Thiên Huế" on a Huế paper: written before the change)."""
    if ref.label in counts:
        return None
    older = [label for label in counts if (e := place_entry(label)) is not None and e.merged_into == ref.label
             and "63" in e.units]
    return lookup_place(older[0]) if len(older) == 1 else None


def as_of(ref: PlaceRef | None, on: str | None) -> PlaceRef | None:
    """A province of the 34 that did not exist as one before the 2025 reorganisation, named in an article from
    before it, stands for the one province of the 63 that became it: "Huế" in 2020 is Thừa Thiên Huế."""
    entry = place_entry(ref.label) if ref is not None else None
    if entry is None or not on or on >= MERGER_DATE or "63" in entry.units or "34" not in entry.units:
        return ref
    before = [e for e in gazetteer() if e.merged_into == entry.label and "63" in e.units]
    return before[0].ref if len(before) == 1 else ref
