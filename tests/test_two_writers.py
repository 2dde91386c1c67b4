"""Writers at once on one database, as real processes: each document is stored once, the
process that loses a race reports it unchanged, and no process prints a database error; a
write the database refuses fails the poll, recorded with its reason."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from app.config import parse_config
from app.ingest.poll import poll_source
from app.sources.http_fetch import Fetcher
from storage import open_database
from storage.polls import recent_polls
from tests.conftest import REPO

FILES = 60


def test_two_ingests_of_the_same_files_at_once_store_each_document_once(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(FILES):
        (folder / f"{number:03d}.txt").write_text(
            f"Story {number}\n\nForo Penal said {1000 + number} political prisoners remain"
            " in custody in Venezuela, and 40 were released on Friday.\n",
            encoding="utf-8",
        )
    db = tmp_path / "shared.db"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    command = [sys.executable, "-m", "app", "--db", str(db), "ingest", str(folder)]
    writers = [
        subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]  # fmt: skip
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0], outputs
    printed = "".join(out + err for out, err in outputs)
    assert "Traceback" not in printed and "UNIQUE" not in printed and "locked" not in printed
    new = sum(out.count("\nnew ") + out.startswith("new ") for out, _ in outputs)
    unchanged = sum(out.count("unchanged ") for out, _ in outputs)
    assert new == FILES and new + unchanged == 3 * FILES  # each race lost is "unchanged"
    conn = sqlite3.connect(db)
    documents = conn.execute("SELECT count(*), count(DISTINCT identity) FROM documents").fetchone()
    assert documents == (FILES, FILES)
    doubled = conn.execute(
        "SELECT count(*) FROM (SELECT document_id, start, value FROM figures"
        " GROUP BY document_id, start, value HAVING count(*) > 1)"
    ).fetchone()[0]
    assert doubled == 0


def test_a_poll_that_the_database_refuses_is_recorded_with_its_reason(tmp_path) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.txt").write_text("Foro Penal said 644 political prisoners remain.")
    config = parse_config("sources:\n  - name: files\n    path: files\n", base_dir=tmp_path)
    conn = open_database(tmp_path / "t.db")
    conn.execute(  # a real SQLite error on the document's write, as a full disk would give
        "CREATE TRIGGER refuse BEFORE INSERT ON documents"
        " BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
    )
    with Fetcher() as fetcher:
        result = poll_source(conn, config.sources[0], config, fetcher)
    assert result.status == "failed" and result.error == "database error: disk says no"
    (recorded,) = recent_polls(conn, "files")
    assert recorded["status"] == "failed" and recorded["error"] == "database error: disk says no"
    assert not conn.in_transaction
