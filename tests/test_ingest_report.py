"""The ingest report counts what a pass stored and hands each document on as it comes,
keeping none of them (nor their figures): flat memory however large the pass."""

from __future__ import annotations

import gc
import threading
import weakref

from feed_server import Reply, feed_reply, feed_server_fixture, rss  # noqa: F401 (the fixture)

from app.config import parse_config
from app.ingest.passes import IngestReport, ingest_config, ingest_paths
from storage import count_figures, open_database


def test_files_are_shown_one_by_one_and_only_counted(db_path) -> None:
    conn = open_database(db_path)
    shown = []
    report = IngestReport(show=lambda document: shown.append((document.source, document.outcome)))
    ingest_paths(conn, ["seeds"], None, report)
    assert len(shown) == report.documents == report.count("new") == 5
    assert len({source for source, _outcome in shown}) == 5  # each once
    assert report.figures_added == count_figures(conn) > 0
    assert not hasattr(report, "stored")  # no list of documents to grow with the pass
    again = ingest_paths(conn, ["seeds"], None)
    assert (again.count("unchanged"), again.figures_added) == (5, 0)
    conn.close()


def test_polled_documents_are_counted_and_dropped_from_the_polls(feed_server, db_path) -> None:
    items = [
        {"guid": f"g{n}", "title": f"Foro Penal: {600 + n} political prisoners in Venezuela",
         "link": feed_server.url(f"/news/{n}"), "description": "Foro Penal counted them."}
        for n in range(3)
    ]  # fmt: skip
    feed_server.routes["/feed.xml"] = feed_reply(rss(items))
    config = parse_config(f"sources:\n  - name: News\n    url: {feed_server.url('/feed.xml')}\n")
    conn = open_database(db_path)
    shown = []
    report = ingest_config(conn, config, report=IngestReport(show=shown.append))
    conn.close()
    assert [document.outcome for document in shown] == ["new"] * 3
    assert report.count("new") == 3 and report.figures_added == 3
    (poll,) = report.polls
    assert poll.new == 3 and poll.stored == []


def test_a_feed_s_documents_are_shown_while_a_slower_feed_is_still_polled(
    feed_server, db_path
) -> None:
    def items(name: str) -> list[dict]:
        return [
            {"guid": f"{name}{n}", "title": f"{name}: {600 + n} political prisoners in Venezuela",
             "link": feed_server.url(f"/{name}/{n}"), "description": "Foro Penal counted them."}
            for n in range(2)
        ]  # fmt: skip

    released, waited_out = threading.Event(), []

    def slow(request) -> Reply:  # answers once a document of the quick feed was shown
        waited_out.append(not released.wait(10))
        return Reply(200, rss(items("slow")), {"Content-Type": "application/rss+xml"})

    feed_server.routes["/quick.xml"] = feed_reply(rss(items("quick")))
    feed_server.routes["/slow.xml"] = slow
    config = parse_config(
        f"sources:\n  - name: Quick\n    url: {feed_server.url('/quick.xml')}\n"
        f"  - name: Slow\n    url: {feed_server.url('/slow.xml')}\n"
    )
    shown, quick_left = [], []

    def show(document) -> None:
        feed = document.source.rsplit("/", 2)[-2]
        if feed == "quick":
            quick_left.append(weakref.ref(document))
        elif shown[-1:] != ["slow"]:  # the slow feed's first: is any quick one still held?
            gc.collect()
            quick_left[:] = [held for held in quick_left if held() is not None]
        shown.append(feed)
        released.set()

    conn = open_database(db_path)
    report = ingest_config(conn, config, report=IngestReport(show=show))
    conn.close()
    # The pass handed the quick feed's documents over before the slow feed answered (until
    # now every result waited for the pass's end: the slow feed waited its 10 s out).
    assert waited_out == [False]
    assert shown == ["quick", "quick", "slow", "slow"] and report.count("new") == 4
    assert quick_left == []  # shown and counted, then let go before the pass's end
