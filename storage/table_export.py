"""The figures table as CSV or JSON, for spreadsheets and scripts (read with sqlite-utils)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

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
        else:
            json.dump(list(rows), out, ensure_ascii=False, indent=1)
    os.replace(partial, out_path)
    return out_path
