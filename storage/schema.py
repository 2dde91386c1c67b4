"""The tallywatch schema: documents, the figures stated in them, a view joining both, the
sources with their polls and the feed items already seen; and its migrations.

SCHEMA is the current schema, every statement IF NOT EXISTS. A new file runs it; an older one
first runs the MIGRATIONS steps above its version (what IF NOT EXISTS cannot do: add columns,
drop a view or index whose definition changed), then SCHEMA creates whatever is missing.
"""

from __future__ import annotations

import sqlite3

# PRAGMA application_id marks a file as ours, so we never write into someone else's database.
APPLICATION_ID = 0x54574348  # "TWCH"

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
    updated_at TEXT NOT NULL,
    identity TEXT                         -- URL, or a local file's resolved path: one document
);
-- Any spelling of a file's path, or a second feed with the same article, is one document.
CREATE UNIQUE INDEX IF NOT EXISTS documents_by_identity ON documents(identity);
-- A file moved with its folder is found again by its content (storage/documents.py); only
-- local files are looked up so, so a feed's documents cost this index nothing.
CREATE INDEX IF NOT EXISTS documents_by_content ON documents(content_hash)
    WHERE identity NOT LIKE '%://%';

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
    "end" INTEGER NOT NULL,
    part_of INTEGER,                      -- id of the total (same document) this is a part of
    subgroup TEXT,                        -- a part's group in the text's words ("women")
    mentions TEXT NOT NULL DEFAULT '[]'   -- JSON [[start, end], ...]: other places stating it
);

CREATE INDEX IF NOT EXISTS figures_by_document ON figures(document_id);
CREATE INDEX IF NOT EXISTS figures_by_series ON figures(place, metric, period_start, as_of);
-- The dashboard's first page: one place, newest first.
CREATE INDEX IF NOT EXISTS figures_by_place_date ON figures(place, as_of, id);
-- Covers the grouping of figures into series points (storage/figure_points.py). Breakdowns
-- never enter a series, so the index leaves them out; it holds part_of (always null) only so
-- that SQLite tests the query's `part_of IS NULL` on the index alone (covering, no table).
CREATE INDEX IF NOT EXISTS figures_by_point ON figures(
    place, metric, period_start, as_of, value, low, high, qualifier, claimant, stale, document_id,
    part_of
) WHERE part_of IS NULL;

-- A figure with its document's fields, in the order of DOMAIN.md's table.
CREATE VIEW IF NOT EXISTS figures_view AS
SELECT
    f.id, f.value, f.qualifier, f.low, f.high, f.metric, f.subject, f.place, f.claimant,
    f.as_of, f.period_start, d.date_basis, d.source, d.title, f.sentence, f.start, f."end",
    f.part_of, f.subgroup, f.mentions, f.stale, d.language, d.source_name, f.document_id
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

-- The words the dashboard's `/` filter looks in, one row per figure (rowid = figures.id): its
-- sentence, claimant and metric, its document's source and title, joined by char(31) so that
-- no match spans two of them. Trigrams answer `LIKE '%text%'` from the index (no positions
-- kept: LIKE needs none). Triggers keep it (a changed document's figures are deleted and
-- inserted again, so they take its new title).
CREATE VIRTUAL TABLE IF NOT EXISTS figures_text
    USING fts5(body, tokenize = 'trigram', detail = none);
