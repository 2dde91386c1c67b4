"""One thread that writes for many: poll threads hand it their writes, each one a transaction.

SQLite lets one connection write at a time, whoever asks. With a connection per poll thread,
each commit emptied the page cache of every other connection, and threads queued for the
write lock. The writer keeps one connection, so the pages a poll writes stay cached, and runs
the work handed to it in turn, each piece in one immediate transaction of its own: one bad
feed's writes roll back alone. A poll thread still reads on its own connection.
The figures a poll queues for the `/` filter's text index (storage/text_index.py) are indexed
INDEX_AT at a time, and the rest when the writer closes: FTS5 writes a segment per statement
and merges them again later, so fewer, larger statements cost less per figure (storing the
poll bench's 10,000 documents: 11.71G instructions indexed per feed, 10.32G per 3,000 figures).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from storage.database import DatabaseError, drop_thread_connection, thread_connection
from storage.text_index import index_queued
from storage.transaction import transaction

log = logging.getLogger(__name__)
T = TypeVar("T")
Work = Callable[[sqlite3.Connection], T]
INDEX_AT = 3000  # queued figures indexed in one statement (the filter scans the queue meanwhile)


class Writer:
    """Writes to the database at `path` from one thread; `close` when the polls are done."""

    def __init__(self, path: str | Path, *, index_at: int = INDEX_AT) -> None:
        self._path = Path(path)
        self._index_at = index_at
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="writer")
        self._wrote = False  # whether there is a connection to close, a queue to index

    def write(self, work: Work[T]) -> T:
        """work(connection) in one transaction, committed before this returns what it
        returned; what it raised is raised here, its writes rolled back."""
        return self._thread.submit(self._run, work).result()

    def _run(self, work: Work[T]) -> T:
        self._wrote = True
        conn = thread_connection(self._path)
        try:
            with transaction(conn, immediate=True):
                done = work(conn)
                index_queued(conn, at_least=self._index_at)
            return done
        except (sqlite3.Error, DatabaseError):
            drop_thread_connection(self._path)  # the next write opens the database as it is then
            raise

    def close(self) -> None:
        """Index what is still queued, close the connection (in its own thread, as sqlite3
        requires) and end the thread."""
        try:
            self._thread.submit(self._end)
        except RuntimeError:  # closed already
            return
        self._thread.shutdown(wait=True)

    def _end(self) -> None:
        if not self._wrote:
            return
        try:
            self._run(index_queued)
        except (sqlite3.Error, DatabaseError) as error:  # the filter still finds them queued
            log.warning("the text index was not brought up to date: %s", error)
        drop_thread_connection(self._path)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def write_here(conn: sqlite3.Connection, work: Work[T]) -> T:
    """work(conn) in one transaction of the caller's connection, the figures it queued indexed
    before the commit: a Writer's `write`, for a caller that polls on its own connection (one
    source, a test)."""
    with transaction(conn, immediate=True):
        done = work(conn)
        index_queued(conn)
    return done
