"""`tallywatch ingest`, `sources` and `watch` as a user runs them, against 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import REPO, SEEDS
from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

SAYS_644 = "Foro Penal said at least 644 political prisoners remain in custody in Venezuela."


def write_config(tmp_path, server, *, interval: str = "10m") -> str:
    server.routes["/en.xml"] = Reply(200, rss([{"guid": "1", "title": "Foro Penal",
                                                "description": SAYS_644}]))  # fmt: skip
    text = (
        "sources:\n"
        f"  - name: Seeds\n    path: {SEEDS}\n    interval: 1h\n"
        f"  - name: Local news\n    url: {server.url('/en.xml')}\n    interval: {interval}\n"
        f"  - name: Dead feed\n    url: {server.url('/gone.xml')}\n    interval: {interval}\n"
        "http:\n  timeout: 5\n"  # no feed here is slow: room for a busy machine
    )
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        time.sleep(0.05)


def poll_recorded(db_path, source: str, status: str, error: str = "") -> bool:
    if not db_path.exists():
        return False
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        found = conn.execute(
            "SELECT 1 FROM polls WHERE source = ? AND status = ? AND ifnull(error, '') LIKE ?",
            (source, status, f"%{error}%"),
        )
        return found.fetchone() is not None


def test_ingest_stores_the_good_sources_and_exits_1_for_the_dead_one(
    run_cli, feed_server, tmp_path, db_path
) -> None:
    config = write_config(tmp_path, feed_server)
    result = run_cli("--db", str(db_path), "--config", config, "ingest")
    assert result.returncode == 1
    assert "failed    Dead feed: HTTP 404 Not Found" in result.stderr
    assert "Traceback" not in result.stderr
    assert "6 documents (6 new" in result.stdout  # five seeds and one feed item
    again = run_cli("--db", str(db_path), "--config", config, "ingest")
    assert "skipped   Dead feed: not polled: backing off" in again.stdout
    assert "0 figures stored" in again.stdout


def test_sources_prints_each_source_with_its_health(run_cli, feed_server, tmp_path, db_path):
    config = write_config(tmp_path, feed_server)
    before = run_cli("--db", str(db_path), "--config", config, "sources")
    assert "Dead feed  [not polled yet]" in before.stdout
    run_cli("--db", str(db_path), "--config", config, "ingest")
    shown = run_cli("--db", str(db_path), "--config", config, "sources").stdout
    assert "Seeds  [ok]  files:" in shown
    assert "Local news  [ok]  feed: http://127.0.0.1" in shown
    assert "Dead feed  [FAILING]" in shown
    assert "last error: HTTP 404 Not Found" in shown
    assert "1 documents, 1 figures" in shown
    assert "last success never" in shown


def test_watch_polls_logs_one_line_each_and_stops_cleanly_on_sigterm(
    feed_server, tmp_path, db_path
) -> None:
    config = write_config(tmp_path, feed_server, interval="1s")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db_path), "--config", config, "watch"],
        cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for(lambda: len(feed_server.requests_to("/en.xml")) >= 2, "two polls of the feed")
        wait_for(lambda: poll_recorded(db_path, "Seeds", "ok"), "a poll of the seeds")
        wait_for(lambda: poll_recorded(db_path, "Dead feed", "failed"), "a poll of the dead feed")
        feed_server.routes["/en.xml"] = Reply(503, b"", {"Retry-After": "1"})  # a fault comes
        wait_for(lambda: poll_recorded(db_path, "Local news", "failed", "HTTP 503"), "the fault")
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=20)
    assert watcher.returncode == 0, err
    assert "Traceback" not in err
    lines = out.splitlines()
    assert lines[0].startswith("watching 3 sources") and lines[-1] == "stopped"
    assert any("Local news: ok HTTP 200: 1 seen, 1 new" in line for line in lines)
    assert any("Dead feed: failed: HTTP 404 Not Found" in line for line in lines)
    assert any("Seeds: ok" in line for line in lines)
    assert any("Local news: failed: HTTP 503" in line for line in lines)
    polls = sqlite3.connect(db_path).execute("SELECT count(*) FROM polls").fetchone()[0]
    assert polls == sum(1 for line in lines if ": ok" in line or ": failed" in line)
