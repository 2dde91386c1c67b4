"""The tallywatch schema: documents, the figures stated in them, a view joining both, and the
sources with their polls and the feed items already seen."""

from __future__ import annotations

import sqlite3

# PRAGMA application_id marks a file as ours, so we never write into someone else's database.
APPLICATION_ID = 0x54574348  # "TWCH"
# 2 added sources, polls and items; a version-1 file gains them on open (IF NOT EXISTS).
# 3 added documents.identity (see _add_document_identity).
BASE_VERSION = 2
SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,          -- URL, or file path as configured
    source_name TEXT NOT NULL,            -- the feeds.yaml source it came through
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    date TEXT,                            -- ISO date of the document
    date_basis TEXT NOT NULL,             -- published, stated, configured, inferred, first_seen
    language TEXT,
    first_seen TEXT NOT NULL,             -- ISO timestamp, UTC
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    value INTEGER,
    qualifier TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    metric TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    place TEXT,
    claimant TEXT NOT NULL,
    as_of TEXT,
    period_start TEXT,
    stale INTEGER NOT NULL DEFAULT 0,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS figures_by_document ON figures(document_id);
CREATE INDEX IF NOT EXISTS figures_by_series ON figures(place, metric, period_start, as_of);
-- The dashboard's first page: one place, newest first.
CREATE INDEX IF NOT EXISTS figures_by_place_date ON figures(place, as_of, id);
-- Covers the grouping of figures into series points (storage/figure_points.py).
CREATE INDEX IF NOT EXISTS figures_by_point ON figures(
    place, metric, period_start, as_of, value, low, high, qualifier, claimant, stale, document_id
);

-- A figure with its document's fields, in the order of DOMAIN.md's table.
CREATE VIEW IF NOT EXISTS figures_view AS
SELECT
    f.id, f.value, f.qualifier, f.low, f.high, f.metric, f.subject, f.place, f.claimant,
    f.as_of, f.period_start, d.date_basis, d.source, d.title, f.sentence, f.start, f."end",
    f.stale, d.language, d.source_name, f.document_id
FROM figures AS f JOIN documents AS d ON d.id = f.document_id;

-- One row per configured source: its health and what the next poll must send or honour.
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                   -- feed or files
    location TEXT NOT NULL,               -- URL, or path as configured
    enabled INTEGER NOT NULL DEFAULT 1,
    etag TEXT,                            -- validators of the last feed body parsed
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls, for the backoff
    retry_after TEXT,                     -- ISO time the server asked us to wait until
    next_poll TEXT,                       -- ISO time of the next poll, backoff included
    last_poll_end TEXT,
    last_success TEXT,
    last_status TEXT,                     -- ok or failed, of the last poll
    last_error TEXT
);

-- Every poll: what it fetched, what it stored, and why it failed.
CREATE TABLE IF NOT EXISTS polls (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT NOT NULL,
    status TEXT NOT NULL,                 -- ok or failed
    http_status INTEGER,
    items_seen INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    figures_added INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    warning TEXT                          -- a problem the poll survived (a malformed feed)
);
CREATE INDEX IF NOT EXISTS polls_by_source ON polls(source, id);

-- Feed items already seen, by guid, else link, else content hash, per source.
CREATE TABLE IF NOT EXISTS items (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    link TEXT,
    content_hash TEXT NOT NULL,
    document TEXT,                        -- documents.source it was stored as, or null if skipped
    note TEXT,                            -- why the article page was not used, or why skipped
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (source, key)
);
CREATE INDEX IF NOT EXISTS items_by_document ON items(document);
"""

# Columns a stored figure is written with (the extractor's Figure fields).
FIGURE_COLUMNS = (
    "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant",
    "as_of", "period_start", "stale", "sentence", "start", "end",
)  # fmt: skip


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables once; mark the file as a tallywatch database of this version.

    All in one immediate transaction, so a second connection never sees the tables without
    the mark. An up-to-date database is left untouched: opening one to read needs no write lock.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    if version < BASE_VERSION:
        conn.executescript(
            f"BEGIN IMMEDIATE; PRAGMA application_id = {APPLICATION_ID}; {SCHEMA}"
            f" PRAGMA user_version = {BASE_VERSION}; COMMIT;"
        )
    _add_document_identity(conn)


def _add_document_identity(conn: sqlite3.Connection) -> None:
    """Version 3: one identity per document (a URL, or a local file's resolved path), so a
    file reached by another spelling of its path is the same document. Checked again inside
    the transaction: another process may have just done it."""
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("PRAGMA user_version").fetchone()[0] >= 3:
            return
        columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
        if "identity" not in columns:
            conn.execute("ALTER TABLE documents ADD COLUMN identity TEXT")
        conn.execute("UPDATE documents SET identity = source WHERE identity IS NULL")
        conn.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS documents_by_identity ON documents(identity)"
        )
        conn.execute("PRAGMA user_version = 3")
