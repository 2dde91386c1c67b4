"""The figures table: one row per stored figure, loaded a page at a time.

Rows that take part in a finding carry its glyph (and a jump its change), so the marks read
without colour too. Rows are built in a worker; a reload changes only the cells that changed,
or replaces the page keeping the cursor on the figure it was on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.render import measure
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from app.present import format_period, format_value
from app.tui.dashboard_data import Mark
from app.tui.safe_text import plain

# (label, sort key) per column; the mark column cannot be sorted.
COLUMNS = (
    ("Mark", None),
    ("Date", "as_of"),
    ("Figure", "value"),
    ("Metric", "metric"),
    ("Since", "period_start"),
    ("Claimant", "claimant"),
    ("Source", "source"),
    ("Lang", "language"),
)

MARK_STYLES = {"meaning_clash": "bold magenta", "disagreement": "bold red", "jump": "bold yellow"}
LOAD_MORE_WITHIN = 20  # rows from the end at which the next page is asked for


class FiguresTable(DataTable):
    """Stored figures; the row key is the figure id."""

    # Home and End go to the first and last row (DataTable's own go to the first/last column).
    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    @dataclass
    class MoreWanted(Message):
        """The cursor is near the last loaded row: load the page from `offset`."""

        offset: int

    @dataclass
    class SortWanted(Message):
        column: str

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.figures_by_id: dict[int, dict] = {}
        self.cells_by_id: dict[int, list] = {}
        self.total = 0
        self._asked_offset = -1

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key or "mark")

    def show(self, rows: Sequence[Row], total: int, same_view: bool = False) -> None:
        """Show a new first page. In the same view, by difference: rows that left the page are
        removed, new ones added, changed cells updated and the rows put in order, the cursor
        staying on its figure; later pages are dropped (they load again as the cursor nears
        the end). In a new view the rows are replaced. `rows` are built in a worker."""
        self.total = total
        selected = self.selected_figure()
        if not same_view or not self.row_count:
            self._replace(rows, selected)
            return
        wanted = {figure["id"] for figure, _cells in rows}
        for figure_id in [known for known in self.figures_by_id if known not in wanted]:
            self.remove_row(str(figure_id))
            del self.figures_by_id[figure_id], self.cells_by_id[figure_id]
        for figure, cells in rows:
            if figure["id"] in self.figures_by_id:
                self._update_row(figure, cells)
            else:
                self.append([(figure, cells)])
        order = [figure["id"] for figure, _cells in rows]
        if list(self.figures_by_id) != order:
            self._put_in_order(order, selected)
        self._asked_offset = -1

    def _replace(self, rows: Sequence[Row], selected: dict | None) -> None:
        row, scroll_y = self.cursor_row, self.scroll_y
        self.figures_by_id, self.cells_by_id = {}, {}
        self.clear()
        self.append(rows)
        if selected is not None and selected["id"] in self.figures_by_id:
            row = self.get_row_index(str(selected["id"]))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False, scroll=False)
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self._asked_offset = -1

    def _put_in_order(self, order: list[int], selected: dict | None) -> None:
        """DataTable cannot insert a row above others: sort by each row's place in `order`,
        told by the identity of its first cell (cells are stored as given)."""
        place = {id(self.cells_by_id[figure_id][0]): n for n, figure_id in enumerate(order)}
        self.sort(key=lambda values: place[id(values[0])])
        self.figures_by_id = {figure_id: self.figures_by_id[figure_id] for figure_id in order}
        if selected is not None and selected["id"] in self.figures_by_id:
            row = order.index(selected["id"])
            self.move_cursor(row=row, animate=False, scroll=False)

    def append(self, rows: Sequence[Row]) -> None:
        for figure, cells in rows:
            if figure["id"] in self.figures_by_id:
                continue
            self.figures_by_id[figure["id"]] = figure
            self.cells_by_id[figure["id"]] = cells
            self.add_row(*cells, key=str(figure["id"]))

    def _update_row(self, figure: dict, cells: list) -> None:
        """Only the cells that changed; unchanged ones keep their objects."""
        old = self.cells_by_id[figure["id"]]
        self.figures_by_id[figure["id"]] = figure
        for number, ((_label, key), before, after) in enumerate(
            zip(COLUMNS, old, cells, strict=True)
        ):
            if before != after:
                old[number] = after
                self._widen(key or "mark", after)
                self.update_cell(str(figure["id"]), key or "mark", after, update_width=True)

    def _widen(self, column_key: str, cell: Text | str) -> None:
        """Widen a column for a wider cell before the cell changes. DataTable widens it only
        when next idle, and keeps the lines it drew meanwhile until the next change: a
        jump's mark arriving with a later read stayed cut at the column's old width."""
        column = self.columns[ColumnKey(column_key)]
        column.content_width = max(column.content_width, measure(self.app.console, cell, 1))

    def selected_figure(self) -> dict | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.figures_by_id.get(int(row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        loaded = self.row_count
        near_end = event.cursor_row >= loaded - LOAD_MORE_WITHIN
        if loaded < self.total and near_end and self._asked_offset != loaded:
            self._asked_offset = loaded  # ask once per page
            self.post_message(self.MoreWanted(loaded))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value != "mark":
            self.post_message(self.SortWanted(event.column_key.value))


Row = tuple[dict, list]  # a figure and its cells


def rows_of(figures: Sequence[dict], marks: dict[int, Mark]) -> list[Row]:
    """The table's rows, built where it is cheap to build them: in a worker."""
    return [(figure, cells_of(figure, marks.get(figure["id"]))) for figure in figures]


def cells_of(figure: dict, mark: Mark | None) -> list[Text]:
    stale = " (stale)" if figure.get("stale") else ""
    return [
        mark_cell(mark),
        plain(figure["as_of"] or "undated"),
        plain(format_value(figure) + stale, style="bold"),
        plain(figure["metric"]),
        plain(format_period(figure).removeprefix("since ")),
        plain(figure["claimant"]),
        plain(source_label(figure)),
        plain(figure.get("language") or ""),
    ]


def mark_cell(mark: Mark | None) -> Text:
    if mark is None:
        return Text("")
    style = next((MARK_STYLES[kind] for kind in MARK_STYLES if kind in mark.kinds), "dim")
    return Text(f"{mark.glyphs}{mark.delta}", style=style, no_wrap=True)


def source_label(figure: dict) -> str:
    """A web page by its feed's name ("El Pitazo"); a file by its name."""
    source = figure["source"] or ""
    if source.startswith(("http://", "https://")):
        return figure.get("source_name") or source.split("/")[2]
    return source.rsplit("/", 1)[-1]
