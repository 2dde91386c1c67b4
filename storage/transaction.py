"""Write transactions that nest: a poll stores a whole feed's documents in one commit.

Each `save_*` writes in `transaction(conn)`: alone, its own transaction (as `with conn:`);
inside a caller's, a part of it, so that the caller commits once. Fewer commits are fewer
waits for the write lock that poll threads share, and fewer syncs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = False) -> Iterator[None]:
    """Commit on success, roll back on error; inside an open transaction, do neither.

    `immediate` takes the write lock at the start (waiting up to the busy timeout), so a
    transaction that reads before it writes never fails on a lock another writer took.
    """
    if conn.in_transaction:
        yield
        return
    if immediate:
        conn.execute("BEGIN IMMEDIATE")
    with conn:
        yield
