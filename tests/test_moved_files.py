"""A project cloned or moved elsewhere, its database kept (the default one, in the data
folder): the seeds it reads again are the documents stored before, not a second copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from storage import count_documents, count_figures, open_database
from tests.conftest import REPO


def checkout(tmp_path: Path, name: str) -> Path:
    """A copy of the project's feeds.yaml and seeds, as another clone holds them."""
    folder = tmp_path / name
    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copy(REPO / "feeds.yaml", folder / "feeds.yaml")
    return folder


def ingest_seeds(run_cli, folder: Path, db: Path) -> str:
    result = run_cli("--db", str(db), "ingest", "seeds", cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


def stored(db: Path) -> tuple[int, int]:
    conn = open_database(db)
    try:
        return count_documents(conn), count_figures(conn)
    finally:
        conn.close()


def test_a_second_checkout_reads_the_seeds_stored_by_the_first(run_cli, tmp_path) -> None:
    db = tmp_path / "shared.db"
    ingest_seeds(run_cli, checkout(tmp_path, "first"), db)
    once = stored(db)
    second = checkout(tmp_path, "second")
    said = ingest_seeds(run_cli, second, db)
    assert stored(db) == once == (5, 17)
    assert "0 new" in said or "5 unchanged" in said, said
    shutil.rmtree(tmp_path / "first")  # the first clone is gone: its documents live on
    ingest_seeds(run_cli, second, db)
    assert stored(db) == (5, 17)


def test_copies_stored_twice_before_are_made_one_again(run_cli, tmp_path) -> None:
    db = tmp_path / "shared.db"
    first, second = checkout(tmp_path, "first"), checkout(tmp_path, "second")
    ingest_seeds(run_cli, first, db)
    # The second clone's seeds stored apart, as they were before this rule: another source
    # name keeps them apart, then they are given the same name.
    result = run_cli("--db", str(db), "ingest", str(second / "seeds"), cwd=first)
    assert result.returncode == 0, result.stderr
    conn = open_database(db)
    conn.execute("UPDATE documents SET source_name = 'Seed articles'")
    conn.commit()
    conn.close()
    assert stored(db) == (10, 34)
    ingest_seeds(run_cli, second, db)
    assert stored(db) == (5, 17)
    ingest_seeds(run_cli, first, db)  # both clones polled in turn: still one document each
    assert stored(db) == (5, 17)


def test_a_moved_file_is_looked_for_in_an_index_that_feeds_do_not_fill(db_path) -> None:
    from storage.documents import save_document

    conn = open_database(db_path)
    row = {"source_name": "S", "title": "t", "text": "644 held", "date": "2026-02-20",
           "date_basis": "configured", "language": "en"}  # fmt: skip
    save_document(conn, {**row, "source": "https://n/1"}, [], "h1")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    save_document(conn, {**row, "source": "seeds/a.txt", "identity": "/x/seeds/a.txt"}, [], "h2")
    conn.set_trace_callback(None)
    (lookup,) = [s for s in statements if "content_hash = " in s and s.startswith("SELECT")]
    plan = " ".join(step[3] for step in conn.execute(f"EXPLAIN QUERY PLAN {lookup}"))
    assert "USING INDEX documents_by_content" in plan, plan
    indexed = conn.execute("SELECT count(*) FROM documents INDEXED BY documents_by_content"
                           " WHERE identity NOT LIKE '%://%'").fetchone()[0]  # fmt: skip
    assert indexed == 1  # the file, not the feed's document
    conn.close()
