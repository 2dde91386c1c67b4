"""Storage on real SQLite files: schema, idempotent saves, replacement, snapshots, bad databases."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess

import pytest

from storage import (
    DatabaseError,
    count_figures,
    describe_error,
    export_snapshot,
    figures_of_document,
    list_figures,
    open_database,
    save_document,
)
from storage.figure_rows import mentions_json, parse_mentions


def document(text: str = "At least 644 political prisoners remain in jail.") -> dict:
    return {
        "source": "seeds/a.txt",
        "source_name": "Seeds",
        "title": "A",
        "text": text,
        "date": "2026-02-20",
        "date_basis": "configured",
        "language": "en",
    }


def figure(value: int, start: int = 9, **changes) -> dict:
    row = {
        "value": value, "qualifier": "at_least", "low": value, "high": None, "metric": "held",
        "subject": "political prisoners", "place": "Venezuela", "claimant": "Foro Penal",
        "as_of": "2026-02-20", "period_start": None, "stale": False,
        "sentence": "At least 644 political prisoners remain in jail.", "start": start,
        "end": start + len(str(value)),
    }  # fmt: skip
    row.update(changes)
    return row


def test_open_sets_wal_foreign_keys_and_busy_timeout(db_path) -> None:
    conn = open_database(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_saving_the_same_document_twice_stores_nothing_twice(db_path) -> None:
    conn = open_database(db_path)
    assert save_document(conn, document(), [figure(644)], "hash-1") == "new"
    assert save_document(conn, document(), [figure(644)], "hash-1") == "unchanged"
    assert count_figures(conn) == 1
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_changed_document_replaces_its_figures(db_path) -> None:
    conn = open_database(db_path)
    save_document(conn, document(), [figure(644), figure(600, start=30)], "hash-1")
    changed = document("At least 650 political prisoners remain in jail.")
    assert save_document(conn, changed, [figure(650)], "hash-2") == "changed"
    assert [row["value"] for row in list_figures(conn)] == [650]
    document_id = conn.execute("SELECT id FROM documents").fetchone()[0]
    assert [row["value"] for row in figures_of_document(conn, document_id)] == [650]


def test_a_failed_save_leaves_the_old_figures(db_path) -> None:
    conn = open_database(db_path)
    save_document(conn, document(), [figure(644)], "hash-1")
    broken = figure(650)
    del broken["claimant"]
    with pytest.raises(KeyError):
        save_document(conn, document("changed"), [broken], "hash-2")
    assert [row["value"] for row in list_figures(conn)] == [644]
    assert conn.execute("SELECT content_hash FROM documents").fetchone()[0] == "hash-1"


def test_figures_carry_their_document_fields(db_path) -> None:
    conn = open_database(db_path)
    save_document(conn, document(), [figure(644)], "hash-1")
    (row,) = list_figures(conn)
    assert row["source"] == "seeds/a.txt"
    assert row["date_basis"] == "configured"
    assert row["title"] == "A"
    assert row["stale"] is False


def test_snapshot_holds_every_figure_and_sqlite3_opens_it(db_path, tmp_path) -> None:
    conn = open_database(db_path)
    save_document(conn, document(), [figure(644), figure(600, start=30)], "hash-1")
    out = export_snapshot(conn, tmp_path / "snaps" / "snap.db")
    assert sqlite3.connect(out).execute("SELECT count(*) FROM figures").fetchone()[0] == 2
    assert not (tmp_path / "snaps" / ".snap.db.partial").exists()
    if shutil.which("sqlite3"):
        counted = subprocess.run(
            ["sqlite3", str(out), "select count(*) from figures"], capture_output=True, text=True
        )
        assert counted.stdout.strip() == "2"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n" * 100)
    with pytest.raises(DatabaseError, match="not a tallywatch database"):
        open_database(path)
    assert path.read_text().startswith("just some notes")


def test_someone_elses_database_is_refused_and_left_alone(tmp_path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE accounts (id INTEGER)")
    other.commit()
    other.close()
    with pytest.raises(DatabaseError, match="not a tallywatch database"):
        open_database(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("accounts",)]


def test_a_locked_database_still_reads_and_says_why_it_cannot_write(db_path, monkeypatch):
    open_database(db_path).close()
    monkeypatch.setattr("storage.database.BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        conn = open_database(db_path)  # WAL: reading goes on while another writes
        assert list_figures(conn) == []
        with pytest.raises(sqlite3.OperationalError) as raised:
            save_document(conn, document(), [figure(644)], "hash-1")
    finally:
        holder.rollback()
        holder.close()
    assert "locked by another program" in describe_error(db_path, raised.value)


def test_a_days_exact_figures_come_before_its_vague_and_stale_ones(db_path) -> None:
    from storage.figures import page_of_figures

    conn = open_database(db_path)
    vague = {**figure(0, start=40), "value": None, "qualifier": "vague", "low": 200, "high": 999}
    stale = figure(650, start=70, qualifier="about", stale=True)
    day = [figure(644, start=90), vague, stale]  # the exact one stored first (the lowest id)
    save_document(conn, document(), [figure(711, start=9, as_of="2026-02-19"), *day], "h")
    values = [row["value"] for row in page_of_figures(conn)]  # newest day first
    assert values[0] == 644 and set(values[1:3]) == {None, 650} and values[3] == 711


@pytest.mark.parametrize("mentions", [(), [(3, 7)], [(0, 4), (120, 131.0), (9, 9)]])
def test_mentions_are_written_as_json_writes_them(mentions) -> None:
    # Written without a JSON encoder per row; stored text must stay what json.dumps gave, so
    # that rows stored before and after compare equal and read back the same.
    written = mentions_json(mentions)
    assert written == json.dumps([[int(start), int(end)] for start, end in mentions])
    assert parse_mentions(written) == [[int(start), int(end)] for start, end in mentions]
