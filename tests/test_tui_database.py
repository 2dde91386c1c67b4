"""A database that cannot be read is said where the watcher looks: in the header and as a
notification, once; and the screen recovers when it answers again."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from app.tui.app import TallywatchApp
from tests.conftest import REPO, seeded_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    return seeded_app(tmp_path, "locked")


async def until(condition, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the condition never held"
        await asyncio.sleep(0.1)


def lock(db_path: Path) -> sqlite3.Connection:
    """Another program holding the database: an exclusive lock no reader gets past."""
    holder = sqlite3.connect(db_path, timeout=10, isolation_level=None)  # past any reader
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE figures SET claimant = claimant WHERE id = 1")
    return holder


def said(app: TallywatchApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_locked_database_is_said_and_the_screen_recovers(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.dashboard.data is not None)
        holder = lock(app.db_path)
        try:
            app.dashboard.change_view(text="Foro")  # a read the database must answer
            await until(lambda: app.db_problem is not None)
            await pilot.pause()
            assert "⚠ database locked" in app.screen.sub_title
            assert sum("locked" in message for message in said(app)) == 1
        finally:
            holder.rollback()
            holder.close()
        await until(lambda: app.db_problem is None)
        await until(lambda: app.dashboard.data.view.text == "Foro")
        await pilot.pause()
        assert "⚠" not in app.screen.sub_title
        assert "The database answers again" in said(app)
