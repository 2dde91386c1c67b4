"""The scheduler on a running asyncio loop, polling a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.config import parse_config
from app.ingest.schedule import PollScheduler
from storage import open_database
from storage.polls import recent_polls
from tests.conftest import SEEDS
from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

SAYS_644 = "Foro Penal said at least 644 political prisoners remain in custody in Venezuela."


def config_for(server, tmp_path, interval: str = "1h"):
    server.routes["/fast.xml"] = Reply(200, rss([{"guid": "f", "title": "Foro Penal",
                                                  "description": SAYS_644}]))  # fmt: skip
    server.routes["/slow.xml"] = Reply(200, rss([]), delay_s=3.0)
    text = (
        "sources:\n"
        f"  - name: slow\n    url: {server.url('/slow.xml')}\n    interval: {interval}\n"
        f"  - name: fast\n    url: {server.url('/fast.xml')}\n    interval: {interval}\n"
        f"  - name: seeds\n    path: {SEEDS}\n    interval: {interval}\n"
        "http:\n  timeout: 1.5\n"  # "fast" fetches well within it, even on a busy machine
    )
    return parse_config(text, base_dir=tmp_path)


async def wait_for(condition, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


async def test_each_source_polls_in_a_thread_and_a_slow_one_delays_no_other(
    feed_server, tmp_path, db_path
) -> None:
    results = []
    scheduler = PollScheduler(
        db_path, config_for(feed_server, tmp_path), results.append, stagger_s=0.1
    )
    scheduler.start()
    gaps, last = [], time.monotonic()
    while len(results) < 3:  # a ticker on the loop: it must never stall
        await asyncio.sleep(0.02)
        now = time.monotonic()
        gaps.append(now - last)
        last = now
        assert len(gaps) < 500, results
    await scheduler.aclose()
    by_source = {result.source: result for result in results}
    assert [result.source for result in results][-1] == "slow"  # started first, ended last
    assert by_source["fast"].status == "ok" and by_source["fast"].new == 1
    assert by_source["seeds"].new == 5
    assert by_source["slow"].status == "failed" and "timed out" in by_source["slow"].error
    assert max(gaps) < 0.3
    conn = open_database(db_path)  # the polls' writer indexed what it had queued as it closed
    assert conn.execute("SELECT count(*) FROM figures_text_queue").fetchone()[0] == 0
    indexed = conn.execute("SELECT count(*) FROM figures_text").fetchone()[0]
    assert indexed == conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    conn.close()


async def test_first_runs_are_staggered(feed_server, tmp_path, db_path) -> None:
    scheduler = PollScheduler(db_path, config_for(feed_server, tmp_path), stagger_s=2.0)
    scheduler.start()
    runs = sorted(scheduler.next_runs().values())
    await scheduler.aclose()
    assert len(runs) == 3
    assert all(
        (later - earlier).total_seconds() >= 1.5
        for earlier, later in zip(runs, runs[1:], strict=False)
    )


async def test_poll_now_polls_one_source_or_all(feed_server, tmp_path, db_path) -> None:
    results = []
    scheduler = PollScheduler(
        db_path, config_for(feed_server, tmp_path), results.append, stagger_s=0.1
    )
    scheduler.start()
    await wait_for(lambda: len(results) == 3)
    scheduler.poll_now("fast")
    await wait_for(lambda: len(results) == 4)
    assert results[3].source == "fast" and results[3].new == 0  # nothing stored twice
    scheduler.poll_now()
    await wait_for(lambda: len(results) == 7)
    with pytest.raises(KeyError):
        scheduler.poll_now("nobody")
    await scheduler.aclose()
    assert len(feed_server.requests_to("/fast.xml")) == 3


async def test_a_stored_retry_after_delays_the_first_run(feed_server, tmp_path, db_path) -> None:
    config = config_for(feed_server, tmp_path)
    feed_server.routes["/fast.xml"] = Reply(429, b"", {"Retry-After": "600"})
    results = []
    first = PollScheduler(db_path, config, results.append, stagger_s=0.1)
    first.start()
    await wait_for(lambda: any(result.source == "fast" for result in results))
    await first.aclose()
    restarted = PollScheduler(db_path, config, stagger_s=0.1)  # a restart honours the wait
    restarted.start()
    fast_run = restarted.next_runs()["fast"]
    await restarted.aclose()
    assert fast_run >= datetime.now(UTC) + timedelta(seconds=590)


async def test_shutdown_lets_the_running_poll_finish_and_record(
    feed_server, tmp_path, db_path, caplog
) -> None:
    results = []
    scheduler = PollScheduler(
        db_path, config_for(feed_server, tmp_path), results.append, stagger_s=0.1
    )
    scheduler.start()
    await wait_for(lambda: feed_server.requests_to("/slow.xml"))
    await scheduler.aclose()  # the slow poll is under way: it ends, then we return
    conn = open_database(db_path)
    assert {poll["source"] for poll in recent_polls(conn)} >= {"slow"}
    # and it is announced before aclose() returns (`watch` logs every poll it recorded)
    assert "slow" in {result.source for result in results}
    # a job that shutdown cancels is no error: `watch` prints no traceback when it stops
    assert [record.getMessage() for record in caplog.records if record.levelno >= 40] == []


async def test_a_poll_slower_than_its_interval_never_runs_twice_at_once(
    feed_server, tmp_path, db_path, caplog
) -> None:
    caplog.set_level("DEBUG", logger="app.ingest.schedule")
    feed_server.routes["/slow.xml"] = Reply(200, rss([]), delay_s=2.0)
    text = f"sources:\n  - name: slow\n    url: {feed_server.url('/slow.xml')}\n    interval: 1s\n"
    results = []
    scheduler = PollScheduler(db_path, parse_config(text, base_dir=tmp_path), results.append)
    scheduler.start()
    await wait_for(lambda: len(results) >= 2)  # the 1 s job came due while each poll ran
    await scheduler.aclose()
    assert feed_server.most_active == 1
    assert all(result.status == "ok" for result in results)
    messages = [(record.levelno, record.getMessage()) for record in caplog.records]
    assert (10, "slow is still being polled: this run is skipped") in messages
    assert [message for level, message in messages if level >= 30] == []  # no warning


async def test_a_failure_moves_the_next_run_to_the_stored_backoff(
    feed_server, tmp_path, db_path
) -> None:
    config = config_for(feed_server, tmp_path)
    feed_server.routes["/fast.xml"] = Reply(503, b"")
    results = []
    scheduler = PollScheduler(db_path, config, results.append, stagger_s=0.1)
    scheduler.start()
    await wait_for(lambda: any(result.source == "fast" for result in results))
    planned = scheduler.next_runs()["fast"]
    failed = next(result for result in results if result.source == "fast")
    assert failed.status == "failed" and planned == datetime.fromisoformat(failed.next_poll)
    scheduler.poll_now("fast")  # past the backoff: polled again at once, the backoff kept
    await wait_for(lambda: sum(result.source == "fast" for result in results) == 2)
    after = scheduler.next_runs()["fast"]
    await scheduler.aclose()
    assert len(feed_server.requests_to("/fast.xml")) == 2
    assert after == planned  # "poll now" of a failing source leaves its next poll where it was
