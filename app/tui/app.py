"""The tallywatch dashboard: the series chart over the figures table.

All database work runs in thread workers, each with its own connection; results come
back as messages, so the screen never waits on SQLite or the extractor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header
from textual.worker import Worker, WorkerState

from app.config import Config
from app.ingest import ingest_config
from app.tui.document_screen import DocumentScreen
from app.tui.figures_table import FiguresTable
from app.tui.series_chart import SeriesChart
from storage import (
    count_documents,
    export_snapshot,
    get_document,
    list_figures,
    open_database,
    snapshot_file_name,
)

CHANGE_CHECK_S = 5.0  # how often to look for figures stored by another process


class TallywatchApp(App):
    CSS_PATH = "dashboard.tcss"
    TITLE = "tallywatch"
    BINDINGS = [
        Binding("enter", "open_document", "Open source", show=True, priority=False),
        Binding("e", "export_snapshot", "Snapshot"),
        Binding("q", "quit", "Quit"),
    ]

    @dataclass
    class FiguresLoaded(Message):
        figures: list[dict]
        documents: int
        signature: tuple

    @dataclass
    class IngestFinished(Message):
        summary: str
        failed: int

    @dataclass
    class DocumentLoaded(Message):
        document: dict
        figure: dict

    def __init__(self, db_path: Path, config: Config, *, ingest_on_start: bool = True) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.config = config
        self.ingest_on_start = ingest_on_start
        self.signature: tuple | None = None
        self.status = "reading sources…" if ingest_on_start else ""

    def compose(self) -> ComposeResult:
        yield Header()
        chart = SeriesChart(id="chart")
        chart.border_title = "held and released, by date"
        yield chart
        yield FiguresTable(id="figures")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"tallywatch · {self.config.topic.name}"
        self.query_one(FiguresTable).focus()
        self.load_figures()
        if self.ingest_on_start:
            self.ingest_sources()
        self.set_interval(CHANGE_CHECK_S, self.load_figures)

    # -- workers: database and extraction off the event loop --------------------------

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def ingest_sources(self) -> None:
        conn = open_database(self.db_path)
        try:
            report = ingest_config(conn, self.config)
        finally:
            conn.close()
        summary = (
            f"{report.count('new')} new, {report.count('changed')} changed,"
            f" {len(report.problems)} failed at {datetime.now():%H:%M}"
        )
        self.post_message(self.IngestFinished(summary, len(report.problems)))
        for problem in report.problems:
            self.notify(f"{problem.source}: {problem.message}", severity="error", markup=False)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_figures(self) -> None:
        conn = open_database(self.db_path)
        try:
            signature = _data_signature(conn)
            if signature == self.signature:
                return
            figures = list_figures(conn)
            documents = count_documents(conn)
        finally:
            conn.close()
        self.post_message(self.FiguresLoaded(figures, documents, signature))

    @work(thread=True, group="document", exit_on_error=False)
    def load_document(self, figure: dict) -> None:
        conn = open_database(self.db_path)
        try:
            document = get_document(conn, figure["document_id"])
        finally:
            conn.close()
        if document is not None:
            self.post_message(self.DocumentLoaded(document, figure))

    @work(thread=True, group="export", exit_on_error=False)
    def write_snapshot(self, out_path: Path) -> None:
        conn = open_database(self.db_path)
        try:
            written = export_snapshot(conn, out_path)
        finally:
            conn.close()
        self.notify(f"Snapshot written to {written}", title="Snapshot", markup=False)

    # -- messages from the workers ------------------------------------------------------

    @on(FiguresLoaded)
    def show_figures(self, message: FiguresLoaded) -> None:
        self.signature = message.signature
        self.query_one(FiguresTable).show(message.figures)
        self.query_one(SeriesChart).show(message.figures)
        self.figure_count = f"{len(message.figures)} figures from {message.documents} documents"
        self._update_subtitle()

    @on(IngestFinished)
    def ingest_finished(self, message: IngestFinished) -> None:
        self.status = f"last read: {message.summary}"
        self._update_subtitle()
        self.load_figures()

    @on(DocumentLoaded)
    def show_document(self, message: DocumentLoaded) -> None:
        self.push_screen(DocumentScreen(message.document, message.figure))

    @on(Worker.StateChanged)
    def report_worker_failure(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.group}: {error}", severity="error", markup=False)

    # -- actions ------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def action_open_document(self) -> None:
        figure = self.query_one(FiguresTable).selected_figure()
        if figure is not None:
            self.load_document(figure)

    def action_export_snapshot(self) -> None:
        folder = self.config.resolve(self.config.snapshots)
        self.write_snapshot(folder / snapshot_file_name())

    def _update_subtitle(self) -> None:
        parts = [getattr(self, "figure_count", ""), self.status]
        self.sub_title = " · ".join(part for part in parts if part)


def _data_signature(conn) -> tuple:
    """Changes whenever figures or documents are stored, by this or another process."""
    return tuple(
        conn.execute(
            "SELECT (SELECT count(*) FROM figures), (SELECT max(id) FROM figures),"
            " (SELECT max(updated_at) FROM documents)"
        ).fetchone()
    )
