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

UNATTRIBUTED = "unattributed"  # as app.figures.UNATTRIBUTED


def find_meaning_clashes(series: list[Series], window_days: int) -> list[Finding]:
    groups: dict[tuple, list[Point]] = defaultdict(list)
    for one in series:
        for point in one.points:
            if point.value is not None and point.claimant != UNATTRIBUTED:
                groups[(point.place or "", point.claimant, point.value)].append(point)
    findings = []
    for _key, points in sorted(groups.items()):
        if len({point.metric for point in points}) > 1:
            findings.extend(_clashes(points, window_days))
    return findings


def _clashes(points: list[Point], window_days: int) -> list[Finding]:
    ordered = sorted(points, key=lambda point: point.order)
    findings = []
    for first, second in combinations(ordered, 2):
        days = first.day, second.day
        close = None not in days and abs(days[0] - days[1]) <= window_days
        if first.metric != second.metric and close:
            findings.append(Finding("meaning_clash", (first, second)))
    return findings


def doubtful_points(clashes: list[Finding]) -> set[tuple]:
    return {point.identity for finding in clashes for point in finding.points}
