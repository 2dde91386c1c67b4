"""The answer at a glance, for one place: how many are held by the sources' best estimate,
according to whom and as of when; the latest figure of each other metric; each named
claimant's newest figure. Pure: an analysis and today's date in, short lines out.

Vague amounts ("hundreds") and stale figures (earlier estimates) never stand as the
headline: a band that only they bound is passed over for the latest one a real figure
bounds, and the claimant named beside the band is one that states a real figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.analysis.analyse import Analysis
from app.analysis.band import Band
from app.analysis.dates import day_number
from app.analysis.points import Point
from app.model import UNATTRIBUTED
from app.present import day, format_value

OTHER_METRICS = ("released", "amnestied", "arrested", "cases_total")
LABELS = {"cases_total": "cases"}


@dataclass(frozen=True)
class Headline:
    held: str  # "held 644–682 · Foro Penal ≥644, 20 Feb (280 days ago) · 3 sources in 7 days"
    metrics: str  # "released 448 since 8 Jan (Foro Penal, 20 Feb) · amnestied 379 (…)"
    claimants: str  # "newest: Foro Penal ≥644 held 20 Feb · authorities 379 amnestied 20 Feb"


def headline(analysis: Analysis, today: date, window_days: int) -> Headline:
    points = [point for series in analysis.series for point in series.points]
    when = _Dates(today)
    return Headline(
        held=_held(analysis, when, window_days),
        metrics=" · ".join(
            filter(None, (_metric(points, metric, when) for metric in OTHER_METRICS))
        ),
        claimants=_claimants(points, when),
    )


class _Dates:
    """ "20 Feb" in today's year, "31 Dec 2024" otherwise."""

    def __init__(self, today: date) -> None:
        self.today = today

    def __call__(self, iso: str | None) -> str:
        return day(iso, with_year=(iso or "")[:4] != str(self.today.year))


def real(point: Point) -> bool:
    """A figure that may stand as a headline: dated, stated, neither vague nor stale."""
    return point.as_of is not None and point.qualifier != "vague" and not point.stale


def _held(analysis: Analysis, when: _Dates, window_days: int) -> str:
    band = latest_real_band(analysis)
    if band is None:
        newest = _newest([p for s in analysis.series if s.metric == "held" for p in s.points])
        if newest is None:
            return "held: no figure yet"
        said = f"{newest.claimant}, {when(newest.as_of)}"
        return f"held {_figure(newest)} · {said} · {age(newest.as_of, when.today)}"
    ends = band_text(band)
    said = "" if band.agreed else " (sources disagree)"
    named = _newest([p for p in (*band.low_from, *band.high_from) if real(p)])
    documents = _documents_within(analysis, band.as_of, window_days)
    sources = f"{len(documents)} source{'s' if len(documents) != 1 else ''} in {window_days} days"
    parts = [f"held {ends}{said}"]
    if named is not None:
        parts.append(f"{named.claimant} {_figure(named)}, {when(named.as_of)}")
    parts += [age(band.as_of, when.today), sources]
    return " · ".join(parts)


def _documents_within(analysis: Analysis, as_of: str, window_days: int) -> set[int]:
    """The documents stating a held figure in the window that ends on `as_of`."""
    end = day_number(as_of)
    return {
        document
        for series in analysis.series
        if series.metric == "held"
        for point in series.points
        if point.day is not None and 0 <= end - point.day <= window_days
        for document in point.documents
    }


def latest_real_band(analysis: Analysis) -> Band | None:
    """The newest held band that a real figure bounds (see `real`), across baselines."""
    bands = [
        band
        for series in analysis.series
        if series.metric == "held"
        for band in analysis.bands.get(series.key, [])
        if any(real(point) for point in (*band.low_from, *band.high_from))
    ]
    return max(bands, key=lambda band: band.as_of, default=None)


def band_text(band: Band) -> str:
    low, high = band.low, band.high
    if low is not None and high is not None:
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"
    if low is not None:
        return f"≥{low:,}"
    return f"≤{high:,}" if high is not None else "unknown"


def _metric(points: list[Point], metric: str, when: _Dates) -> str:
    newest = _newest([point for point in points if point.metric == metric])
    if newest is None:
        return ""
    said = f"{newest.claimant}, {when(newest.as_of)}"
    return f"{LABELS.get(metric, metric)} {_figure(newest)}{_since(newest)} ({said})"


def _claimants(points: list[Point], when: _Dates) -> str:
    """Each named claimant's newest figure, newest first; on one day its held figure first."""
    newest: dict[str, Point] = {}
    for point in points:
        if point.claimant != UNATTRIBUTED and real(point):
            known = newest.get(point.claimant)
            if known is None or _rank(point) > _rank(known):
                newest[point.claimant] = point
    ordered = sorted(newest.values(), key=_rank, reverse=True)
    said = [f"{p.claimant} {_figure(p)} {LABELS.get(p.metric, p.metric)} {when(p.as_of)}"
            for p in ordered]  # fmt: skip
    return "newest: " + " · ".join(said) if said else ""


def _rank(point: Point) -> tuple:
    return point.as_of, point.metric == "held", _says_most(point)


def _newest(points: list[Point]) -> Point | None:
    """The newest real figure; on one day, the one that says most (the narrowest interval)."""
    candidates = [point for point in points if real(point)]
    return max(candidates, key=lambda point: (point.as_of, _says_most(point)), default=None)


def _says_most(point: Point) -> tuple:
    """Closed intervals before open ones, then the narrowest ("≥644" says more than ">600")."""
    if point.lo is not None and point.hi is not None:
        return 1, point.lo - point.hi
    return 0, point.lo if point.lo is not None else -(point.hi or 0)


def _figure(point: Point) -> str:
    return format_value(point._asdict())


def _since(point: Point) -> str:
    if not point.period_start:
        return ""
    same_year = point.period_start[:4] == (point.as_of or "")[:4]
    return f" since {day(point.period_start, with_year=not same_year)}"


def age(iso: str | None, today: date) -> str:
    """ "today", "3 days ago", "9 months ago": how fresh a figure is."""
    if not iso:
        return "undated"
    try:
        days = (today - date.fromisoformat(iso[:10])).days
    except ValueError:
        return iso
    if days < 0:
        return "dated ahead"
    if days < 2:
        return ("today", "yesterday")[days]
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"
