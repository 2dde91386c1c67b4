"""A database that cannot be read is said where the watcher looks: in the header and as a
notification, once; and the screen recovers when it answers again."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
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


def make_read_only(db_path: Path) -> bool:
    """Mark the database file immutable (chattr +i), which even root cannot write: whether this
    file system and this user can. SQLite then opens it read-only: it reads, it cannot store."""
    done = subprocess.run(["chattr", "+i", str(db_path)], capture_output=True)
    return done.returncode == 0


def make_writable(db_path: Path) -> None:
    subprocess.run(["chattr", "-i", str(db_path)], check=True)


@pytest.fixture
def read_only_app(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(REPO)
    app = seeded_app(tmp_path, "read_only")
    if shutil.which("chattr") is None or not make_read_only(app.db_path):
        pytest.skip("no chattr +i here (file system or privileges)")
    make_writable(app.db_path)
    yield app
    make_writable(app.db_path)  # (pytest must be able to remove it)


async def test_a_read_only_database_is_said_and_the_screen_recovers(read_only_app) -> None:
    app = read_only_app
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.dashboard.data is not None)
        make_read_only(app.db_path)
        try:
            health = app.health
            await pilot.press("r")  # poll now: the dashboard still reads, the poll cannot store
            await until(lambda: app.db_problem is not None)
            await until(lambda: app.health is not health)  # the read after the poll worked...
            await until(lambda: not [w for w in app.workers if not w.is_finished])
            await pilot.pause()
            assert "read-only" in app.db_problem  # ... and did not clear what storing met
            assert "⚠ database read-only" in app.screen.sub_title
            assert sum("read-only" in message for message in said(app)) == 1
        finally:
            make_writable(app.db_path)
        await pilot.press("r")  # the next poll stores again
        await until(lambda: app.db_problem is None)
        await pilot.pause()
        assert "⚠" not in app.screen.sub_title
        assert "The database answers again" in said(app)
