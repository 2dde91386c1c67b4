"""Facts about the database as a whole, in the `meta` table: which extractor made its figures,
and the topic of the feeds.yaml the dashboard last validated."""

from __future__ import annotations

import json
import sqlite3

_EXTRACTOR_VERSION = "extractor_version"
_VALIDATED_TOPIC = "validated_topic"


def extractor_version(conn: sqlite3.Connection) -> int:
    """The version of the extractor every stored figure comes from; 0 when never stamped
    (a database from before the stamp, or one that stores nothing yet)."""
    value = _get(conn, _EXTRACTOR_VERSION)
    return int(value) if value is not None else 0


def stamp_extractor_version(conn: sqlite3.Connection, version: int) -> None:
    _set(conn, _EXTRACTOR_VERSION, str(version))


def validated_topic(conn: sqlite3.Connection, digest: str) -> tuple[str | None, str] | None:
    """The (place, name) of the topic of the feeds.yaml whose bytes have `digest`, if that very
    file was validated before; None otherwise."""
    value = _get(conn, _VALIDATED_TOPIC)
    known = json.loads(value) if value is not None else {}
    return (known["place"], known["name"]) if known.get("digest") == digest else None


def remember_validated_topic(
    conn: sqlite3.Connection, digest: str, place: str | None, name: str
) -> None:
    _set(conn, _VALIDATED_TOPIC, json.dumps({"digest": digest, "place": place, "name": name}))


def _get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    with conn:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
