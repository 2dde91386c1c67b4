"""The chart of one metric's series in one place: points marked by claimant, intervals drawn.

An exact figure is a point; "at least"/"more than" is a point with a line rising from it
(an open interval); "about", a range or a vague amount is a line over its band. For `held`,
the best-estimate band the sources together allow is drawn as two dotted lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from app.analysis import Analysis, Band, Point

# A marker and a colour per claimant, in order of appearance; the legend names them.
MARKERS = ("●", "▲", "■", "◆", "✚", "★", "○", "△", "□", "◇")
COLOURS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white", "gray", "cyan")
SELECTED_MARKER = "◉"
MIN_DATES = 30  # the chart shows the latest dates, about one per column, at least this many


class SeriesChart(PlotextPlot):
    """Plots the series of `metric` from an analysis; call `show` again to redraw."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn = 0  # bumped by each `show`
        self._rendered: tuple[tuple, RenderResult] | None = None

    def render(self) -> RenderResult:
        """Plotext builds the whole chart as text each time: do it only when something changed,
        not on every repaint (a notification passing over the chart repaints it)."""
        key = (self.size, self._drawn, self.app.theme, self.theme)
        if self._rendered is None or self._rendered[0] != key:
            self._rendered = (key, super().render())
        return self._rendered[1]

    def show(self, analysis: Analysis, metric: str, place: str | None, selected: set[int]) -> None:
        points = [
            point
            for series in analysis.series
            if series.metric == metric
            for point in series.points
            if point.as_of and (point.value is not None or point.lo is not None)
        ]
        points = latest_dates(points, max(MIN_DATES, self.size.width))
        self._drawn += 1
        self.border_title = f"{metric} · {place or 'all places'}"
        plt = self.plt
        plt.clear_figure()
        plt.date_form("Y-m-d")
        if not points:
            plt.title(f"no {metric} figures yet")
            self.refresh()
            return
        top = max(upper_end(point) for point in points)
        bottom = min(lower_end(point) for point in points)
        rise = max(1, round((top - bottom) * 0.12) or round(top * 0.05))
        if metric == "held":  # drawn first, so the figures' own marks stay on top
            self._plot_band(analysis, metric, since=min(point.as_of for point in points))
        self._plot_intervals(points, rise)
        self._plot_claimants(points)
        self._plot_selected(points, selected)
        ticks = whole_number_ticks(bottom, top + rise)
        plt.yticks(ticks, [f"{tick:,}" for tick in ticks])  # our labels: plotext's may round
        self.refresh()

    def _plot_intervals(self, points: Sequence[Point], rise: int) -> None:
        for point in points:
            low = lower_end(point)
            if point.hi is None:  # open above: a short line rising from the stated bound
                self.plt.plot([point.as_of] * 2, [low, low + rise], marker="╎", color="gray")
            elif point.hi != low:
                self.plt.plot([point.as_of] * 2, [low, point.hi], marker="│", color="gray")

    def _plot_claimants(self, points: Sequence[Point]) -> None:
        for index, claimant in enumerate(claimants_in(points)):
            own = [point for point in points if point.claimant == claimant]
            self.plt.scatter(
                [point.as_of for point in own],
                [plotted_value(point) for point in own],
                marker=MARKERS[index % len(MARKERS)],
                color=COLOURS[index % len(COLOURS)],
                label=claimant,
            )

    def _plot_band(self, analysis: Analysis, metric: str, since: str) -> None:
        bands = [
            band
            for series in analysis.series
            if series.metric == metric
            for band in analysis.bands.get(series.key, [])
            if band.as_of
            and band.as_of >= since
            and band.low is not None
            and band.high is not None
            and not only_vague(band)
        ]
        if not bands:
            return
        dates = [band.as_of for band in bands]
        self.plt.plot(dates, [band.low for band in bands], marker="·", color="gray", label="band")
        self.plt.plot(dates, [band.high for band in bands], marker="·", color="gray")

    def _plot_selected(self, points: Sequence[Point], selected: set[int]) -> None:
        chosen = [point for point in points if selected & set(point.figures)]
        if chosen:
            self.plt.scatter(
                [point.as_of for point in chosen],
                [plotted_value(point) for point in chosen],
                marker=SELECTED_MARKER,
                color="red+",
            )


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
