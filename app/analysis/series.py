"""Series: the points of one place, metric and baseline, ordered by date.

A figure without a stated baseline ("at least 340 have walked free", no "since") joins the
series of the same place and metric whose baseline its claimant states elsewhere: the
baseline of that claimant's nearest-dated figure with a baseline on or before its date
(ties go to the later baseline). It is marked `baseline_inferred`. When the claimant never
states a baseline for that metric, the figure stays in the series without one. Points that
become identical this way merge into one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.analysis.dates import day_number
from app.analysis.points import Point


@dataclass(frozen=True)
class Series:
    place: str | None
    metric: str
    period_start: str | None
    points: tuple[Point, ...]  # ordered by date

    @property
    def key(self) -> tuple[str, str, str]:
        return self.place or "", self.metric, self.period_start or ""


def build_series(points: list[Point]) -> list[Series]:
    grouped: dict[tuple, list[Point]] = defaultdict(list)
    for point in _merge(with_inferred_baselines(points)):
        grouped[(point.place or "", point.metric, point.period_start or "")].append(point)
    return [
        Series(members[0].place, members[0].metric, members[0].period_start, _ordered(members))
        for _key, members in sorted(grouped.items())
    ]


def _ordered(points: list[Point]) -> tuple[Point, ...]:
    return tuple(sorted(points, key=lambda point: point.order))


def with_inferred_baselines(points: list[Point]) -> list[Point]:
    stated = _stated_baselines(points)
    if not stated:
        return points
    return [_with_baseline(point, stated) for point in points]


def _stated_baselines(points: list[Point]) -> dict[tuple, list[tuple[str, str]]]:
    """(place, metric, claimant) -> [(as_of, period_start)] of its figures with a baseline."""
    stated: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for point in points:
        if point.period_start and point.as_of:
            stated[(point.place, point.metric, point.claimant)].add(
                (point.as_of, point.period_start)
            )
    return {key: sorted(dates) for key, dates in stated.items()}


def _with_baseline(point: Point, stated: dict[tuple, list[tuple[str, str]]]) -> Point:
    if point.period_start or point.day is None:
        return point
    candidates = stated.get((point.place, point.metric, point.claimant))
    if not candidates:
        return point
    usable = [(as_of, start) for as_of, start in candidates if start <= point.as_of]
    if not usable:
        return point
    when = point.day
    # nearest in time first; on a tie the later baseline (the larger day number)
    nearest = min(
        usable,
        key=lambda pair: (abs((day_number(pair[0]) or 0) - when), -(day_number(pair[1]) or 0)),
    )
    return point._replace(period_start=nearest[1], baseline_inferred=True)


def _merge(points: list[Point]) -> list[Point]:
    """Points made identical by an inferred baseline become one, with both points' figures."""
    merged: dict[tuple, Point] = {}
    for point in points:
        twin = merged.get(point.identity)
        if twin is None:
            merged[point.identity] = point
            continue
        merged[point.identity] = twin._replace(
            figure_ids=f"{twin.figure_ids},{point.figure_ids}",
            document_ids=f"{twin.document_ids},{point.document_ids}",
            baseline_inferred=twin.baseline_inferred and point.baseline_inferred,
        )
    return list(merged.values())
