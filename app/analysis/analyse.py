"""The analysis in one call: points in, series, findings and held bands out. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.analysis.band import Band, held_bands
from app.analysis.band_moves import find_band_moves
from app.analysis.clashes import find_meaning_clashes
from app.analysis.disagreements import find_disagreements
from app.analysis.findings import Finding, in_order
from app.analysis.jumps import find_jumps
from app.analysis.points import Point, points_from
from app.analysis.series import Series, build_series
from app.analysis.stale import find_stale


@dataclass(frozen=True)
class Thresholds:
    jump_share: float = 0.05  # feeds.yaml findings.jump_share
    window_days: int = 7  # feeds.yaml findings.window_days (disagreement, meaning clash, band)


@dataclass(frozen=True)
class Analysis:
    series: list[Series]
    findings: list[Finding]
    bands: dict[tuple, list[Band]] = field(default_factory=dict)  # Series.key -> held bands
    doubtful: frozenset[tuple] = frozenset()  # identities of points in a meaning clash

    def is_doubtful(self, point: Point) -> bool:
        return point.identity in self.doubtful


def analyse(
    points_or_rows: Iterable[Mapping] | Iterable[Point], thresholds: Thresholds = Thresholds()
) -> Analysis:
    """Series and findings from load_points' dicts, or Points."""
    rows = list(points_or_rows)
    points = rows if rows and isinstance(rows[0], Point) else points_from(rows)
    series = build_series(points)
    window = thresholds.window_days
    clashes, doubtful = find_meaning_clashes(series, window)
    findings = (
        find_jumps(series, doubtful, thresholds.jump_share, window)
        + find_disagreements(series, window)
        + clashes
        + find_stale(series)
    )
    bands = {one.key: held_bands(one, doubtful, window) for one in series if one.metric == "held"}
    findings += find_band_moves(bands, thresholds.jump_share)
    return Analysis(series, in_order(findings), bands, frozenset(doubtful))
