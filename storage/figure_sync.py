"""A document's stored figures brought up to date with a new extraction, ids kept.

`tallywatch reparse` reads stored documents again. A figure found at the same place in the
text with the same labels keeps its row untouched; at the same place with other labels its
row is updated in place; only figures that are new get new rows, and only figures that are
gone are deleted. Ids stay stable, so a screen that announces figures above the last id it
saw announces nothing that is not new.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from storage.figure_rows import (
    UPDATE_WRITTEN,
    add_figure,
    link_parts,
    parse_mentions,
    written_values,
)

# What tells two figures at the same place apart, besides part_of_start and mentions.
_LABELS = (
    "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant", "as_of",
    "period_start", "stale", "sentence", "subgroup",
)  # fmt: skip


@dataclass
class FigureChanges:
    kept: int = 0
    relabelled: int = 0  # same place in the text, other labels: updated in place, same id
    added: int = 0
    removed: int = 0
    relinked: int = 0  # part_of links set or changed (a part new, or its total stored anew)

    @property
    def changed(self) -> bool:
        return bool(self.relabelled or self.added or self.removed or self.relinked)


def stored_figures(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """A document's figure rows as stored, in text order."""
    rows = conn.execute(
        "SELECT * FROM figures WHERE document_id = ? ORDER BY start, id", (document_id,)
    ).fetchall()
    return [dict(row) for row in rows]


def update_figures(
    conn: sqlite3.Connection, document: Mapping, figures: list[Mapping]
) -> FigureChanges | None:
    """Make the stored figures of `document` (a documents row) those extracted, `figures`.

    One immediate transaction. Returns None, changing nothing, when the document's text or
    date changed since it was read: its figures were then stored anew by whoever changed it.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        now = conn.execute(
            "SELECT content_hash, date FROM documents WHERE id = ?", (document["id"],)
        ).fetchone()
        if now is None or tuple(now) != (document["content_hash"], document["date"]):
            conn.rollback()
            return None
        changes = _apply(conn, document["id"], stored_figures(conn, document["id"]), figures)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return changes


def _apply(
    conn: sqlite3.Connection, document_id: int, old: list[dict], new: list[Mapping]
) -> FigureChanges:
    start_of = {row["id"]: row["start"] for row in old}
    same, same_place = defaultdict(list), defaultdict(list)
    for row in old:
        part_of_start = start_of.get(row["part_of"])
        same[_key(row, part_of_start, parse_mentions(row["mentions"]))].append(row["id"])
        same_place[(row["start"], row["end"])].append(row["id"])
    ids: list[int | None] = []
    for figure in new:  # first every exact match, so none is taken by a mere same place
        matches = same[_key(figure, figure.get("part_of_start"), figure.get("mentions") or ())]
        ids.append(matches.pop(0) if matches else None)
    used = {figure_id for figure_id in ids if figure_id is not None}
    changes = FigureChanges(kept=len(used))
    for index, figure in enumerate(new):
        if ids[index] is not None:
            continue
        free = [i for i in same_place[(figure["start"], figure["end"])] if i not in used]
        if free:
            ids[index] = free[0]
            conn.execute(UPDATE_WRITTEN, [*written_values(figure), free[0]])
            changes.relabelled += 1
        else:
            ids[index] = add_figure(conn, document_id, figure)
            changes.added += 1
        used.add(ids[index])
    gone = [(row["id"],) for row in old if row["id"] not in used]
    conn.executemany("DELETE FROM figures WHERE id = ?", gone)
    changes.removed = len(gone)
    stored_part_of = {row["id"]: row["part_of"] for row in old}
    changes.relinked = link_parts(conn, list(zip(ids, new, strict=True)), stored_part_of)
    return changes


def _key(figure: Mapping, part_of_start: int | None, mentions) -> tuple:
    labels = tuple(bool(figure[k]) if k == "stale" else figure.get(k) for k in _LABELS)
    spots = tuple(tuple(pair) for pair in mentions)
    return figure["start"], figure["end"], *labels, part_of_start, spots
