"""Plain words for points: "at least 644", "30 Jan", "since 8 Jan 2026", "-67 (-9.4%)"."""

from __future__ import annotations

from app.analysis.points import Point
from app.present import day, spoken_value


def label(point: Point) -> str:
    """The figure as a person would say it: "711", "more than 600", "about 650"."""
    return spoken_value(point.qualifier, point.value, point.lo, point.hi)


def what(point: Point) -> str:
    """The figure with its meaning: "302 released since 8 Jan 2026"."""
    return f"{label(point)} {point.metric}{baseline(point.period_start)}"


def baseline(period_start: str | None) -> str:
    return f" since {day(period_start, with_year=True)}" if period_start else ""


def days(first: str | None, second: str | None) -> str:
    """ "30 Jan -> 20 Feb", with years when the two differ."""
    with_year = (first or "")[:4] != (second or "")[:4]
    return f"{day(first, with_year)} -> {day(second, with_year)}"


def change(before: int, after: int) -> str:
    """ "-67 (-9.4%)"."""
    delta = after - before
    return f"{delta:+d} ({delta / before:+.1%})"


def who_when(point: Point) -> str:
    """ "(Foro Penal, 19 Feb)"."""
    return f"({point.claimant}, {day(point.as_of)})"


def quoted(sentence: str, limit: int = 160) -> str:
    text = " ".join(sentence.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'
