"""A document's figures written as table rows: breakdowns linked to their totals by id.

The rows come from the extractor (`Figure.as_row()`): a breakdown names its total by the
total's `start` in the same document (`part_of_start`); stored, it names the total's id
(`part_of`). `mentions` (the other places stating the same figure) is kept as JSON text,
`[[start, end], ...]`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from operator import itemgetter

from storage.schema import FIGURE_COLUMNS

# Every column a figure row is written with, besides document_id and part_of.
WRITTEN_COLUMNS = (*FIGURE_COLUMNS, "subgroup", "mentions")

_QUOTED = ", ".join(f'"{column}"' for column in WRITTEN_COLUMNS)  # "end" is a keyword
_INSERT = (
    f"INSERT INTO figures (document_id, {_QUOTED})"
    f" VALUES ({', '.join('?' * (len(WRITTEN_COLUMNS) + 1))})"
)
# Set every written column of a row, in WRITTEN_COLUMNS order, then its id.
_ASSIGNED = ", ".join(f'"{column}" = ?' for column in WRITTEN_COLUMNS)
UPDATE_WRITTEN = f"UPDATE figures SET {_ASSIGNED} WHERE id = ?"


_FIGURE_VALUES = itemgetter(*FIGURE_COLUMNS)  # one C call for the row's values


def written_values(figure: Mapping) -> list:
    """The WRITTEN_COLUMNS of an extractor row (rows built by hand may omit the last two)."""
    return [
        *_FIGURE_VALUES(figure),
        figure.get("subgroup"),
        mentions_json(figure.get("mentions") or ()),
    ]


def mentions_json(mentions: Iterable) -> str:
    """`[[start, end], ...]` as json.dumps writes it, without an encoder per stored row."""
    if not mentions:  # most figures
        return "[]"
    return "[" + ", ".join(f"[{int(start)}, {int(end)}]" for start, end in mentions) + "]"


def parse_mentions(text: str | None) -> list[list[int]]:
    if not text or text == "[]":  # most figures: no JSON parsing per row of a long listing
        return []
    return json.loads(text)


def insert_figures(conn: sqlite3.Connection, document_id: int, figures: Iterable[Mapping]) -> None:
    """Insert a document's figures, then link each breakdown to its total's new id."""
    figures = list(figures)
    if all(figure.get("part_of_start") is None for figure in figures):  # no ids needed
        conn.executemany(_INSERT, [[document_id, *written_values(f)] for f in figures])
        return
    stored = [(add_figure(conn, document_id, figure), figure) for figure in figures]
    link_parts(conn, stored, {})


def add_figure(conn: sqlite3.Connection, document_id: int, figure: Mapping) -> int:
    """Insert one row (part_of left null for link_parts); returns its id."""
    return conn.execute(_INSERT, [document_id, *written_values(figure)]).lastrowid


def link_parts(
    conn: sqlite3.Connection, stored: list[tuple[int, Mapping]], part_of: Mapping[int, int | None]
) -> int:
    """Set `part_of` of each (id, row) of one document to the id of its total.

    `part_of` holds what is stored now, by id (missing: null); only changes are written.
    A part whose total the rows lack is stored as a total of its own: better seen than lost.
    Returns how many rows changed.
    """
    by_start: dict[int, int] = {}
    for figure_id, figure in stored:
        if figure.get("part_of_start") is None:  # a total first, should a part share its start
            by_start.setdefault(figure["start"], figure_id)
    for figure_id, figure in stored:
        by_start.setdefault(figure["start"], figure_id)
    changed = 0
    for figure_id, figure in stored:
        start = figure.get("part_of_start")
        total = None if start is None else by_start.get(start)
        if total != part_of.get(figure_id):
            conn.execute("UPDATE figures SET part_of = ? WHERE id = ?", (total, figure_id))
            changed += 1
    return changed
