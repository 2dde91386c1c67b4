"""storage.figure_points: the SQL grouping of stored figures into points."""

from __future__ import annotations

import sqlite3

import pytest

from app.analysis import analyse, findings_as_json
from storage.figure_points import load_points, load_sources
from storage.schema import FIGURE_COLUMNS, ensure_schema
from tests.analysis_rows import row


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row  # as storage.database opens it
    ensure_schema(connection)
    yield connection
    connection.close()


def store(conn: sqlite3.Connection, rows: list[dict]) -> None:
    columns = ", ".join(f'"{name}"' for name in FIGURE_COLUMNS)
    marks = ", ".join("?" for _ in FIGURE_COLUMNS)
    for figure in rows:
        conn.execute(
            "INSERT OR IGNORE INTO documents (source, source_name, text, content_hash,"
            " date_basis, first_seen, updated_at) VALUES (?, 't', '', '', 'configured', '', '')",
            (figure["source"],),
        )
        (document,) = conn.execute(
            "SELECT id FROM documents WHERE source = ?", (figure["source"],)
        ).fetchone()
        conn.execute(
            f"INSERT INTO figures (id, document_id, {columns}) VALUES (?, ?, {marks})",
            (figure["id"], document, *(figure[name] for name in FIGURE_COLUMNS)),
        )


def test_no_stored_figures_no_points(conn):
    assert load_points(conn) == []


def test_repeats_group_into_one_point_with_ids_and_sources(conn):
    rows = [row(711, source="a.txt"), row(711, source="b.txt"), row(644, source="a.txt")]
    store(conn, rows)
    points = {point["value"]: point for point in load_points(conn)}
    assert sorted(points) == [644, 711]
    repeated = analyse([points[711]]).series[0].points[0]
    assert repeated.figures == [rows[0]["id"], rows[1]["id"]]
    assert repeated.sources == ["a.txt", "b.txt"]
    assert points[711]["sentence"] == rows[0]["sentence"]


def test_filters_by_place_and_metric(conn):
    store(conn, [row(711), row(302, "released"), row(90, place="Cuba")])
    assert [p["value"] for p in load_points(conn, metric="released")] == [302]
    assert [p["value"] for p in load_points(conn, place="Cuba")] == [90]


def test_sources_can_be_fetched_later_for_what_is_shown(conn):
    store(conn, [row(711, source="a.txt"), row(448, source="b.txt")])
    analysis = analyse(load_points(conn, with_sources=False))
    point = analysis.series[0].points[0]
    assert point.sources == []
    assert list(load_sources(conn, point.documents).values()) == ["b.txt"]


def test_sql_grouping_and_python_grouping_agree(conn):
    rows = [
        row(711, as_of="2026-01-30", source="a.txt"),
        row(711, as_of="2026-01-30", source="b.txt"),
        row(644, as_of="2026-02-20", qualifier="at_least", source="c.txt"),
        row(448, "released", "2026-02-20", source="c.txt"),
        row(448, as_of="2026-02-19", source="d.txt"),
    ]
    store(conn, rows)
    from_sql = findings_as_json(analyse(load_points(conn)))
    from_rows = findings_as_json(analyse(rows))
    for finding in [*from_sql, *from_rows]:  # document ids, hence source order, differ
        finding["sources"].sort()
    assert from_sql == from_rows and from_sql
