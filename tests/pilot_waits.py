"""Waiting in pilot tests for the condition a test asserts, never for a fixed time.

Textual's `workers.wait_for_complete()` raises when an exclusive worker is cancelled by a
newer one (a key that changes the view restarts the dashboard's read), so these helpers
watch state instead, with a generous upper bound for a loaded machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable

TIMEOUT_S = 30.0


async def wait_until(pilot, condition: Callable[[], object], what: str, timeout=TIMEOUT_S):
    """Pause the test (not the app) until `condition()` holds; fail naming `what`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.02)
    await pilot.pause()  # let the screen paint what the condition saw


def workers_done(app) -> bool:
    """Whether every worker has ended: done, failed or cancelled."""
    return all(worker.is_finished for worker in app.workers)


def showing_current_view(app) -> bool:
    """Whether the dashboard shows what was read for its current view, and reads no more.

    The chart's metric is drawn from data already read, so it does not count as a change; the
    chart's own drawing (in a worker after a read) does."""
    screen = app.dashboard
    data = screen.data
    if data is None or data.view.with_changes(metric=screen.view.metric) != screen.view:
        return False
    return not any(worker.group in ("load", "page", "chart") for worker in running(app))


def running(app) -> list:
    return [worker for worker in app.workers if not worker.is_finished]


async def dashboard_shown(pilot) -> None:
    """Wait until the dashboard shows the figures of its current view."""
    await wait_until(pilot, lambda: showing_current_view(pilot.app), "the dashboard's figures")


async def all_shown(pilot) -> None:
    """Wait until the dashboard and the sources' health are read and no worker runs."""
    app = pilot.app

    def settled() -> bool:
        return (
            bool(app.health)
            and showing_current_view(app)
            and workers_done(app)
            and table_fits_its_cells(app)
        )

    await wait_until(pilot, settled, "the dashboard, its table's widths, health, workers")


def table_fits_its_cells(app) -> bool:
    """Whether each column of the figures table is as wide as its widest cell: DataTable
    widens a column when the event loop is next idle, after a wider cell (a jump's mark) came."""
    from rich.cells import cell_len

    from app.tui.figures_table import FiguresTable

    table = app.dashboard.query_one(FiguresTable)
    for number, column in enumerate(table.ordered_columns):
        lines = [line for row in table.cells_by_id.values() for line in plain(row[number])]
        if column.content_width < max(map(cell_len, lines), default=0):
            return False
    return True


def plain(cell) -> list[str]:
    """A cell's lines as the table measures them."""
    from rich.text import Text

    return (cell.plain if isinstance(cell, Text) else str(cell)).split("\n")
