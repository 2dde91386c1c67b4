"""Poll one source: fetch, parse, store, and record the poll with the source's next time.

Every failure ends as a failed poll with its reason in words, recorded; nothing raises out of
`poll_source`, so one source never stops another. `poll_sources` polls many at once, each in
its own thread with its own connection, so a slow source never delays the others.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import Config, SourceConfig
from app.sources.backoff import iso, next_poll_after_failure, waiting_until
from app.sources.feed_documents import FeedContext, store_items
from app.sources.feed_items import NotAFeed, parse_feed
from app.sources.http_fetch import Fetcher, FetchError
from app.sources.local_documents import local_documents
from app.sources.local_files import ReadProblem
from app.sources.saving import StoredDocument, extraction_settings, store_all
from app.sources.topic_filter import TopicFilter
from storage import open_database
from storage.polls import ensure_source, record_poll

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


def source_row(source: SourceConfig) -> dict:
    kind = "feed" if source.url else "files"
    return {
        "name": source.name,
        "kind": kind,
        "location": source.url or source.path,
        "enabled": source.enabled,
    }


def poll_source(
    conn: sqlite3.Connection,
    source: SourceConfig,
    config: Config,
    fetcher: Fetcher,
    *,
    force: bool = False,
    stop: threading.Event | None = None,
    now: Callable[[], datetime] | None = None,
) -> PollResult:
    """Poll `source` once unless it must wait; record the poll. Never raises for a fault of
    the source (only for a database that cannot be written)."""
    clock = now or (lambda: datetime.now(UTC))
    started = clock()
    state = ensure_source(conn, source_row(source))
    wait = waiting_until(state, started, force=force)
    if wait is not None:
        asked = state["retry_after"] and state["retry_after"] > iso(started)
        why = "the server asked to wait (Retry-After)" if asked else "backing off after failures"
        return PollResult(
            source.name, "skipped", iso(started), iso(started),
            error=f"not polled: {why} until {wait}", next_poll=wait,
        )  # fmt: skip
    try:
        outcome = _read_source(conn, source, config, fetcher, state, stop)
    except (FetchError, NotAFeed) as problem:
        return _record_failure(conn, source, state, started, clock(), problem)
    except sqlite3.Error:
        raise
    except Exception as error:  # a bug must not end the scheduler's job: record it
        log.exception("polling %s failed", source.name)
        problem = RuntimeError(f"unexpected {type(error).__name__}: {error}")
        return _record_failure(conn, source, state, started, clock(), problem)
    return _record_success(conn, source, started, clock(), outcome)


def _read_source(conn, source, config, fetcher, state, stop) -> _Outcome:
    settings = extraction_settings(config)
    if source.path is not None:
        return _read_files(conn, source, config, settings)
    fetched = fetcher.get(source.url, etag=state["etag"], last_modified=state["last_modified"])
    outcome = _Outcome(http_status=fetched.status)
    if fetched.not_modified:  # costs no parsing; the validators stay as they are
        return outcome
    parsed = parse_feed(fetched.body, fetched.headers)
    context = FeedContext(source, fetcher, settings, TopicFilter(config.topic.terms), stop)
    read = store_items(conn, parsed.items, context)
    outcome.stored, outcome.items_seen = read.stored, len(parsed.items)
    warnings = ([parsed.problem] if parsed.problem else []) + read.notes
    outcome.warning = "; ".join(warnings) or None
    if read.complete:  # else the next poll must get the whole feed again, not a 304
        outcome.validators = {"etag": fetched.etag, "last_modified": fetched.last_modified}
    return outcome


def _read_files(conn, source, config, settings) -> _Outcome:
    outcome = _Outcome()
    outcome.stored, outcome.problems = store_all(
        conn, local_documents(source, config.base_dir), settings
    )
    outcome.items_seen = len(outcome.stored) + len(outcome.problems)
    return outcome


def _record_success(conn, source, started, ended, outcome: _Outcome) -> PollResult:
    changed = [d for d in outcome.stored if d.outcome != "unchanged"]
    error = "; ".join(f"{p.source}: {p.message}" for p in outcome.problems) or None
    result = PollResult(
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
    state = {
        "failures": 0, "retry_after": None, "next_poll": result.next_poll,
        "last_poll_end": result.ended, "last_status": result.status, "last_error": error,
        **outcome.validators,
    }  # fmt: skip
    if not outcome.problems:
        state["last_success"] = result.ended
    record_poll(conn, result.as_dict(), state)
    return result


def _record_failure(conn, source, state, started, ended, problem: Exception) -> PollResult:
    failures = (state["failures"] or 0) + 1
    retry_after_s = getattr(problem, "retry_after_s", None)
    retry_after = iso(ended + timedelta(seconds=retry_after_s)) if retry_after_s else None
    next_poll = next_poll_after_failure(ended, source.interval_seconds, failures, retry_after_s)
    result = PollResult(
        source=source.name,
        status="failed",
        started=iso(started),
        ended=iso(ended),
        http_status=getattr(problem, "status", None),
        error=str(problem),
        next_poll=iso(next_poll),
        problems=[ReadProblem(source.name, str(problem))],
    )
    new_state = {
        "failures": failures, "retry_after": retry_after, "next_poll": result.next_poll,
        "last_poll_end": result.ended, "last_status": "failed", "last_error": result.error,
    }  # fmt: skip
    record_poll(conn, result.as_dict(), new_state)
    return result


def poll_in_thread(
    db_path: Path, source: SourceConfig, config: Config, fetcher: Fetcher, **options
) -> PollResult:
    """Poll with a connection of this thread's own; even a database fault comes back as a
    failed result, so a caller in a thread or on the event loop never sees an exception."""
    try:
        conn = open_database(db_path)
        try:
            return poll_source(conn, source, config, fetcher, **options)
        finally:
            conn.close()
    except Exception as error:
        log.exception("polling %s failed", source.name)
        moment = iso(datetime.now(UTC))
        words = f"database error: {error}"
        return PollResult(
            source.name, "failed", moment, moment, error=words,
            problems=[ReadProblem(source.name, words)],
        )  # fmt: skip


def poll_sources(
    db_path: Path,
    sources: Iterable[SourceConfig],
    config: Config,
    fetcher: Fetcher,
    **options,
) -> list[PollResult]:
    """Poll the sources side by side; results in the order given."""
    chosen = list(sources)
    if not chosen:
        return []
    with ThreadPoolExecutor(min(MAX_PARALLEL_POLLS, len(chosen)), "poll") as pool:
        futures = [
            pool.submit(poll_in_thread, db_path, source, config, fetcher, **options)
            for source in chosen
        ]
        return [future.result() for future in futures]


def database_path(conn: sqlite3.Connection) -> Path:
    """The file behind a connection, so that other threads can open their own."""
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])
