"""The chart of one metric in one place: one line per series (its baseline), claimants as marks,
intervals as bands, and for `held` the best-estimate band with its numbers written.

A line joins a series' real figures, one a day (the one that says most); vague amounts
("hundreds") and stale or doubtful figures stay off it. An exact figure is a mark; "at
least"/"more than" a mark with a short line rising from it; "about" or a range a mark on a
bar over its band; a vague amount only its bar, no mark (it states no number). The legend
sits on the border, so it covers no point. The chart follows the claimant filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from app.analysis import Analysis, Band, Point, Series
from app.present import day
from app.tui.safe_text import clean

# A marker and a colour per claimant, in order of appearance; the legend names them.
MARKERS = ("●", "▲", "■", "◆", "✚", "★", "○", "△", "□", "◇")
COLOURS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white", "gray", "cyan")
LINE_COLOURS = ("white", "blue", "yellow", "green", "magenta")  # one per series (baseline)
SELECTED_MARKER = "◉"
MIN_DATES = 30  # the chart shows the latest dates, about one per column, at least this many
LONE_DATE_DAYS = 3  # a single date is shown with this many days either side


class SeriesChart(PlotextPlot):
    """Plots the series of `metric` from an analysis; call `show` again to redraw."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn = 0  # bumped by each `show`
        self._rendered: tuple[tuple, RenderResult] | None = None
        self._inputs: tuple | None = None  # what the chart was last drawn from
        self.claimants: list[str] = []  # in legend order, for tests and the legend
        self.lines: list[tuple[str, list[int]]] = []  # (series name, the values its line joins)
        self.selected: set[int] = set()  # the figures marked as selected

    def render(self) -> RenderResult:
        """Plotext builds the whole chart as text each time: do it only when something changed,
        not on every repaint (a notification passing over the chart repaints it)."""
        key = (self.size, self._drawn, self.app.theme, self.theme)
        if self._rendered is None or self._rendered[0] != key:
            self._rendered = (key, super().render())
        return self._rendered[1]

    def show(
        self,
        analysis: Analysis,
        metric: str,
        place: str | None,
        selected: set[int],
        claimant: str | None = None,
    ) -> None:
        chosen = [series for series in analysis.series if series.metric == metric]
        points = [
            point
            for series in chosen
            for point in series.points
            if point.as_of and (point.value is not None or point.lo is not None)
            and (claimant is None or point.claimant == claimant)
        ]  # fmt: skip
        points = latest_dates(points, max(MIN_DATES, self.size.width))
        bands = self._bands(analysis, chosen, points) if metric == "held" else []
        # What the drawing depends on: the same again (a reload that changed other series, the
        # cursor on a figure off the chart) leaves the chart as drawn.
        inputs = (
            metric, place, claimant, self.size.width, points, bands,
            [point for point in points if selected & set(point.figures)],
            [analysis.is_doubtful(point) for point in points],
        )  # fmt: skip
        if inputs == self._inputs:
            return
        self._inputs = inputs
        self._drawn += 1
        self.selected = selected
        plt = self.plt
        plt.clear_figure()
        plt.date_form("Y-m-d")
        self.border_title = _title(metric, place, claimant, bands)
        self.claimants, self.lines = claimants_in(points), []
        if not points:
            plt.title(f"no {metric} figures yet")
            self.border_subtitle = None
            self.refresh()
            return
        top = max(upper_end(point) for point in points)
        bottom = min(lower_end(point) for point in points)
        rise = max(1, round((top - bottom) * 0.12) or round(top * 0.05))
        shown = {id(point) for point in points}
        self._plot_band(bands)  # first, so the figures' own marks stay on top
        self._plot_lines(chosen, shown, analysis)
        self._plot_intervals(points, rise)
        self._plot_claimants(points)
        self._plot_selected(points, selected)
        self._set_axes(points, bottom, top + rise)
        self.border_subtitle = self._legend()
        self.refresh()

    def _bands(self, analysis: Analysis, chosen: list[Series], points: list[Point]) -> list[Band]:
        since = min((point.as_of for point in points), default="")
        return [
            band
            for series in chosen
            for band in analysis.bands.get(series.key, [])
            if band.as_of and band.as_of >= since and band.low is not None
            and band.high is not None and not only_vague(band)
        ]  # fmt: skip

    def _plot_band(self, bands: list[Band]) -> None:
        if bands:
            dates = [band.as_of for band in bands]
            self.plt.plot(dates, [band.low for band in bands], marker="·", color="gray")
            self.plt.plot(dates, [band.high for band in bands], marker="·", color="gray")

    def _plot_lines(self, chosen: list[Series], shown: set[int], analysis: Analysis) -> None:
        for series in chosen:
            on_line = line_points(
                [p for p in series.points if id(p) in shown and not analysis.is_doubtful(p)]
            )
            if not on_line:
                continue
            if len(on_line) < 2:
                continue  # a lone figure is its mark; no line to name
            colour = LINE_COLOURS[len(self.lines) % len(LINE_COLOURS)]
            values = [plotted_value(point) for point in on_line]
            self.lines.append((series_name(series), values))
            self.plt.plot([point.as_of for point in on_line], values, marker="•", color=colour)

    def _plot_intervals(self, points: Sequence[Point], rise: int) -> None:
        for point in points:
            low = lower_end(point)
            if point.qualifier == "vague":  # a band and nothing else: it states no number
                high = point.hi if point.hi is not None else low + rise
                self.plt.plot([point.as_of] * 2, [low, high], marker="┆", color="gray")
            elif point.hi is None:  # open above: a short line rising from the stated bound
                self.plt.plot([point.as_of] * 2, [low, low + rise], marker="╎", color="gray")
            elif point.hi != low:
                self.plt.plot([point.as_of] * 2, [low, point.hi], marker="│", color="gray")

    def _plot_claimants(self, points: Sequence[Point]) -> None:
        for index, name in enumerate(self.claimants):
            own = [p for p in points if p.claimant == name and p.qualifier != "vague"]
            if own:
                self.plt.scatter(
                    [point.as_of for point in own],
                    [plotted_value(point) for point in own],
                    marker=MARKERS[index % len(MARKERS)],
                    color=COLOURS[index % len(COLOURS)],
                )

    def _plot_selected(self, points: Sequence[Point], selected: set[int]) -> None:
        chosen = [point for point in points if selected & set(point.figures)]
        if chosen:
            self.plt.scatter(
                [point.as_of for point in chosen],
                [plotted_value(point) for point in chosen],
                marker=SELECTED_MARKER,
                color="red+",
            )

    def _set_axes(self, points: Sequence[Point], bottom: int, top: int) -> None:
        dates = sorted({point.as_of[:10] for point in points})
        if len(dates) == 1:  # one date: a week around it, not plotext's decades
            lone = date.fromisoformat(dates[0])
            span = timedelta(days=LONE_DATE_DAYS)
            self.plt.xlim((lone - span).isoformat(), (lone + span).isoformat())
        if top == bottom:
            bottom, top = bottom - max(1, bottom // 10), top + max(1, top // 10)
        self.plt.ylim(bottom, top)
        ticks = whole_number_ticks(bottom, top)
        self.plt.yticks(ticks, [f"{tick:,}" for tick in ticks])  # our labels: plotext's may round

    def _legend(self) -> Text:
        """Claimants' marks, and the series' lines when there are several: on the border."""
        legend = Text()
        for index, name in enumerate(self.claimants):
            marker, colour = MARKERS[index % len(MARKERS)], COLOURS[index % len(COLOURS)]
            legend.append(f"{marker} ", style=_rich_colour(colour))
            legend.append(f"{clean(name)} ")
        if len(self.lines) > 1 or (self.lines and self.lines[0][0] != "all"):
            for index, (name, _values) in enumerate(self.lines):
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