-- Each transaction that indexes figures (a poll's feed) adds a segment; FTS5 merges a level's
-- segments once 16 are there, not 4 (its default): merging four at a time rewrote every row
-- about twice as often (a quarter of the index's writing), while a search reads a few more
-- segments (a selective `/` filter on 100,000 figures: 3-5 ms either way).
INSERT INTO figures_text (figures_text, rank) VALUES ('automerge', 16);
-- A writer that stores many figures at once (a poll's feed) defers their indexing: while the
-- queue holds the row -1, inserted figures only queue their ids, and the writer indexes them
-- all in one statement before it commits (storage/text_index.py); FTS5 takes one statement
-- of many rows at a fraction of the cost of as many single rows.
CREATE TABLE IF NOT EXISTS figures_text_queue (id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS figures_text_insert AFTER INSERT ON figures
WHEN NOT EXISTS (SELECT 1 FROM figures_text_queue WHERE id = -1) BEGIN
    INSERT INTO figures_text (rowid, body)
    SELECT new.id, new.sentence || char(31) || new.claimant || char(31) || new.metric
        || char(31) || d.source || char(31) || d.title
    FROM documents AS d WHERE d.id = new.document_id;
END;
CREATE TRIGGER IF NOT EXISTS figures_text_queued AFTER INSERT ON figures
WHEN EXISTS (SELECT 1 FROM figures_text_queue WHERE id = -1) BEGIN
    INSERT OR IGNORE INTO figures_text_queue (id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS figures_text_delete AFTER DELETE ON figures BEGIN
    DELETE FROM figures_text WHERE rowid = old.id;
END;
CREATE TRIGGER IF NOT EXISTS figures_text_update
AFTER UPDATE OF sentence, claimant, metric, document_id ON figures BEGIN
    UPDATE figures_text SET body = (
        SELECT new.sentence || char(31) || new.claimant || char(31) || new.metric
            || char(31) || d.source || char(31) || d.title
        FROM documents AS d WHERE d.id = new.document_id
    ) WHERE rowid = new.id;
END;

-- Facts about the database as a whole, such as the extractor version its figures come from.
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# The steps from the version before each to it, in order. A step holds only what SCHEMA's
# IF NOT EXISTS cannot do; new tables and indexes need no step.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (2, ()),  # sources, polls and items: new tables
    (3, (  # breakdowns and repeated mentions; the meta table (new)
        "ALTER TABLE figures ADD COLUMN part_of INTEGER",
        "ALTER TABLE figures ADD COLUMN subgroup TEXT",
        "ALTER TABLE figures ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]'",
        "DROP VIEW IF EXISTS figures_view",
        "DROP INDEX IF EXISTS figures_by_point",
    )),
    (4, (  # one identity per document (storage/documents.py)
        "ALTER TABLE documents ADD COLUMN identity TEXT",
        "UPDATE documents SET identity = source WHERE identity IS NULL",
    )),
    (5, (  # the `/` filter's text index, filled with the figures already stored
        "CREATE VIRTUAL TABLE IF NOT EXISTS figures_text"
        " USING fts5(body, tokenize = 'trigram', detail = none)",
        "INSERT INTO figures_text (rowid, body) SELECT f.id, f.sentence || char(31)"
        " || f.claimant || char(31) || f.metric || char(31) || d.source || char(31) || d.title"
        " FROM figures AS f JOIN documents AS d ON d.id = f.document_id",
    )),
    (6, (  # the text index's insert trigger steps aside for a writer that defers (SCHEMA)
        "DROP TRIGGER IF EXISTS figures_text_insert",
    )),
    (7, ()),  # documents_by_content: a new index
    (8, ()),  # the text index merges 16 segments at a time (SCHEMA sets it)
)  # fmt: skip
SCHEMA_VERSION = MIGRATIONS[-1][0]

# Columns every figure row gives as they are (the extractor's Figure fields); storage/
# figure_rows.py adds subgroup, mentions (JSON) and part_of (part_of_start made an id).
FIGURE_COLUMNS = (
    "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant",
    "as_of", "period_start", "stale", "sentence", "start", "end",
)  # fmt: skip


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create or upgrade the tables; mark the file as a tallywatch database of this version.

    All in one immediate transaction, so a second connection never sees the tables without
    the mark, nor half an upgrade. An up-to-date database is left untouched: opening one to
    read needs no write lock.
    """
    if _version(conn) >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _version(conn)  # again under the lock: another process may have upgraded it
        if version < SCHEMA_VERSION:
            for step, statements in MIGRATIONS:
                if 0 < version < step:  # a new file (version 0) has no tables to change
                    for statement in statements:
                        conn.execute(statement)
            for statement in _statements(SCHEMA):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _statements(script: str):
    """The statements of `script` one by one (executescript would commit the transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
