"""Band moves: the best estimate of `held` moving by more than the share because other
claimants now bound it (say Foro Penal's 711 ages out of the window and the UN's 900 sets the
band). When the same claimants bound it before and after, their own jump already says it.

Only bands that a real figure bounds (dated, stated, neither vague nor stale) and whose
sources agree are compared, consecutive ones of one series: at most one move per band date.
The finding is a jump whose two points are the figures that set the moving end before and
after; its words say the estimate moved.
"""

from __future__ import annotations

from app.analysis.band import Band
from app.analysis.findings import Finding
from app.analysis.points import Point


def find_band_moves(bands_by_series: dict[tuple, list[Band]], share: float) -> list[Finding]:
    findings = []
    for _key, bands in sorted(bands_by_series.items()):
        usable = [band for band in bands if _usable(band)]
        for before, after in zip(usable, usable[1:], strict=False):
            middle = (before.low + before.high) / 2
            moved = (after.low + after.high) / 2 - middle
            if middle and abs(moved) > share * middle and _setters(before) != _setters(after):
                findings.append(Finding("jump", (_setter(before, after), _setter(after, before))))
    return findings


def real(point: Point) -> bool:
    return point.as_of is not None and point.qualifier != "vague" and not point.stale


def _usable(band: Band) -> bool:
    closed = band.agreed and band.low is not None and band.high is not None
    return closed and any(real(point) for point in (*band.low_from, *band.high_from))


def _setters(band: Band) -> frozenset[str]:
    return frozenset(point.claimant for point in (*band.low_from, *band.high_from))


def _setter(band: Band, other: Band) -> Point:
    """The real figure that sets the end of `band` that moved most between the two bands."""
    low_first = abs(band.low - other.low) >= abs(band.high - other.high)
    sides = (band.low_from, band.high_from) if low_first else (band.high_from, band.low_from)
    for side in sides:
        chosen = [point for point in side if real(point)]
        if chosen:
            return chosen[-1]
    return (*band.low_from, *band.high_from)[-1]
