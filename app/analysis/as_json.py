"""The JSON shapes of DOMAIN.md: `tallywatch series --json` and `tallywatch findings --json`."""

from __future__ import annotations

from app.analysis.analyse import Analysis
from app.analysis.band import Band
from app.analysis.points import Point
from app.analysis.render import label


def series_as_json(analysis: Analysis, metric: str | None = None) -> list[dict]:
    result = []
    for one in analysis.series:
        if metric is not None and one.metric != metric:
            continue
        entry = {
            "metric": one.metric,
            "place": one.place,
            "period_start": one.period_start,
            "points": [point_as_json(point, analysis) for point in one.points],
        }
        if one.metric == "held":
            entry["band"] = [band_as_json(band) for band in analysis.bands.get(one.key, [])]
        result.append(entry)
    return result


def point_as_json(point: Point, analysis: Analysis) -> dict:
    return {
        "value": point.value,
        "qualifier": point.qualifier,
        "label": label(point),
        "low": point.lo,
        "high": point.hi,
        "as_of": point.as_of,
        "figures": point.figures,
        "claimants": [point.claimant],
        "sources": point.sources,
        "stale": point.stale,
        "doubtful": analysis.is_doubtful(point),
        "baseline_inferred": point.baseline_inferred,
    }


def band_as_json(band: Band) -> dict:
    return {
        "as_of": band.as_of,
        "low": band.low,
        "high": band.high,
        "agreed": band.agreed,
        "low_from": _figures(band.low_from),
        "high_from": _figures(band.high_from),
        "left_out": _figures(band.left_out),
        "message": band.message,
    }


def findings_as_json(analysis: Analysis) -> list[dict]:
    return [
        {
            "key": finding.key,
            "kind": finding.kind,
            "figures": finding.figures,
            "sources": finding.sources,
            "message": finding.message,
            "as_of": finding.as_of,
            "points": [_brief(point) for point in finding.points],
        }
        for finding in analysis.findings
    ]


def _brief(point: Point) -> dict:
    return {
        "metric": point.metric,
        "place": point.place,
        "period_start": point.period_start,
        "label": label(point),
        "claimant": point.claimant,
        "as_of": point.as_of,
        "figures": point.figures,
        "sentence": point.sentence,
    }


def _figures(points: tuple[Point, ...]) -> list[int]:
    return sorted({figure for point in points for figure in point.figures})
