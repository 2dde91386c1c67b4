"""The `/` filter's text index (figures_text) when a poll fills it in one statement: every
figure found, none twice, none left queued once indexed, and a rollback leaves nothing behind.
The poll's writer lets thousands queue before it indexes them; the filter finds them queued."""

from __future__ import annotations

import sqlite3

import pytest
from feed_server import feed_reply, feed_server_fixture, rss  # noqa: F401 (the fixture)
from test_poll_transactions import items, traced_poll

from storage import count_figures, open_database, save_document
from storage.figures import FigureFilter, count_matching
from storage.text_index import index_queued, queued_text_index
from storage.transaction import transaction
from storage.writer import Writer


def indexed(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT rowid FROM figures_text ORDER BY rowid")]


def figure_ids(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM figures ORDER BY id")]


def test_a_polls_figures_are_indexed_in_one_statement_before_its_commit(
    feed_server, db_path
) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 6)))
    statements = traced_poll(db_path, feed_server)
    begin = statements.index("BEGIN IMMEDIATE")
    inside = statements[begin : statements.index("COMMIT", begin)]
    fills = [s for s in inside if s.startswith("INSERT INTO figures_text (rowid, body) SELECT")]
    assert len(fills) == 1  # the triggers' own statements are not traced: only ours
    conn = open_database(db_path)
    assert count_figures(conn) >= 6
    assert indexed(conn) == figure_ids(conn)
    assert conn.execute("SELECT count(*) FROM figures_text_queue").fetchone()[0] == 0
    assert count_matching(conn, FigureFilter(text="601 political")) == 1
    assert count_matching(conn, FigureFilter(text="/news/3")) == 1  # the document's source too
    conn.close()


def test_a_changed_item_is_found_by_its_new_words_only(feed_server, db_path) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 3)))
    traced_poll(db_path, feed_server)
    changed = items(feed_server, 3)
    changed[2]["title"] = "Foro Penal: 777 political prisoners in Venezuela"  # ids are reused
    feed_server.routes["/feed.xml"] = feed_reply(rss(changed), etag='"v2"', modified="x")
    traced_poll(db_path, feed_server)
    conn = open_database(db_path)
    assert indexed(conn) == figure_ids(conn)
    assert count_matching(conn, FigureFilter(text="777 political")) == 1
    assert count_matching(conn, FigureFilter(text="602 political")) == 0
    conn.close()


def document(number: int) -> dict:
    return {
        "source": f"seeds/{number}.txt", "source_name": "Seeds", "title": f"Tally {number}",
        "text": "Foro Penal counts 644 held.", "date": "2026-02-20", "date_basis": "configured",
        "language": "en",
    }  # fmt: skip


def figure(value: int) -> dict:
    return {
        "value": value, "qualifier": "exact", "low": value, "high": value, "metric": "held",
        "subject": "political prisoners", "place": "Venezuela", "claimant": "Foro Penal",
        "as_of": "2026-02-20", "period_start": None, "stale": False,
        "sentence": f"Foro Penal counts {value} held.", "start": 18, "end": 21,
    }  # fmt: skip


class SaveFailed(Exception):
    pass


def test_a_rolled_back_transaction_leaves_neither_index_nor_queue(db_path) -> None:
    conn = open_database(db_path)
    save_document(conn, document(1), [figure(644)], "h1")  # indexed by its trigger at once
    with pytest.raises(SaveFailed), transaction(conn), queued_text_index(conn):
        save_document(conn, document(2), [figure(650)], "h2")
        assert conn.execute("SELECT count(*) FROM figures_text_queue").fetchone()[0] == 2
        raise SaveFailed
    assert indexed(conn) == figure_ids(conn) == [1]
    assert conn.execute("SELECT count(*) FROM figures_text_queue").fetchone()[0] == 0
    save_document(conn, document(3), [figure(700)], "h3")  # indexed at once again
    assert count_matching(conn, FigureFilter(text="Tally 3")) == 1
    conn.close()


