"""The figures table as CSV or JSON, for spreadsheets and scripts (read with sqlite-utils).

`part_of` is the id of the total a breakdown is a part of; `mentions` the other places in
the document that state the figure, `[[start, end], ...]` (JSON text in a CSV cell)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from storage.figure_rows import parse_mentions
from storage.figures import PUBLIC_FIELDS

EXPORT_FIELDS = (*PUBLIC_FIELDS, "stale", "language", "source_name")
FORMATS = ("csv", "json")


def export_figures_table(conn: sqlite3.Connection, out_path: str | Path, fmt: str) -> Path:
    """Write every figure, oldest first, to `out_path`; renamed into place when complete."""
    if fmt not in FORMATS:
        raise ValueError(f"no export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    columns = ", ".join(f'"{field}"' for field in EXPORT_FIELDS)
    rows = sqlite_utils.Database(conn).query(
        f"SELECT {columns} FROM figures_view ORDER BY as_of IS NULL, as_of, id"
    )
    with open(partial, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        else:  # mentions as a JSON array there, as `figures --json` gives them; text in CSV
            shown = [{**row, "mentions": parse_mentions(row["mentions"])} for row in rows]
            json.dump(shown, out, ensure_ascii=False, indent=1)
    os.replace(partial, out_path)
    return out_path
