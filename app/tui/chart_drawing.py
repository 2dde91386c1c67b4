"""The chart of one metric in one place, drawn: one line per series (its baseline), claimants
as marks, intervals as bands, and for `held` the best-estimate band with its numbers written.

A line joins a series' real figures, one a day (the one that says most); vague amounts
("hundreds") and stale or doubtful figures stay off it. An exact figure is a mark; "at
least"/"more than" a mark with a short line rising from it; "about" or a range a mark on a
bar over its band; a vague amount only its bar, no mark (it states no number). The legend
sits on the border, so it covers no point.

A plan (what to draw) is chosen cheaply; the drawing (plotext, then the screen's lines) is
pure, with a plotext figure of its own, so a worker thread can make it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text
from textual.strip import Strip

from app.present import day
from app.tui.chart_theme import ChartTheme, registered
from app.tui.safe_text import clean

if TYPE_CHECKING:  # plotext loads with the first drawing, the analysis with the first read
    from textual_plotext.plot import Plot

    from app.analysis import Analysis, Band, Point, Series

# A marker and a colour per claimant, in order of appearance; the legend names them.
MARKERS = ("●", "▲", "■", "◆", "✚", "★", "○", "△", "□", "◇")
COLOURS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white", "gray", "cyan")
LINE_COLOURS = ("white", "blue", "yellow", "green", "magenta")  # one per series (baseline)
SELECTED_MARKER = "◉"
MIN_DATES = 30  # the chart shows the latest dates, about one per column, at least this many
LONE_DATE_DAYS = 3  # a single date is shown with this many days either side


@dataclass(frozen=True)
class ChartPlan:
    """What a chart draws, chosen from an analysis (cheap); `draw_chart` draws it (not)."""

    metric: str
    place: str | None
    claimant: str | None
    points: list[Point]  # shown: the latest dates that fit
    bands: list[Band]  # held: the best-estimate band over those dates
    lines: list[tuple[str, list[Point]]]  # (series name, the real points its line joins)
    selected: list[Point]  # the shown points of the selected figure

    @property
    def inputs(self) -> tuple:
        """All that the drawing depends on, to compare with what was drawn."""
        return (self.metric, self.place, self.claimant, self.points, self.bands, self.lines,
                self.selected)  # fmt: skip


def plan_chart(
    analysis: Analysis,
    metric: str,
    place: str | None,
    selected: set[int],
    claimant: str | None,
    count: int,
) -> ChartPlan:
    """The series of `metric` (of `claimant`, if chosen) over the latest `count` dates."""
    chosen = [series for series in analysis.series if series.metric == metric]
    points = [
        point
        for series in chosen
        for point in series.points
        if point.as_of and (point.value is not None or point.lo is not None)
        and (claimant is None or point.claimant == claimant)
    ]  # fmt: skip
    points = latest_dates(points, count)
    shown = {id(point) for point in points}
    lines = []
    for series in chosen:
        on_line = line_points(
            [p for p in series.points if id(p) in shown and not analysis.is_doubtful(p)]
        )
        if len(on_line) >= 2:  # a lone figure is its mark; no line to name
            lines.append((series_name(series), on_line))
    bands = _bands(analysis, chosen, points) if metric == "held" else []
    marked = [point for point in points if selected & set(point.figures)]
    return ChartPlan(metric, place, claimant, points, bands, lines, marked)


@dataclass(frozen=True)
class Drawing:
    """A plan drawn at a size: the lines of the chart as the screen shows them."""

    key: tuple  # (the plan's inputs, the size, the theme)
    text: Text
    strips: list[Strip]
    title: Text
    legend: Text | None
    claimants: list[str]
    lines: list[tuple[str, list[int]]]


def draw_chart(plan: ChartPlan, width: int, height: int, theme: ChartTheme, key: tuple) -> Drawing:
    """Plot with a figure of its own, so that a worker thread can draw while the screen runs."""
    from textual_plotext.plot import Plot

    plt = Plot()
    plt.date_form("Y-m-d")
    plt.plotsize(width, height)
    plt._set_size(width, height)  # as textual-plotext's own render does (its issue 5)
    plt.theme(registered(theme))
    points = plan.points
    claimants = claimants_in(points)
    lines = [(name, [plotted_value(point) for point in on_line]) for name, on_line in plan.lines]
    title = _title(plan.metric, plan.place, plan.claimant, plan.bands)
    if not points:
        plt.title(f"no {plan.metric} figures yet")
    else:
        top = max(upper_end(point) for point in points)
        bottom = min(lower_end(point) for point in points)
        rise = max(1, round((top - bottom) * 0.12) or round(top * 0.05))
        _plot_band(plt, plan.bands)  # first, so the figures' own marks stay on top
        for index, (_name, on_line) in enumerate(plan.lines):
            values = [plotted_value(point) for point in on_line]
            colour = LINE_COLOURS[index % len(LINE_COLOURS)]
            plt.plot([point.as_of for point in on_line], values, marker="•", color=colour)
        _plot_intervals(plt, points, rise)
        _plot_claimants(plt, points, claimants)
        if plan.selected:
            plt.scatter(
                [point.as_of for point in plan.selected],
                [plotted_value(point) for point in plan.selected],
                marker=SELECTED_MARKER,
                color="red+",
            )
        _set_axes(plt, points, bottom, top + rise)
    text = Text.from_ansi(plt.build(), no_wrap=True)
    console = Console(width=width, height=height, color_system="truecolor", force_terminal=True,
                      legacy_windows=False, safe_box=False)  # fmt: skip
    rendered = console.render_lines(text, console.options.update_dimensions(width, height))
    strips = [Strip(line, width) for line in rendered]
    legend = _legend(claimants, lines) if points else None
    return Drawing(key, text, strips, title, legend, claimants, lines)


def _bands(analysis: Analysis, chosen: list[Series], points: list[Point]) -> list[Band]:
    since = min((point.as_of for point in points), default="")
    return [
        band
        for series in chosen
        for band in analysis.bands.get(series.key, [])
        if band.as_of and band.as_of >= since and band.low is not None
        and band.high is not None and not only_vague(band)
    ]  # fmt: skip


def _plot_band(plt: Plot, bands: list[Band]) -> None:
    if bands:
        dates = [band.as_of for band in bands]
        plt.plot(dates, [band.low for band in bands], marker="·", color="gray")
        plt.plot(dates, [band.high for band in bands], marker="·", color="gray")


def _plot_intervals(plt: Plot, points: Sequence[Point], rise: int) -> None:
    for point in points:
        low = lower_end(point)
        if point.qualifier == "vague":  # a band and nothing else: it states no number
            high = point.hi if point.hi is not None else low + rise
            plt.plot([point.as_of] * 2, [low, high], marker="┆", color="gray")
        elif point.hi is None:  # open above: a short line rising from the stated bound
            plt.plot([point.as_of] * 2, [low, low + rise], marker="╎", color="gray")
        elif point.hi != low:
            plt.plot([point.as_of] * 2, [low, point.hi], marker="│", color="gray")


def _plot_claimants(plt: Plot, points: Sequence[Point], claimants: list[str]) -> None:
    for index, name in enumerate(claimants):
        own = [p for p in points if p.claimant == name and p.qualifier != "vague"]
        if own:
            plt.scatter(
                [point.as_of for point in own],
                [plotted_value(point) for point in own],
                marker=MARKERS[index % len(MARKERS)],
                color=COLOURS[index % len(COLOURS)],
            )


def _set_axes(plt: Plot, points: Sequence[Point], bottom: int, top: int) -> None:
    dates = sorted({point.as_of[:10] for point in points})
    if len(dates) == 1:  # one date: a week around it, not plotext's decades
        lone = date.fromisoformat(dates[0])
        span = timedelta(days=LONE_DATE_DAYS)
        plt.xlim((lone - span).isoformat(), (lone + span).isoformat())
    if top == bottom:
        bottom, top = bottom - max(1, bottom // 10), top + max(1, top // 10)
    plt.ylim(bottom, top)
    ticks = whole_number_ticks(bottom, top)
    plt.yticks(ticks, [f"{tick:,}" for tick in ticks])  # our labels: plotext's may round


def _legend(claimants: list[str], lines: list[tuple[str, list[int]]]) -> Text:
    """Claimants' marks, and the series' lines when there are several: on the border."""
    legend = Text()
    for index, name in enumerate(claimants):
        marker, colour = MARKERS[index % len(MARKERS)], COLOURS[index % len(COLOURS)]
        legend.append(f"{marker} ", style=_rich_colour(colour))
        legend.append(f"{clean(name)} ")
    if len(lines) > 1 or (lines and lines[0][0] != "all"):
        for index, (name, _values) in enumerate(lines):
            legend.append("─ ", style=_rich_colour(LINE_COLOURS[index % len(LINE_COLOURS)]))
            legend.append(f"{clean(name)} ")
    return legend


def _title(metric: str, place: str | None, claimant: str | None, bands: list[Band]) -> Text:
    title = Text(f"{metric} · {clean(place or 'all places')}")
    if claimant:
        title.append(f" · {clean(claimant)}")
    if bands:
        latest = bands[-1]
        title.append(f" · band {latest.low:,}–{latest.high:,} on {day(latest.as_of)}", "bold")
    return title


def _rich_colour(colour: str) -> str:
    return {"orange": "dark_orange", "gray": "grey50"}.get(colour, colour)


def series_name(series: Series) -> str:
    return f"since {day(series.period_start, with_year=True)}" if series.period_start else "all"


def line_points(points: Sequence[Point]) -> list[Point]:
    """One real point a day for a series' line: not vague, not stale; the one saying most."""
    by_day: dict[str, Point] = {}
    for point in points:
        if point.qualifier == "vague" or point.stale or point.value is None:
            continue
        known = by_day.get(point.as_of)
        if known is None or _says_more(point, known):
            by_day[point.as_of] = point
    return [by_day[as_of] for as_of in sorted(by_day)]


