"""The headline strip on the seeds: the held estimate, its band, claimant and date in the
top lines of the screen at every size; snapshots at 80x24, 100x30 and 120x40."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.tui.app import TallywatchApp
from app.tui.headline_strip import HeadlineStrip
from tests.conftest import REPO, seeded_app
from tests.pilot_waits import all_shown as settled

TODAY = date(2026, 2, 21)  # the day after the newest seed: freshness reads the same every run
SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    return seeded_app(tmp_path, "headline", today=TODAY)


def screen_lines(widget) -> list[str]:
    """What the widget shows, line by line, as cut to its width."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_held_estimate_is_in_the_top_lines(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        strip = app.screen.query_one(HeadlineStrip)
        assert strip.region.y <= 1  # right under the header
        first = screen_lines(strip)[0]
        assert "Venezuela: held 644–682 · Foro Penal ≥644, 20 Feb · yesterday" in first
        assert "200" not in first and "650" not in first  # no vague or stale figure


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen_with_headline(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=settled)


def test_counts_read_as_words() -> None:
    from app.present import counted

    assert counted(1, "figure") == "1 figure"
    assert counted(18, "figure") == "18 figures"
    assert counted(1204, "figure") == "1,204 figures"
