"""Figure rows as JSON text made by SQLite, written as one array row by row.

SQLite's `json_object` builds each object in C, so a million figures cost Python one string
per row, not a dict and an encoder pass; a cursor read in batches keeps memory flat at any
size. Keys keep the order they are named in; `mentions` (stored as JSON text) is embedded as
the array it holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import TextIO

BATCH = 2000  # rows per write: few calls into Python, little memory


def json_object_sql(fields: Iterable[str]) -> str:
    """`json_object('id', "id", ...)` of the named columns, `mentions` as a nested array."""
    pairs = []
    for field in fields:
        value = f'"{field}"'  # quoted: "end" is a keyword
        if field == "mentions":
            value = f"json(coalesce(nullif({value}, ''), '[]'))"
        pairs.append(f"'{field}', {value}")
    return f"json_object({', '.join(pairs)})"


def json_batches(conn: sqlite3.Connection, sql: str, params=()) -> Iterator[list[str]]:
    """The first column of each row of `sql`, in batches of BATCH."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, whatever the connection's factory
    cursor.execute(sql, params)
    while batch := cursor.fetchmany(BATCH):
        yield [row[0] for row in batch]


def write_json_array(out: TextIO, batches: Iterable[list[str]]) -> int:
    """Write the objects as one JSON array, one object a line; returns how many."""
    count = 0
    for batch in batches:
        out.write(("[\n" if not count else ",\n") + ",\n".join(batch))
        count += len(batch)
    out.write("\n]\n" if count else "[]\n")
    return count
