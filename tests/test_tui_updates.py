"""New figures reach the dashboard by difference: rows and lines are built in a worker, and
the event loop changes only what changed (no rebuild of the table or the findings list)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets.data_table import ColumnKey

from app.tui.app import TallywatchApp
from app.tui.dashboard_data import Mark
from app.tui.figures_table import FiguresTable, mark_cell
from app.tui.findings_list import FindingsList
from storage import open_database
from tests.conftest import REPO, seeded_app, seeds_only_config
from tests.pilot_waits import all_shown as settled
from tests.pilot_waits import wait_until


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    return seeded_app(tmp_path, "updates")


def store(tmp_path: Path, run_cli, db_path: Path, name: str, text: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert run_cli("--db", str(db_path), "ingest", str(folder)).returncode == 0


async def test_a_new_figure_joins_the_table_without_rebuilding_it(app, tmp_path, run_cli):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(FiguresTable)
        await pilot.press("down", "down")
        chosen = table.selected_figure()["id"]
        kept = {figure_id: list(cells) for figure_id, cells in table.cells_by_id.items()}
        late = "According to Foro Penal, 512 political prisoners remain in custody in Venezuela."
        store(tmp_path, run_cli, app.db_path, "late", late)
        app.dashboard.reload()
        await settled(pilot)
        (new,) = [f for f in table.figures_by_id.values() if f["value"] == 512]
        assert table.get_row_index(str(new["id"])) == 0  # the newest, on top
        assert table.selected_figure()["id"] == chosen  # the cursor stayed on its figure
        # rows that did not change keep their very cells: they were not built again
        same = [
            figure_id
            for figure_id, cells in kept.items()
            if all(a is b for a, b in zip(cells, table.cells_by_id[figure_id], strict=True))
        ]
        assert len(same) >= len(kept) - 2  # all but the figures whose marks changed
        listed = app.screen.query_one(FindingsList)
        assert any("512" in str(option.prompt) for option in listed.options)


async def test_unchanged_findings_leave_the_list_alone(app, tmp_path, run_cli):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        listed = app.screen.query_one(FindingsList)
        before = list(listed.options)
        stored = app.dashboard.data.stored
        elsewhere = "In Nicaragua, 73 political prisoners remain in jail, the Mechanism says."
        store(tmp_path, run_cli, app.db_path, "elsewhere", elsewhere)
        app.dashboard.reload()
        await settled(pilot)
        assert app.dashboard.data.stored > stored  # the reload read the new figure
        assert all(a is b for a, b in zip(before, listed.options, strict=True))


async def test_news_arriving_close_together_is_one_later_toast(app, tmp_path, run_cli):
    from app.tui.news_toasts import NEWS_EVERY_S

    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)

        def news() -> list[str]:
            return [n.message for n in app._notifications if n.title.startswith("New figure")]

        first = "According to Foro Penal, 512 political prisoners remain in custody in Venezuela."
        store(tmp_path, run_cli, app.db_path, "first", first)
        app.dashboard.reload()
        await settled(pilot)
        assert len(news()) == 1  # said at once
        second = "According to Foro Penal, 530 political prisoners remain in custody in Venezuela."
        store(tmp_path, run_cli, app.db_path, "second", second)
        app.dashboard.reload()
        await settled(pilot)
        assert not any("530" in message for message in news())  # held back, not a new toast
        deadline = asyncio.get_running_loop().time() + NEWS_EVERY_S + 10
        while not any("530" in message for message in news()):
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.1)


async def test_new_words_in_the_header_repaint_the_header_not_the_screen(app, monkeypatch):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.screen
        repaints: list[object] = []
        monkeypatch.setattr(screen, "refresh", lambda *a, **k: repaints.append(a or k))
        app.poll_status = "2 ok · polled 12:00"  # what a poll's end says in the header
        screen.update_subtitle()  # ... and a reload's new count
        await pilot.pause()
        assert "polled 12:00" in screen.sub_title
        assert repaints == []  # the whole screen is not painted again for a header's words


async def test_the_first_figures_of_a_new_database_cover_no_row_with_a_toast(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.chdir(REPO)
    db = tmp_path / "new.db"
    open_database(db).close()
    app = TallywatchApp(db_path=db, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert app.dashboard.data.stored == 0
        assert run_cli("--db", str(db), "ingest", "seeds").returncode == 0
        app.dashboard.reload()
        await wait_until(pilot, lambda: app.dashboard.data.stored == 17, "the seeds' figures")
        await settled(pilot)
        assert app.screen.query_one(FiguresTable).row_count == 17
        assert "17 figures" in app.screen.sub_title  # the header counts them
        assert [n.title for n in app._notifications] == []  # nothing over the table's rows


async def test_a_wider_mark_widens_its_column_before_the_table_draws_it(app):
    # DataTable widens a column only when next idle and keeps what it drew meanwhile: a mark
    # that came with a later read stayed cut at the old width until the next change.
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(FiguresTable)
        rows = [(figure, list(table.cells_by_id[i])) for i, figure in table.figures_by_id.items()]
        wide = mark_cell(Mark(glyphs="Δ", delta="+1,234 +567%", kinds={"jump"}))
        rows[0][1][0] = wide
        table.show(rows, table.total, same_view=True)
        assert table.columns[ColumnKey("mark")].content_width >= wide.cell_len  # at once
        await pilot.pause()
        assert "Δ+1,234 +567%" in "".join(str(line.text) for line in table.render_lines(
            table.region.reset_offset))  # fmt: skip
