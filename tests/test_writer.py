"""Poll threads hand their writes to one writer thread: each piece of work is a transaction of
its own on the writer's one connection; a piece that fails rolls back alone. A feed's
documents and the poll that brought them are committed together."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from feed_server import feed_reply, feed_server_fixture, rss  # noqa: F401 (the fixture)

from app.config import parse_config, source_row
from app.ingest.poll import poll_in_thread, poll_source
from app.sources.http_fetch import Fetcher, fetch_limits
from storage import count_documents, open_database
from storage.database import drop_thread_connection, thread_connection
from storage.polls import register_sources
from storage.writer import Writer


def meta_keys(db_path) -> list[str]:
    conn = open_database(db_path)
    keys = [row[0] for row in conn.execute("SELECT key FROM meta WHERE key LIKE 'k%' ORDER BY 1")]
    conn.close()
    return keys


def put(key: str):
    return lambda conn: conn.execute("INSERT INTO meta (key, value) VALUES (?, 'v')", (key,))


def test_each_work_commits_alone_and_a_failing_one_rolls_back_alone(db_path) -> None:
    open_database(db_path).close()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        put("k2")(conn)
        raise ValueError("a bug halfway")

    with Writer(db_path) as writer:
        writer.write(put("k1"))
        with pytest.raises(ValueError, match="halfway"):
            writer.write(half_then_fail)
        assert writer.write(lambda conn: conn.in_transaction) is True
        writer.write(put("k3"))
        assert meta_keys(db_path) == ["k1", "k3"]  # committed as each write returned


def test_writes_from_many_threads_go_through_one_connection(db_path) -> None:
    open_database(db_path).close()
    seen: list[tuple[int, str]] = []

    def note(conn: sqlite3.Connection) -> None:
        seen.append((id(conn), threading.current_thread().name))

    with Writer(db_path) as writer:
        threads = [threading.Thread(target=writer.write, args=(note,)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(seen) == 6
    assert len(set(seen)) == 1  # one connection, one thread, not the callers'
    assert seen[0][1].startswith("writer")


def test_a_database_error_opens_the_database_again_for_the_next_write(db_path) -> None:
    open_database(db_path).close()
    connections: list[sqlite3.Connection] = []  # kept: a freed one's id() can be reused

    def broken(conn: sqlite3.Connection) -> None:
        connections.append(conn)
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with Writer(db_path) as writer:
        with pytest.raises(sqlite3.OperationalError):
            writer.write(broken)
        writer.write(connections.append)
        writer.write(connections.append)
    broken_one, reopened, kept = connections
    assert reopened is not broken_one and reopened is kept


def test_a_closed_writer_refuses_work(db_path) -> None:
    writer = Writer(db_path)
    writer.write(put("k1"))
    writer.close()
    writer.close()  # twice is harmless
    with pytest.raises(RuntimeError):
        writer.write(put("k2"))
    assert meta_keys(db_path) == ["k1"]


def feed(server, count: int) -> str:
    entries = [
        {"guid": f"g{n}", "title": f"Foro Penal: {600 + n} political prisoners in Venezuela",
         "link": server.url(f"/news/{n}"), "description": "Foro Penal counted them."}
        for n in range(count)
    ]  # fmt: skip
    server.routes["/feed.xml"] = feed_reply(rss(entries))
    return f"sources:\n  - name: News\n    url: {server.url('/feed.xml')}\n"


def test_a_poll_with_a_writer_writes_nothing_on_its_own_connection(feed_server, db_path) -> None:
    config = parse_config(feed(feed_server, 4))
    conn = open_database(db_path)
    register_sources(conn, [source_row(source) for source in config.sources])
    conn.close()
    with Fetcher(fetch_limits(config)) as fetcher, Writer(db_path) as writer:
        result = poll_in_thread(db_path, config.sources[0], config, fetcher, writer=writer)
        reader = thread_connection(db_path)
        assert result.status == "ok" and result.new == 4
        assert reader.total_changes == 0
        drop_thread_connection(db_path)
    conn = open_database(db_path)
    assert count_documents(conn) == 4
    assert conn.execute("SELECT count(*) FROM polls").fetchone()[0] == 1
    conn.close()


def test_a_feeds_documents_and_its_poll_are_committed_together(feed_server, db_path) -> None:
    config = parse_config(feed(feed_server, 3))
    conn = open_database(db_path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    with Fetcher(fetch_limits(config)) as fetcher:
        assert poll_source(conn, config.sources[0], config, fetcher).status == "ok"
    conn.close()
    begin = statements.index("BEGIN IMMEDIATE")
    inside = statements[begin : statements.index("COMMIT", begin)]
    assert len([s for s in inside if s.startswith("INSERT INTO documents")]) == 3
    assert len([s for s in inside if s.startswith("INSERT INTO polls")]) == 1
    assert statements.count("BEGIN IMMEDIATE") == 1


def test_a_writer_never_used_opens_no_database(tmp_path) -> None:
    with Writer(tmp_path / "never.db"):
        pass
    assert not (tmp_path / "never.db").exists()
