"""Stored figures grouped into points: one row per stated value, claimant and date.

The same figure repeated by many documents is one point with many ids and sources. The
grouping runs in SQLite, walking the covering index `figures_by_point` when it exists:

    CREATE INDEX figures_by_point ON figures(place, metric, period_start, as_of, value,
        low, high, qualifier, claimant, stale, document_id, part_of) WHERE part_of IS NULL

so that the analysis reads thousands of points, not a million rows. Breakdowns (`part_of`
set) never enter a series: the index is partial, and every query on it says the same. The
query names the index (INDEXED BY): with other indexes on `place` the planner may otherwise
pick one that sorts. Ids stay as the comma-separated text SQLite concatenates (the analysis
reads them only for what it shows).
Plain dicts out: storage imports nothing from app/.
"""

from __future__ import annotations

import sqlite3

# The point's identity, in the order of the covering index, so that SQLite groups while it
# walks the index instead of sorting a million rows.
POINT_COLUMNS = (
    "place", "metric", "period_start", "as_of", "value", "low", "high", "qualifier",
    "claimant", "stale",
)  # fmt: skip

_GROUPED = """
SELECT {columns},
       group_concat(f.id) AS figure_ids,
       group_concat(f.document_id) AS document_ids,
       min(f.id) AS first_id
FROM figures AS f INDEXED BY figures_by_point
{where}
GROUP BY {columns}
"""

# One sentence per point, looked up by key afterwards: a few thousand lookups instead of
# reading the sentence of every stored figure.
_POINTS = """
SELECT p.*, s.sentence
FROM ({grouped}) AS p JOIN figures AS s ON s.id = p.first_id
"""


def load_points(
    conn: sqlite3.Connection,
    place: str | None = None,
    metric: str | None = None,
    *,
    with_sources: bool = True,
) -> list[dict]:
    """Every point of the stored figures, optionally of one place and/or one metric.

    Each dict holds the POINT_COLUMNS, `figure_ids` and `document_ids` ("3,17,42"),
    `sentence` (its first figure's) and `source_of`: one dict, shared by all points, from
    document id to source; None when `with_sources` is False (then `load_sources` can fetch
    the few a screen shows).
    """
    sql, params = points_query(place, metric)
    rows = _tuples(conn, sql, params)
    source_of = load_sources(conn) if with_sources and rows else None
    return [_as_point(row, source_of) for row in rows]


def points_query(place: str | None = None, metric: str | None = None) -> tuple[str, list]:
    """The SQL of load_points and its parameters."""
    conditions, params = _filters(place, metric)
    where = f"WHERE {' AND '.join(conditions)}"
    columns = ", ".join(f"f.{name}" for name in POINT_COLUMNS)
    return _POINTS.format(grouped=_GROUPED.format(columns=columns, where=where)), params


def load_sources(conn: sqlite3.Connection, document_ids=None) -> dict[int, str]:
    """Document id -> source, for the given documents or all of them."""
    if document_ids is None:
        return dict(_tuples(conn, "SELECT id, source FROM documents", ()))
    ids, found = sorted(set(document_ids)), {}
    for first in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[first : first + _IDS_PER_QUERY]
        marks = ",".join("?" for _ in chunk)
        sql = f"SELECT id, source FROM documents WHERE id IN ({marks})"
        found.update(_tuples(conn, sql, chunk))
    return found


_IDS_PER_QUERY = 500  # well under SQLite's limit on bound parameters


def _tuples(conn: sqlite3.Connection, sql: str, params) -> list[tuple]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, whatever the connection's factory
    return cursor.execute(sql, params).fetchall()


def _filters(place: str | None, metric: str | None) -> tuple[list[str], list[str]]:
    conditions, params = ["f.part_of IS NULL"], []  # as the partial index, which INDEXED BY needs
    if place is not None:
        conditions.append("f.place = ?")
        params.append(place)
    if metric is not None:
        conditions.append("f.metric = ?")
        params.append(metric)
    return conditions, params


def _as_point(row: tuple, source_of: dict[int, str] | None) -> dict:
    width = len(POINT_COLUMNS)
    point = dict(zip(POINT_COLUMNS, row[:width], strict=True))
    figure_ids, document_ids, _first_id, sentence = row[width:]
    point.update(
        stale=bool(point["stale"]),
        figure_ids=figure_ids,
        document_ids=document_ids,
        sentence=sentence,
        source_of=source_of,
    )
    return point
