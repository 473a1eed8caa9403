"""Messages for a name the user typed that names nothing, or names several things.

`govkg query --param person=...`, `govkg timeline --person/--post` and `govkg view --focus` share these, so an
unknown or ambiguous name reads the same everywhere: "no such person 'X' in the graph; close matches: ..." (close
matches by rapidfuzz on diacritic-free labels) or "'X' matches 3 people: ...; give more of the name".
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from extractors.places import fold

__all__ = ["ambiguous", "close_matches", "not_found"]

PLURALS = {"person": "people", "post": "posts", "person or organisation": "people or organisations"}


def _key(text: str) -> str:
    return fold(text)


def close_matches(wanted: str, labels: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """Up to `limit` labels most like `wanted` (diacritics and case ignored), best first; [] when none is close."""
    choices = {label: _key(label) for label in sorted(set(labels))}
    found = process.extract(_key(wanted), choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [label for _key_text, _score, label in found]


def not_found(kind: str, wanted: str, labels: Iterable[str]) -> str:
    """"no such KIND 'WANTED' in the graph", with the close matches among `labels` when there are any."""
    close = close_matches(wanted, labels)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    return f"no such {kind} {wanted!r} in the graph{hint}"


def ambiguous(kind: str, wanted: str, labels: Iterable[str]) -> str:
    """"'WANTED' matches N KINDs: A, B, C; give more of the name" (the candidates sorted, each once)."""
    names = sorted(set(labels))
    return f"{wanted!r} matches {len(names)} {PLURALS.get(kind, kind + 's')}: {', '.join(names)}; give more of the name"
