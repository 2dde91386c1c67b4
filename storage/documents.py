"""Saving a document with its figures, and reading documents back.

A document is known by its identity: its URL, or a local file's resolved path, so an article
reached through two feeds, or a file through two spellings of its path, is stored once; a
file that moved with its folder (a second checkout of the project, the same database) is
found again by its source, file name and content.
Each save is one immediate transaction (read, compare, write under the write lock), so two
processes storing the same document at once store it once: the one that loses the race
finds it stored and reports "unchanged".
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath

from storage.figure_rows import insert_figures
from storage.transaction import transaction

DOCUMENT_COLUMNS = ("source", "source_name", "title", "text", "date", "date_basis", "language")
_INSERT = (
    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}, identity, content_hash, first_seen,"
    f" updated_at) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))}, ?, ?, ?, ?)"
)
_ASSIGNED = ", ".join(f"{column} = ?" for column in DOCUMENT_COLUMNS)
_UPDATE = f"UPDATE documents SET {_ASSIGNED}, content_hash = ?, updated_at = ? WHERE id = ?"


def save_document(
    conn: sqlite3.Connection,
    document: Mapping,
    figures: Iterable[Mapping],
    content_hash: str,
) -> str:
    """Store a document and replace its figures, in one transaction (or the caller's).

    Returns "new", "changed" or "unchanged". The same content twice stores nothing twice;
    changed content replaces the document's figures, never adds to them.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    identity = document.get("identity") or document["source"]
    # immediate: the read below must see what the write replaces (a lost race is 'unchanged')
    with transaction(conn, immediate=True):
        row = _by_identity(conn, identity)
        if row is None and identity != document["source"]:
            # stored before documents had identities: known then by the spelling configured
            row = _by_identity(conn, document["source"])
            if row is not None:
                conn.execute(
                    "UPDATE documents SET identity = ? WHERE id = ?", (identity, row["id"])
                )
        if "://" not in identity:  # a local file, known by its resolved path
            row = _one_copy(conn, row, identity, document["source_name"], content_hash)
        if row is not None and _same(row, document, content_hash):
            return "unchanged"
        values = {column: document[column] for column in DOCUMENT_COLUMNS}
        if row is None:
            # another file under the same spelling (a URL, its own identity, cannot be)
            if "://" not in identity and _source_taken(conn, values["source"]):
                values["source"] = identity
            document_id = conn.execute(
                _INSERT, [*values.values(), identity, content_hash, now, now]
            ).lastrowid
            outcome = "new"
        else:
            document_id = row["id"]
            values["source"] = row["source"]  # the spelling it was first stored under
            conn.execute(_UPDATE, [*values.values(), content_hash, now, document_id])
            conn.execute("DELETE FROM figures WHERE document_id = ?", (document_id,))
            outcome = "changed"
        _insert_figures(conn, document_id, figures)
    return outcome


def _by_identity(conn: sqlite3.Connection, identity: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT id, source, content_hash, date, date_basis FROM documents WHERE identity = ?",
        (identity,),
    ).fetchone()


def _one_copy(
    conn: sqlite3.Connection,
    row: sqlite3.Row | None,
    identity: str,
    source_name: str,
    content_hash: str,
) -> sqlite3.Row | None:
    """A local file's one stored copy. The same file stored from another folder (the same
    source, file name and content: the project cloned or moved elsewhere, the database kept)
    is this document: if none is stored under this path, the first copy takes it as its
    identity; other copies (stored apart before this rule) are deleted with their figures."""
    name = PurePosixPath(identity).name
    copies = [
        copy
        for copy in conn.execute(
            "SELECT id, source, identity, content_hash, date, date_basis FROM documents"
            " WHERE content_hash = ? AND source_name = ? AND identity NOT LIKE '%://%'"
            " ORDER BY id",
            (content_hash, source_name),
        )
        if PurePosixPath(copy["identity"]).name == name
    ]
    if row is None and copies:
        row = copies[0]
        conn.execute("UPDATE documents SET identity = ? WHERE id = ?", (identity, row["id"]))
    for copy in copies:
        if row is not None and copy["id"] != row["id"]:
            conn.execute("DELETE FROM documents WHERE id = ?", (copy["id"],))
    return row


def _source_taken(conn: sqlite3.Connection, source: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM documents WHERE source = ?", (source,)).fetchone() is not None
    )


def _same(row: sqlite3.Row, document: Mapping, content_hash: str) -> bool:
    # A new configured date changes every figure's as_of, so it counts as a change too.
    return (
        row["content_hash"] == content_hash
        and row["date"] == document["date"]
        and row["date_basis"] == document["date_basis"]
    )


def _insert_figures(conn: sqlite3.Connection, document_id: int, figures: Iterable[Mapping]) -> None:
    # Breakdowns name their total by its start; stored, they name its id (see figure_rows).
    insert_figures(conn, document_id, list(figures))


def get_document(conn: sqlite3.Connection, document_id: int) -> dict | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return dict(row) if row else None


def count_documents(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def has_documents(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0] == 1


def document_exists(conn: sqlite3.Connection, source: str) -> bool:
    """Whether a document is stored under `source` (its URL), through whichever feed."""
    found = conn.execute("SELECT 1 FROM documents WHERE source = ?", (source,)).fetchone()
    return found is not None


def stored_sources(conn: sqlite3.Connection, sources: list[str]) -> set[str]:
    """Which of `sources` (URLs) are stored, through whichever feed: one query for many."""
    if not sources:
        return set()
    rows = conn.execute(
        "SELECT source FROM documents WHERE source IN (SELECT value FROM json_each(?))",
        (json.dumps(sources),),
    )
    return {source for (source,) in rows}


def iter_documents(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every stored document with its text, a page at a time (never the whole table in memory)."""
    last_id = 0
    while True:
        rows = conn.execute(
            "SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT 100", (last_id,)
        ).fetchall()
        if not rows:
            return
        last_id = rows[-1]["id"]
        yield from (dict(row) for row in rows)
