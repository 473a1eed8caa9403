"""Phrasing coverage: short passages in govkg's own words, each run through the real pipeline, with the exact facts.

Each tests/phrasings/<kind>.json table (except targets.json, which tests/test_targets.py runs) lists passages
with the holdings, persons, events, commitments, documents and authors they must yield, and nothing else.
A passage marked "known_gap" is one the rules cannot read fully yet: its listed facts are the ideal, and the
test asserts the current output holds nothing outside them (no wrong fact) and nothing it must not.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors import registry
from extractors.article import cut_boilerplate, normalise_text
from extractors.dates import day_value, year_value
from extractors.facts import Article, ArticleFacts, Authorship, Commitment, Document, Event, Holding, PersonRef
from extractors.nlp import parse
from extractors.places import fold
from extractors.vocab import roles

PHRASINGS = Path(__file__).parent / "phrasings"
TABLES = ("holdings", "attendees", "national", "local", "names", "events", "commitments", "documents", "negatives")
COMPARED = ("holdings", "persons", "events", "commitments", "documents", "authors")
DEFAULT_PROVINCE = "Điện Biên"


def load_table(kind: str) -> list[dict]:
    """The cases of one table; an unreadable table names its file."""
    path = PHRASINGS / f"{kind}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["cases"]
    except (OSError, ValueError, KeyError) as exc:
        raise AssertionError(f"{path}: cannot read the phrasing table: {exc}") from exc


def published(value: str | None):
    """"2025" -> that year; "2025-03-14" -> that day."""
    value = value or "2025"
    if len(value) == 4:
        return year_value(int(value))
    return day_value(date.fromisoformat(value))


def make_article(case: dict) -> Article:
    """The passage cleaned as the loader cleans any input (NFC, spaces, boilerplate cut)."""
    text = cut_boilerplate(normalise_text(case["text"]))
    return Article(id=case["id"], path=f"{case['id']}.txt", text=text, province=case.get("province", DEFAULT_PROVINCE),
                   published=published(case.get("published")))


def _agent(ref) -> str | None:
    if ref is None:
        return None
    return ref.name if isinstance(ref, PersonRef) else ref.label


def summarise(af: ArticleFacts) -> dict[str, list]:
    """The comparable part of an article's facts, in the shape of the phrasing tables (sorted, deterministic)."""
    out: dict[str, list] = {k: [] for k in COMPARED}
    persons: set[str] = set()
    for f in af.facts:
        if isinstance(f, Holding):
            out["holdings"].append((f.person.name, roles()[f.role].label, f.org.label))
            persons.add(f.person.name)
        elif isinstance(f, Authorship):
            out["authors"].append(f.person.name)
            persons.add(f.person.name)
        elif isinstance(f, Event):
            ev = {"kind": f.kind, "label": f.label, "chairs": sorted(p.name for p in f.chairs),
                  "speakers": sorted(p.name for p in f.speakers), "attendees": sorted(p.name for p in f.attendees),
                  "date": _date(f.date)}
            out["events"].append(ev)
            persons.update(p.name for p in (*f.chairs, *f.speakers, *f.attendees))
            if f.subject is not None:
                persons.add(f.subject.name)
        elif isinstance(f, Commitment):
            out["commitments"].append((f.kind, _agent(f.actor), _agent(f.addressee)))
            for ref in (f.actor, f.addressee):
                if isinstance(ref, PersonRef):
                    persons.add(ref.name)
        elif isinstance(f, Document):
            out["documents"].append(f.label)
    out["persons"] = sorted(persons)
    for k in ("holdings", "commitments", "documents", "authors"):
        out[k] = sorted(set(out[k]), key=repr)
    out["events"] = sorted(out["events"], key=repr)
    return out


def _date(value) -> str | None:
    """An event's date as the tables write it: "2025-12-27", or "2025-12-09/2025-12-11" for several days."""
    if value is None:
        return None
    return f"{value.value}/{value.latest}" if len(value.value) == 10 and value.latest > value.value else value.value


def expected(case: dict) -> dict[str, list]:
    """The case's facts with defaults: nothing unlisted; persons = everyone the listed facts name."""
    want: dict[str, list] = {}
    want["holdings"] = sorted({tuple(h) for h in case.get("holdings", [])}, key=repr)
    want["authors"] = sorted(set(case.get("authors", [])))
    want["documents"] = sorted(set(case.get("documents", [])))
    want["commitments"] = sorted({tuple(c) for c in case.get("commitments", [])}, key=repr)
    events = []
    for e in case.get("events", []):
        events.append({"kind": e["kind"], "label": e["label"], "chairs": sorted(e.get("chairs", [])),
                       "speakers": sorted(e.get("speakers", [])), "attendees": sorted(e.get("attendees", [])),
                       **({"date": e["date"]} if "date" in e else {})})
    want["events"] = sorted(events, key=repr)
    if "persons" in case:
        want["persons"] = sorted(case["persons"])
    else:
        persons = {h[0] for h in want["holdings"]} | set(want["authors"])
        for e in events:
            persons.update(e["chairs"] + e["speakers"] + e["attendees"])
        persons.update(case.get("people", []))
        want["persons"] = sorted(persons)
    return want


