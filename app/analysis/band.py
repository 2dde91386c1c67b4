"""The best estimate of `held`: at each date of a held series, the band that the sources'
intervals leave together, in the spirit of the minimum and maximum casualty counters publish.

At a date D the band weighs the series' points dated from D - window to D, each claimant by
its latest day in that window (a claimant's newer statement replaces its older one). Points
in a meaning clash are left out and named; stale ones stay in (the issue's own example reads
"at least 644, more than 600, about 650" as 644 to about 680) and are named as earlier
estimates. The band is the intersection: the highest low to the lowest high, with the
points that set each end. When that intersection is empty the sources disagree: the band
is then their hull (lowest low to highest high) with `agreed` False.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.analysis.points import Point
from app.analysis.render import label
from app.analysis.series import Series
from app.present import day, spoken_span


@dataclass(frozen=True)
class Band:
    as_of: str
    low: int | None  # None: open
    high: int | None
    agreed: bool  # False: the intervals do not meet; low..high is then their hull
    low_from: tuple[Point, ...]  # the points that set each end
    high_from: tuple[Point, ...]
    used: tuple[Point, ...]
    left_out: tuple[Point, ...]  # doubtful (meaning clash) points of the window

    @property
    def message(self) -> str:
        ends, on = spoken_span(self.low, self.high), day(self.as_of)
        text = f"{ends} held on {on}" if self.agreed else f"sources disagree on {on} ({ends})"
        text += f": low from {_names(self.low_from)}, high from {_names(self.high_from)}"
        if self.left_out:
            text += f"; left out as doubtful (meaning clash): {_names(self.left_out)}"
        return text


def held_bands(series: Series, doubtful: set[tuple], window_days: int) -> list[Band]:
    dated = sorted(
        ((point.day, point) for point in series.points if point.day is not None),
        key=lambda pair: pair[0],
    )
    bands, first, end = [], 0, 0
    while end < len(dated):
        today = dated[end][0]
        while end < len(dated) and dated[end][0] == today:
            end += 1  # take in every point of this day
        while dated[first][0] < today - window_days:
            first += 1  # and drop those older than the window
        window = [point for _number, point in dated[first:end]]
        bands.append(_band(window[-1].as_of, window, doubtful))
    return bands


def _band(as_of: str, window: list[Point], doubtful: set[tuple]) -> Band:
    left_out = tuple(point for point in window if point.identity in doubtful)
    used = _latest_per_claimant([point for point in window if point.identity not in doubtful])
    lows = [point.lo for point in used if point.lo is not None]
    highs = [point.hi for point in used if point.hi is not None]
    low, high = max(lows, default=None), min(highs, default=None)
    agreed = low is None or high is None or low <= high
    if not agreed:  # the hull; an open end of any point leaves that end open
        low = None if len(lows) < len(used) else min(lows)
        high = None if len(highs) < len(used) else max(highs)
    return Band(
        as_of=as_of, low=low, high=high, agreed=agreed,
        low_from=tuple(point for point in used if low is not None and point.lo == low),
        high_from=tuple(point for point in used if high is not None and point.hi == high),
        used=used, left_out=left_out,
    )  # fmt: skip


def _latest_per_claimant(points: list[Point]) -> tuple[Point, ...]:
    by_claimant: dict[str, list[Point]] = defaultdict(list)
    for point in points:
        by_claimant[point.claimant].append(point)
    latest = []
    for claimant_points in by_claimant.values():
        newest = max(point.as_of for point in claimant_points)
        latest.extend(point for point in claimant_points if point.as_of == newest)
    return tuple(sorted(latest, key=lambda point: point.order))


def _names(points: tuple[Point, ...]) -> str:
    if not points:
        return "no figure"
    return ", ".join(_name(point) for point in points)


def _name(point: Point) -> str:
    earlier = ", earlier estimate" if point.stale else ""
    return f"{label(point)} ({point.claimant}, {day(point.as_of)}{earlier})"