def test_a_version_5_database_gains_the_deferring_trigger(db_path) -> None:
    conn = open_database(db_path)
    conn.execute("DROP TRIGGER figures_text_insert")  # as schema 5 made it: no WHEN
    conn.execute(
        "CREATE TRIGGER figures_text_insert AFTER INSERT ON figures BEGIN"
        " INSERT INTO figures_text (rowid, body) SELECT new.id, new.sentence || char(31)"
        " || new.claimant || char(31) || new.metric || char(31) || d.source || char(31)"
        " || d.title FROM documents AS d WHERE d.id = new.document_id; END"
    )
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    conn = open_database(db_path)
    with transaction(conn):  # indexed once, not twice (an error)
        with queued_text_index(conn):
            save_document(conn, document(1), [figure(644)], "h1")
        index_queued(conn)
    assert indexed(conn) == figure_ids(conn) == [1]
    assert count_matching(conn, FigureFilter(text="Tally 1")) == 1
    conn.close()


def steps_to_store(conn: sqlite3.Connection, number: int) -> int:
    """SQLite's virtual-machine steps to store one document with one figure in a deferring
    block: a measure of the work that does not depend on the machine's load."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn.set_progress_handler(count, 1)
    with transaction(conn):
        with queued_text_index(conn):
            save_document(conn, document(number), [figure(number)], f"h{number}")
        index_queued(conn)
    conn.set_progress_handler(None, 1)
    return steps


def test_indexing_a_polls_figures_does_not_grow_with_the_figures_stored(db_path) -> None:
    conn = open_database(db_path)
    first = steps_to_store(conn, 1)
    with transaction(conn):  # 2,000 more figures, indexed by the trigger
        for number in range(2, 2002):
            save_document(conn, document(number), [figure(number)], f"h{number}")
    later = steps_to_store(conn, 5000)
    assert later < 2 * first, (first, later)  # not a walk over every stored figure
    assert count_matching(conn, FigureFilter(text="Tally 5000")) == 1
    conn.close()


def queued(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM figures_text_queue ORDER BY id")]


def save_queued(number: int):
    """A writer's work: one document with one figure, queued for the text index."""

    def work(conn: sqlite3.Connection) -> None:
        with queued_text_index(conn):
            save_document(conn, document(number), [figure(number)], f"h{number}")

    return work


def test_the_writer_indexes_thousands_at_once_and_the_filter_finds_them_queued(db_path) -> None:
    conn = open_database(db_path)
    with Writer(db_path, index_at=3) as writer:
        writer.write(save_queued(1))
        writer.write(save_queued(2))
        assert indexed(conn) == [] and queued(conn) == [1, 2]  # committed, not yet indexed
        assert count_matching(conn, FigureFilter(text="Tally 2")) == 1  # found in the queue
        assert count_matching(conn, FigureFilter(text="counts 1 held")) == 1
        assert count_matching(conn, FigureFilter(text="tally")) == 2  # as the index folds case
        writer.write(save_queued(3))  # the third: all three indexed in that transaction
        assert indexed(conn) == [1, 2, 3] and queued(conn) == []
        writer.write(save_queued(4))
        assert queued(conn) == [4]
    assert indexed(conn) == figure_ids(conn) == [1, 2, 3, 4]  # the rest, as the writer closed
    assert queued(conn) == []
    assert count_matching(conn, FigureFilter(text="Tally")) == 4  # each once
    conn.close()


def test_a_queued_figure_indexed_meanwhile_by_another_writer_is_indexed_once(db_path) -> None:
    conn = open_database(db_path)
    with Writer(db_path, index_at=100) as writer:
        writer.write(save_queued(1))
        # Another program replaces the document's figure: its id is used again, indexed at once.
        changed = {**figure(1), "sentence": "Foro Penal counts 1 held, again."}
        save_document(conn, {**document(1), "text": "changed"}, [changed], "h1b")
        assert indexed(conn) == [1] and queued(conn) == [1]
    assert indexed(conn) == [1] and queued(conn) == []  # no second row (an FTS5 error)
    assert count_matching(conn, FigureFilter(text="again")) == 1
    conn.close()
