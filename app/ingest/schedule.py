"""Polls on a schedule: APScheduler 3.x's AsyncIOScheduler on the running event loop.

One job per enabled source, and the job is the poll itself: it runs in the scheduler's thread
pool (HTTP, feedparser, trafilatura and SQLite block), so the loop (the dashboard's) never
blocks. `max_instances=1` keeps a source from being polled twice at once: a run that comes
while its poll still goes is skipped (EVENT_JOB_MAX_INSTANCES, logged at debug level, not as
a warning); missed runs are coalesced; first runs are staggered and never before a stored wait.
Each poll stores when its source may be polled next (app/ingest/backoff.py: the interval, a
backoff, a Retry-After); after a poll that failed or was skipped, the job's `next_run_time` is
that stored time. "Poll now" sets `next_run_time` to now. A stop pauses the scheduler, lets
the polls in progress end after their current item (each one recorded and announced), then
closes the pool.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from app.config import Config, source_row
from app.ingest.backoff import stored_wait
from app.ingest.poll import MAX_PARALLEL_POLLS, PollResult, poll_in_thread
from app.sources.http_fetch import Fetcher, fetch_limits
from storage import open_database
from storage.polls import register_sources
from storage.writer import Writer

log = logging.getLogger(__name__)

STAGGER_S = 2.0  # between first runs, so that never every feed is fetched in the same second


class _NotWhenBusy(logging.Filter):
    """A run skipped because the source's poll still goes is how polls never overlap, not a
    problem: APScheduler's warning for it is left out (the listener logs it at debug)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances" not in str(record.msg)


_scheduler_log = logging.getLogger("apscheduler.scheduler.polls")  # under apscheduler's own
_scheduler_log.addFilter(_NotWhenBusy())


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
        self._stop = threading.Event()  # asks polls in progress to end between items
        self._forced: set[str] = set()  # sources a "poll now" brought forward: past a backoff
        self._pool = ThreadPoolExecutor(MAX_PARALLEL_POLLS)
        self._writer = Writer(self.db_path)  # the polls' writes, from one thread
        self._fetcher: Fetcher | None = None
        self._scheduler: AsyncIOScheduler | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- life ---------------------------------------------------------------------------

    def start(self, waits: dict[str, datetime] | None = None) -> None:
        """Add one job per enabled source and start; must be called inside a running loop.

        `waits` are `read_stored_waits()` read beforehand off the loop (the dashboard does so in
        a worker); without them they are read here, on the loop, once."""
        self._loop = asyncio.get_running_loop()
        self._fetcher = Fetcher(fetch_limits(self.config))
        waits = read_stored_waits(self.db_path, self.config) if waits is None else waits
        self._scheduler = AsyncIOScheduler(
            event_loop=self._loop, timezone=UTC, logger=_scheduler_log,
            executors={"default": self._pool},
            # a late run still runs, once; never two of one source at a time
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )  # fmt: skip
        self._scheduler.add_listener(_busy, EVENT_JOB_MAX_INSTANCES)
        now = datetime.now(UTC)
        for position, source in enumerate(self._sources.values()):
            first = now + timedelta(seconds=position * self.stagger_s + random.uniform(0, 0.5))
            self._scheduler.add_job(
                self._poll,
                IntervalTrigger(seconds=source.interval_seconds, timezone=UTC),
                args=[source.name],
                id=source.name,
                name=f"poll {source.name}",
                next_run_time=max(first, waits.get(source.name, first)),
            )
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop scheduling; polls in progress end after their current item. Safe to repeat.

        Call `await wait_idle()` after it to be sure every poll has been recorded.
        """
        if self._stop.is_set():
            return
        self._stop.set()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.pause()  # at once: no job starts from here on
            self._scheduler.shutdown(wait=False)  # (AsyncIOScheduler's runs on the loop, later)

    async def wait_idle(self) -> None:
        """After `shutdown()`: wait until the polls in progress have ended, each recorded and
        announced (announcements are queued on this loop before the pool's threads end)."""
        await asyncio.to_thread(self._pool.shutdown, True)
        await asyncio.to_thread(self._writer.close)
        if self._fetcher is not None:
            self._fetcher.close()

    async def aclose(self) -> None:
        self.shutdown()
        await self.wait_idle()

    # -- polls --------------------------------------------------------------------------

    def poll_now(self, name: str | None = None) -> None:
        """Poll one source (by name) or every enabled source now, past any backoff (a
        server's Retry-After still holds); a source being polled is not polled again. Returns
        at once, results come through `on_poll_finished`. Raises KeyError for an unknown name."""
        if self._scheduler is None:
            raise RuntimeError("the scheduler is not started")
        if name is not None and name not in self._sources:
            raise KeyError(f"no enabled source named {name!r}")
        names = [name] if name is not None else list(self._sources)
        now = datetime.now(UTC)
        for position, chosen in enumerate(names):  # a short stagger: the user is waiting
            self._forced.add(chosen)
            when = now + timedelta(seconds=position * self.stagger_s / 4)
            self._scheduler.modify_job(chosen, next_run_time=when)

    def _poll(self, name: str) -> PollResult | None:
        """The job: one poll, in a thread of the pool. Never raises (a failure is recorded)."""
        if self._stop.is_set():
            return None  # it was waiting for a thread when the stop came
        force = name in self._forced
        self._forced.discard(name)
        result = poll_in_thread(
            self.db_path, self._sources[name], self.config, self._fetcher, force=force,
            stop=self._stop, writer=self._writer,
        )  # fmt: skip
        if result.status != "ok" and result.next_poll and not self._stop.is_set():
            # A backoff or a Retry-After: the job waits until the time the poll stored.
            wanted = datetime.fromisoformat(result.next_poll)
            with suppress(JobLookupError):  # (the scheduler stopped meanwhile)
                self._scheduler.modify_job(name, next_run_time=wanted)
        with suppress(RuntimeError):  # (the loop is closed: nobody is left to tell)
            self._loop.call_soon_threadsafe(self._announce, result)
        return result

    def _announce(self, result: PollResult) -> None:
        if self.on_poll_finished is None:
            return
        try:
            self.on_poll_finished(result)
        except Exception:  # a subscriber's bug must not stop the polls
            log.exception("on_poll_finished failed for %s", result.source)

    def next_runs(self) -> dict[str, datetime | None]:
        """When each source's job runs next (for tests and the sources view)."""
        if self._scheduler is None:
            return {}
        return {job.id: job.next_run_time for job in self._scheduler.get_jobs()}


def _busy(event: JobSubmissionEvent) -> None:
    log.debug("%s is still being polled: this run is skipped", event.job_id)


def read_stored_waits(db_path: str | Path, config: Config) -> dict[str, datetime]:
    """Each source's stored wait (its interval, a backoff or a Retry-After), so that a restart
    or a poll by `ingest` just before is not followed by a second poll at once.
    Registers the configured sources first. Blocking: SQLite."""
    conn = open_database(db_path)
    try:
        states = register_sources(conn, [source_row(s) for s in config.sources])
    finally:
        conn.close()
    waits = {state["name"]: stored_wait(state) for state in states if state["enabled"]}
    return {name: datetime.fromisoformat(wait) for name, wait in waits.items() if wait}
