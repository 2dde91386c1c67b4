"""`tallywatch reparse`: read every stored document again with the current extractor.

After the extractor improves, the figures already stored were found by the old one; this
replaces them document by document (each in its own transaction), without fetching anything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.extract import ExtractionSettings, extract_figures
from storage.documents import iter_documents, replace_figures


@dataclass
class ReparseReport:
    documents: int = 0
    changed: int = 0  # documents whose figures are not what they were
    before: int = 0
    after: int = 0


def reparse_all(conn: sqlite3.Connection, settings: ExtractionSettings) -> ReparseReport:
    report = ReparseReport()
    for document in iter_documents(conn):
        old = _stored(conn, document["id"])
        found = extract_figures(document["text"], document["date"], settings)
        new = [figure.as_row() for figure in found]
        report.documents += 1
        report.before += len(old)
        report.after += len(new)
        if [_comparable(f) for f in old] != [_comparable(f) for f in new]:
            replace_figures(conn, document["id"], new)
            report.changed += 1
    return report


def _stored(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT * FROM figures WHERE document_id = ? ORDER BY start", (document_id,)
    ).fetchall()
    return [dict(row) for row in rows]


def _comparable(figure: dict) -> tuple:
    return tuple(
        bool(figure[key]) if key == "stale" else figure[key]
        for key in ("value", "qualifier", "low", "high", "metric", "subject", "place",
                    "claimant", "as_of", "period_start", "stale", "start", "end")
    )  # fmt: skip
