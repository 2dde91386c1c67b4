"""Consistent snapshots of a live database through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def export_snapshot(conn: sqlite3.Connection, out_path: str | Path) -> Path:
    """Copy the database behind `conn` to `out_path`, safe while another connection writes.

    The copy is written beside the target and renamed into place, so a failure never
    leaves a half-written snapshot under the requested name.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
        # A snapshot is one self-contained file: no -wal beside it.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.replace(partial, out_path)
    return out_path


def snapshot_file_name() -> str:
    """A name that sorts by time: tallywatch-20260220-181500.db (UTC)."""
    return datetime.now(UTC).strftime("tallywatch-%Y%m%d-%H%M%S.db")
