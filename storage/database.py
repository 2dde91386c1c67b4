"""Opening a tallywatch database: WAL, foreign keys, a busy timeout, and a check that it is ours."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from storage.schema import APPLICATION_ID, ensure_schema

BUSY_TIMEOUT_S = 5.0


class DatabaseError(Exception):
    """A database that cannot be used, with a message fit for one line on the terminal."""


def open_database(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and, if `create`, initialise) the database at `path`.

    Each thread opens its own connection: sqlite3 connections refuse cross-thread use.
    """
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(f"{path}: no such database")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: cannot open database ({error})") from error
    conn.row_factory = sqlite3.Row
    try:
        _check_is_ours(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Asked only when needed: switching needs a lock that a busy database may not give.
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # In WAL, NORMAL syncs at checkpoints, not at each commit: a crash (even kill -9)
        # never corrupts the file; only a power loss may forget the last polls, read again.
        conn.execute("PRAGMA synchronous = NORMAL")
        ensure_schema(conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseError(describe_error(path, error)) from error
    except DatabaseError:
        conn.close()
        raise
    return conn


_KEPT = threading.local()  # each thread's kept connections, by database path


def thread_connection(path: str | Path) -> sqlite3.Connection:
    """This thread's connection to `path`, opened on its first use and kept for the next: a
    poll thread opens (and checks) its database once, not at every poll. Closed when the
    thread ends, or by `drop_thread_connection`."""
    kept = _KEPT.__dict__.setdefault("connections", {})
    conn = kept.get(str(path))
    if conn is None:
        conn = kept[str(path)] = open_database(path)
    return conn


def drop_thread_connection(path: str | Path) -> None:
    """Close this thread's kept connection to `path`: after a failure, the next use opens a
    new one (a database made writable again, or unlocked, is then seen as it is now)."""
    conn = _KEPT.__dict__.get("connections", {}).pop(str(path), None)
    if conn is not None:
        conn.close()


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    # One statement, so both are read in one transaction while another connection creates them.
    application_id, has_tables = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id()),"
        " (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if application_id == APPLICATION_ID:
        return
    if application_id or has_tables:
        raise DatabaseError(f"{path}: not a tallywatch database (it holds other data)")


def describe_error(path: str | Path, error: sqlite3.Error) -> str:
    """Say in one line what went wrong with the database at `path`."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"{path}: the database is locked by another program; try again when it is done"
    if "not a database" in text or "malformed" in text:
        return f"{path}: not a tallywatch database (not an SQLite file)"
    if "readonly" in text or "read-only" in text:
        return f"{path}: the database is read-only"
    return f"{path}: database error: {text}"


def database_path(conn: sqlite3.Connection) -> Path:
    """The file behind a connection, so that other threads can open their own."""
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])
