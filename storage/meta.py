"""Facts about the database as a whole, in the `meta` table: which extractor made its figures."""

from __future__ import annotations

import sqlite3

_EXTRACTOR_VERSION = "extractor_version"


def extractor_version(conn: sqlite3.Connection) -> int:
    """The version of the extractor every stored figure comes from; 0 when never stamped
    (a database from before the stamp, or one that stores nothing yet)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_EXTRACTOR_VERSION,)).fetchone()
    return int(row[0]) if row else 0


def stamp_extractor_version(conn: sqlite3.Connection, version: int) -> None:
    with conn:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_EXTRACTOR_VERSION, str(version)),
        )
