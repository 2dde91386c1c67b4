"""The main screen: the chart and findings over the figures table, live.

Reading runs in thread workers, each with its own connection; results come back as
messages, so keys answer while a poll runs. New figures from this process or any other
appear without moving the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from app.present import dashboard_subtitle
from app.tui.dashboard_data import (
    DashboardData,
    DataLoaded,
    FirstPageLoaded,
    PageLoaded,
    View,
    metric_for_key,
    next_in,
)
from app.tui.dashboard_keys import DASHBOARD_KEYS, FULL_FOOTER_WIDTH, SNAPSHOT_KEY
from app.tui.dashboard_reads import read_dashboard, read_page
from app.tui.figures_table import COLUMNS, FiguresTable
from app.tui.filter_box import FilterBox
from app.tui.findings_list import FindingsList
from app.tui.headline_strip import HeadlineStrip
from app.tui.news_toasts import NewsToasts
from app.tui.read_turns import ReadTurns
from app.tui.series_chart import SeriesChart

if TYPE_CHECKING:  # (the analysis loads with the first read, in its worker)
    from app.analysis import Finding
    from app.config import FindingsConfig

CHANGE_CHECK_S = 2.0  # how often to look for figures stored by another process
RELOAD_GAP_S = 2.0  # new figures are read at most every 2 s (as other processes' are); keys at once
MARK_REST_S = 0.15  # the chart's selected mark follows the cursor once it rests this long
SORT_COLUMNS = [key for _label, key in COLUMNS if key]
_ENDED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
SHORT_HEIGHT = 30  # below this many rows the headline strip keeps its two first lines
NARROW_WIDTH = 110  # below this many columns: no topic name in the header, wider findings


class DashboardScreen(Screen):
    BINDINGS = DASHBOARD_KEYS

    # The header watches the sub-title; as a var its change repaints the header, not the screen
    # (Screen's own is a reactive: each new count or poll status would repaint everything).
    sub_title: var[str | None] = var(None)

    def __init__(self, view: View, settings: Callable[[], FindingsConfig]) -> None:
        super().__init__()
        self.view = view
        self.settings = settings  # feeds.yaml's for findings (read once the first page is shown)
        self.data: DashboardData | None = None
        self.listed: View | None = None  # the view whose figures the table lists
        self.listed_total: int | None = None  # how many figures match it
        self.reads = ReadTurns(
            lambda: self.load_data(self.view, self.data), self.set_timer, RELOAD_GAP_S
        )
        self.news = NewsToasts(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield HeadlineStrip(id="headline")
        with Horizontal(id="top"):
            yield SeriesChart(id="chart")
            yield FindingsList(id="findings")
        yield FiguresTable(id="figures")
        yield FilterBox(id="filter")
        yield Footer(compact=True)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")
        narrow = self.size.width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        self.title = "tallywatch" if narrow else self.app.topic_name
        self.query_one(Footer).show_command_palette = not narrow
        # Bindings are fixed per class; this one is shown or not by the width, so that the
        # footer keeps every other key at 80 columns.
        shown = self.size.width >= FULL_FOOTER_WIDTH
        self._bindings.key_to_bindings["e"] = [replace(SNAPSHOT_KEY, show=shown)]
        self.refresh_bindings()

    def on_mount(self) -> None:
        self.query_one(FiguresTable).focus()
        for said_in_header in ("poll_status", "db_problem"):
            self.watch(self.app, said_in_header, self.update_subtitle, init=False)
        self.update_subtitle()
        self.reload()
        self.set_interval(CHANGE_CHECK_S, partial(self.reload, now=False))
        self._mark_rest = self.set_interval(MARK_REST_S, self._redraw_mark, pause=True)

    # -- loading ----------------------------------------------------------------------------

    def reload(self, *, now: bool = True) -> None:
        """Read again in a worker, in turn (read_turns.py): new figures (`now=False`) at most
        every RELOAD_GAP_S, a read the watcher asked for at once."""
        self.reads.ask(now=now)

    @on(Worker.StateChanged)
    def _load_ended(self, event: Worker.StateChanged) -> None:
        if event.state in _ENDED:
            self.app.worker_ended(event.worker)  # failures said on screen
            self.reads.ended(event.worker)

    class ReloadWanted(Message):
        """Figures may have been stored. A burst (forty polls ending together) is one read: a
        newer request replaces one still queued, and a read under way is followed by one."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DashboardScreen.ReloadWanted)

    @on(ReloadWanted)
    def reload_wanted(self) -> None:
        self.reload(now=False)

    @work(thread=True, group="load", exit_on_error=False)
    def load_data(self, view: View, previous: DashboardData | None) -> None:
        loaded = read_dashboard(self.app.db_path, view, previous, self.settings,
                                self.app.today or date.today(), self._post_if_live)  # fmt: skip
        if loaded is not None:
            self._post_if_live(loaded)

    @work(thread=True, group="page", exit_on_error=False)
    def load_more(self, view: View, offset: int, findings: list[Finding]) -> None:
        self._post_if_live(read_page(self.app.db_path, view, offset, findings))

    def _post_if_live(self, message: Message) -> None:
        """From a read's worker; a cancelled read's screen is going: nothing to show it on
        (and a first page no paint will follow lets its read go on at once)."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)
        elif isinstance(message, FirstPageLoaded):
            message.painted.set()

    @on(FirstPageLoaded)
    def show_first_page(self, message: FirstPageLoaded) -> None:
        """The first page at once (the count if it is the one shown); the headline says what
        is still being read."""
        same_figures = self.listed and self.listed.figure_filter == message.view.figure_filter
        self._list(message.view, message.rows, self.listed_total if same_figures else None)
        if self.data is None or self.data.view.place != message.view.place:
            self.query_one(HeadlineStrip).reading(message.view.place)
        self.call_after_refresh(message.painted.set)

    def _list(self, view: View, rows: list, total: int | None) -> None:
        """`total`: how many figures match the view, None while it is being counted."""
        table = self.query_one(FiguresTable)
        with table.prevent(DataTable.RowHighlighted):  # a refresh is not the watcher's move
            table.show(rows, len(rows) if total is None else total, view.lists_as(self.listed))
        self.listed, self.listed_total = view, total
        self.update_subtitle()

    @on(DataLoaded)
    def show_data(self, message: DataLoaded) -> None:
        previous, data = self.data, message.data
        self.data = data
        self._list(data.view, message.rows, data.total)
        self.query_one(FindingsList).show(message.lines, len(data.analysis.findings))
        # In a worker (the first at once); left alone if what it draws did not change.
        self.redraw_chart(at_once=False)
        if previous is None or data.headline != previous.headline or previous.view != data.view:
            self.query_one(HeadlineStrip).show(data.view.place, data.headline)
        if previous is not None:
            self.news.announce(message.arrived, previous, data, message.loud)

    @on(PageLoaded)
    def add_page(self, message: PageLoaded) -> None:
        if message.view == self.view:
            self.query_one(FiguresTable).append(message.rows)

    @on(FiguresTable.MoreWanted)
    def want_more(self, message: FiguresTable.MoreWanted) -> None:
        if self.data is not None:
            self.load_more(self.view, message.offset, self.data.analysis.findings)

    # -- the chart follows the table ----------------------------------------------------------

    @on(DataTable.RowHighlighted, "#figures")
    def follow_selection(self) -> None:
        """Another metric: the chart changes at once. The same metric: only the selected mark
        moves, drawn once the cursor rests, so that holding Down is not a plot per row."""
        figure = self.query_one(FiguresTable).selected_figure()
        if figure is not None and figure["metric"] != self.view.metric:
            self._mark_rest.pause()
            self.view = self.view.with_changes(metric=figure["metric"])
            self.redraw_chart()
        else:
            self._mark_rest.reset()  # (a paused timer that each move starts again)

    def _redraw_mark(self) -> None:
        self._mark_rest.pause()
        self.redraw_chart(at_once=False)

    def redraw_chart(self, *, at_once: bool = True) -> None:
        """At once for a key that changes the chart; in the chart's worker otherwise."""
        if self.data is None:
            return
        figure = self.query_one(FiguresTable).selected_figure()
        selected = {figure["id"]} if figure else set()
        view, chart = self.view, self.query_one(SeriesChart)
        chart.show(self.data.analysis, view.metric, view.place, selected, view.claimant,
                   at_once=at_once)  # fmt: skip

    # -- opening documents and findings ----------------------------------------------------

    @on(DataTable.RowSelected, "#figures")
    def open_selected_figure(self) -> None:
        figure = self.query_one(FiguresTable).selected_figure()
        if figure is not None:
            self.app.open_document(figure["document_id"], figure["id"])

    @on(OptionList.OptionSelected, "#findings")
    def open_selected_finding(self) -> None:
        finding: Finding | None = self.query_one(FindingsList).selected_finding()
        if finding is not None:
            self.app.open_finding(finding)

    # -- choosing what to see ------------------------------------------------------------------

    def action_metric(self, key: str) -> None:
        metric = metric_for_key(key)
        if metric is not None:
            self.view = self.view.with_changes(metric=metric)
            self.redraw_chart()

    def action_cycle_place(self) -> None:
        places = self.data.places if self.data else []
        place = next_in(places, self.view.place, with_none=False) or self.view.place
        self.change_view(place=place, claimant=None)
        self.notify(f"Place: {place}", markup=False)

    def action_cycle_claimant(self) -> None:
        claimant = next_in(self.data.claimants if self.data else [], self.view.claimant)
        self.change_view(claimant=claimant)
        self.notify(f"Claimant: {claimant or 'all'}", markup=False)

    def action_cycle_sort(self) -> None:
        self.sort_by(next_in(SORT_COLUMNS, self.view.sort, with_none=False))

    @on(FiguresTable.SortWanted)
    def sort_by_header(self, message: FiguresTable.SortWanted) -> None:
        self.sort_by(message.column)

    def sort_by(self, column: str) -> None:
        # The same column again flips the order.
        descending = not self.view.descending if column == self.view.sort else True
        self.change_view(sort=column, descending=descending)
        name = next(label for label, key in COLUMNS if key == column)
        self.notify(f"Sorted by {name}, {'descending' if descending else 'ascending'}")

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(FilterBox.Applied)
    def apply_filter(self, message: FilterBox.Applied) -> None:
        self.change_view(text=message.text)
        self.query_one(FiguresTable).focus()

    def change_view(self, **changes) -> None:
        self.view = self.view.with_changes(**changes)
        self.update_subtitle()
        self.reload()

    def action_toggle_focus(self) -> None:
        table, findings = self.query_one(FiguresTable), self.query_one(FindingsList)
        (findings if table.has_focus else table).focus()

    def update_subtitle(self) -> None:
        view = self.view
        self.sub_title = dashboard_subtitle(
            self.app.db_problem, self.listed_total, view.claimant, view.text, self.app.poll_status
        )
