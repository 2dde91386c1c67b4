"""The tallywatch schema: documents, the figures stated in them, and a view joining both."""

from __future__ import annotations

import sqlite3

# PRAGMA application_id marks a file as ours, so we never write into someone else's database.
APPLICATION_ID = 0x54574348  # "TWCH"
SCHEMA_VERSION = 1

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
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    conn.executescript(
        f"BEGIN IMMEDIATE; PRAGMA application_id = {APPLICATION_ID}; {SCHEMA}"
        f" PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
    )
