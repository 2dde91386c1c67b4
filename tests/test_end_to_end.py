"""One run in a real terminal: `tallywatch` in tmux on a temporary database, read off the screen."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """A tmux session of a given size running one command, on a tmux server of its own (no
    user config, no clash with other tests or other users of tmux on the machine)."""

    def __init__(self, command: list[str], size: tuple[int, int], cwd: Path) -> None:
        self.name = f"tallywatch-test-{uuid.uuid4().hex[:8]}"
        # A short path (a socket's is limited to about 100 bytes), removed by close().
        self.folder = tempfile.mkdtemp(prefix="tallywatch-tmux-")
        self.socket = os.path.join(self.folder, "socket")
        width, height = size
        # COLUMNS/LINES from the test process would override the terminal's real size.
        shell_command = "env -u COLUMNS -u LINES " + " ".join(f"'{part}'" for part in command)
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  "-c", str(cwd), f"{shell_command}; sleep 30")  # fmt: skip

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=True, timeout=30,
        )  # fmt: skip
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, *texts: str, timeout: float = 60.0) -> str:
        """The screen once it shows every one of `texts` and has stopped changing."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen == last and all(text in screen for text in texts):
                return screen  # the same in two captures in a row: painted, not mid-paint
            last = screen
            time.sleep(0.25)
        missing = [text for text in texts if text not in self.screen()]
        raise AssertionError(f"{missing} never settled on the screen:\n{self.screen()}")

    def wait_without(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            assert time.monotonic() < deadline, f"{text!r} stayed on the screen"
            time.sleep(0.25)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


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
    figures = ("≥644", "711", ">600", "448", "379", "≥340", "302", "Foro Penal", "held",
               "released")  # fmt: skip
    footer = ("Snapshot", "Quit")  # the footer shows the keys
    # The first paint shows the header before the footer: wait for the whole screen the test
    # reads.
    terminal.wait_for(*figures, *footer)
    terminal.press("Enter")  # drill down into the first figure's document
    terminal.wait_for("date recorded in feeds.yaml", "Figure ", "Next figure")
    terminal.press("Escape")
    terminal.wait_for("≥644", *footer)
    terminal.press("e")  # a snapshot, and the notification says where
    terminal.wait_for("Snapshot written to")
    (snapshot,) = (tmp_path / "snapshots").glob("tallywatch-*.db")
    assert sqlite3.connect(snapshot).execute("SELECT count(*) FROM figures").fetchone()[0] >= 9
    terminal.press("q")
    terminal.wait_without("≥644")
