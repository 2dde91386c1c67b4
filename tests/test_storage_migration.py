"""Schema migrations on real files: a database of the previous release opened by this one."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from storage import list_figures, open_database, save_document
from storage.figure_points import points_query
from storage.figures import FigureFilter, count_matching, page_of_figures
from storage.schema import APPLICATION_ID, SCHEMA_VERSION, ensure_schema

V2_SCHEMA = Path(__file__).parent / "fixtures" / "schema_v2.sql"
V2_FIGURE = (
    "value, qualifier, low, high, metric, subject, place, claimant, as_of, period_start,"
    ' stale, sentence, start, "end"'
)


def make_v2_database(path: Path) -> None:
    """A file as the previous release (schema 2) left it: two documents, three figures."""
    conn = sqlite3.connect(path)
    conn.executescript(
        f"PRAGMA application_id = {APPLICATION_ID}; {V2_SCHEMA.read_text(encoding='utf-8')}"
        " PRAGMA user_version = 2;"
    )
    for number in (1, 2):
        conn.execute(
            "INSERT INTO documents (id, source, source_name, text, content_hash, date,"
            " date_basis, first_seen, updated_at) VALUES (?, ?, 'Seeds', 'At least 644 held.',"
            " 'h', '2026-02-20', 'configured', 't', 't')",
            (number, f"seeds/{number}.txt"),
        )
    conn.executemany(
        f"INSERT INTO figures (id, document_id, {V2_FIGURE})"
        " VALUES (?, ?, ?, 'at_least', ?, NULL, 'held', 'political prisoners', 'Venezuela',"
        " 'Foro Penal', '2026-02-20', NULL, 0, 'At least 644 held.', 9, 12)",
        [(7, 1, 644, 644), (8, 2, 600, 600), (9, 2, 650, 650)],
    )
    conn.execute("INSERT INTO sources (name, kind, location) VALUES ('Seeds', 'files', 'seeds')")
    conn.commit()
    conn.close()


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")]


def test_a_version_2_database_is_upgraded_in_place_and_loses_nothing(db_path) -> None:
    make_v2_database(db_path)
    conn = open_database(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "documents_by_content" in indexes  # version 7
    assert columns(conn, "figures")[-3:] == ["part_of", "subgroup", "mentions"]
    assert {"part_of", "subgroup", "mentions"} <= set(columns(conn, "figures_view"))
    figures = list_figures(conn)
    assert [(f["id"], f["value"], f["source"]) for f in figures] == [
        (7, 644, "seeds/1.txt"),
        (8, 600, "seeds/2.txt"),
        (9, 650, "seeds/2.txt"),
    ]
    assert all((f["part_of"], f["subgroup"], f["mentions"]) == (None, None, []) for f in figures)
    assert [tuple(row) for row in conn.execute("SELECT name FROM sources")] == [("Seeds",)]
    assert conn.execute("SELECT count(*) FROM meta").fetchone()[0] == 0  # the new table
    # The series index now leaves breakdowns out (storage/figure_points.py relies on it).
    (index_sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'figures_by_point'"
    ).fetchone()
    assert index_sql.endswith("WHERE part_of IS NULL")
    sql, params = points_query(place="Venezuela")
    plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "COVERING INDEX figures_by_point" in plan  # a million rows: never the table
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The `/` filter's text index holds the figures stored before it existed.
    assert [f["id"] for f in page_of_figures(conn, FigureFilter(text="seeds/2"))] == [9, 8]


def v4_document_and_figure() -> tuple[dict, dict]:
    document = {
        "source": "seeds/1.txt", "source_name": "Seeds", "title": "Foro Penal tallies",
        "text": "Foro Penal has tallied 448 releases.", "date": "2026-02-20",
        "date_basis": "configured", "language": "en", "identity": "seeds/1.txt",
    }  # fmt: skip
    figure = {
        "value": 448, "qualifier": "exact", "low": 448, "high": 448, "metric": "released",
        "subject": "releases", "place": "Venezuela", "claimant": "Foro Penal",
        "as_of": "2026-02-20", "period_start": None, "stale": False,
        "sentence": document["text"], "start": 23, "end": 26,
    }  # fmt: skip
    return document, figure


def make_v4_database(path: Path) -> None:
    """A file as the release before the text index (schema 4) left it, figures stored."""
    conn = open_database(path)
    document, figure = v4_document_and_figure()
    save_document(conn, document, [figure], "hash")
    for name in ("figures_text_insert", "figures_text_delete", "figures_text_update"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE figures_text")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_a_version_4_database_gains_the_text_index_in_place(db_path) -> None:
    make_v4_database(db_path)
    conn = open_database(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for text, found in (("TALLIED", 1), ("foro", 1), ("released", 1), ("tallies", 1),
                        ("seeds/1", 1), ("48", 1), ("held", 0), ("Penal has", 1)):  # fmt: skip
        assert count_matching(conn, FigureFilter(text=text)) == found, text
    document, figure = v4_document_and_figure()
    save_document(conn, {**document, "title": "Renamed"}, [figure], "other hash")
    assert count_matching(conn, FigureFilter(text="renamed")) == 1  # it follows its document
    assert count_matching(conn, FigureFilter(text="tallies")) == 0
    conn.execute("DELETE FROM documents")
    assert conn.execute("SELECT count(*) FROM figures_text").fetchone()[0] == 0


def automerge(conn) -> int | None:
    row = conn.execute("SELECT v FROM figures_text_config WHERE k = 'automerge'").fetchone()
    return row[0] if row else None


def test_the_text_index_merges_its_segments_sixteen_at_a_time(db_path) -> None:
    conn = open_database(db_path)
    assert automerge(conn) == 16  # a new file
    # as schema 7 left it: FTS5's default (4)
    conn.execute("DELETE FROM figures_text_config WHERE k = 'automerge'")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    conn = open_database(db_path)
    assert automerge(conn) == 16  # an upgraded one
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_an_up_to_date_database_is_left_untouched(db_path) -> None:
    open_database(db_path).close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    conn = open_database(db_path)
    conn.close()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_a_failed_upgrade_leaves_the_old_file_as_it_was(db_path) -> None:
    make_v2_database(db_path)
    with sqlite3.connect(db_path) as odd:  # a column the upgrade means to add, already there
        odd.execute("ALTER TABLE figures ADD COLUMN mentions TEXT")
    with pytest.raises(Exception, match="duplicate column"):
        open_database(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "part_of" not in columns(conn, "figures")  # the steps before it were undone too
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == 3


def test_two_processes_opening_an_old_file_at_once_upgrade_it_once(db_path) -> None:
    """Both read version 2 before either takes the write lock; the second must not upgrade
    again (it would fail on a duplicate column)."""
    make_v2_database(db_path)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")  # keeps both openers waiting at their own BEGIN
    waiting, errors = threading.Semaphore(0), []

    def open_it() -> None:
        conn = sqlite3.connect(db_path, timeout=30)
        conn.set_trace_callback(
            lambda statement: waiting.release() if statement == "BEGIN IMMEDIATE" else None
        )
        try:
            ensure_schema(conn)
        except sqlite3.Error as error:
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for _ in threads:
        assert waiting.acquire(timeout=30)  # both past the version check, at the lock
    holder.rollback()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert columns(conn, "figures").count("part_of") == 1
