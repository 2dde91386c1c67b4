"""Stale: a figure its own text calls an earlier estimate ("had previously estimated ...,
though it noted that the figure had not been recently updated")."""

from __future__ import annotations

from app.analysis.findings import Finding
from app.analysis.series import Series


def find_stale(series: list[Series]) -> list[Finding]:
    return [Finding("stale", (point,)) for one in series for point in one.points if point.stale]
