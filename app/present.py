"""How a figure reads in one short phrase, the same on the command line and on screen."""

from __future__ import annotations

from collections.abc import Mapping

_PREFIX = {"at_least": "≥", "more_than": ">", "about": "~", "at_most": "≤", "fewer_than": "<"}


def format_value(figure: Mapping) -> str:
    """`711`, `≥644`, `>600`, `~650`, `600–700`; a vague amount shows its band."""
    qualifier, value = figure["qualifier"], figure["value"]
    low, high = figure.get("low"), figure.get("high")
    if qualifier == "range" and low is not None and high is not None:
        return f"{low:,}–{high:,}"
    if qualifier == "vague":
        if value is not None:
            return f"~{value:,}?"
        return f"{low or 0:,}–{high:,}?" if high is not None else f"{low or 0:,}+?"
    if value is None:
        return "?"
    return f"{_PREFIX.get(qualifier, '')}{value:,}"


def format_period(figure: Mapping) -> str:
    start = figure.get("period_start")
    return f"since {start}" if start else ""


def describe(figure: Mapping) -> str:
    """One line: `Foro Penal: ≥644 held, 2026-02-20`."""
    since = f" {format_period(figure)}" if figure.get("period_start") else ""
    return (
        f"{figure['claimant']}: {format_value(figure)} {figure['metric']}{since},"
        f" {figure.get('as_of') or 'undated'}"
    )


def counted(number: int, noun: str) -> str:
    """ "1 figure", "18 figures", "1,204 figures"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
