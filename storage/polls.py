"""Sources, their polls and the feed items already seen: what `sources` and the dashboard show.

Plain dicts in and out; times are ISO text in UTC, so that they sort and compare as text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from storage.transaction import transaction

POLL_COLUMNS = (
    "source", "started", "ended", "status", "http_status", "items_seen", "new", "changed",
    "figures_added", "error", "warning",
)  # fmt: skip

# Columns of `sources` a poll may change (the rest are set from feeds.yaml).
STATE_COLUMNS = (
    "etag", "last_modified", "failures", "retry_after", "next_poll", "last_poll_end",
    "last_success", "last_status", "last_error",
)  # fmt: skip

ITEM_COLUMNS = ("source", "key", "link", "content_hash", "document", "note")


def register_sources(conn: sqlite3.Connection, configured: Iterable[Mapping]) -> list[dict]:
    """Record the configured sources (name, kind, location, enabled); others become disabled.
    Every source's state after (the scheduler reads its stored waits there).

    A source whose kind or location changed loses its validators: they belong to the old URL.
    """
    rows = list(configured)
    with conn:
        conn.execute("UPDATE sources SET enabled = 0")
        for row in rows:
            _upsert_source(conn, row)
    return [dict(row) for row in conn.execute("SELECT * FROM sources ORDER BY rowid")]


def ensure_source(conn: sqlite3.Connection, row: Mapping) -> dict:
    """Record one source as configured (leaving the others alone); its state after.

    Written only when it differs: each poll asks, and a write waits for the lock that poll
    threads share."""
    state = source_state(conn, row["name"])
    wanted = (row["kind"], row["location"], bool(row["enabled"]))
    if state is None or (state["kind"], state["location"], bool(state["enabled"])) != wanted:
        with conn:
            _upsert_source(conn, row)
        state = source_state(conn, row["name"])
    return state


def _upsert_source(conn: sqlite3.Connection, row: Mapping) -> None:
    conn.execute(
        "INSERT INTO sources (name, kind, location, enabled) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled,"
        " etag = iif(location = excluded.location, etag, NULL),"
        " last_modified = iif(location = excluded.location, last_modified, NULL),"
        " kind = excluded.kind, location = excluded.location",
        (row["name"], row["kind"], row["location"], int(bool(row["enabled"]))),
    )


def source_state(conn: sqlite3.Connection, name: str) -> dict | None:
    row = conn.execute("SELECT * FROM sources WHERE name = ?", (name,)).fetchone()
    return dict(row) if row else None


def record_poll(conn: sqlite3.Connection, poll: Mapping, state: Mapping) -> int:
    """Store one poll and the source's new state together, in one transaction."""
    unknown = set(state) - set(STATE_COLUMNS)
    if unknown:
        raise ValueError(f"not a source state column: {sorted(unknown)}")
    with transaction(conn, immediate=True):
        poll_id = conn.execute(
            f"INSERT INTO polls ({', '.join(POLL_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(POLL_COLUMNS))})",
            [poll.get(column) for column in POLL_COLUMNS],
        ).lastrowid
        if state:
            assignments = ", ".join(f"{column} = ?" for column in state)
            conn.execute(
                f"UPDATE sources SET {assignments} WHERE name = ?",
                [*state.values(), poll["source"]],
            )
    return poll_id


def recent_polls(conn: sqlite3.Connection, source: str | None = None, limit: int = 50) -> list:
    """The latest polls, newest first, of one source or of all."""
    where, params = ("WHERE source = ?", [source]) if source is not None else ("", [])
    rows = conn.execute(
        f"SELECT * FROM polls {where} ORDER BY id DESC LIMIT ?", [*params, limit]
    ).fetchall()
    return [dict(row) for row in rows]


_HEALTH = """
SELECT s.name, s.kind, s.location, s.enabled, s.last_poll_end, s.last_success, s.last_error,
       s.last_status, s.next_poll, s.retry_after, s.failures,
       (SELECT count(*) FROM documents AS d WHERE d.id IN (
            SELECT d2.id FROM documents AS d2 WHERE d2.source_name = s.name
            UNION SELECT d3.id FROM items AS i JOIN documents AS d3 ON d3.source = i.document
                  WHERE i.source = s.name)) AS documents,
       (SELECT count(*) FROM figures AS f WHERE f.document_id IN (
            SELECT d2.id FROM documents AS d2 WHERE d2.source_name = s.name
            UNION SELECT d3.id FROM items AS i JOIN documents AS d3 ON d3.source = i.document
                  WHERE i.source = s.name)) AS figures
FROM sources AS s
ORDER BY s.enabled DESC, s.rowid
"""


def source_health(conn: sqlite3.Connection) -> list[dict]:
    """One dict per source ever configured: when it last worked, why it fails, what it holds.

    `next_poll` is the later of the planned poll and any Retry-After the server asked for.
    """
    health = []
    for row in conn.execute(_HEALTH).fetchall():
        source = dict(row)
        source["enabled"] = bool(source["enabled"])
        source["failing"] = source["last_status"] == "failed"
        waits = [time for time in (source["next_poll"], source.pop("retry_after")) if time]
        source["next_poll"] = max(waits) if waits and source["enabled"] else None
        health.append(source)
    return health


def known_items(conn: sqlite3.Connection, source: str) -> dict[str, str | None]:
    """Key -> content hash of every item of `source` seen before: one query per poll."""
    rows = conn.execute("SELECT key, content_hash FROM items WHERE source = ?", (source,))
    return {key: content_hash for key, content_hash in rows}


def save_item(conn: sqlite3.Connection, item: Mapping, now: str) -> None:
    """Remember a feed item as seen, with the document it was stored as (in the caller's
    transaction, if one is open)."""
    values = [item.get(column) for column in ITEM_COLUMNS]
    with transaction(conn):
        conn.execute(_SAVE_ITEM, [*values, now, now])


_SAVE_ITEM = (
    f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}, first_seen, last_seen)"
    f" VALUES ({', '.join('?' * len(ITEM_COLUMNS))}, ?, ?)"
    " ON CONFLICT(source, key) DO UPDATE SET link = excluded.link,"
    " content_hash = excluded.content_hash, document = excluded.document,"
    " note = excluded.note, last_seen = excluded.last_seen"
)
