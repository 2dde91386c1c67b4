"""`tallywatch figures` for people: one line per figure, each breakdown under its total."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from app.present import format_period, format_value

_LINE = "{:>5}  {:10}  {:>9}  {:11} {:17} {:24}  {}"
HEADER = _LINE.format("id", "as of", "figure", "metric", "baseline", "claimant", "source")


def figure_lines(figures: list[Mapping]) -> list[str]:
    """The header, then the figures in their order; a part follows its total, indented."""
    ids = {figure["id"] for figure in figures}
    parts = defaultdict(list)
    for figure in figures:
        if figure.get("part_of") in ids:
            parts[figure["part_of"]].append(figure)
    lines = [HEADER]
    for figure in figures:
        if figure.get("part_of") in ids:
            continue  # shown under its total
        lines.append(_row(figure))
        lines += [_part(part) for part in parts[figure["id"]]]
    return lines


def _row(figure: Mapping) -> str:
    return _LINE.format(
        figure["id"],
        figure["as_of"] or "?",
        format_value(figure),
        figure["metric"],
        format_period(figure),
        figure["claimant"],
        figure["source"],
    )


def _part(figure: Mapping) -> str:
    """`   14    part of #12: 95 women`."""
    group = figure.get("subgroup") or figure["subject"]
    return f"{figure['id']:>5}    part of #{figure['part_of']}: {format_value(figure)} {group}"
