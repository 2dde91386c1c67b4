"""A poll saves a feed's new documents in one transaction, after reading the items the feed
knew in one query; the database syncs at checkpoints (WAL, synchronous=NORMAL)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from feed_server import Reply, feed_reply, feed_server_fixture, rss  # noqa: F401 (the fixture)

from app.config import parse_config
from app.ingest.poll import poll_in_thread, poll_source
from app.sources.http_fetch import Fetcher, fetch_limits
from storage import count_documents, open_database
from storage.database import drop_thread_connection, thread_connection
from storage.polls import ensure_source
from storage.transaction import transaction


def items(server, count: int, version: str = "") -> list[dict]:
    return [
        {"guid": f"g{n}", "title": f"Foro Penal: {600 + n} political prisoners in Venezuela",
         "link": server.url(f"/news/{n}"), "description": f"Foro Penal counted them.{version}"}
        for n in range(count)
    ]  # fmt: skip


def traced_poll(db_path, server) -> list[str]:
    """Poll the feed once on a connection whose statements are recorded."""
    config = parse_config(f"sources:\n  - name: News\n    url: {server.url('/feed.xml')}\n")
    conn = open_database(db_path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    with Fetcher(fetch_limits(config)) as fetcher:
        result = poll_source(conn, config.sources[0], config, fetcher)
    conn.close()
    assert result.status == "ok", result.error
    return statements


def test_a_feeds_documents_are_saved_in_one_transaction(feed_server, db_path) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 6)))
    statements = traced_poll(db_path, feed_server)
    item_reads = [s for s in statements if s.startswith("SELECT") and "FROM items" in s]
    assert len(item_reads) == 1  # not one per item
    begin = statements.index("BEGIN IMMEDIATE")
    inside = statements[begin : statements.index("COMMIT", begin)]
    for table in ("documents", "items"):  # all six, and nothing committed in between
        assert len([s for s in inside if s.startswith(f"INSERT INTO {table}")]) == 6
    conn = open_database(db_path)
    assert count_documents(conn) == 6
    conn.close()


def test_a_changed_item_is_saved_and_unchanged_ones_cost_no_writes(feed_server, db_path) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 3)))
    traced_poll(db_path, feed_server)
    changed = items(feed_server, 3)
    changed[1]["description"] += " Updated."
    feed_server.routes["/feed.xml"] = feed_reply(rss(changed), etag='"v2"', modified="x")
    statements = traced_poll(db_path, feed_server)
    assert len([s for s in statements if s.startswith("UPDATE documents")]) == 1
    assert not [s for s in statements if s.startswith("INSERT INTO documents")]


def test_the_database_syncs_at_checkpoints(db_path) -> None:
    conn = open_database(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    conn.close()


def test_a_known_source_is_not_written_again_before_each_poll(db_path) -> None:
    conn = open_database(db_path)
    row = {"name": "News", "kind": "feed", "location": "http://127.0.0.1/f", "enabled": True}
    ensure_source(conn, row)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    assert ensure_source(conn, row)["location"] == row["location"]
    assert not [s for s in statements if s.startswith(("INSERT", "UPDATE", "BEGIN"))]
    moved = ensure_source(conn, {**row, "location": "http://127.0.0.1/g"})
    assert moved["location"] == "http://127.0.0.1/g"
    conn.close()


def test_writers_of_one_process_queue_for_the_lock_instead_of_polling(db_path) -> None:
    """Without SQLite's busy handler (timeout 0), a second writer still waits its turn."""
    first = open_database(db_path)
    outcome: list[str] = []
    done = threading.Event()

    def write_second() -> None:
        conn = open_database(db_path, create=False)
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            with transaction(conn, immediate=True):
                conn.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
            outcome.append("written")
        except sqlite3.OperationalError as error:
            outcome.append(str(error))
        finally:
            conn.close()
            done.set()

    with transaction(first, immediate=True):
        first.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        writer = threading.Thread(target=write_second)
        writer.start()
        assert not done.wait(0.3)  # waiting for this transaction, not failing on its lock
    assert done.wait(10)
    writer.join()
    assert outcome == ["written"]
    assert first.execute("SELECT count(*) FROM meta WHERE key IN ('a', 'b')").fetchone()[0] == 2
    first.close()


def test_a_poll_thread_keeps_its_connection_until_a_poll_fails(feed_server, db_path) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 2)))
    config = parse_config(f"sources:\n  - name: News\n    url: {feed_server.url('/feed.xml')}\n")
    seen: list = []

    def polls() -> None:  # one thread, as a scheduler's pool thread polls again and again
        with Fetcher(fetch_limits(config)) as fetcher:
            for _ in range(2):
                seen.append(poll_in_thread(db_path, config.sources[0], config, fetcher).status)
                seen.append(thread_connection(db_path))
            feed_server.routes["/feed.xml"] = Reply(500, b"down")
            seen.append(poll_in_thread(db_path, config.sources[0], config, fetcher).status)
            seen.append(thread_connection(db_path))
            drop_thread_connection(db_path)

    worker = threading.Thread(target=polls)
    worker.start()
    worker.join()
    ok, kept, ok_again, kept_again, failed, after_failure = seen
    assert (ok, ok_again, failed) == ("ok", "ok", "failed")
    assert kept is kept_again  # not opened again for the second poll
    assert after_failure is not kept  # a failed poll's connection is closed, a new one opened
    with pytest.raises(sqlite3.ProgrammingError):
        kept.execute("SELECT 1")


def test_a_summary_feed_asks_once_which_of_its_items_another_feed_stored(
    feed_server, db_path
) -> None:
    feed_server.routes["/feed.xml"] = feed_reply(rss(items(feed_server, 2)))
    traced_poll(db_path, feed_server)  # the two stories, stored
    again = items(feed_server, 6)  # the same two under other guids (another feed), four new
    for item in again:
        item["guid"] += "-b"
    feed_server.routes["/feed.xml"] = feed_reply(rss(again), etag='"v2"', modified="x")
    statements = traced_poll(db_path, feed_server)
    asks = [s for s in statements if "FROM documents WHERE source" in s]
    assert len(asks) == 1  # not one per new item
    conn = open_database(db_path)
    assert count_documents(conn) == 6
    notes = conn.execute("SELECT note FROM items WHERE key LIKE '%-b' ORDER BY key").fetchall()
    assert [note for (note,) in notes] == ["stored through another source"] * 2 + [None] * 4
    conn.close()