def _says_more(point: Point, other: Point) -> bool:
    def width(p: Point) -> float:
        return float("inf") if p.lo is None or p.hi is None else p.hi - p.lo

    return (width(point), -(point.lo or 0)) < (width(other), -(other.lo or 0))


def only_vague(band: Band) -> bool:
    """A band that only a vague amount ("hundreds") bounds is no estimate worth a line."""
    return all(point.qualifier == "vague" for point in (*band.low_from, *band.high_from))


def latest_dates(points: list[Point], count: int) -> list[Point]:
    """The points of the latest `count` dates: a chart `count` columns wide shows no more, and
    plotext's time grows with every point."""
    dates = sorted({point.as_of for point in points})
    if len(dates) <= count:
        return points
    first = dates[-count]
    return [point for point in points if point.as_of >= first]


def claimants_in(points: Sequence[Point]) -> list[str]:
    return list(dict.fromkeys(point.claimant for point in points))


def plotted_value(point: Point) -> int:
    return point.value if point.value is not None else lower_end(point)


def lower_end(point: Point) -> int:
    return point.lo if point.lo is not None else (point.value or 0)


def upper_end(point: Point) -> int:
    return point.hi if point.hi is not None else plotted_value(point)


def whole_number_ticks(low: int, high: int, count: int = 4) -> list[int]:
    """`count` evenly spaced whole numbers from low to high, both ends included, no repeats."""
    if high <= low:
        return [low]
    return sorted({low + round(i * (high - low) / (count - 1)) for i in range(count)})
