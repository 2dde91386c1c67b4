"""storage.figure_points: the SQL grouping of stored figures into points."""

from __future__ import annotations

import pytest

from app.analysis import analyse, findings_as_json
from storage.figure_points import load_points, load_sources
from tests.analysis_rows import memory_database, row, store


@pytest.fixture
def conn():
    connection = memory_database()
    yield connection
    connection.close()


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


def test_the_stored_points_give_the_findings_of_their_figures(conn):
    rows = [
        row(711, as_of="2026-01-30", source="a.txt"),
        row(711, as_of="2026-01-30", source="b.txt"),
        row(644, as_of="2026-02-20", qualifier="at_least", source="c.txt"),
        row(448, "released", "2026-02-20", source="c.txt"),
        row(448, as_of="2026-02-19", source="d.txt"),
    ]
    store(conn, rows)
    found = findings_as_json(analyse(load_points(conn)))
    said = {(finding["kind"], tuple(sorted(finding["figures"]))) for finding in found}
    ids = [figure["id"] for figure in rows]
    assert said == {
        ("jump", (ids[0], ids[1], ids[2])),  # 711 (twice, two sources) -> at least 644
        ("meaning_clash", (ids[3], ids[4])),  # 448 released / 448 held
    }
    (jump,) = [finding for finding in found if finding["kind"] == "jump"]
    assert sorted(jump["sources"]) == ["a.txt", "b.txt", "c.txt"]
