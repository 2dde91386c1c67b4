"""Poll one source: fetch, parse, store, and record the poll with the source's next time.

Every failure ends as a failed poll with its reason in words, recorded; nothing raises out of
`poll_source`, so one source never stops another. `poll_sources` polls many at once, each in
its own thread with its own connection to read, so a slow source never delays the others;
their writes go to one writer thread (storage/writer.py). A feed's new documents and the poll
that brought them are saved in one transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from app.config import Config, SourceConfig, source_row
from app.ingest.backoff import after_failure, iso, waiting_until
from app.ingest.extraction_pool import portable
from app.ingest.feed_poll import FeedContext, ItemsRead, read_items, save_items
from app.ingest.feed_reading import FeedReading, read_feed_elsewhere
from app.ingest.store import StoredDocument, extraction_settings, store_all
from app.sources.feed_items import NotAFeed
from app.sources.http_fetch import Fetcher, FetchError
from app.sources.local_documents import local_documents
from app.sources.local_files import ReadProblem
from app.sources.topic_filter import TopicFilter
from storage.database import DatabaseError, drop_thread_connection, thread_connection
from storage.polls import ensure_source, known_items, record_poll
from storage.writer import Writer, write_here

log = logging.getLogger(__name__)

MAX_PARALLEL_POLLS = 8


@dataclass
class PollResult:
    source: str
    status: str  # ok, failed, or skipped (waiting for a Retry-After or a backoff)
    started: str
    ended: str
    http_status: int | None = None
    items_seen: int = 0
    new: int = 0
    changed: int = 0
    figures_added: int = 0
    error: str | None = None  # why it failed or was skipped, in words
    warning: str | None = None  # what it survived: a malformed feed, an unreadable article
    next_poll: str | None = None  # ISO time
    stored: list[StoredDocument] = field(default_factory=list, repr=False)
    problems: list[ReadProblem] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        # Not asdict(): it would deep-copy every stored document and figure, then drop them.
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_SHOWN}


_NOT_SHOWN = ("stored", "problems")


@dataclass
class _Outcome:
    """What reading a source gave, before it is recorded."""

    stored: list[StoredDocument] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    http_status: int | None = None
    items_seen: int = 0
    warning: str | None = None
    validators: dict = field(default_factory=dict)  # etag, last_modified to keep
    items: ItemsRead | None = None  # a feed's items, with the writes that store them


def poll_source(
    conn: sqlite3.Connection,
    source: SourceConfig,
    config: Config,
    fetcher: Fetcher,
    *,
    force: bool = False,
    stop: threading.Event | None = None,
    now: Callable[[], datetime] | None = None,
    deadline: float | None = None,
    writer: Writer | None = None,
) -> PollResult:
    """Poll `source` once unless it must wait; record the poll. Never raises for a fault of
    the source (only for a database that cannot be written). `deadline` (time.monotonic())
    ends the poll earlier than its own `http.poll_timeout` would: a pass of `ingest`.
    `conn` reads; the writes go to `writer` if given, else to `conn`."""
    clock = now or (lambda: datetime.now(UTC))
    started = clock()
    if deadline is not None and time.monotonic() >= deadline:
        return PollResult(
            source.name, "skipped", iso(started), iso(started),
            error="not polled: the pass's time ran out (http.poll_timeout); the next pass polls it",
        )  # fmt: skip
    state = ensure_source(conn, source_row(source))
    wait = waiting_until(state, started, force=force)
    if wait is not None:
        asked = state["retry_after"] and state["retry_after"] > iso(started)
        why = "the server asked to wait (Retry-After)" if asked else "backing off after failures"
        return PollResult(
            source.name, "skipped", iso(started), iso(started),
            error=f"not polled: {why} until {wait}", next_poll=wait,
        )  # fmt: skip
    write = writer.write if writer is not None else partial(write_here, conn)
    failed = partial(_record_failure, write, source, state, started, force=force)
    try:
        outcome = _read_source(conn, source, config, fetcher, state, stop, deadline)
        return _record_success(write, source, started, clock(), outcome)
    except (FetchError, NotAFeed) as problem:
        return failed(clock(), problem)
    except (sqlite3.Error, DatabaseError) as error:  # recorded if the database lets us
        _rollback(conn)
        return failed(clock(), RuntimeError(f"database error: {error}"))
    except Exception as error:  # a bug must not end the scheduler's job: record it
        log.exception("polling %s failed", source.name)
        _rollback(conn)
        return failed(clock(), RuntimeError(f"unexpected {type(error).__name__}: {error}"))


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.rollback()


def _read_source(conn, source, config, fetcher, state, stop, deadline) -> _Outcome:
    settings = extraction_settings(config)
    if source.path is not None:
        return _read_files(conn, source, config, settings)
    own = time.monotonic() + fetcher.limits.poll_timeout_s  # the whole poll's
    deadline = min(own, deadline) if deadline is not None else own
    fetched = fetcher.get(
        source.url, etag=state["etag"], last_modified=state["last_modified"], deadline=deadline
    )
    outcome = _Outcome(http_status=fetched.status)
    if fetched.not_modified:  # costs no parsing; the validators stay as they are
        return outcome
    known = known_items(conn, source.name)  # key -> content hash, of the items seen before
    # Parsed in a worker process, with its new items read there too when it needs no pages.
    reading = None if source.full_article else _reading(source, config, settings, known)
    feed = read_feed_elsewhere(fetched.body, fetched.headers, reading)
    parsed = feed.parsed
    topic = TopicFilter(config.topic.terms)
    context = FeedContext(source, fetcher, settings, topic, stop, deadline)
    read = read_items(conn, parsed.items, context, known, feed.read)
    outcome.items, outcome.items_seen = read, len(parsed.items)
    warnings = ([parsed.problem] if parsed.problem else []) + read.notes
    outcome.warning = "; ".join(warnings) or None
    if read.complete:  # else the next poll must get the whole feed again, not a 304
        outcome.validators = {"etag": fetched.etag, "last_modified": fetched.last_modified}
    return outcome


def _reading(source, config, settings, known) -> FeedReading:
    terms = tuple(config.topic.terms)
    return FeedReading(source.name, source.url, source.language, known, terms, portable(settings))


def _read_files(conn, source, config, settings) -> _Outcome:
    outcome = _Outcome()
    outcome.stored, outcome.problems = store_all(
        conn, local_documents(source, config.base_dir, config.files.max_bytes), settings
    )
    outcome.items_seen = len(outcome.stored) + len(outcome.problems)
    return outcome


def _record_success(write, source, started, ended, outcome: _Outcome) -> PollResult:
    """Save what a feed brought and record the poll, in one transaction."""

    def save_and_record(conn: sqlite3.Connection) -> PollResult:
        if outcome.items is not None:
            save_items(conn, outcome.items)
            outcome.stored = outcome.items.stored
        result = _success(source, started, ended, outcome)
        record_poll(conn, result.as_dict(), _success_state(result, outcome))
        return result

    return write(save_and_record)


def _success(source, started, ended, outcome: _Outcome) -> PollResult:
    changed = [d for d in outcome.stored if d.outcome != "unchanged"]
    error = "; ".join(f"{p.source}: {p.message}" for p in outcome.problems) or None
    return PollResult(
        source=source.name,
        status="failed" if outcome.problems else "ok",
        started=iso(started),
        ended=iso(ended),
        http_status=outcome.http_status,
        items_seen=outcome.items_seen,
        new=sum(d.outcome == "new" for d in changed),
        changed=sum(d.outcome == "changed" for d in changed),
        figures_added=sum(len(d.figures) for d in changed),
        error=error,
        warning=outcome.warning,
        next_poll=iso(ended + timedelta(seconds=source.interval_seconds)),
        stored=outcome.stored,
        problems=outcome.problems,
    )


def _success_state(result: PollResult, outcome: _Outcome) -> dict:
    state = {
        "failures": 0, "retry_after": None, "next_poll": result.next_poll,
        "last_poll_end": result.ended, "last_status": result.status, "last_error": result.error,
        **outcome.validators,
    }  # fmt: skip
    if not outcome.problems:
        state["last_success"] = result.ended
    return state


def _record_failure(write, source, state, started, ended, problem: Exception, *, force=False):
    retry_after_s = getattr(problem, "retry_after_s", None)
    waits = after_failure(state, ended, source.interval_seconds, retry_after_s, force=force)
    result = PollResult(
        source=source.name,
        status="failed",
        started=iso(started),
        ended=iso(ended),
        http_status=getattr(problem, "status", None),
        error=str(problem),
        next_poll=waits["next_poll"],
        problems=[ReadProblem(source.name, str(problem))],
    )
    new_state = {
        **waits, "last_poll_end": result.ended, "last_status": "failed",
        "last_error": result.error,
    }  # fmt: skip
    write(partial(record_poll, poll=result.as_dict(), state=new_state))
    return result


def poll_in_thread(
    db_path: Path, source: SourceConfig, config: Config, fetcher: Fetcher, **options
) -> PollResult:
    """Poll through this thread's kept connection (and `writer=`, if given, for the writes);
    even a database fault comes back as a failed result, so a caller in a thread or on the
    event loop never sees an exception. A failed poll closes the connection: the next poll
    opens the database as it is then."""
    try:
        conn = thread_connection(db_path)
        result = poll_source(conn, source, config, fetcher, **options)
    except Exception as error:
        drop_thread_connection(db_path)
        log.exception("polling %s failed", source.name)
        moment = iso(datetime.now(UTC))
        words = f"database error: {error}"
        return PollResult(
            source.name, "failed", moment, moment, error=words,
            problems=[ReadProblem(source.name, words)],
        )  # fmt: skip
    if result.status == "failed":
        drop_thread_connection(db_path)
    return result


def poll_sources(
    db_path: Path,
    sources: Iterable[SourceConfig],
    config: Config,
    fetcher: Fetcher,
    **options,
) -> Iterator[PollResult]:
    """Poll the sources side by side; each result in the order given, as soon as it and those
    before it are done, so a caller that keeps counts holds no pass's documents and figures
    (they were all held until the pass's end). The pass ends within one
    `http.poll_timeout`, however many wait for a thread: the rest is read by the next."""
    chosen = list(sources)
    if not chosen:
        return
    options.setdefault("deadline", time.monotonic() + fetcher.limits.poll_timeout_s)
    threads = ThreadPoolExecutor(min(MAX_PARALLEL_POLLS, len(chosen)), "poll")
    with Writer(db_path) as writer, threads as pool:
        futures = deque(
            pool.submit(poll_in_thread, db_path, source, config, fetcher, writer=writer, **options)
            for source in chosen
        )
        while futures:  # a future handed over is dropped: it holds its result's documents
            yield futures.popleft().result()
