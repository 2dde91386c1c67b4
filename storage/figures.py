"""Reading stored figures, each with its document's fields (the `figures_view`)."""

from __future__ import annotations

import sqlite3

# The fields of DOMAIN.md's figure, plus `id`, in its order: the `figures --json` keys.
PUBLIC_FIELDS = (
    "id", "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant",
    "as_of", "period_start", "date_basis", "source", "title", "sentence", "start", "end",
)  # fmt: skip


def list_figures(conn: sqlite3.Connection) -> list[dict]:
    """Every stored figure, oldest first, then in document order."""
    rows = conn.execute(
        "SELECT * FROM figures_view ORDER BY as_of IS NULL, as_of, document_id, start"
    ).fetchall()
    return [_as_dict(row) for row in rows]


def figures_of_document(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT * FROM figures_view WHERE document_id = ? ORDER BY start", (document_id,)
    ).fetchall()
    return [_as_dict(row) for row in rows]


def count_figures(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM figures").fetchone()[0]


def _as_dict(row: sqlite3.Row) -> dict:
    figure = dict(row)
    figure["stale"] = bool(figure["stale"])
    return figure
