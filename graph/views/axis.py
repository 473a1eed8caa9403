"""Time axes for the small SVG timelines (site pages and the posts-over-time page).

``fit_range`` picks the span the data really covers: a lone date years away from all the others (one
wrong date once stretched an axis over 1974–2025) is left outside and reported, so the bars stay
readable. ``ticks`` chooses year (or quarter) labels spaced so they never overlap at the given width.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OUTLIER_GAP_YEARS = 4  # a date this many years from the rest of the data is an outlier...
OUTLIER_SHARE = 0.1  # ...when it and its like are at most this share of all dates
MIN_LABEL_PX = 56  # room one tick label needs ("2025" or "2025-Q3" at 11 px)


@dataclass(frozen=True)
class Axis:
    """A date range mapped onto [left, left + width] pixels, with the dates that fell outside it."""

    start: dt.date
    stop: dt.date
    left: float
    width: float
    outliers: tuple[dt.date, ...] = ()

    def x(self, d: dt.date) -> float:
        """Pixel position of ``d`` (dates outside the range are clamped to its ends)."""
        d = min(max(d, self.start), self.stop)
        span = max(1, self.stop.toordinal() - self.start.toordinal())
        return self.left + self.width * (d.toordinal() - self.start.toordinal()) / span

    def ticks(self) -> list[tuple[float, str]]:
        """(x, label) of year boundaries, every 1, 2, 5 or 10 years; quarters when the span is short."""
        years = self.stop.year - self.start.year + 1
        room = max(1, int(self.width // MIN_LABEL_PX))
        if years <= 2 and years * 4 <= room:
            out = []
            for y in range(self.start.year, self.stop.year + 1):
                for q in range(4):
                    d = dt.date(y, 1 + 3 * q, 1)
                    if self.start <= d <= self.stop and self.x(d) <= self.left + self.width - 30:
                        out.append((self.x(d), f"{y}" if q == 0 else f"Q{q + 1}"))
            return out
        step = next((s for s in (1, 2, 5, 10, 20, 50) if years / s <= room), 100)
        first = self.start.year + (-self.start.year) % step
        return [(self.x(dt.date(y, 1, 1)), str(y)) for y in range(first, self.stop.year + 1, step)
                if self.start <= dt.date(y, 1, 1) and self.x(dt.date(y, 1, 1)) <= self.left + self.width - 30]


def fit_range(dates: list[dt.date], left: float, width: float) -> Axis:
    """The axis over ``dates`` without lone outliers, padded to whole quarters (needs at least one date)."""
    if not dates:
        raise ValueError("fit_range needs at least one date")
    ordered = sorted(dates)
    n = len(ordered)
    lo, hi = 0, n - 1
    # leave out leading / trailing groups of dates cut off from the rest by a gap of years, while they are few
    for i in range(n - 1):
        if (i + 1) / n > OUTLIER_SHARE:
            break
        if ordered[i + 1].year - ordered[i].year >= OUTLIER_GAP_YEARS:
            lo = i + 1
    for i in range(n - 1, lo, -1):
        if (n - i) / n > OUTLIER_SHARE:
            break
        if ordered[i].year - ordered[i - 1].year >= OUTLIER_GAP_YEARS:
            hi = i - 1
    kept = ordered[lo:hi + 1]
    start = dt.date(kept[0].year, 1 + 3 * ((kept[0].month - 1) // 3), 1)
    end_q = 3 * ((kept[-1].month - 1) // 3) + 4
    stop = dt.date(kept[-1].year + (end_q > 12), (end_q - 1) % 12 + 1, 1)
    if (stop - start).days < 365:  # at least one year, so a single date is not a sliver
        start = dt.date(start.year, 1, 1)
        stop = dt.date(start.year + 1, 1, 1)
    return Axis(start, stop, left, width, tuple(ordered[:lo] + ordered[hi + 1:]))
