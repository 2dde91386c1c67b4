"""The figures table: one row per stored figure, loaded a page at a time.

Rows that take part in a finding carry its glyph (and a jump its change), so the marks read
without colour too. Replacing the rows keeps the cursor on the figure it was on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from app.figure_text import format_period, format_value
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
        self.marks: dict[int, Mark] = {}
        self.total = 0
        self._asked_offset = -1

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key or "mark")

    def show(self, figures: Sequence[dict], marks: dict[int, Mark], total: int) -> None:
        """Replace the rows, keeping the cursor on the figure it was on (or its row)."""
        selected = self.selected_figure()
        row, scroll_y = self.cursor_row, self.scroll_y
        self.marks, self.total = marks, total
        self.figures_by_id = {}
        self.clear()
        self.append(figures, {})
        if selected is not None and selected["id"] in self.figures_by_id:
            row = self.get_row_index(str(selected["id"]))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False, scroll=False)
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self._asked_offset = -1

    def append(self, figures: Sequence[dict], marks: dict[int, Mark]) -> None:
        self.marks.update(marks)
        for figure in figures:
            if figure["id"] in self.figures_by_id:
                continue
            self.figures_by_id[figure["id"]] = figure
            self.add_row(*self._cells(figure), key=str(figure["id"]))

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

    def _cells(self, figure: dict) -> list:
        stale = " (stale)" if figure.get("stale") else ""
        return [
            self._mark_cell(self.marks.get(figure["id"])),
            plain(figure["as_of"] or "undated"),
            plain(format_value(figure) + stale, style="bold"),
            plain(figure["metric"]),
            plain(format_period(figure).removeprefix("since ")),
            plain(figure["claimant"]),
            plain(source_label(figure)),
            plain(figure.get("language") or ""),
        ]

    @staticmethod
    def _mark_cell(mark: Mark | None) -> Text:
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
