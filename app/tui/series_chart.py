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
        plt.title("Political prisoners: held and released")
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
        self.refresh()


def plotted_value(figure: dict) -> int | None:
    return figure["value"] if figure["value"] is not None else figure["low"]
