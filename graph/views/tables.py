"""Plain-text tables for the terminal: aligned columns that fit a width, long cells cut with an ellipsis.

`govkg query` and `govkg timeline` print their tables at most TABLE_WIDTH columns wide so they do not wrap in
a terminal; `--wide` (width None) prints every cell whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["TABLE_WIDTH", "render_table"]

TABLE_WIDTH = 120
GAP = "  "
ELLIPSIS = "…"
MIN_COLUMN = 6  # a column is never cut narrower than its header, this, or its natural width if smaller


_IRI = re.compile(r"[A-Za-z][\w-]*:\S+|<\S+>")


def _fit(widths: list[int], header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Column widths whose sum (with the gaps) is at most `width`; headers are kept whole. Columns of IRIs (least
    readable, and repeated by the label columns) are cut first, then the widest column, one character at a time."""
    widths = list(widths)
    floors = [min(w, max(MIN_COLUMN, len(h))) for w, h in zip(widths, header)]
    iris = [bool(rows) and all(not r[i] or _IRI.fullmatch(r[i]) for r in rows) for i in range(len(widths))]
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    while excess > 0:
        i = max(range(len(widths)), key=lambda j: (widths[j] > floors[j] and iris[j], widths[j] - floors[j], -j))
        if widths[i] <= floors[i]:
            break  # every column is at its floor: the table stays wider than asked
        widths[i] -= 1
        excess -= 1
    return widths


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + ELLIPSIS


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = None) -> list[str]:
    """Header, a rule of dashes and the rows, columns aligned; at most `width` characters a line (None: no limit)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    if width is not None:
        widths = _fit(widths, header, rows, width)

    def line(cells: Sequence[str]) -> str:
        return GAP.join(_cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