def _keyed(kind: str, items: list) -> set:
    """Items made comparable by meaning: names and labels ASCII-folded (diacritics and case do not count)."""

    def f(x):
        if x is None:
            return None
        if isinstance(x, str):
            return fold(x).replace("’", "'")
        if isinstance(x, dict):
            return tuple((k, f(v)) for k, v in sorted(x.items()))
        return tuple(f(y) for y in x)

    return {f(x) for x in items}


def forbidden(case: dict, got: dict[str, list]) -> list[str]:
    """Strings listed under must_not that appear as a person, or in a holding or commitment."""
    bad = []
    for s in case.get("must_not", []):
        key = fold(s)
        if any(fold(p) == key for p in got["persons"]):
            bad.append(f"person {s!r}")
        for h in got["holdings"] + got["commitments"]:
            if any(x is not None and fold(x) == key for x in h):
                bad.append(f"fact {h!r} names {s!r}")
    return bad


# the events a table about posts judges when a case lists none: the changes of post it is about; meetings, visits,
# receptions and ceremonies are the events table's (and any case's that lists its events)
CHANGE_KINDS = {"appointment", "election", "transfer", "dismissal", "retirement"}


def check_case(case: dict, nlp, all_events: bool = False) -> None:
    article = make_article(case)
    af = registry.extract(parse(article, nlp))
    got = summarise(af)
    want = expected(case)
    if not all_events and "events" not in case:
        got["events"] = [e for e in got["events"] if e["kind"] in CHANGE_KINDS]
    if not any("date" in e for e in case.get("events", [])):  # a table that states no event date judges none
        for e in got["events"]:
            e.pop("date")
    for f in af.facts:  # every fact keeps its evidence, and it points into the text
        evs = f.evidence if isinstance(f.evidence, tuple) else (f.evidence,)
        for ev in evs:
            assert article.text[ev.start:ev.end] == ev.quote, f"{case['id']}: evidence offsets off for {f!r}"
    problems = forbidden(case, got)
    gap = case.get("known_gap")
    for kind in COMPARED:
        g, w = _keyed(kind, got[kind]), _keyed(kind, want[kind])
        spurious = sorted(g - w, key=repr)
        missed = sorted(w - g, key=repr)
        if spurious:
            problems.append(f"{kind}: spurious {spurious}")
        if missed and not gap:
            problems.append(f"{kind}: missed {missed}")
    if gap and not problems and all(_keyed(k, want[k]) <= _keyed(k, got[k]) for k in COMPARED):
        problems.append(f"the known gap is closed ({gap}): drop the known_gap marker")
    assert not problems, f"{case['id']}: " + "; ".join(problems) + f"\n  got: {got}"


def _cases(kind: str):
    return [pytest.param(c, id=c["id"]) for c in load_table(kind)]


@pytest.mark.parametrize("case", _cases("holdings"))
def test_phrasings_holdings(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("attendees"))
def test_phrasings_attendees(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("national"))
def test_phrasings_national(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("local"))
def test_phrasings_local(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("names"))
def test_phrasings_names(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("events"))
def test_phrasings_events(case, nlp):
    check_case(case, nlp, all_events=True)


@pytest.mark.parametrize("case", _cases("commitments"))
def test_phrasings_commitments(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("documents"))
def test_phrasings_documents(case, nlp):
    check_case(case, nlp)


@pytest.mark.parametrize("case", _cases("negatives"))
def test_phrasings_negatives(case, nlp):
    check_case(case, nlp)


def test_phrasings_tables_are_large_distinct_and_well_formed():
    """At least 200 passages with the target table; ids unique; every case states facts or what must not be."""
    ids = []
    for kind in TABLES:
        for c in load_table(kind):
            ids.append(c["id"])
            assert c["text"].strip(), c["id"]
            assert any(k in c for k in ("holdings", "events", "commitments", "documents", "authors", "persons",
                                        "must_not")), f"{c['id']}: states no expectation"
    targets = json.loads((PHRASINGS / "targets.json").read_text(encoding="utf-8"))["cases"]
    assert len(ids) == len(set(ids)), "duplicate passage ids"
    assert len(ids) + len(targets) >= 200
