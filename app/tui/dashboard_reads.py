"""What the dashboard's reads do in their worker threads: open the database, read, and build
the table's rows and the findings' lines, so that the event loop only applies them.

A new view's first page is handed over before its analysis (most of a second on a million
figures) is read: the table fills while the chart and findings wait.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.tui.dashboard_data import (
    DashboardData,
    DataLoaded,
    FirstPageLoaded,
    PageLoaded,
    View,
    changed_since,
    load_dashboard,
    load_page,
    marks_of,
    new_loud_findings,
)
from app.tui.figures_table import rows_of
from app.tui.findings_list import lines_of
from storage import figures_after, open_database
from storage.transaction import one_snapshot

if TYPE_CHECKING:
    from app.analysis import Finding
    from app.config import FindingsConfig

PAINT_WAIT_S = 0.5  # the longest a read waits for its first page to be painted


def read_dashboard(
    db_path: Path,
    view: View,
    previous: DashboardData | None,
    settings: Callable[[], FindingsConfig],
    today: date,
    hand_over: Callable[[FirstPageLoaded], None],
) -> DataLoaded | None:
    """Everything the screen shows of `view`, or None if nothing changed since `previous`.
    A new list's first page goes to `hand_over` first, and the analysis waits for its paint
    (in Python, it would hold the event loop back from painting), as does reading feeds.yaml
    for the findings' `settings` when the dashboard opened on a file validated before."""
    conn = open_database(db_path)
    try:
        if previous is not None and previous.view == view and not changed_since(conn, previous):
            return None
        with one_snapshot(conn):  # the first page, the analysis and the counts agree
            page = None
            if not view.lists_as(previous and previous.view):
                page, rows = first_page(conn, view, previous)
                painted = threading.Event()
                hand_over(FirstPageLoaded(view, rows, painted))
                painted.wait(timeout=PAINT_WAIT_S)
            data = load_dashboard(conn, view, settings(), today, page)
            arrived = figures_after(conn, previous.newest_id) if previous is not None else []
    finally:
        conn.close()
    lines = lines_of(data.analysis.findings, data.finding_keys)
    rows = rows_of(data.figures, data.marks)
    return DataLoaded(data, arrived, lines, rows, new_loud_findings(previous, data))


def first_page(
    conn: sqlite3.Connection, view: View, previous: DashboardData | None
) -> tuple[list[dict], list]:
    """A view's first page and its rows, marked by the findings shown when they are of the
    same place. (Not yet how many figures match: a count of a place's 250,000 figures may
    wait on the disk, and comes with the analysis.)"""
    page = load_page(conn, view, offset=0)
    same_place = previous is not None and previous.view.place == view.place
    marks = marks_of(previous.analysis.findings, page) if same_place else {}
    return page, rows_of(page, marks)


def read_page(db_path: Path, view: View, offset: int, findings: list[Finding]) -> PageLoaded:
    """A later page of the table, marked by the findings shown."""
    conn = open_database(db_path)
    try:
        figures = load_page(conn, view, offset)
    finally:
        conn.close()
    return PageLoaded(view, rows_of(figures, marks_of(findings, figures)))
