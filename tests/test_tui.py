"""The dashboard through Textual's pilot: real database file, real extractor, real workers."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from textual.worker import Worker, WorkerState

from app.ingest.passes import ingest_config
from app.tui import dashboard_screen
from app.tui.app import TallywatchApp
from app.tui.document_screen import DocumentScreen
from app.tui.figures_table import FiguresTable
from storage import open_database
from tests.conftest import CARD_FIGURES, has_card_figure, seeds_only_config
from tests.pilot_waits import dashboard_shown, wait_until, workers_done


def make_app(db_path: Path, tmp_path: Path) -> TallywatchApp:
    """The app on a database that already holds one poll of the seeds, its scheduler off."""
    config = seeds_only_config()
    config = config.model_copy(update={"snapshots": str(tmp_path / "snapshots")})
    conn = open_database(db_path)
    ingest_config(conn, config)  # what the scheduler's first poll of the seeds stores
    conn.close()
    return TallywatchApp(db_path=db_path, config=config, poll_on_start=False)


def notified(app: TallywatchApp, *parts: str) -> bool:
    """Whether one notification says every one of `parts`."""
    return any(all(part in n.message for part in parts) for n in app._notifications)


def visible_text(widget) -> str:
    return str(widget.render())


async def test_the_table_holds_the_seven_card_figures(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.query_one(FiguresTable)
        figures = list(table.figures_by_id.values())
        assert table.row_count == len(figures) > 0
        for card in CARD_FIGURES:
            assert has_card_figure(figures, card), card
        assert f"{table.row_count} figures" in app.screen.sub_title


async def test_enter_shows_the_sentence_and_escape_returns(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.query_one(FiguresTable)
        await pilot.press("down", "down")
        chosen = table.selected_figure()
        assert table.cursor_row == 2
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentScreen), "the document")
        view = app.screen.view
        assert view.focused_figure["id"] == chosen["id"]
        assert chosen["sentence"] in visible_text(view.focused_paragraph)
        assert chosen["title"] in visible_text(view.query_one(".provenance"))
        await pilot.press("escape")
        assert not isinstance(app.screen, DocumentScreen)
        assert table.cursor_row == 2
        assert table.selected_figure()["id"] == chosen["id"]


async def test_e_writes_a_snapshot_and_says_where(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: notified(app, "Snapshot written to"), "the notification")
        (snapshot,) = (tmp_path / "snapshots").glob("tallywatch-*.db")
        assert notified(app, f"Snapshot written to {snapshot}")
    stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM figures").fetchone()[0]
    assert sqlite3.connect(snapshot).execute("SELECT count(*) FROM figures").fetchone()[0] == stored


async def test_works_at_80x24(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_shown(pilot)
        table = app.query_one(FiguresTable)
        assert table.size.height >= 11  # under the header, two lines of headline and the chart
        assert app.query_one("#chart").outer_size.height >= 9


async def test_figures_stored_by_another_process_appear_without_moving_the_cursor(
    db_path, tmp_path, run_cli_process
) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.query_one(FiguresTable)
        before = table.row_count
        await pilot.press("down", "down", "down")
        chosen = table.selected_figure()["id"]
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "late.txt").write_text(  # dated by its date line, not by the wall clock
            "date 2026-02-21\n"
            "According to Foro Penal, 512 political prisoners remain in custody in Venezuela."
        )
        ingested = run_cli_process("--db", str(db_path), "ingest", str(extra))
        assert ingested.returncode == 0, ingested.stderr
        # No nudge from the test: the dashboard's own check for changes finds the figure.
        await wait_until(pilot, lambda: table.row_count > before, "the new figure in the table")
        assert table.selected_figure()["id"] == chosen
        await wait_until(pilot, lambda: notified(app, "512 held"), "a notification of 512")
        assert notified(app, "Foro Penal", "512 held", "2026-02-21")


async def test_the_table_loads_further_pages_as_the_cursor_nears_the_end(db_path, tmp_path):
    from app.tui.dashboard_data import PAGE_SIZE
    from storage import save_document

    conn = open_database(db_path)
    for number in range(PAGE_SIZE + 50):  # more figures than one page holds
        text = f"Foro Penal says {100 + number} political prisoners remain in Venezuela."
        document = {
            "source": f"many/{number}.txt", "source_name": "Many", "title": text, "text": text,
            "date": f"2026-01-{1 + number % 28:02d}", "date_basis": "configured",
            "language": "en",
        }  # fmt: skip
        figure = {
            "value": 100 + number, "qualifier": "exact", "low": 100 + number,
            "high": 100 + number, "metric": "held", "subject": "political prisoners",
            "place": "Venezuela", "claimant": "Foro Penal", "as_of": document["date"],
            "period_start": None, "stale": False, "sentence": text, "start": 16, "end": 19,
        }  # fmt: skip
        save_document(conn, document, [figure], f"hash-{number}")
    conn.close()
    app = TallywatchApp(db_path=db_path, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.query_one(FiguresTable)
        assert table.row_count == PAGE_SIZE < table.total == PAGE_SIZE + 50
        await pilot.press("end")
        await wait_until(pilot, lambda: table.row_count >= PAGE_SIZE + 50, "the second page")
        await dashboard_shown(pilot)  # and no further page on its way
        assert table.row_count == PAGE_SIZE + 50
        assert len(table.figures_by_id) == PAGE_SIZE + 50  # no row twice


async def test_a_burst_of_finished_polls_reloads_once(db_path, monkeypatch) -> None:
    # Only the burst may cause a read: the check for other processes' figures waits an hour.
    monkeypatch.setattr(dashboard_screen, "CHANGE_CHECK_S", 3600.0)
    reads: list[float] = []

    def count_reads(message) -> None:
        is_read = isinstance(message, Worker.StateChanged) and message.worker.group == "load"
        if is_read and message.state == WorkerState.RUNNING:
            reads.append(time.monotonic())

    app = TallywatchApp(db_path=db_path, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(120, 40), message_hook=count_reads) as pilot:
        await dashboard_shown(pilot)
        assert len(reads) == 1  # the first read, on mount
        screen = app.dashboard
        burst = time.monotonic()
        for _ in range(40):  # forty feeds finishing within a second
            screen.post_message(screen.ReloadWanted())
        await wait_until(pilot, lambda: len(reads) > 1, "the reload after the burst")
        await wait_until(pilot, lambda: workers_done(app), "the reload to end")
        await pilot.pause()  # any request still queued has been handled
        await wait_until(pilot, lambda: workers_done(app), "any further reload to end")
        assert len(reads) == 2
        assert reads[1] >= burst


async def test_new_figures_wait_their_turn_but_the_watchers_read_does_not(
    db_path, monkeypatch
) -> None:
    # A read for new figures waits until RELOAD_GAP_S after the last read began (an hour
    # here); a key that changes what is shown reads at once, and takes the waiting read's place.
    monkeypatch.setattr(dashboard_screen, "CHANGE_CHECK_S", 3600.0)
    monkeypatch.setattr(dashboard_screen, "RELOAD_GAP_S", 3600.0)
    reads: list[str] = []

    def count_reads(message) -> None:
        is_read = isinstance(message, Worker.StateChanged) and message.worker.group == "load"
        if is_read and message.state == WorkerState.RUNNING:
            reads.append("read")

    app = TallywatchApp(db_path=db_path, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(120, 40), message_hook=count_reads) as pilot:
        await dashboard_shown(pilot)
        screen = app.dashboard
        screen.post_message(screen.ReloadWanted())  # a poll stored figures
        await wait_until(pilot, lambda: screen.reads.waiting is not None, "the read to wait")
        assert len(reads) == 1 and workers_done(app)  # only the first read, on mount
        await pilot.press("o")  # the watcher sorts: read now
        await dashboard_shown(pilot)
        assert len(reads) == 2
        assert screen.reads.waiting is None  # that read took the waiting one's place
