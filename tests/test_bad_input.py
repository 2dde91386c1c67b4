"""Input tallywatch refuses or reads as one thing: intervals too short, binary files, files
over the limit, another spelling of a stored file's path, an export over a user's file."""

from __future__ import annotations

import os
import sqlite3

import pytest

from app.config import ConfigError, parse_config
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("url", "interval", "allowed"),
    [
        ("https://example.org/rss.xml", "0s", False),
        ("https://example.org/rss.xml", "59s", False),
        ("https://example.org/rss.xml", "1m", True),
        ("http://127.0.0.1:8000/rss.xml", "0s", False),
        ("http://127.0.0.1:8000/rss.xml", "1s", True),
        ("http://localhost/rss.xml", "1s", True),
    ],
)
def test_an_interval_under_the_minimum_is_refused_with_its_line(url, interval, allowed) -> None:
    text = f"sources:\n  - name: news\n    url: {url}\n    interval: {interval}\n"
    if allowed:
        assert parse_config(text).sources[0].interval == interval
    else:
        with pytest.raises(ConfigError, match=r"feeds.yaml:2: sources.0: interval .* too short"):
            parse_config(text)


def test_binary_files_named_as_text_are_not_stored(tmp_path, run_cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "program.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20)
    (folder / "noise.md").write_bytes(os.urandom(4096))
    (folder / "fine.txt").write_text("Foro Penal said 644 political prisoners remain.\n")
    (folder / "wide.txt").write_text("Foro Penal: 645 presos políticos.\n", encoding="utf-16")
    db = tmp_path / "t.db"
    result = run_cli("--db", str(db), "ingest", str(folder))
    assert result.returncode == 1
    assert "program.txt: not a text file (binary content); skipped" in result.stderr
    assert "noise.md: not a text file (binary content); skipped" in result.stderr
    titles = [row[0] for row in sqlite3.connect(db).execute("SELECT title FROM documents")]
    assert titles == [
        "Foro Penal said 644 political prisoners remain.", "Foro Penal: 645 presos políticos."
    ]  # fmt: skip


def test_the_local_file_size_limit_is_configurable(tmp_path, run_cli) -> None:
    (tmp_path / "big.txt").write_text("Foro Penal said 644 political prisoners remain.\n" * 50)
    config = tmp_path / "feeds.yaml"
    config.write_text("sources:\n  - name: files\n    path: big.txt\nfiles: {max_size_mb: 0.001}\n")
    result = run_cli("--db", str(tmp_path / "t.db"), "--config", str(config), "ingest")
    assert result.returncode == 1
    assert "larger than 0.001 MB (files: max_size_mb); skipped" in result.stderr


def test_any_spelling_of_a_file_s_path_is_the_same_document(tmp_path, run_cli) -> None:
    db = str(tmp_path / "t.db")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "feeds.yaml").write_text(f"sources:\n  - name: s\n    path: {SEEDS}/../seeds\n")
    first = run_cli("--db", db, "ingest", "seeds")
    assert first.returncode == 0 and "5 new" in first.stdout
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM figures").fetchone()[0]
    for spelling in ("./seeds/", str(SEEDS), f"{SEEDS}/../seeds/000_9f45dbe3429fb4d4.txt"):
        again = run_cli("--db", db, "ingest", spelling)
        assert "(0 new" in again.stdout and " 0 figures stored" in again.stdout, again.stdout
    # Without the seed dates of the shipped feeds.yaml they change: replaced, never added.
    again = run_cli("--db", db, "--config", str(elsewhere / "feeds.yaml"), "ingest")
    assert "(0 new" in again.stdout, again.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == stored


def test_export_never_writes_a_snapshot_over_a_user_s_file(tmp_path, run_cli) -> None:
    db = str(tmp_path / "t.db")
    run_cli("--db", db, "ingest", "seeds")
    table = tmp_path / "figures.csv"
    table.write_text("mine,1\n")
    assert run_cli("--db", db, "export", str(table)).returncode == 0
    assert table.read_text().startswith("id,value,qualifier")  # a CSV, as its name says
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    refused = run_cli("--db", db, "export", str(notes))
    assert refused.returncode == 2 and "is not an SQLite file; not overwritten" in refused.stderr
    assert notes.read_text() == "my notes\n"
    snapshot = tmp_path / "snap.db"
    for _ in range(2):  # a snapshot may replace an older snapshot
        assert run_cli("--db", db, "export", str(snapshot)).returncode == 0
    assert snapshot.read_bytes()[:16] == b"SQLite format 3\x00"
