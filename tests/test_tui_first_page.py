"""A new view's first page is on screen before its analysis is read: the table fills at once
and the chart and findings follow. Reads of one view see one snapshot of the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config_path import KnownConfig
from app.tui import dashboard_reads
from app.tui.app import TallywatchApp
from app.tui.dashboard_data import DataLoaded, FirstPageLoaded
from app.tui.figures_table import FiguresTable
from app.tui.headline_strip import HeadlineStrip
from app.tui.messages import HealthLoaded
from storage import count_figures, open_database, save_document
from storage.transaction import one_snapshot
from tests.conftest import REPO, seeded_app
from tests.pilot_waits import all_shown, wait_until
from tests.test_storage import document, figure


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    nicaragua = "In Nicaragua, 73 political prisoners remain in jail, the Mechanism says."
    return seeded_app(tmp_path, "first_page", {"nicaragua.txt": nicaragua})


class Seen:
    """What the screen had when each read's messages reached it."""

    def __init__(self, app: TallywatchApp) -> None:
        self.app, self.events = app, []

    def __call__(self, message) -> None:
        if isinstance(message, FirstPageLoaded):
            data = self.app.dashboard.data
            self.events.append(("first page", message.view.place, data and data.view.place,
                                [figure["id"] for figure, _cells in message.rows]))  # fmt: skip
        elif isinstance(message, HealthLoaded):
            self.events.append(("health",))
        elif isinstance(message, DataLoaded):
            figures = [figure["id"] for figure in message.data.figures]
            headline = str(self.app.screen.query_one(HeadlineStrip).render())
            self.events.append(("analysis", message.data.view.place, headline, figures))


async def test_the_first_page_is_on_screen_before_the_analysis(app) -> None:
    seen = Seen(app)
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await all_shown(pilot)
        assert app.dashboard.data is not None
    # The sources (their HTTP, feed and scheduler modules) are prepared after the first read.
    assert [event[0] for event in seen.events][:3] == ["first page", "analysis", "health"]
    (first, page_place, analysed_place, page), (then, place, _headline, figures) = seen.events[:2]
    assert (first, then) == ("first page", "analysis")
    assert analysed_place is None  # when the page came, nothing had been analysed yet
    assert page_place == place == "Venezuela"
    assert page == figures  # the page shown early is the analysed view's first page


async def test_a_new_place_lists_its_page_first_and_says_what_is_still_read(app) -> None:
    seen = Seen(app)
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await all_shown(pilot)
        await pilot.press("l")  # the next place
        await wait_until(pilot, lambda: app.dashboard.data.view.place == "Nicaragua", "a place")
        await all_shown(pilot)
    new_place = "Nicaragua"
    reads = [event for event in seen.events if event[0] != "health"]
    (first, page_place, analysed_place, _page), (then, place, headline, _) = reads[-2:]
    assert (first, page_place, then, place) == ("first page", new_place, "analysis", new_place)
    assert analysed_place == "Venezuela"  # the page came while the old place's analysis showed
    # ... whose estimate had given way to a word of what is being read
    assert headline.startswith(f"{new_place}: reading the figures"), headline


async def test_the_chart_metric_alone_lists_no_new_page(app) -> None:
    seen = Seen(app)
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await all_shown(pilot)
        await pilot.press("2")  # the chart shows another metric: the same figures are listed
        app.dashboard.reload()
        assert app.screen.query_one(FiguresTable).row_count
    assert [event[0] for event in seen.events].count("first page") == 1


def test_reads_in_one_snapshot_do_not_see_a_write_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.db"
    reader, writer = open_database(path), open_database(path)
    with one_snapshot(reader):
        before = count_figures(reader)
        save_document(writer, document(), [figure(512)], "x")
        assert count_figures(reader) == before  # the snapshot holds
    assert count_figures(reader) == before + 1  # and ends with the block
    reader.close(), writer.close()


async def test_a_feeds_yaml_validated_before_is_read_after_the_first_page(
    app, seeds_only_yaml, monkeypatch
) -> None:
    # The read waits for the first page's paint at most PAINT_WAIT_S, then reads feeds.yaml
    # anyway; on a loaded machine the paint came later than half a second. Waiting longer
    # here asserts the order the read keeps, not how fast the machine paints.
    monkeypatch.setattr(dashboard_reads, "PAINT_WAIT_S", 60.0)
    # The command line passes a KnownConfig when the database knows the file's very bytes.
    known = KnownConfig(seeds_only_yaml, "Venezuela", "Known topic")
    reopened = TallywatchApp(db_path=app.db_path, config=known, poll_on_start=False)
    read_when = []

    def seen(message) -> None:
        if isinstance(message, (FirstPageLoaded, DataLoaded)):
            read_when.append((type(message).__name__, reopened._config is not None))

    async with reopened.run_test(size=(120, 40), message_hook=seen) as pilot:
        await all_shown(pilot)
        assert reopened.title == "Known topic"
        assert reopened.dashboard.data.analysis.findings  # with feeds.yaml's thresholds
    assert read_when[:2] == [("FirstPageLoaded", False), ("DataLoaded", True)]


async def test_a_feeds_yaml_that_turned_bad_ends_the_dashboard_with_its_reason(
    app, tmp_path
) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text("sources: [\n", encoding="utf-8")  # changed after it was validated
    reopened = TallywatchApp(
        db_path=app.db_path, config=KnownConfig(bad, "Venezuela", "Known"), poll_on_start=False
    )
    async with reopened.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: reopened.return_code is not None, "the app's exit")
    assert reopened.return_code == 2
    assert reopened.config_problem.startswith(f"{bad}:") and "YAML" in reopened.config_problem
