"""The tallywatch app: the dashboard screen, and the work every screen can ask for.

Polls, document reads and snapshots run in thread workers, each with its own connection;
only messages and `call_from_thread` touch the screen.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from app.config_path import ConfigError, KnownConfig
from app.present import describe_health
from app.tui.dashboard_data import View
from app.tui.dashboard_screen import DashboardScreen
from app.tui.document_openers import DocumentOpeners
from app.tui.messages import HealthLoaded, PollFinished
from storage import (
    DatabaseError,
    export_snapshot,
    open_database,
    snapshot_file_name,
)
from storage.database import describe_error
from storage.polls import recent_polls, source_health

if TYPE_CHECKING:  # the scheduler (feeds, extractor, HTTP) loads off the first paint's path
    from app.config import Config
    from app.ingest.schedule import PollScheduler

DATABASE_ERRORS = (DatabaseError, sqlite3.Error)


class TallywatchApp(DocumentOpeners, App):
    CSS_PATH = "dashboard.tcss"
    TITLE = "tallywatch"
    BINDINGS = [
        Binding("question_mark", "toggle_keys", "Keys"),
        Binding("q", "quit", "Quit"),
    ]

    # What the header says of the sources and the database; the dashboard watches both. Vars,
    # not reactives: a change repaints only the header that says it, not the whole screen.
    poll_status: var[str] = var("")
    db_problem: var[str | None] = var(None)  # what is wrong, while it lasts

    def __init__(
        self,
        db_path: Path,
        config: Config | KnownConfig,
        *,
        poll_on_start: bool = True,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        if isinstance(config, KnownConfig):  # read in full on first use, after the first paint
            self._config, self._known_config = None, config
            self.topic_place, self.topic_name = config.place, config.name
        else:
            self._config, self._known_config = config, None
            self.topic_place, self.topic_name = config.topic.place, config.topic.name
        self._config_lock = threading.Lock()
        self.config_problem: str | None = None  # feeds.yaml could not be read in full: why
        self.poll_on_start = poll_on_start
        self.today = today  # the day freshness is told against (fixed in tests); None: today
        self.scheduler: PollScheduler | None = None
        self.health: list[dict] = []
        self.sources_prepared = False  # they are, once the dashboard's first read ended
        self._db_problem_in_writing = False  # the problem was met storing, not reading
        self.poll_status = "polling…" if poll_on_start else "polling off"

    @property
    def config(self) -> Config:
        """feeds.yaml in full. A file validated before is read on first use: by the first
        read's worker, once the first page is painted (ConfigError if it changed meanwhile
        and is bad)."""
        with self._config_lock:
            if self._config is None:
                from app.config import load_config

                self._config = load_config(self._known_config.path)
            return self._config

    def get_default_screen(self) -> Screen:
        return DashboardScreen(View(place=self.topic_place), lambda: self.config.findings)

    def on_mount(self) -> None:
        self.title = self.topic_name

    @property
    def dashboard(self) -> DashboardScreen:
        return next(s for s in self.screen_stack if isinstance(s, DashboardScreen))

    # -- polling: the scheduler runs on this event loop, its polls in threads ---------------

    def start_polling(self, waits: dict | None = None) -> None:
        from app.ingest.schedule import PollScheduler  # loaded by prepare_sources' thread

        self.scheduler = PollScheduler(
            self.db_path, self.config, on_poll_finished=lambda r: self.post_message(
                PollFinished(r)
            )
        )  # fmt: skip
        self.scheduler.start(waits)

    async def on_unmount(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown()

    @on(PollFinished)
    def poll_finished(self, message: PollFinished) -> None:
        result = message.result
        was_healthy = any(
            source["name"] == result.source and source["last_success"] and not source["failing"]
            for source in self.health
        )
        if result.error and result.error.startswith("database error"):
            problem = result.error.removeprefix("database error: ")
            if not problem.startswith(str(self.db_path)):  # in the words of the others
                problem = describe_error(self.db_path, sqlite3.Error(problem))  # ("read-only")
            self.database_failed(problem, writing=True)
        elif result.status == "ok":
            self.database_ok(writing=True)
        if result.status == "failed" and was_healthy:  # say it when a source breaks
            self.notify(f"{result.source}: {result.error}", title="Source failing",
                        severity="error", markup=False)  # fmt: skip
        self.post_message(self.HealthWanted())
        if result.new or result.changed or result.figures_added:
            self.dashboard.post_message(DashboardScreen.ReloadWanted())

    class HealthWanted(Message):
        """A poll ended: read the health again. Forty polls ending together are one read."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TallywatchApp.HealthWanted)

    @on(HealthWanted)
    def health_wanted(self) -> None:
        self.load_health()

    def poll_now(self, name: str | None = None) -> None:
        if self.scheduler is None:  # polling was off: no stored waits, every source polls now
            self.start_polling(waits={})
        try:
            self.scheduler.poll_now(name)
        except KeyError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"Polling {name or 'every source'} now", title="Poll", markup=False)

    def action_poll_now(self) -> None:
        self.poll_now()

    @work(thread=True, group="register", exit_on_error=False)
    def prepare_sources(self, start_polling: bool) -> None:
        """Off the loop: list the configured sources (the sources screen shows them before
        their first poll) and read when each may poll next; then start the scheduler (its
        modules load here, in this thread, not before the first paint)."""
        from app.ingest.schedule import read_stored_waits

        waits = read_stored_waits(self.db_path, self.config)
        if start_polling:
            self.call_from_thread(self.start_polling, waits)
        self.call_from_thread(self.load_health)  # (another group: that one cancels its own)

    @work(thread=True, exclusive=True, group="health", exit_on_error=False)
    def load_health(self) -> None:
        conn = open_database(self.db_path)
        try:
            health, polls = source_health(conn), recent_polls(conn, limit=200)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:  # a newer read replaced this one
            self.post_message(HealthLoaded(health, polls))

    @on(HealthLoaded)
    def health_loaded(self, message: HealthLoaded) -> None:
        self.health = message.health
        self.poll_status = describe_health(message.health)
        from app.tui.sources_screen import SourcesScreen  # (loaded after the first paint)

        for screen in self.screen_stack:
            if isinstance(screen, SourcesScreen):
                screen.post_message(HealthLoaded(message.health, message.polls))

    def action_show_sources(self) -> None:
        from app.tui.sources_screen import SourcesScreen

        self.push_screen(SourcesScreen())

    # -- snapshots ------------------------------------------------------------------------------

    def action_export_snapshot(self) -> None:
        self.write_snapshot(snapshot_file_name())

    @work(thread=True, group="export", exit_on_error=False)
    def write_snapshot(self, file_name: str) -> None:
        out_path = self.config.resolve(self.config.snapshots) / file_name
        conn = open_database(self.db_path)
        try:
            written = export_snapshot(conn, out_path)
        finally:
            conn.close()
        self.notify(f"Snapshot written to {written}", title="Snapshot", markup=False)

    # -- the frame ------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def report_worker_failure(self, event: Worker.StateChanged) -> None:
        self.worker_ended(event.worker)

    def worker_ended(self, worker: Worker) -> None:
        """Failures said on screen (a database's once, in the header too); a read that worked
        clears a database problem. Screens pass their workers here as well.

        The sources are prepared once the dashboard's first read ended: their modules (HTTP,
        feeds, the scheduler) load in a thread, but Python runs one thread at a time, and the
        first paint comes first."""
        error = worker.error
        if worker.state == WorkerState.ERROR and isinstance(error, ConfigError):
            self.config_problem = str(error)  # the command line says it, once the screen is gone
            self.exit(return_code=2)
            return
        if not self.sources_prepared and worker.group == "load":
            self.sources_prepared = True
            self.prepare_sources(start_polling=self.poll_on_start)
        if worker.state == WorkerState.ERROR and isinstance(error, DATABASE_ERRORS):
            self.database_failed(str(error) if isinstance(error, DatabaseError) else
                                 describe_error(self.db_path, error))  # fmt: skip
        elif worker.state == WorkerState.ERROR:
            self.notify(f"{worker.group}: {error}", severity="error", markup=False)
        elif worker.state == WorkerState.SUCCESS and worker.group in ("load", "health"):
            self.database_ok()  # it read the database again

    # -- the database's health, said where the watcher looks -------------------------------------

    def database_failed(self, problem: str, *, writing: bool = False) -> None:
        """Say it once, in the header and as a notification, until the database answers again:
        a problem in storing (a read-only database still reads) until a poll stores again."""
        if problem != self.db_problem:
            self.notify(problem, title="Database", severity="error", timeout=10, markup=False)
        self.db_problem = problem
        self._db_problem_in_writing = writing

    def database_ok(self, *, writing: bool = False) -> None:
        if self.db_problem is not None and (writing or not self._db_problem_in_writing):
            self.db_problem = None
            self.notify("The database answers again", title="Database", timeout=4)
            if self.poll_on_start and self.scheduler is None:  # it failed before starting
                self.prepare_sources(start_polling=True)

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
            name = binding.tooltip or binding.description  # the tooltip names a grouped key
            if isinstance(binding, Binding) and name not in seen:
                seen.add(name)
                key = binding.key if binding.key.isdigit() else self.get_key_display(binding)
                yield SystemCommand(name, f"Key {key}", partial(screen.run_action, binding.action))
