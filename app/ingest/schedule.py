"""Polls on a schedule: APScheduler 3.x's AsyncIOScheduler on the running event loop.

One job per enabled source at its interval, and a one-off job for a "poll now"; a job only
starts the poll as a task, and a source being polled is not polled again until it ends, so polls
never overlap and a stop cancels nothing half-done. Missed runs are coalesced, first runs
are staggered.
The blocking work (HTTP, feedparser, trafilatura, SQLite) runs in a thread, so the loop (the
dashboard's) never blocks. After each poll the job's next run moves to the time the poll
stored, so a backoff or a Retry-After holds here as it does for `tallywatch ingest`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app.config import Config, SourceConfig, source_row
from app.ingest.poll import PollResult, poll_in_thread
from app.sources.http_fetch import Fetcher, fetch_limits
from storage import open_database
from storage.polls import register_sources, stored_waits

log = logging.getLogger(__name__)

STAGGER_S = 2.0  # between first runs, so that never every feed is fetched in the same second


class PollScheduler:
    """Start inside a running loop; `on_poll_finished(result)` is called on that loop."""

    def __init__(
        self,
        db_path: str | Path,
        config: Config,
        on_poll_finished: Callable[[PollResult], None] | None = None,
        *,
        stagger_s: float = STAGGER_S,
    ) -> None:
        self.db_path = Path(db_path)
        self.config = config
        self.on_poll_finished = on_poll_finished
        self.stagger_s = stagger_s
        self._sources = {s.name: s for s in config.sources if s.enabled}
        self._stop = threading.Event()  # asks polls in threads to end between items
        self._fetcher: Fetcher | None = None
        self._scheduler: AsyncIOScheduler | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._in_flight: set[asyncio.Future] = set()
        self._running: set[str] = set()  # sources with a poll in progress (on the loop)

    # -- life ---------------------------------------------------------------------------

    def start(self, waits: dict[str, datetime] | None = None) -> None:
        """Add one job per enabled source and start; must be called inside a running loop.

        `waits` are `read_stored_waits()` read beforehand off the loop (the dashboard does so in
        a worker); without them they are read here, on the loop, once."""
        self._loop = asyncio.get_running_loop()
        self._fetcher = Fetcher(fetch_limits(self.config))
        waits = read_stored_waits(self.db_path, self.config) if waits is None else waits
        self._scheduler = AsyncIOScheduler(event_loop=self._loop, timezone=UTC)
        now = datetime.now(UTC)
        for position, source in enumerate(self._sources.values()):
            first = now + timedelta(seconds=position * self.stagger_s + random.uniform(0, 0.5))
            first = max(first, waits.get(source.name, first))
            self._scheduler.add_job(
                self._scheduled_poll,
                IntervalTrigger(seconds=source.interval_seconds, timezone=UTC),
                args=[source.name],
                id=source.name,
                name=f"poll {source.name}",
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,  # a late run still runs (once, coalesced)
                next_run_time=first,
            )
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop scheduling; polls in progress end after their current item. Safe to repeat.

        Call `await wait_idle()` after it to be sure every poll has been recorded.
        """
        self._stop.set()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    async def wait_idle(self) -> None:
        """Wait until no poll is running (each has recorded its outcome, or been stopped)."""
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)
        if self._stop.is_set() and self._fetcher is not None:
            self._fetcher.close()

    async def aclose(self) -> None:
        self.shutdown()
        await self.wait_idle()

    # -- polls --------------------------------------------------------------------------

    def poll_now(self, name: str | None = None) -> None:
        """Poll one source (by name) or every enabled source now, past any backoff (a
        server's Retry-After still holds). Sync and thread-safe; returns at once, results
        come through `on_poll_finished`. Raises KeyError for an unknown name."""
        if self._scheduler is None:
            raise RuntimeError("the scheduler is not started")
        if name is not None and name not in self._sources:
            raise KeyError(f"no enabled source named {name!r}")
        names = [name] if name is not None else list(self._sources)
        now = datetime.now(UTC)
        for position, chosen in enumerate(names):
            # A one-off job beside the source's own (a short stagger: the user is waiting);
            # asking again before it ran replaces it.
            when = now + timedelta(seconds=position * self.stagger_s / 4)
            self._scheduler.add_job(
                self._forced_poll, DateTrigger(when, timezone=UTC), args=[chosen],
                id=f"{chosen} now", name=f"poll {chosen} now", replace_existing=True,
                misfire_grace_time=None,
            )  # fmt: skip

    def _spawn(self, name: str, force: bool = True) -> None:
        """Start a poll as a task of its own, unless that source is being polled already."""
        if self._stop.is_set() or name in self._running:
            return
        self._running.add(name)
        task = self._loop.create_task(self._poll(name, force=force))
        self._in_flight.add(task)  # a strong reference, and wait_idle waits for its announce
        task.add_done_callback(self._in_flight.discard)

    async def _scheduled_poll(self, name: str) -> None:
        # Returns at once: a job that never runs long never overlaps itself (APScheduler
        # would warn on every interval), and stopping the scheduler cancels no poll.
        self._spawn(name, force=False)

    async def _forced_poll(self, name: str) -> None:
        self._spawn(name, force=True)

    async def _poll(self, name: str, *, force: bool) -> PollResult | None:
        work = asyncio.ensure_future(asyncio.to_thread(self._poll_blocking, name, force))
        self._in_flight.add(work)
        work.add_done_callback(self._in_flight.discard)
        # Announced from the thread's future, not from this task: a stop cancels the task, and
        # a poll it recorded must still be told (before wait_idle() returns).
        work.add_done_callback(self._finished)
        try:
            return await asyncio.shield(work)  # a cancelled task leaves the thread to finish
        except asyncio.CancelledError:  # the loop is closing: the thread still records
            return None
        finally:
            self._running.discard(name)

    def _finished(self, work: asyncio.Future) -> None:
        if work.cancelled() or work.exception() is not None:
            return  # failed (the poll records why)
        self._reschedule(work.result())
        self._announce(work.result())

    def _poll_blocking(self, name: str, force: bool) -> PollResult:
        # No lock: _spawn, on the loop, never starts a source that is being polled.
        source: SourceConfig = self._sources[name]
        return poll_in_thread(
            self.db_path, source, self.config, self._fetcher, force=force, stop=self._stop
        )

    def _reschedule(self, result: PollResult) -> None:
        """Move the job's next run to the stored next poll when that is later (a backoff)."""
        if self._stop.is_set() or not result.next_poll or self._scheduler is None:
            return
        job = self._scheduler.get_job(result.source)
        wanted = datetime.fromisoformat(result.next_poll)
        if job is not None and job.next_run_time is not None and wanted > job.next_run_time:
            job.modify(next_run_time=wanted)

    def _announce(self, result: PollResult) -> None:
        if self.on_poll_finished is None:
            return
        try:
            self.on_poll_finished(result)
        except Exception:  # a subscriber's bug must not stop the polls
            log.exception("on_poll_finished failed for %s", result.source)

    def next_runs(self) -> dict[str, datetime | None]:
        """When each source's own job runs next (for tests and the sources view)."""
        if self._scheduler is None:
            return {}
        jobs = self._scheduler.get_jobs()
        return {job.id: job.next_run_time for job in jobs if job.id in self._sources}


def read_stored_waits(db_path: str | Path, config: Config) -> dict[str, datetime]:
    """Each source's stored next poll (its interval, a backoff or a Retry-After), so that a
    restart or a poll by `ingest` just before is not followed by a second poll at once.
    Registers the configured sources first. Blocking: SQLite."""
    conn = open_database(db_path)
    try:
        register_sources(conn, [source_row(s) for s in config.sources])
        waits = stored_waits(conn)
    finally:
        conn.close()
    return {name: datetime.fromisoformat(wait) for name, wait in waits.items()}
