"""Figure rows as `figures_view` gives them, built by hand for the test_analysis_* files,
and their analysis as production makes it: stored in SQLite, grouped into points by
storage.figure_points (the one grouping), then analysed."""

from __future__ import annotations

import sqlite3
import zlib
from itertools import count

from app.analysis import Analysis, Thresholds, analyse
from app.analysis.intervals import interval_of
from storage.figure_points import load_points
from storage.schema import FIGURE_COLUMNS, ensure_schema

_ids = count(1)


def row(
    value: int | None,
    metric: str = "held",
    as_of: str = "2026-02-20",
    *,
    qualifier: str = "exact",
    claimant: str = "Foro Penal",
    place: str | None = "Venezuela",
    period_start: str | None = None,
    source: str = "a.txt",
    stale: bool = False,
    low: int | None = None,
    high: int | None = None,
    sentence: str = "",
) -> dict:
    figure_id = next(_ids)
    if low is None and high is None and qualifier not in ("about", "range", "vague"):
        low, high = interval_of(qualifier, value, None, None)
    return {
        "id": figure_id, "value": value, "qualifier": qualifier, "low": low, "high": high,
        "metric": metric, "subject": "political prisoners", "place": place,
        "claimant": claimant, "as_of": as_of, "period_start": period_start,
        "date_basis": "configured", "source": source, "title": "", "stale": stale,
        "sentence": sentence or f"{value} {metric} ({claimant})", "start": 0, "end": 3,
        "language": "en", "source_name": "test", "document_id": zlib.crc32(source.encode()),
    }  # fmt: skip


def kinds(analysis) -> list[str]:
    return [finding.kind for finding in analysis.findings]


def of_kind(analysis, kind: str) -> list:
    return [finding for finding in analysis.findings if finding.kind == kind]


def memory_database() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row  # as storage.database opens it
    ensure_schema(connection)
    return connection


def store(conn: sqlite3.Connection, rows: list[dict]) -> None:
    """The rows as figures of their sources' documents, with their ids."""
    columns = ", ".join(f'"{name}"' for name in FIGURE_COLUMNS)
    marks = ", ".join("?" for _ in FIGURE_COLUMNS)
    for figure in rows:
        conn.execute(
            "INSERT OR IGNORE INTO documents (source, source_name, text, content_hash,"
            " date_basis, first_seen, updated_at) VALUES (?, 't', '', '', 'configured', '', '')",
            (figure["source"],),
        )
        (document,) = conn.execute(
            "SELECT id FROM documents WHERE source = ?", (figure["source"],)
        ).fetchone()
        conn.execute(
            f"INSERT INTO figures (id, document_id, {columns}) VALUES (?, ?, {marks})",
            (figure["id"], document, *(figure[name] for name in FIGURE_COLUMNS)),
        )


def analyse_stored(rows: list[dict], thresholds: Thresholds | None = None) -> Analysis:
    """Store the rows, group them as production does (load_points), analyse the points."""
    conn = memory_database()
    try:
        store(conn, rows)
        return analyse(load_points(conn), thresholds or Thresholds())
    finally:
        conn.close()
