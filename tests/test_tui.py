"""The dashboard through Textual's pilot: real database file, real extractor, real workers."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from textual.worker import WorkerCancelled

from app.tui.app import TallywatchApp
from app.tui.dashboard_screen import RELOAD_COALESCE_S
from app.tui.document_screen import DocumentScreen
from app.tui.figures_table import FiguresTable
from storage import open_database
from tests.conftest import CARD_FIGURES, has_card_figure, seeds_only_config


def make_app(db_path: Path, tmp_path: Path) -> TallywatchApp:
    config = seeds_only_config()
    config = config.model_copy(update={"snapshots": str(tmp_path / "snapshots")})
    return TallywatchApp(db_path=db_path, config=config)


async def settle(app: TallywatchApp, pilot, timeout: float = 20.0) -> None:
    """Wait until the seeds are polled and shown, and every worker is done."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        data = app.dashboard.data
        if data is not None and data.stored > 0:
            break
        await asyncio.sleep(0.05)
    for _ in range(3):
        while True:
            try:
                await app.workers.wait_for_complete()
                break
            except WorkerCancelled:  # a newer exclusive reload replaced it: wait for that one
                assert asyncio.get_running_loop().time() < deadline + timeout
        await pilot.pause()


def visible_text(widget) -> str:
    return str(widget.render())


async def test_the_table_holds_the_seven_card_figures(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.query_one(FiguresTable)
        figures = list(table.figures_by_id.values())
        assert table.row_count == len(figures) > 0
        for card in CARD_FIGURES:
            assert has_card_figure(figures, card), card
        assert f"{table.row_count} figures" in app.screen.sub_title


async def test_enter_shows_the_sentence_and_escape_returns(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.query_one(FiguresTable)
        await pilot.press("down", "down")
        chosen = table.selected_figure()
        assert table.cursor_row == 2
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentScreen)
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
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        (snapshot,) = (tmp_path / "snapshots").glob("tallywatch-*.db")
        messages = [notification.message for notification in app._notifications]
        assert any(str(snapshot) in message for message in messages)
    stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM figures").fetchone()[0]
    assert sqlite3.connect(snapshot).execute("SELECT count(*) FROM figures").fetchone()[0] == stored


async def test_works_at_80x24(db_path, tmp_path) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.query_one(FiguresTable)
        assert table.size.height >= 11  # under the header, two lines of headline and the chart
        assert app.query_one("#chart").outer_size.height >= 9


async def test_figures_stored_by_another_process_appear_without_moving_the_cursor(
    db_path, tmp_path, run_cli
) -> None:
    app = make_app(db_path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.query_one(FiguresTable)
        before = table.row_count
        await pilot.press("down", "down", "down")
        chosen = table.selected_figure()["id"]
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "late.txt").write_text(
            "According to Foro Penal, 512 political prisoners remain in custody in Venezuela."
        )
        assert run_cli("--db", str(db_path), "ingest", str(extra)).returncode == 0
        app.dashboard.reload()
        await settle(app, pilot)
        assert table.row_count > before
        assert table.selected_figure()["id"] == chosen
        said = [notification.message for notification in app._notifications]
        assert any("512 held" in message and "Foro Penal" in message for message in said)


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
        await settle(app, pilot)
        table = app.query_one(FiguresTable)
        assert table.row_count == PAGE_SIZE < table.total == PAGE_SIZE + 50
        await pilot.press("end")
        await settle(app, pilot)
        assert table.row_count == PAGE_SIZE + 50
        assert len(table.figures_by_id) == PAGE_SIZE + 50  # no row twice


async def test_a_burst_of_finished_polls_reloads_once(db_path, tmp_path) -> None:
    app = TallywatchApp(db_path=db_path, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.dashboard
        reloads = []
        screen.reload = lambda: reloads.append(1)  # count, instead of reading
        for _ in range(40):  # forty feeds finishing within a second
            screen.reload_soon()
        await asyncio.sleep(RELOAD_COALESCE_S + 0.5)
        assert reloads == [1]
