"""Figure rows as `figures_view` gives them, built by hand for the test_analysis_* files."""

from __future__ import annotations

import zlib
from itertools import count

from app.analysis.intervals import interval_of

_ids = count(1)


def row(
    value: int | None,
    metric: str = "held",
    as_of: str = "2026-02-20",
    *,
    qualifier: str = "exact",
    claimant: str = "Foro Penal",
    place: str | None = "Venezuela",
    period_start: str | None = None,
    source: str = "a.txt",
    stale: bool = False,
    low: int | None = None,
    high: int | None = None,
    sentence: str = "",
) -> dict:
    figure_id = next(_ids)
    if low is None and high is None and qualifier not in ("about", "range", "vague"):
        low, high = interval_of(qualifier, value, None, None)
    return {
        "id": figure_id, "value": value, "qualifier": qualifier, "low": low, "high": high,
        "metric": metric, "subject": "political prisoners", "place": place,
        "claimant": claimant, "as_of": as_of, "period_start": period_start,
        "date_basis": "configured", "source": source, "title": "", "stale": stale,
        "sentence": sentence or f"{value} {metric} ({claimant})", "start": 0, "end": 3,
        "language": "en", "source_name": "test", "document_id": zlib.crc32(source.encode()),
    }  # fmt: skip


def kinds(analysis) -> list[str]:
    return [finding.kind for finding in analysis.findings]


def of_kind(analysis, kind: str) -> list:
    return [finding for finding in analysis.findings if finding.kind == kind]
