"""Plain words for points: "at least 644", "30 Jan", "since 8 Jan 2026", "-67 (-9.4%)"."""

from __future__ import annotations

from datetime import date

from app.analysis.points import Point

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def label(point: Point) -> str:
    """The figure as a person would say it: "711", "more than 600", "about 650"."""
    value, qualifier = point.value, point.qualifier
    if qualifier == "range" or value is None:
        return span(point.lo, point.hi)
    prefix = {
        "at_least": "at least ",
        "more_than": "more than ",
        "about": "about ",
        "at_most": "up to ",
        "fewer_than": "fewer than ",
        "vague": "some ",
    }.get(qualifier, "")
    return f"{prefix}{value}"


def span(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "an unstated number"
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low} to {high}"


def what(point: Point) -> str:
    """The figure with its meaning: "302 released since 8 Jan 2026"."""
    return f"{label(point)} {point.metric}{baseline(point.period_start)}"


def baseline(period_start: str | None) -> str:
    return f" since {day(period_start, with_year=True)}" if period_start else ""


def day(iso: str | None, with_year: bool = False) -> str:
    """ "30 Jan" (or "30 Jan 2026"); an undated figure says so."""
    if not iso:
        return "undated"
    try:
        parsed = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    text = f"{parsed.day} {_MONTHS[parsed.month - 1]}"
    return f"{text} {parsed.year}" if with_year else text


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
