"""Disagreements: about the current state, between the latest figures of two claimants of one
place and metric, dated within the window of each other, whose intervals do not overlap.

A track is one claimant's points under one baseline; its latest points are those of its
latest day. Sweeping the days, each track that speaks is compared with every other track
that spoke within the window: a pair whose latest figures cannot both be true holds one
finding, replaced by the newer figures while the pair keeps disagreeing, and closed when
they agree again or one of them falls silent for longer than the window. So n tracks
give at most n(n-1)/2 findings per window, however many figures each states.

A named claimant contradicting itself on one day (448 and more than 600 held) is one more
finding of its own, per window. "unattributed" is no claimant: its figures come from
different writers, so they never contradict "themselves". Stale and undated points, and
points open at both ends, are left out.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, groupby

from app.analysis.findings import Finding
from app.analysis.intervals import overlap
from app.analysis.points import Point
from app.analysis.series import Series
from app.model import UNATTRIBUTED

Track = tuple[str, str]  # (baseline or "", claimant)


def find_disagreements(series: list[Series], window_days: int) -> list[Finding]:
    by_metric: dict[tuple, list[Point]] = defaultdict(list)
    for one in series:
        by_metric[(one.place or "", one.metric)].extend(one.points)
    findings = []
    for _key, points in sorted(by_metric.items()):
        findings.extend(_Sweep(window_days).run(points))
    return findings


class _Sweep:
    def __init__(self, window_days: int) -> None:
        self.window = window_days
        self.latest: dict[Track, tuple[int, list[Point]]] = {}  # its day, its points that day
        self.findings: list[Finding] = []
        self.open: dict[tuple[Track, Track], int] = {}  # pair -> index of its finding

    def run(self, points: list[Point]) -> list[Finding]:
        usable = sorted(
            (p for p in points if p.day is not None and not p.stale and p.interval != (None, None)),
            key=lambda point: (point.day, point.order),
        )
        for day, of_day in groupby(usable, key=lambda point: point.day):
            spoke: dict[Track, list[Point]] = defaultdict(list)
            for point in of_day:
                spoke[(point.period_start or "", point.claimant)].append(point)
            self._forget_silent(day)
            for track, said in spoke.items():
                self.latest[track] = (day, said)
            for track in sorted(spoke):  # so a pair speaking on one day is compared once
                self._compare(track, spoke)
        return self.findings

    def _forget_silent(self, day: int) -> None:
        """Tracks silent for longer than the window leave the comparison, closing their pairs."""
        silent = {track for track, (last, _) in self.latest.items() if day - last > self.window}
        for track in silent:
            del self.latest[track]
        for pair in [pair for pair in self.open if silent.intersection(pair)]:
            del self.open[pair]

    def _compare(self, track: Track, spoke: dict[Track, list[Point]]) -> None:
        said = self.latest[track][1]
        if track[1] != UNATTRIBUTED:
            self._settle((track, track), _first_conflict(combinations(said, 2)))
        for other, (_day, theirs) in self.latest.items():
            if other == track or (other in spoke and other < track):
                continue  # itself, or a pair this day already compared
            pairs = ((earlier, point) for earlier in theirs for point in said)
            pair = (track, other) if track <= other else (other, track)
            self._settle(pair, _first_conflict(pairs))

    def _settle(self, pair: tuple[Track, Track], conflict: Finding | None) -> None:
        index = self.open.get(pair)
        if conflict is None:
            self.open.pop(pair, None)  # they agree again: the next parting is a new finding
        elif index is None:
            self.open[pair] = len(self.findings)
            self.findings.append(conflict)
        else:
            self.findings[index] = conflict  # still parting: the newer figures stand


def _first_conflict(pairs) -> Finding | None:
    for first, second in pairs:
        if not overlap(first.interval, second.interval):
            return Finding("disagreement", _in_order(first, second))
    return None


def _in_order(first: Point, second: Point) -> tuple[Point, Point]:
    """The earlier first; on one day by `order` (dearer to compute, so only then)."""
    if first.day != second.day:
        return (first, second) if first.day < second.day else (second, first)
    return (first, second) if first.order <= second.order else (second, first)
