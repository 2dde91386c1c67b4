"""The figures table as CSV or JSON, for spreadsheets and scripts.

`part_of` is the id of the total a breakdown is a part of; `mentions` the other places in
the document that state the figure, `[[start, end], ...]` (JSON text in a CSV cell). Both
formats stream from a cursor: memory stays flat at a million figures."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

from storage.csv_parts import free_cores, write_in_two_parts, write_rows
from storage.database import database_path
from storage.figures import PUBLIC_FIELDS
from storage.json_rows import json_batches, json_object_sql, write_json_array

EXPORT_FIELDS = (*PUBLIC_FIELDS, "stale", "language", "source_name")
FORMATS = ("csv", "json")


def export_figures_table(
    conn: sqlite3.Connection, out_path: str | Path, fmt: str, *, parts: int | None = None
) -> Path:
    """Write every figure, oldest first, to `out_path`; renamed into place when complete.

    `parts`: a CSV export in 1 or 2 parts (the second by another process); by default 2
    when the figures are many and a second core is free now."""
    if fmt not in FORMATS:
        raise ValueError(f"no export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            _write_csv(conn, out, parts)
        else:  # mentions as a JSON array there, as `figures --json` gives them; text in CSV
            sql = f"SELECT {json_object_sql(EXPORT_FIELDS)} FROM figures_view {_ORDER}"
            write_json_array(out, json_batches(conn, sql))
    os.replace(partial, out_path)
    return out_path


_ORDER = "ORDER BY as_of IS NULL, as_of, id"
PARALLEL_FROM = 50_000  # figures: below, starting a second process costs more than it saves
SAMPLES = 1000  # figures whose median is the cut: each part within a few % of a half


def _write_csv(conn: sqlite3.Connection, out, parts: int | None) -> None:
    """The header, then the rows: in two parts on two cores when there are many (csv_parts)."""
    columns = ", ".join(f'"{field}"' for field in EXPORT_FIELDS)
    select = f"SELECT {columns} FROM figures_view"
    csv.writer(out).writerow(EXPORT_FIELDS)
    cut = _two_parts(conn, parts) if parts != 1 else None
    if cut is not None:
        queries = [(f"{select} WHERE {where} {_ORDER}", params) for where, params in cut]
        try:
            same_state = write_in_two_parts(conn, out, *queries)
        except OSError:  # the second process failed (it could not start, or write): one part
            same_state = False
        if same_state:
            return
        out.seek(0)  # the database changed between the parts' reads: again, in one part
        out.truncate()
        csv.writer(out).writerow(EXPORT_FIELDS)
    write_rows(conn, out, f"{select} {_ORDER}")


def _two_parts(conn: sqlite3.Connection, parts: int | None):
    """WHERE clauses (with their parameters) that cut the order in two halves, or None: one
    part. `parts=None` asks for two only when they pay: many figures, and a second core free
    now (two processes sharing one core are slower than one; a small table, not worth a
    second process).

    The cut is a figure's place in _ORDER (its day, then its id: a day that holds most
    figures, or the undated ones, is cut too), so each part keeps _ORDER within itself and
    every figure of the first comes before the second's. The figure is the median of those
    sampled at evenly spaced ids: no scan, no sort.
    """
    if conn.in_transaction or not database_path(conn).name:
        return None  # the caller's transaction, or a database in memory: no second reader
    low, high = conn.execute("SELECT min(id), max(id) FROM figures").fetchone()
    if low is None:
        return None
    if parts is None and (high - low < PARALLEL_FROM or free_cores() < 2):
        return None
    step = max(1, (high - low) // SAMPLES)
    sampled = conn.execute(_SAMPLED, (low, step, high)).fetchall()
    if not sampled:
        return None
    day, figure = sampled[len(sampled) // 2]
    # `+as_of`: no index for the cut. Through figures_by_place_date SQLite would read the
    # figures in index order, page by page out of order: twice the time of reading them all.
    if day is None:
        return [
            ("(+as_of IS NOT NULL OR id < ?)", (figure,)),
            ("+as_of IS NULL AND id >= ?", (figure,)),
        ]
    return [
        ("(+as_of < ?1 OR (+as_of = ?1 AND id < ?2))", (day, figure)),
        ("(+as_of > ?1 OR (+as_of = ?1 AND id >= ?2) OR +as_of IS NULL)", (day, figure)),
    ]


_SAMPLED = """
WITH RECURSIVE sampled(id) AS (SELECT ?1 UNION ALL SELECT id + ?2 FROM sampled WHERE id < ?3)
SELECT as_of, id FROM sampled JOIN figures USING (id) ORDER BY as_of IS NULL, as_of, id
"""
