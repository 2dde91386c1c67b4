"""One run in a real terminal: `tallywatch` in tmux on a temporary database, read off the screen."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """A tmux session of a given size running one command."""

    def __init__(self, command: list[str], size: tuple[int, int], cwd: Path) -> None:
        self.name = f"tallywatch-test-{uuid.uuid4().hex[:8]}"
        width, height = size
        # COLUMNS/LINES from the test process would override the terminal's real size.
        shell_command = "env -u COLUMNS -u LINES " + " ".join(f"'{part}'" for part in command)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
             "-c", str(cwd), f"{shell_command}; sleep 30"],
            check=True,
        )  # fmt: skip

    def screen(self) -> str:
        captured = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return captured.stdout

    def press(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal_factory():
    opened: list[Terminal] = []

    def open_terminal(command: list[str], size=(120, 40)) -> Terminal:
        terminal = Terminal(command, size, REPO)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()


def test_dashboard_in_a_real_terminal_shows_the_figures(
    terminal_factory, tmp_path, seeds_only_yaml
) -> None:
    db = tmp_path / "e2e.db"
    command = [sys.executable, "-m", "app", "--db", str(db), "--config", str(seeds_only_yaml)]
    terminal = terminal_factory(command)
    screen = terminal.wait_for("≥644")
    for shown in ("711", ">600", "448", "379", "≥340", "302", "Foro Penal", "held", "released"):
        assert shown in screen, shown
    assert "Snapshot" in screen and "Quit" in screen  # the footer shows the keys
    terminal.press("Enter")  # drill down into the first figure's document
    document = terminal.wait_for("date recorded in feeds.yaml")
    assert "Figure " in document and "Next figure" in document
    terminal.press("Escape")
    terminal.wait_for("≥644")
    terminal.press("e")  # a snapshot, and the notification says where
    terminal.wait_for("Snapshot written to")
    (snapshot,) = (tmp_path / "snapshots").glob("tallywatch-*.db")
    assert sqlite3.connect(snapshot).execute("SELECT count(*) FROM figures").fetchone()[0] >= 9
    terminal.press("q")
    deadline = time.monotonic() + 10
    while "≥644" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "≥644" not in terminal.screen()
