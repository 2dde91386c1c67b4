"""The chart widget: the series of one metric in one place (see chart_drawing.py for what it
draws and how). It follows the claimant filter and the selected row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import RenderResult
from textual.color import Color
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from app.tui.chart_drawing import (
    MIN_DATES,
    ChartPlan,
    Drawing,
    draw_chart,
    plan_chart,
)
from app.tui.chart_theme import ChartTheme

if TYPE_CHECKING:  # (the analysis loads with the first read, in its worker)
    from app.analysis import Analysis


class SeriesChart(Widget):
    """Plots the series of a metric from an analysis; call `show` again to redraw.

    A drawing is made off the event loop (plotext builds the chart as text, which then becomes
    the screen's lines) by a thread worker, except when a key asks for it: then at once. Only
    the drawing still wanted is shown; one that was overtaken is dropped."""

    DEFAULT_CSS = """
    SeriesChart {
        width: 1fr;
        height: 1fr;
    }
    """

    @dataclass
    class Drawn(Message):
        drawing: Drawing

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._plan: ChartPlan | None = None
        self._wanted: tuple | None = None  # the key of the drawing asked for last
        self._drawing: Drawing | None = None  # the drawing shown
        self.claimants: list[str] = []  # in legend order, for tests and the legend
        self.lines: list[tuple[str, list[int]]] = []  # (series name, the values its line joins)
        self.selected: set[int] = set()  # the figures marked as selected

    def show(
        self,
        analysis: Analysis,
        metric: str,
        place: str | None,
        selected: set[int],
        claimant: str | None = None,
        *,
        at_once: bool = True,
    ) -> None:
        """Draw the series of `metric`: at once (a key asked), or in a worker (a reload, the
        cursor resting); nothing if what it would draw is what is drawn or being drawn."""
        count = max(MIN_DATES, self.size.width)
        self._plan = plan_chart(analysis, metric, place, selected, claimant, count)
        self.selected = selected
        self._draw_plan(at_once)

    def _draw_plan(self, at_once: bool) -> None:
        plan, (width, height) = self._plan, self.size
        if plan is None or not width or not height:  # not laid out yet: drawn on its resize
            return
        theme = self._theme()
        key = (plan.inputs, width, height, theme)
        if key == self._wanted:
            return
        self._wanted = key
        if at_once or self._drawing is None:
            self._show_drawing(draw_chart(plan, width, height, theme, key))
        else:
            self._draw_in_thread(plan, width, height, theme, key)

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def _draw_in_thread(
        self, plan: ChartPlan, width: int, height: int, theme: ChartTheme, key
    ) -> None:
        drawing = draw_chart(plan, width, height, theme, key)
        if not get_current_worker().is_cancelled:  # a newer drawing was asked for
            self.post_message(self.Drawn(drawing))

    @on(Drawn)
    def _drawn(self, message: Drawn) -> None:
        message.stop()
        if message.drawing.key == self._wanted:  # not overtaken by a drawing made at once
            self._show_drawing(message.drawing)

    def _show_drawing(self, drawing: Drawing) -> None:
        previous, self._drawing = self._drawing, drawing
        self.claimants, self.lines = drawing.claimants, drawing.lines
        if previous is None or previous.title != drawing.title:
            self.border_title = drawing.title
        if previous is None or previous.legend != drawing.legend:
            self.border_subtitle = drawing.legend
        self.refresh()

    def on_resize(self) -> None:
        if self._plan is not None:
            self._draw_plan(at_once=False)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme_changed())

    def _theme_changed(self) -> None:
        if self._plan is not None:
            self._draw_plan(at_once=False)

    def _theme(self) -> ChartTheme:
        variables = self.app.theme_variables
        return ChartTheme(
            self.app.theme,
            Color.parse(variables["surface"]).rgb,
            Color.parse(variables["foreground"]).rgb,
        )

    def render(self) -> RenderResult:
        """The chart as drawn (the screen takes its lines from `render_line`)."""
        return self._drawing.text if self._drawing is not None else Text()

    def render_line(self, y: int) -> Strip:
        """A line of the drawing as it was made in the worker: nothing is built here."""
        width = self.size.width
        strips = self._drawing.strips if self._drawing is not None else []
        strip = strips[y] if y < len(strips) else Strip.blank(width)
        return strip.crop_extend(0, width, None).apply_style(self.rich_style)
