"""One thread that writes for many: poll threads hand it their writes, each one a transaction.

SQLite lets one connection write at a time, whoever asks. With a connection per poll thread,
each commit emptied the page cache of every other connection, and threads queued for the
write lock. The writer keeps one connection, so the pages a poll writes stay cached, and runs
the work handed to it in turn, each piece in one immediate transaction of its own: one bad
feed's writes roll back alone. A poll thread still reads on its own connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from storage.database import DatabaseError, drop_thread_connection, thread_connection
from storage.transaction import transaction

T = TypeVar("T")
Work = Callable[[sqlite3.Connection], T]


class Writer:
    """Writes to the database at `path` from one thread; `close` when the polls are done."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="writer")

    def write(self, work: Work[T]) -> T:
        """work(connection) in one transaction, committed before this returns what it
        returned; what it raised is raised here, its writes rolled back."""
        return self._thread.submit(self._run, work).result()

    def _run(self, work: Work[T]) -> T:
        conn = thread_connection(self._path)
        try:
            with transaction(conn, immediate=True):
                return work(conn)
        except (sqlite3.Error, DatabaseError):
            drop_thread_connection(self._path)  # the next write opens the database as it is then
            raise

    def close(self) -> None:
        """Close the connection (in its own thread, as sqlite3 requires) and end the thread."""
        try:
            self._thread.submit(drop_thread_connection, self._path)
        except RuntimeError:  # closed already
            return
        self._thread.shutdown(wait=True)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def write_here(conn: sqlite3.Connection, work: Work[T]) -> T:
    """work(conn) in one transaction of the caller's connection: a Writer's `write`, for a
    caller that polls on its own connection (one source, a test)."""
    with transaction(conn, immediate=True):
        return work(conn)
