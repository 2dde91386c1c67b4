"""The figures table as CSV or JSON, for spreadsheets and scripts.

`part_of` is the id of the total a breakdown is a part of; `mentions` the other places in
the document that state the figure, `[[start, end], ...]` (JSON text in a CSV cell). Both
formats stream from a cursor: memory stays flat at a million figures."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

from storage.figures import PUBLIC_FIELDS
from storage.json_rows import BATCH, json_batches, json_object_sql, write_json_array

EXPORT_FIELDS = (*PUBLIC_FIELDS, "stale", "language", "source_name")
FORMATS = ("csv", "json")


def export_figures_table(conn: sqlite3.Connection, out_path: str | Path, fmt: str) -> Path:
    """Write every figure, oldest first, to `out_path`; renamed into place when complete."""
    if fmt not in FORMATS:
        raise ValueError(f"no export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            _write_csv(conn, out)
        else:  # mentions as a JSON array there, as `figures --json` gives them; text in CSV
            sql = f"SELECT {json_object_sql(EXPORT_FIELDS)} FROM figures_view {_ORDER}"
            write_json_array(out, json_batches(conn, sql))
    os.replace(partial, out_path)
    return out_path


_ORDER = "ORDER BY as_of IS NULL, as_of, id"


def _write_csv(conn: sqlite3.Connection, out) -> None:
    """Row by row from a cursor: tuples straight into the C csv writer."""
    writer = csv.writer(out)  # as csv.DictWriter wrote it: the same quoting and line ends
    writer.writerow(EXPORT_FIELDS)
    columns = ", ".join(f'"{field}"' for field in EXPORT_FIELDS)
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(f"SELECT {columns} FROM figures_view {_ORDER}")
    while rows := cursor.fetchmany(BATCH):
        writer.writerows(rows)
