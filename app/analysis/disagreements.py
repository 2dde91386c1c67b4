"""Disagreements: points of one place and metric, dated within the window, that cannot both
be true (their intervals do not overlap).

A track is one claimant's points under one baseline. Each point is checked against the
latest points of every other track dated within the window before it (or on its day), so a
claimant is compared with what the others said most recently, not with their whole past.
Within its own track a point is checked only against points of the same day: a track moving
over time is a jump, not a disagreement. Stale points are left out; undated ones too.
"""

from __future__ import annotations

from collections import defaultdict

from app.analysis.findings import Finding
from app.analysis.intervals import overlap
from app.analysis.points import Point
from app.analysis.series import Series


def find_disagreements(series: list[Series], window_days: int) -> list[Finding]:
    by_metric: dict[tuple, list[Point]] = defaultdict(list)
    for one in series:
        by_metric[(one.place or "", one.metric)].extend(one.points)
    findings = []
    for _key, points in sorted(by_metric.items()):
        findings.extend(_within(points, window_days))
    return findings


def _within(points: list[Point], window_days: int) -> list[Finding]:
    dated = sorted(
        (p for p in points if p.day is not None and not p.stale and (p.lo, p.hi) != (None, None)),
        key=_by_day,
    )
    latest: dict[tuple, tuple[int, list[Point]]] = {}  # track -> (its day, its points that day)
    findings = []
    for point in dated:
        own = (point.period_start, point.claimant)
        for track, (track_day, track_points) in list(latest.items()):
            if point.day - track_day > window_days:
                del latest[track]  # nothing later in the sweep is close enough to it
            elif track != own or track_day == point.day:
                findings.extend(_conflicts(track_points, point))
        _remember(latest, own, point)
    return findings


def _by_day(point: Point) -> tuple:
    return point.day, point.order


def _conflicts(earlier_points: list[Point], point: Point) -> list[Finding]:
    return [
        Finding("disagreement", (earlier, point))
        for earlier in earlier_points
        if not overlap(earlier.interval, point.interval)
    ]


def _remember(latest: dict, track: tuple, point: Point) -> None:
    known = latest.get(track)
    if known and known[0] == point.day:
        known[1].append(point)
    else:
        latest[track] = (point.day, [point])
