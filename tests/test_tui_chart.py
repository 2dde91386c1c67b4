"""The chart tells the truth: one line per series of real figures, vague amounts as bands
(not dots), the band's numbers written, a legend on the border, a sensible axis for one date;
it follows the selected row and the claimant filter."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.tui.app import TallywatchApp
from app.tui.figures_table import FiguresTable
from app.tui.series_chart import SeriesChart
from tests.conftest import REPO, seeded_app
from tests.pilot_waits import all_shown as settled
from tests.pilot_waits import wait_until

NICARAGUA = (
    "Managua. According to the Mechanism for the Recognition of Political Prisoners, at least"
    " 73 political prisoners remain in Nicaragua's jails.\n"
)


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    return seeded_app(tmp_path, "chart", {"nicaragua.txt": NICARAGUA})


async def test_the_held_line_leaves_out_hundreds_and_the_band_is_written(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        # 711 -> more than 600 -> at least 644: not 711 -> 200 ("hundreds") -> 448 (doubtful)
        assert chart.lines == [("all", [711, 600, 644])]
        assert "band 644–682 on 20 Feb" in chart.border_title
        assert "Foro Penal" in chart.border_subtitle  # the legend, on the border
        drawn = str(chart.render())
        assert "Foro Penal" not in drawn  # ... and not over the points


async def test_each_baseline_is_its_own_line(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        chart = app.screen.query_one(SeriesChart)
        assert chart.lines == [("since 8 Jan 2026", [302, 340])]  # 808 since 1 Dec: apart
        assert "since 8 Jan 2026" in chart.border_subtitle


async def test_the_chart_follows_the_claimant_filter(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("2", "c")
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        assert app.dashboard.view.claimant == "Foro Penal"
        assert chart.claimants == ["Foro Penal"]
        assert "Foro Penal" in chart.border_title
        await pilot.press("c")  # the next claimant
        await settled(pilot)
        assert chart.claimants == [app.dashboard.view.claimant] or chart.claimants == []


async def test_the_chart_follows_the_selected_row(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(FiguresTable)
        chart = app.screen.query_one(SeriesChart)
        for metric in ("amnestied", "held", "released"):  # as the rows come, newest first
            if table.selected_figure()["metric"] == metric:
                await pilot.press("down", "up")  # the cursor moves away and back: chosen
            for _ in range(60):
                if table.selected_figure()["metric"] == metric:
                    break
                await pilot.press("down")
            await wait_until(
                pilot, lambda m=metric: chart.border_title.startswith(m), f"the {metric} chart"
            )


async def test_one_date_gets_a_week_around_it(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("l")  # Nicaragua: one figure on one date
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        assert app.dashboard.view.place == "Nicaragua"
        drawn = str(chart.render())
        years = {int(word[:4]) for word in drawn.split() if word[:4].isdigit() and "-" in word}
        assert len(years) == 1  # not an axis from 1963 to 2089


async def test_the_selected_mark_follows_the_cursor_once_it_rests(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(FiguresTable)
        chart = app.screen.query_one(SeriesChart)
        await pilot.press("down", "down", "down")
        chosen = table.selected_figure()["id"]
        deadline = asyncio.get_running_loop().time() + 10
        while chart.selected != {chosen}:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)


async def test_a_reload_that_changes_nothing_drawn_leaves_the_chart_alone(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        drawn = chart._drawing
        app.dashboard.redraw_chart(at_once=False)  # what a reload does: the same series
        assert not [worker for worker in app.workers if worker.group == "chart"]
        await settled(pilot)
        assert chart._drawing is drawn


async def test_a_drawing_overtaken_by_a_key_is_not_shown(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        dashboard = app.dashboard
        dashboard.view = dashboard.view.with_changes(metric="released")
        dashboard.redraw_chart(at_once=False)  # in the chart's worker...
        assert [worker for worker in app.workers if worker.group == "chart"]
        await settled(pilot)
        assert chart.border_title.startswith("released")
        late = chart._drawing  # (as if that worker were slow)
        await pilot.press("4")  # ... overtaken by a key, drawn at once
        assert chart.border_title.startswith("amnestied")
        chart.post_message(SeriesChart.Drawn(late))  # the slow worker's drawing arrives
        await settled(pilot)
        assert chart.border_title.startswith("amnestied")


async def test_a_new_theme_redraws_the_chart_in_its_colours(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        chart = app.screen.query_one(SeriesChart)
        dark = chart._drawing.strips[0]
        app.theme = "textual-light"
        await wait_until(pilot, lambda: chart._drawing.key[-1].name == "textual-light", "a redraw")
        light = chart._drawing.strips[0]
        # the chart's background follows the theme's surface colour
        assert {segment.style.bgcolor for segment in light} != {s.style.bgcolor for s in dark}
