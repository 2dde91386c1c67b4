"""Points: one stated value from one claimant on one date, however many documents repeat it.

`points_from` takes either grouped points (storage.figure_points.load_points) or stored figure
rows (`figures_view`, each with `id`), which it groups the same way. Figure ids and sources are
kept as the text SQLite gives and read only when a finding or the JSON needs them, so that a
million stored figures cost no Python work per figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from app.analysis.dates import day_number
from app.analysis.intervals import interval_of


class Point(NamedTuple):
    """A NamedTuple rather than a dataclass: tens of thousands are built per analysis."""

    place: str | None
    metric: str
    period_start: str | None  # the baseline of a cumulative count, or None
    as_of: str | None
    value: int | None
    qualifier: str
    low: int | None  # as stored
    high: int | None
    claimant: str
    stale: bool
    lo: int | None  # the interval the qualifier allows (see intervals.py); None is open
    hi: int | None
    day: int | None  # as_of as a day number, None when undated
    sentence: str
    figure_ids: str  # "3,17,42"
    document_ids: str
    source_of: Mapping[int, str] | None = None  # shared by all points; None: not loaded
    baseline_inferred: bool = False  # period_start taken from the claimant's other figures

    @property
    def identity(self) -> tuple:
        return self[:10]

    @property
    def interval(self) -> tuple[int | None, int | None]:
        return self.lo, self.hi

    @property
    def figures(self) -> list[int]:
        return sorted(_ids(self.figure_ids))

    @property
    def documents(self) -> list[int]:
        """The ids of the documents that state it (to fetch sources a screen shows)."""
        return sorted(set(_ids(self.document_ids)))

    @property
    def sources(self) -> list[str]:
        """The documents' sources (URL or path), or nothing when the caller left them out."""
        if self.source_of is None:
            return []
        return [self.source_of[doc] for doc in self.documents if doc in self.source_of]

    @property
    def order(self) -> tuple:
        """A total order: by date, then claimant, then the interval and the rest."""
        return (
            self.as_of or "", self.claimant, _num(self.value), self.qualifier, _num(self.lo),
            _num(self.hi), _num(self.low), _num(self.high), self.stale, self.place or "",
            self.metric, self.period_start or "",
        )  # fmt: skip


def _num(number: int | None) -> int:
    return -1 if number is None else number


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def points_from(rows: Iterable[Mapping]) -> list[Point]:
    """Points from the dicts of storage.figure_points.load_points (the one grouping)."""
    return [point_of(row) for row in rows]


def point_of(row: Mapping) -> Point:
    qualifier, value, low, high = row["qualifier"], row["value"], row["low"], row["high"]
    lo, hi = interval_of(qualifier, value, low, high)
    return Point(
        row["place"],
        row["metric"],
        row["period_start"],
        row["as_of"],
        value,
        qualifier,
        low,
        high,
        row["claimant"],
        bool(row["stale"]),
        lo,
        hi,
        day_number(row["as_of"]),
        row.get("sentence") or "",
        row["figure_ids"],
        row.get("document_ids") or "",
        row.get("source_of"),
    )
