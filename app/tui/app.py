"""The tallywatch app: the dashboard screen, and the work every screen can ask for.

Polls, document reads and snapshots run in thread workers, each with its own connection;
only messages and `call_from_thread` touch the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from app.analysis import Finding, Thresholds
from app.config import Config
from app.ingest import ingest_config
from app.tui.comparison_screen import ComparisonScreen
from app.tui.dashboard_data import View
from app.tui.dashboard_screen import DashboardScreen
from app.tui.document_screen import DocumentScreen
from app.tui.documents_picker import DocumentsPicker
from storage import (
    export_snapshot,
    figures_of_document,
    get_document,
    open_database,
    snapshot_file_name,
)
from storage.document_index import documents_of_source


class TallywatchApp(App):
    CSS_PATH = "dashboard.tcss"
    TITLE = "tallywatch"
    BINDINGS = [
        Binding("question_mark", "toggle_keys", "Keys"),
        Binding("q", "quit", "Quit"),
    ]

    @dataclass
    class PollFinished(Message):
        summary: str
        failures: list[str]

    def __init__(
        self,
        db_path: Path,
        config: Config,
        *,
        poll_on_start: bool = True,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.config = config
        self.poll_on_start = poll_on_start
        self.clock = clock
        self.poll_status = "not polled yet"

    def get_default_screen(self) -> Screen:
        findings = self.config.findings
        thresholds = Thresholds(jump_share=findings.jump_share, window_days=findings.window_days)
        return DashboardScreen(View(place=self.config.topic.place), thresholds)

    def on_mount(self) -> None:
        self.title = f"tallywatch · {self.config.topic.name}"
        if self.poll_on_start:
            self.poll_sources()

    @property
    def dashboard(self) -> DashboardScreen:
        return next(s for s in self.screen_stack if isinstance(s, DashboardScreen))

    # -- polling ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_sources(self) -> None:
        conn = open_database(self.db_path)
        try:
            report = ingest_config(conn, self.config)
        finally:
            conn.close()
        summary = (
            f"{report.count('new')} new, {report.count('changed')} changed,"
            f" {len(report.problems)} failed"
        )
        failures = [f"{problem.source}: {problem.message}" for problem in report.problems]
        self.post_message(self.PollFinished(summary, failures))

    @on(PollFinished)
    def poll_finished(self, message: PollFinished) -> None:
        self.poll_status = f"last poll {self.clock():%H:%M}: {message.summary}"
        for failure in message.failures:
            self.notify(failure, title="Source failed", severity="error", markup=False)
        self.dashboard.update_subtitle()
        self.dashboard.reload()

    def action_poll_now(self) -> None:
        self.notify("Polling every source now", title="Poll")
        self.poll_sources()

    def action_show_sources(self) -> None:
        self.notify("The sources screen comes with the sources issue", severity="warning")

    # -- documents and findings ---------------------------------------------------------------

    @work(thread=True, group="open", exit_on_error=False)
    def open_document(self, document_id: int, figure_id: int | None) -> None:
        conn = open_database(self.db_path)
        try:
            document = get_document(conn, document_id)
            figures = figures_of_document(conn, document_id)
        finally:
            conn.close()
        if document is None:
            self.notify("That document is no longer stored", severity="warning")
            return
        focused = figure_id if figure_id is not None else (figures[0]["id"] if figures else None)
        self.call_from_thread(self.push_screen, DocumentScreen(document, figures, focused))

    @work(thread=True, group="open", exit_on_error=False)
    def open_finding(self, finding: Finding) -> None:
        """A finding's sources side by side: the first document of each of its points."""
        conn = open_database(self.db_path)
        sides = []
        try:
            for point in finding.points[:2]:
                document_id = point.documents[0]
                figures = figures_of_document(conn, document_id)
                focused = next((f["id"] for f in figures if f["id"] in point.figures), None)
                sides.append((get_document(conn, document_id), figures, focused))
        finally:
            conn.close()
        self.call_from_thread(self.push_screen, ComparisonScreen(finding.message, sides))

    @work(thread=True, group="open", exit_on_error=False)
    def list_documents_of(self, source_name: str) -> None:
        conn = open_database(self.db_path)
        try:
            documents = documents_of_source(conn, source_name)
        finally:
            conn.close()

        def open_chosen(document_id: int | None) -> None:
            if document_id is not None:
                self.open_document(document_id, None)

        picker = DocumentsPicker(source_name, documents)
        self.call_from_thread(self.push_screen, picker, open_chosen)

    # -- snapshots ------------------------------------------------------------------------------

    def action_export_snapshot(self) -> None:
        folder = self.config.resolve(self.config.snapshots)
        self.write_snapshot(folder / snapshot_file_name())

    @work(thread=True, group="export", exit_on_error=False)
    def write_snapshot(self, out_path: Path) -> None:
        conn = open_database(self.db_path)
        try:
            written = export_snapshot(conn, out_path)
        finally:
            conn.close()
        self.notify(f"Snapshot written to {written}", title="Snapshot", markup=False)

    # -- the frame ------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def report_worker_failure(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.group}: {error}", severity="error", markup=False)

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        seen = {"Quit", "Keys"}
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if isinstance(binding, Binding) and binding.description not in seen:
                seen.add(binding.description)
                yield SystemCommand(
                    binding.description,
                    f"key: {binding.key}",
                    partial(screen.run_action, binding.action),
                )
