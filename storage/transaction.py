"""Write transactions that nest: a poll stores a whole feed's documents in one commit.

Each `save_*` writes in `transaction(conn)`: alone, its own transaction (as `with conn:`);
inside a caller's, a part of it, so that the caller commits once. Fewer commits are fewer
waits for the write lock that poll threads share, and fewer syncs.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Threads of this process queue for the write lock here, and are woken the moment it is
# free; SQLite's busy handler polls in sleeps of up to 100 ms, which left poll threads idle.
_WRITERS = threading.Lock()


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = False) -> Iterator[None]:
    """Commit on success, roll back on error; inside an open transaction, do neither.

    `immediate` takes the write lock at the start (after this process's other writers, then
    waiting up to the busy timeout for other processes), so a transaction that reads before
    it writes never fails on a lock another writer took.
    """
    if conn.in_transaction:
        yield
        return
    if not immediate:
        with conn:
            yield
        return
    with _WRITERS:
        conn.execute("BEGIN IMMEDIATE")
        with conn:
            yield


@contextmanager
def one_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Reads inside see the database as one moment (WAL keeps it while others write): a first
    page shown early and the analysis read after it agree, and so do the counts."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.rollback()  # (nothing was written)
