"""Meaning clashes: the same value from the same named claimant about the same place, within
the window, under two metrics ("448 released" / "448 held"): a likely misreport.

Unattributed figures are left out: two anonymous numbers that happen to match say nothing
about one claimant. The points of a clash are "doubtful": jumps and the band leave them out.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from app.analysis.findings import Finding
from app.analysis.points import Point
from app.analysis.series import Series
from app.model import UNATTRIBUTED


def find_meaning_clashes(
    series: list[Series], window_days: int
) -> tuple[list[Finding], set[tuple]]:
    """The clashes, and the identities of every point in one (reported or not)."""
    groups: dict[tuple, list[Point]] = defaultdict(list)
    for one in series:
        for point in one.points:
            if point.value is not None and point.claimant != UNATTRIBUTED:
                groups[(point.place or "", point.claimant, point.value)].append(point)
    findings, doubtful = [], set()
    for _key, points in sorted(groups.items()):
        if len({point.metric for point in points}) > 1:
            findings.extend(_clashes(points, window_days, doubtful))
    return findings, doubtful


def _clashes(points: list[Point], window_days: int, doubtful: set[tuple]) -> list[Finding]:
    """One clash per pair of metrics and window: a claimant repeating both readings for a week
    is one likely misreport, not one per pair of repetitions."""
    ordered = sorted((point for point in points if point.day is not None), key=_by_day)
    findings, last_day = [], {}  # (metric, metric) -> the day of its latest clash
    for first, second in combinations(ordered, 2):
        if first.metric == second.metric or second.day - first.day > window_days:
            continue
        doubtful.update((first.identity, second.identity))
        metrics = tuple(sorted((first.metric, second.metric)))
        if metrics in last_day and first.day - last_day[metrics] <= window_days:
            continue
        last_day[metrics] = second.day
        findings.append(Finding("meaning_clash", (first, second)))
    return findings


def _by_day(point: Point) -> tuple:
    return point.day, point.order
