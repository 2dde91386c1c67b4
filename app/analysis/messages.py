"""Words for a finding: one plain sentence (`message`, the full account), and one short line
for a list (`brief`: kind, series, the two figures, the change)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.analysis.points import Point
from app.analysis.render import baseline, change, days, label, quoted, what, who_when
from app.present import day, format_value

if TYPE_CHECKING:
    from app.analysis.findings import Finding


def message_of(finding: Finding) -> str:
    return _WRITERS[finding.kind](*finding.points)


def brief_of(finding: Finding) -> str:
    """ "held: 711 -> ≥644 -67 (-9.4%), Foro Penal"; the message tells the rest."""
    points = finding.points
    first, last = points[0], points[-1]
    series = f"{first.metric}{_short_baseline(first)}"
    if finding.kind == "jump":
        moved = change(first.value, last.value)
        if first.claimant != last.claimant:  # the band moved
            return (
                f"{series} band: {_short(first)} -> {_short(last)} {moved},"
                f" {last.claimant} (was {first.claimant})"
            )
        return f"{series}: {_short(first)} -> {_short(last)} {moved}, {last.claimant}"
    if finding.kind == "disagreement":
        also = _short_baseline(last) if last.period_start != first.period_start else ""
        apart = _apart(first, last)
        if first.claimant == last.claimant:
            return (
                f"{series}: {_short(first)} vs {_short(last)}{also}{apart}, both {first.claimant}"
            )
        return (
            f"{series}: {_short(first)} {first.claimant} vs {_short(last)}{also}"
            f" {last.claimant}{apart}"
        )
    if finding.kind == "meaning_clash":
        return f"{_short(first)} {first.metric} / {last.metric}, {first.claimant}: misreport?"
    return f"{series}: {_short(first)} {first.claimant}, an earlier estimate"


def _apart(first: Point, second: Point) -> str:
    """How far apart two intervals that do not overlap are: " (153 apart)"."""
    gaps = [
        upper_low - lower_high
        for upper_low, lower_high in ((first.lo, second.hi), (second.lo, first.hi))
        if upper_low is not None and lower_high is not None and upper_low > lower_high
    ]
    return f" ({max(gaps):,} apart)" if gaps else ""


def _short(point: Point) -> str:
    return format_value(point._asdict())


def _short_baseline(point: Point) -> str:
    return f" since {day(point.period_start, with_year=True)}" if point.period_start else ""


def _jump(before: Point, after: Point) -> str:
    if before.claimant != after.claimant:  # a move of the band (band_moves.py)
        return (
            f"the best estimate of {after.metric}{baseline(after.period_start)} moved: "
            f"{label(before)} ({before.claimant}) -> {label(after)} ({after.claimant}), "
            f"{change(before.value, after.value)}, {days(before.as_of, after.as_of)}{_place(after)}"
        )
    claimants = _pair(before.claimant, after.claimant)
    return (
        f"{label(before)} -> {label(after)} {after.metric}{baseline(after.period_start)}: "
        f"{change(before.value, after.value)}, {claimants}, {days(before.as_of, after.as_of)}"
        f"{_place(after)}"
    )


def _disagreement(first: Point, second: Point) -> str:
    return (
        f"{what(first)} {who_when(first)} and {what(second)} {who_when(second)} "
        f"do not overlap{_why(first, second)}{_place(second)}"
    )


def _why(first: Point, second: Point) -> str:
    """What else differs, so a reader can tell a real conflict from different counts."""
    same_claimant = first.claimant == second.claimant
    if first.period_start != second.period_start:
        bases = f"{_baseline_words(first)} vs {_baseline_words(second)}"
        if same_claimant:
            return f", but their baselines differ ({bases})"
        claimants = f"{first.claimant} vs {second.claimant}"
        return f", but their baselines ({bases}) and claimants ({claimants}) differ"
    if same_claimant:
        return f": {first.claimant} states both"
    return f": the claimants differ ({first.claimant} vs {second.claimant})"


def _baseline_words(point: Point) -> str:
    return baseline(point.period_start).strip() or "no stated baseline"


def _meaning_clash(first: Point, second: Point) -> str:
    return (
        f"{what(first)} {who_when(first)} and {what(second)} {who_when(second)}: the same "
        f"number from the same claimant under two meanings, likely a misreport"
        f"{_place(second)}: {quoted(first.sentence)} / {quoted(second.sentence)}"
    )


def _stale(point: Point) -> str:
    return (
        f"{what(point)} {who_when(point)} is an earlier estimate by its own text's account, "
        f"so jumps leave it out{_place(point)}"
    )


def _pair(first: str, second: str) -> str:
    return first if first == second else f"{first} -> {second}"


def _place(point: Point) -> str:
    return f" ({point.place})" if point.place else ""


_WRITERS = {
    "jump": _jump,
    "disagreement": _disagreement,
    "meaning_clash": _meaning_clash,
    "stale": _stale,
}
