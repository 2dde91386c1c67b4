"""The chart of the `held` and `released` series over time."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

CHARTED_METRICS = {"held": "held", "released": "released"}


class SeriesChart(PlotextPlot):
    """Each metric's figures by date; the value plotted is the lower bound the text allows."""

    def show(self, figures: Sequence[dict]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d")
        plotted: list[int] = []
        for metric, label in CHARTED_METRICS.items():
            points = sorted(
                (figure["as_of"], plotted_value(figure))
                for figure in figures
                if figure["metric"] == metric
                and figure["as_of"]
                and plotted_value(figure) is not None
            )
            if points:
                dates, values = zip(*points, strict=True)
                plt.plot(list(dates), list(values), label=label, marker="dot")
                plotted += values
        if plotted:
            plt.yticks(whole_number_ticks(min(plotted), max(plotted)))
        self.refresh()


def plotted_value(figure: dict) -> int | None:
    return figure["value"] if figure["value"] is not None else figure["low"]


def whole_number_ticks(low: int, high: int, count: int = 4) -> list[int]:
    """Evenly spaced whole numbers from low to high: people are counted in whole numbers."""
    if high <= low:
        return [low]
    step = max(1, round((high - low) / (count - 1)))
    return list(range(low, high, step)) + [high]
