"""Snapshots of the screens a watcher sees, on the seeds, at 120x40 and 80x24, fixed clock.

Update after an intended change of the screens with `pytest --snapshot-update`.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.ingest.passes import ingest_paths
from app.tui.app import TallywatchApp
from app.tui.document_screen import DocumentScreen
from app.tui.sources_screen import SourcesScreen
from storage import open_database
from tests.conftest import REPO, seeds_only_config
from tests.pilot_waits import all_shown, wait_until

SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def seeded_app(tmp_path, monkeypatch):
    """The app on a database holding the seeds, not polling, its clock stopped."""
    monkeypatch.chdir(REPO)  # sources are shown as configured: seeds/…
    config = seeds_only_config()
    db_path = tmp_path / "snap.db"
    conn = open_database(db_path)
    ingest_paths(conn, ["seeds"], config)
    conn.close()
    return TallywatchApp(
        db_path=db_path, config=config, poll_on_start=False, today=date(2026, 2, 21)
    )


async def settled(pilot) -> None:
    """Every read done and shown: the figures, the findings and the sources' health."""
    await all_shown(pilot)


async def on_screen_settled(pilot, kind: type) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), f"the {kind.__name__}")
    await all_shown(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(snap_compare, seeded_app, size) -> None:
    assert snap_compare(seeded_app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_document_screen(snap_compare, seeded_app, size) -> None:
    async def open_fifth_figure(pilot) -> None:
        await settled(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        await on_screen_settled(pilot, DocumentScreen)

    assert snap_compare(seeded_app, terminal_size=size, run_before=open_fifth_figure)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_sources_screen(snap_compare, seeded_app, size) -> None:
    async def open_sources(pilot) -> None:
        await settled(pilot)
        await pilot.press("s")
        await on_screen_settled(pilot, SourcesScreen)
        await wait_until(pilot, lambda: pilot.app.screen.health, "the sources' rows")

    assert snap_compare(seeded_app, terminal_size=size, run_before=open_sources)
