"""The figures table: one row per stored figure, newest data without moving the cursor."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import DataTable

from app.figure_text import format_period, format_value
from app.tui.safe_text import plain

COLUMNS = (
    ("Date", "as_of"),
    ("Figure", "value"),
    ("Metric", "metric"),
    ("Since", "period_start"),
    ("Claimant", "claimant"),
    ("Source", "source"),
)


class FiguresTable(DataTable):
    """Stored figures; the row key is the figure id."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.figures_by_id: dict[int, dict] = {}

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key)

    def show(self, figures: Sequence[dict]) -> None:
        """Replace the rows, keeping the cursor on the figure it was on."""
        selected = self.selected_figure()
        self.figures_by_id = {figure["id"]: figure for figure in figures}
        self.clear()
        for figure in sorted(figures, key=newest_first):
            self.add_row(*self._cells(figure), key=str(figure["id"]))
        if selected is not None and selected["id"] in self.figures_by_id:
            self.move_cursor(row=self.get_row_index(str(selected["id"])), animate=False)

    def selected_figure(self) -> dict | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.figures_by_id.get(int(row_key.value))

    @staticmethod
    def _cells(figure: dict) -> list:
        stale = " (stale)" if figure.get("stale") else ""
        return [
            plain(figure["as_of"] or "undated"),
            plain(format_value(figure) + stale, style="bold"),
            plain(figure["metric"]),
            plain(format_period(figure).removeprefix("since ")),
            plain(figure["claimant"]),
            plain(figure["source"].rsplit("/", 1)[-1] if figure["source"] else ""),
        ]


def newest_first(figure: dict) -> tuple:
    """Latest date first; within a date, by document and in reading order."""
    as_of = figure["as_of"] or "0000"
    return (-int(as_of.replace("-", "")[:8].ljust(8, "0")), figure["document_id"], figure["start"])
