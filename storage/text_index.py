"""The `/` filter's text index (figures_text, storage/schema.py) filled once per transaction.

A trigger indexes each figure as it is inserted: right for a few, costly for a poll's
thousands (FTS5 costs several times more for single rows than for one statement of as many).
Inside `deferred_text_index`, inserted figures are queued instead and indexed in one
statement at the end, in the same transaction: no reader ever sees a figure the filter
cannot find, and a rollback takes the queue with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

_BODY = (
    "f.sentence || char(31) || f.claimant || char(31) || f.metric || char(31) || d.source"
    " || char(31) || d.title"
)
# The queue drives the join (CROSS JOIN fixes the order): left to itself, the planner carried
# `q.id > 0` over to figures and walked every figure stored, probing the queue for each, so
# a poll's indexing grew with the database.
_INDEX_QUEUED = (
    f"INSERT INTO figures_text (rowid, body) SELECT f.id, {_BODY}"
    " FROM figures_text_queue AS q CROSS JOIN figures AS f ON f.id = q.id"
    " JOIN documents AS d ON d.id = f.document_id WHERE q.id > 0 ORDER BY q.id"
)


@contextmanager
def deferred_text_index(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction (`transaction(conn)`): figures inserted in the block
    are indexed at its end, in one statement (on an error, the rollback undoes the queue)."""
    conn.execute("INSERT OR IGNORE INTO figures_text_queue (id) VALUES (-1)")
    yield
    conn.execute(_INDEX_QUEUED)
    conn.execute("DELETE FROM figures_text_queue")
