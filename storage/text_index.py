"""The `/` filter's text index (figures_text, storage/schema.py), filled thousands at a time.

A trigger indexes each figure as it is inserted: right for a few, costly for a poll's
thousands (FTS5 costs several times more for single rows than for one statement of as many,
and each statement writes a segment that is merged again later). Inside `queued_text_index`,
inserted figures are queued instead; `index_queued` indexes the queue in one statement. A
writer of one feed indexes its queue before it commits; the poll's writer (storage/writer.py)
lets some thousands gather first. The filter finds the queued figures too (`MATCHING_IDS`),
so no reader ever sees a figure it cannot find, and a rollback takes the queue with it.
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
# a poll's indexing grew with the database. A queued figure deleted since is left out by the
# join; one indexed meanwhile by another writer's trigger (its id reused) is not indexed twice.
_INDEX_QUEUED = (
    f"INSERT INTO figures_text (rowid, body) SELECT f.id, {_BODY}"
    " FROM figures_text_queue AS q CROSS JOIN figures AS f ON f.id = q.id"
    " JOIN documents AS d ON d.id = f.document_id WHERE q.id > 0"
    " AND NOT EXISTS (SELECT 1 FROM figures_text AS t WHERE t.rowid = q.id) ORDER BY q.id"
)

# The ids of the figures whose text holds a LIKE pattern (given twice): those indexed, and
# those queued. Plain LIKE folds the case of ASCII letters only, as the index's LIKE does.
MATCHING_IDS = (
    "SELECT rowid FROM figures_text WHERE body LIKE ? UNION ALL"
    " SELECT q.id FROM figures_text_queue AS q CROSS JOIN figures AS f ON f.id = q.id"
    f" JOIN documents AS d ON d.id = f.document_id WHERE q.id > 0 AND {_BODY} LIKE ?"
)


@contextmanager
def queued_text_index(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction: figures inserted in the block are queued for
    `index_queued`, not indexed one by one. Nested blocks queue as the outer one does."""
    outermost = conn.execute("INSERT OR IGNORE INTO figures_text_queue (id) VALUES (-1)").rowcount
    yield
    if outermost:
        conn.execute("DELETE FROM figures_text_queue WHERE id = -1")


def index_queued(conn: sqlite3.Connection, *, at_least: int = 1) -> None:
    """Index the queued figures in one statement, if at least `at_least` wait (in the caller's
    transaction)."""
    waiting = conn.execute("SELECT count(*) FROM figures_text_queue WHERE id > 0").fetchone()[0]
    if waiting and waiting >= at_least:
        conn.execute(_INDEX_QUEUED)
        conn.execute("DELETE FROM figures_text_queue WHERE id > 0")
