"""Jumps: a claimant's own count moving by more than a share from one day it speaks to the next.

Within a series each named claimant has a track: its points, oldest first ("unattributed"
is no claimant: its figures come from different writers, and their parting is a
disagreement at most). Left out of a track: stale points (an earlier estimate re-reported
later is no movement), points in a meaning clash (likely misreports, raised on their own),
and undated or value-less points. A point is also left out when the same claimant says
something narrower and consistent within the window (say "more than 600" one day and "at
least 644" the next: the rounder statement adds nothing). Between two consecutive days of
a track, a jump is raised when even the closest pair of their values moves by more than
`share` of the earlier one: at most one jump per day the claimant speaks. Across
claimants, parting is a disagreement, not a jump.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from app.analysis.findings import Finding
from app.analysis.intervals import narrower
from app.analysis.points import Point
from app.analysis.series import Series
from app.model import UNATTRIBUTED


def find_jumps(
    series: list[Series], doubtful: set[tuple], share: float, window_days: int
) -> list[Finding]:
    findings = []
    for one in series:
        for track in _tracks(one, doubtful).values():
            kept = _without_superseded(track, window_days)
            findings.extend(_moves(kept, share))
    return findings


def _tracks(series: Series, doubtful: set[tuple]) -> dict[str, list[Point]]:
    tracks: dict[str, list[Point]] = defaultdict(list)
    for point in series.points:  # already in date order
        usable = point.value is not None and point.day is not None
        if (
            usable
            and point.claimant != UNATTRIBUTED
            and not point.stale
            and point.identity not in doubtful
        ):
            tracks[point.claimant].append(point)
    return tracks


def _without_superseded(track: list[Point], window_days: int) -> list[Point]:
    days = [point.day for point in track]
    kept = []
    for index, point in enumerate(track):
        if not _superseded(track, days, index, window_days):
            kept.append(point)
    return kept


def _superseded(track: list[Point], days: list[int], index: int, window_days: int) -> bool:
    """Whether a neighbour within the window says something narrower and consistent."""
    point, day = track[index], days[index]
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(track) and abs(days[other] - day) <= window_days:
            if narrower(track[other].interval, point.interval):
                return True
            other += step
    return False


def _moves(track: list[Point], share: float) -> list[Finding]:
    days = [list(of_day) for _day, of_day in groupby(track, key=lambda point: point.day)]
    findings = []
    for before_day, after_day in zip(days, days[1:], strict=False):
        before, after = min(
            ((b, a) for b in before_day for a in after_day), key=lambda pair: _move(*pair)
        )
        if before.value and _move(before, after) > share * before.value:
            findings.append(Finding("jump", (before, after)))
    return findings


def _move(before: Point, after: Point) -> int:
    return abs(after.value - before.value)
