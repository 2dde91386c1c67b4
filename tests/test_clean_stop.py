"""`tallywatch watch` stopped with SIGTERM while a poll runs, at a 1 s interval against a
feed on 127.0.0.1 that takes longer than that to answer: no traceback, no scheduler noise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.conftest import REPO
from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

SAYS = "Foro Penal said 644 political prisoners remain in custody in Venezuela."


def wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_sigterm_during_slow_polls_at_a_1s_interval_stops_cleanly(feed_server, tmp_path):
    item = {"guid": "1", "title": "Foro Penal", "description": SAYS}
    feed_server.routes["/slow.xml"] = Reply(200, rss([item]), delay_s=2.5)
    config = tmp_path / "feeds.yaml"
    config.write_text(
        f"sources:\n  - name: slow\n    url: {feed_server.url('/slow.xml')}\n    interval: 1s\n",
        encoding="utf-8",
    )
    log = tmp_path / "watch.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    with log.open("w") as out:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(tmp_path / "w.db"), "--config",
             str(config), "watch"],
            cwd=REPO, env=environment, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            # Two polls ended and a third is under way: the 1 s job fired while each ran.
            assert wait_for(lambda: log.read_text().count(" next poll ") >= 2, 30)
            assert wait_for(lambda: feed_server.active == 1, 10)
            watcher.send_signal(signal.SIGTERM)
            assert watcher.wait(30) == 0
        finally:
            if watcher.poll() is None:
                watcher.kill()
    printed = log.read_text()
    assert printed.rstrip().endswith("stopped")
    for noise in ("Traceback", "raised an exception", "CancelledError", "maximum number"):
        assert noise not in printed, printed
