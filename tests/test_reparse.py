"""`tallywatch reparse` keeps the ids of unchanged figures; an extractor upgrade is read again
once by itself (the version stamp)."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from app.extract import EXTRACTOR_VERSION, ExtractionSettings
from app.ingest import extraction_pool, reparse
from app.ingest.reparse import reparse_if_outdated
from app.model import Figure
from storage import open_database, save_document
from storage.documents import iter_documents
from storage.figure_sync import update_figures
from storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import REPO
from tests.test_storage_migration import V2_SCHEMA

SEEDS_FILE = "004_c835abbf319986af.txt"


def ids_and_labels(run_cli, db_path) -> dict[int, tuple]:
    figures = json.loads(run_cli("--db", str(db_path), "figures", "--json").stdout)
    return {f["id"]: (f["source"], f["start"], f["value"], f["metric"]) for f in figures}


def test_reparse_with_the_same_extractor_changes_no_id(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    before = ids_and_labels(run_cli, db_path)
    result = run_cli("--db", str(db_path), "reparse")
    assert result.returncode == 0, result.stderr
    assert f"5 documents read again, 0 with new figures; {len(before)} figures before" in (
        result.stdout
    )
    assert ids_and_labels(run_cli, db_path) == before


def test_a_relabelled_figure_keeps_its_id_and_the_rest_are_untouched(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    before = ids_and_labels(run_cli, db_path)
    with sqlite3.connect(db_path) as conn:  # as an older extractor might have stored them
        (relabelled,) = conn.execute("SELECT id FROM figures WHERE value = 711").fetchone()
        conn.execute("UPDATE figures SET metric = 'other', claimant = 'x' WHERE value = 711")
        (removed,) = conn.execute("SELECT id FROM figures WHERE value = 302").fetchone()
        conn.execute("DELETE FROM figures WHERE id = ?", (removed,))
        conn.execute(
            "INSERT INTO figures (document_id, value, qualifier, metric, claimant, sentence,"
            " start, \"end\") SELECT document_id, 27, 'exact', 'held', 'x', '', 0, 2"
            " FROM figures WHERE id = ?",
            (relabelled,),
        )
    result = run_cli("--db", str(db_path), "reparse")
    assert "1 with new figures" in result.stdout
    assert "1 relabelled, 1 added, 1 removed" in result.stdout
    after = ids_and_labels(run_cli, db_path)
    assert after[relabelled] == before[relabelled]  # the same id, with the current labels
    assert {n: after[n] for n in before if n != removed} == {
        n: label for n, label in before.items() if n != removed
    }
    (added,) = set(after) - set(before)  # 302 stored again, under a new id
    assert after[added] == before[removed]
    assert 27 not in {label[2] for label in after.values()}


def test_a_part_follows_its_total_when_the_total_is_stored_anew(db_path) -> None:
    text = "807 political prisoners: 95 are women."
    total = Figure(
        value=807, qualifier="exact", low=807, high=807, metric="held",
        subject="political prisoners", place="Venezuela", claimant="Foro Penal",
        as_of="2026-02-20", period_start=None, sentence=text, start=0, end=3,
    )  # fmt: skip
    part = replace(total, value=95, low=95, high=95, start=25, end=27, part_of_start=0)
    part = replace(part, subgroup="women")
    conn = open_database(db_path)
    document = {
        "source": "a.txt", "source_name": "A", "title": "", "text": text,
        "date": "2026-02-20", "date_basis": "configured", "language": "en",
    }  # fmt: skip
    save_document(conn, document, [total.as_row(), part.as_row()], "h")
    (stored,) = iter_documents(conn)
    # The total is now read from a longer span: a new row; the part keeps its own id.
    wider = replace(total, end=24, qualifier="at_least", high=None)
    part_id = conn.execute("SELECT id FROM figures WHERE value = 95").fetchone()[0]
    changes = update_figures(conn, stored, [wider.as_row(), part.as_row()])
    assert (changes.kept, changes.added, changes.removed) == (1, 1, 1)
    rows = {row["value"]: dict(row) for row in conn.execute("SELECT * FROM figures")}
    assert rows[95]["id"] == part_id
    assert rows[95]["part_of"] == rows[807]["id"]


def test_a_document_changed_since_it_was_read_is_left_to_its_new_figures(db_path) -> None:
    conn = open_database(db_path)
    document = {
        "source": "a.txt", "source_name": "A", "title": "", "text": "x", "date": None,
        "date_basis": "first_seen", "language": "en",
    }  # fmt: skip
    save_document(conn, document, [], "h1")
    (stale,) = iter_documents(conn)
    save_document(conn, {**document, "text": "y"}, [], "h2")  # a poll stored it anew meanwhile
    assert update_figures(conn, stale, []) is None


def test_an_older_stamp_is_read_again_once_by_ingest(run_cli, db_path) -> None:
    first = run_cli("--db", str(db_path), "ingest", "seeds")
    assert "reparse" not in first.stdout  # nothing stored yet: nothing to read again
    stamp = "SELECT value FROM meta WHERE key = 'extractor_version'"
    relabel = "UPDATE figures SET metric = 'other' WHERE value = 711"
    with sqlite3.connect(db_path) as conn:  # figures as extractor 1 stored them
        assert conn.execute(stamp).fetchone() == (str(EXTRACTOR_VERSION),)
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'extractor_version'")
        conn.execute(relabel)
    upgraded = run_cli("--db", str(db_path), "ingest", "seeds")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "reparse   5 documents read again, 1 with new figures" in upgraded.stdout
    assert metric_of_711(db_path) == "held"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(stamp).fetchone() == (str(EXTRACTOR_VERSION),)
        conn.execute(relabel)  # were it read again, 711 would be `held` once more
    again = run_cli("--db", str(db_path), "ingest", "seeds")
    assert "reparse" not in again.stdout
    assert metric_of_711(db_path) == "other"


def test_reading_again_says_how_far_it_is(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    conn = open_database(db_path)
    with conn:  # as if stored by extractor 1
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'extractor_version'")
    said = io.StringIO()
    try:
        report = reparse_if_outdated(conn, ExtractionSettings(), said, every=2)
    finally:
        conn.close()
    assert report is not None and report.documents == 5
    lines = said.getvalue().splitlines()
    assert lines[0].endswith("reading the 5 stored documents again")
    assert lines[1:3] == [
        "reparse   2 of 5 documents read again…",
        "reparse   4 of 5 documents read again…",
    ]
    assert lines[3].startswith("reparse   5 documents read again")


def metric_of_711(db_path) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT metric FROM figures WHERE value = 711").fetchone()[0]


def test_a_database_of_the_previous_release_is_upgraded_and_read_again(run_cli, db_path, tmp_path):
    """Schema 2, no stamp, a figure as the old extractor labelled it: `ingest` upgrades the
    file, reads it again once, and every figure keeps its id."""
    run_cli("--db", str(db_path), "ingest", "seeds")
    before = ids_and_labels(run_cli, db_path)
    old = tmp_path / "release2.db"
    make_v2_database_from(db_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE figures SET metric = 'other' WHERE value = 711")
    result = run_cli("--db", str(old), "ingest", "seeds")
    assert result.returncode == 0, result.stderr
    # the 711's document, and any whose mentions or breakdowns schema 2 could not keep
    assert "reparse   5 documents read again" in result.stdout
    assert "5 documents (0 new, 0 changed, 5 unchanged)" in result.stdout
    assert ids_and_labels(run_cli, old) == before
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def make_v2_database_from(current: Path, path: Path) -> None:
    """A schema-2 file (tests/fixtures/schema_v2.sql) holding `current`'s documents and figures,
    as the previous release would have stored them."""
    conn = sqlite3.connect(path)
    conn.executescript(
        f"PRAGMA application_id = {APPLICATION_ID}; {V2_SCHEMA.read_text(encoding='utf-8')}"
        " PRAGMA user_version = 2;"
    )
    conn.execute("ATTACH DATABASE ? AS current", (str(current),))
    for table in ("documents", "figures"):
        names = ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM current.{table}")
    conn.commit()
    conn.close()


def test_watch_reads_an_older_stamp_again_before_it_starts(run_cli, db_path, seeds_only_yaml):
    run_cli("--db", str(db_path), "ingest", "seeds")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'extractor_version'")
        conn.execute("UPDATE figures SET metric = 'other' WHERE value = 711")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db_path), "--config", str(seeds_only_yaml),
         "watch"],
        cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    guard = threading.Timer(60, watcher.kill)  # never hang the suite on a stuck process
    guard.start()
    try:
        lines = []
        while not lines or not lines[-1].startswith(("watching", "stopped")):
            line = watcher.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.communicate(timeout=30)
        guard.cancel()
    assert lines[-1].startswith("watching"), lines
    assert "reparse   5 documents read again, 1 with new figures" in lines[-2]
    assert metric_of_711(db_path) == "held"


def test_a_large_database_is_read_again_in_the_workers_as_it_would_be_here(db_path) -> None:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    conn = open_database(db_path)
    for number in range(reparse.WORKERS_FROM):  # enough for the workers to read them
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        document = {
            "source": f"https://news.example/{number}", "source_name": "News", "title": "",
            "text": text, "date": "2026-02-20", "date_basis": "configured", "language": "en",
        }  # fmt: skip
        save_document(conn, document, [], f"h{number}")  # stored with no figures yet
    settings = ExtractionSettings(default_place="Venezuela")
    assert extraction_pool.wait_ready(60)
    before = workers_cpu_s()
    report = reparse.reparse_all(conn, settings)
    in_workers = workers_cpu_s() - before
    started = time.process_time()
    here = list(reparse.read_again(conn, settings, workers=False))
    assert in_workers >= (time.process_time() - started) / 2  # the reading was done there
    stored = conn.execute("SELECT document_id, start, value, metric, claimant FROM figures")
    assert sorted(map(tuple, stored)) == sorted(
        (document["id"], figure.start, figure.value, figure.metric, figure.claimant)
        for document, figures in here
        for figure in figures
    )
    assert report.documents == reparse.WORKERS_FROM and report.added == report.after > 0
    conn.close()


def workers_cpu_s() -> float:
    """The CPU seconds the extraction pool's workers have used."""
    total = 0.0
    for pid in extraction_pool._POOL._processes:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
