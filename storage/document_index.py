"""Lists of documents for browsing: the other documents of one source."""

from __future__ import annotations

import sqlite3


def documents_of_source(conn: sqlite3.Connection, source_name: str, limit: int = 200) -> list[dict]:
    """A source's documents, newest first, with how many figures each holds (no text)."""
    rows = conn.execute(
        "SELECT d.id, d.source, d.title, d.date, d.date_basis, d.language,"
        " (SELECT count(*) FROM figures AS f WHERE f.document_id = d.id) AS figures"
        " FROM documents AS d WHERE d.source_name = ?"
        " ORDER BY d.date DESC, d.id DESC LIMIT ?",
        (source_name, limit),
    ).fetchall()
    return [dict(row) for row in rows]
