"""Choosing among overlapping pattern matches, shared by the date, number and period readers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def leftmost_longest(candidates: Iterable[tuple[int, int, int, T]]) -> list[tuple[int, int, T]]:
    """Non-overlapping matches from (start, end, rank, item): leftmost first; at one start the longest, then the
    lowest rank (the more specific pattern)."""
    kept: list[tuple[int, int, T]] = []
    last_end = -1
    for start, end, _, item in sorted(candidates, key=lambda c: (c[0], c[0] - c[1], c[2])):
        if start >= last_end:
            kept.append((start, end, item))
            last_end = end
    return kept
