"""Reading stored figures, each with its document's fields (the `figures_view`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from storage.figure_rows import parse_mentions
from storage.json_rows import json_batches, json_object_sql
from storage.text_index import MATCHING_IDS

# The fields of DOMAIN.md's figure, plus `id`, in its order: the `figures --json` keys.
PUBLIC_FIELDS = (
    "id", "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant",
    "as_of", "period_start", "date_basis", "source", "title", "sentence", "start", "end",
    "part_of", "subgroup", "mentions",
)  # fmt: skip

# Columns a page of figures can be sorted by; each sort ends on id so pages are stable.
SORTABLE = ("as_of", "value", "metric", "period_start", "claimant", "source", "language")


@dataclass(frozen=True)
class FigureFilter:
    """Which figures a page holds: one place, one claimant, text anywhere in them."""

    place: str | None = None
    claimant: str | None = None
    text: str = ""

    def where(self) -> tuple[str, list]:
        conditions, params = [], []
        if self.place is not None:
            conditions.append("place = ?")
            params.append(self.place)
        if self.claimant is not None:
            conditions.append("claimant = ?")
            params.append(self.claimant)
        if self.text:  # in the sentence, claimant, metric, source or title (figures_text)
            conditions.append(f"id IN ({MATCHING_IDS})")
            params += [f"%{self.text}%"] * 2
        return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params


LISTING_ORDER = "ORDER BY as_of IS NULL, as_of, document_id, start"


def list_figures(conn: sqlite3.Connection) -> list[dict]:
    """Every stored figure, oldest first, then in document order."""
    rows = conn.execute(f"SELECT * FROM figures_view {LISTING_ORDER}").fetchall()
    return [_as_dict(row) for row in rows]


def figures_as_json(conn: sqlite3.Connection) -> Iterator[list[str]]:
    """Every stored figure as a JSON object of PUBLIC_FIELDS, in list_figures' order, in
    batches read from a cursor: `figures --json` at any size in flat memory."""
    return json_batches(
        conn, f"SELECT {json_object_sql(PUBLIC_FIELDS)} FROM figures_view {LISTING_ORDER}"
    )


# Among figures of one sort key (one day), the exact ones first: "hundreds" or a figure its own
# text calls an old estimate never opens the table.
_VAGUE_LAST = "(qualifier = 'vague' OR stale)"


def page_of_figures(
    conn: sqlite3.Connection,
    figure_filter: FigureFilter = FigureFilter(),
    *,
    sort: str = "as_of",
    descending: bool = True,
    limit: int = 500,
    offset: int = 0,
) -> list[dict]:
    """One page of figures: a screen loads pages, never a million rows at once."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort figures by {sort!r}")
    where, params = figure_filter.where()
    direction = "DESC" if descending else "ASC"
    rows = conn.execute(
        f'SELECT * FROM figures_view {where} ORDER BY "{sort}" {direction},'
        f" {_VAGUE_LAST}, id {direction} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_as_dict(row) for row in rows]


def count_matching(conn: sqlite3.Connection, figure_filter: FigureFilter = FigureFilter()) -> int:
    where, params = figure_filter.where()  # no document field needed: the indexed table alone
    return conn.execute(f"SELECT count(*) FROM figures {where}", params).fetchone()[0]


def figures_of_document(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT * FROM figures_view WHERE document_id = ? ORDER BY start", (document_id,)
    ).fetchall()
    return [_as_dict(row) for row in rows]


def figures_after(conn: sqlite3.Connection, last_id: int, limit: int = 20) -> list[dict]:
    """Figures stored since `last_id`, oldest first: what came in since the last look."""
    rows = conn.execute(
        "SELECT * FROM figures_view WHERE id > ? ORDER BY id LIMIT ?", (last_id, limit)
    ).fetchall()
    return [_as_dict(row) for row in rows]


def places(conn: sqlite3.Connection) -> list[str]:
    """Every place figures name, alphabetically: a skip-scan of the index, not of every row."""
    rows = conn.execute(
        "WITH RECURSIVE seen(place) AS ("
        " SELECT min(place) FROM figures"
        " UNION ALL SELECT (SELECT min(place) FROM figures WHERE place > seen.place)"
        " FROM seen WHERE seen.place IS NOT NULL)"
        " SELECT place FROM seen WHERE place IS NOT NULL"
    ).fetchall()
    return [row[0] for row in rows]


def count_figures(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM figures").fetchone()[0]


def max_figure_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM figures").fetchone()[0]


def _as_dict(row: sqlite3.Row) -> dict:
    figure = dict(row)
    figure["stale"] = bool(figure["stale"])
    figure["mentions"] = parse_mentions(figure["mentions"])  # [[start, end], ...]
    return figure
