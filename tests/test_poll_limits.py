"""A poll's own limits, polled into a real database from a real server on 127.0.0.1: a whole
poll's deadline, items whose links are no URL, Retry-After never ended early, and "poll now"
while a source is failing."""

from __future__ import annotations

import time
import tracemalloc
from datetime import UTC, datetime, timedelta

from app.config import parse_config
from app.ingest.poll import poll_source, poll_sources
from app.sources.feed_items import MAX_ITEMS, parse_feed
from app.sources.http_fetch import Fetcher, FetchLimits
from storage import open_database
from storage.polls import recent_polls, source_state
from tests.feed_server import Reply, article_page, feed_reply, feed_server_fixture, rss  # noqa: F401

SAYS = "Foro Penal said {} political prisoners remain in custody in Venezuela."


def make_config(server, path: str, *, full_article: bool = True, interval: str = "10m"):
    return parse_config(
        f"sources:\n  - name: news\n    url: {server.url(path)}\n    interval: {interval}\n"
        f"    full_article: {'true' if full_article else 'false'}\n"
        "topic:\n  terms: [political prisoners]\n"
    )


def test_slow_article_pages_end_with_the_poll_s_deadline_not_one_after_another(
    feed_server, tmp_path
) -> None:
    items = [
        {"guid": str(k), "title": f"Item {k}", "link": feed_server.url(f"/a/{k}.html"),
         "description": SAYS.format(700 + k)}
        for k in range(5)
    ]  # fmt: skip
    feed_server.routes["/feed.xml"] = feed_reply(rss(items))
    for k in range(5):
        page = article_page(f"Item {k}", [SAYS.format(700 + k)] * 3)
        feed_server.routes[f"/a/{k}.html"] = Reply(200, page, delay_s=1.0)
    chosen = make_config(feed_server, "/feed.xml")
    conn = open_database(tmp_path / "t.db")
    limits = FetchLimits(timeout_s=5, poll_timeout_s=1.5)
    with Fetcher(limits) as fetcher:
        result = poll_source(conn, chosen.sources[0], chosen, fetcher)
    pages = [r for r in feed_server.requests if r.path.startswith("/a/")]
    assert len(pages) <= 2  # the poll's 1.5 s end the second: not five pages, 5 s
    assert "the poll's time ran out before every item was read" in result.warning
    assert source_state(conn, "news")["etag"] is None  # the next poll reads the whole feed


def test_an_item_whose_link_is_no_url_keeps_its_summary_and_the_feed_completes(
    feed_server, tmp_path
) -> None:
    items = [
        {"guid": "1", "title": "Escaped", "link": "http://127.0.0.1/a\x1b[2J.html",
         "description": SAYS.format(901)},
        {"guid": "2", "title": "Data", "link": "data:text/html,hi",
         "description": SAYS.format(902)},
    ]  # fmt: skip
    body = rss(items).replace(b"\x1b", b"&#27;")  # XML 1.0 carries ESC only as a reference
    feed_server.routes["/feed.xml"] = feed_reply(body)
    chosen = make_config(feed_server, "/feed.xml", full_article=True)
    conn = open_database(tmp_path / "t.db")
    with Fetcher(FetchLimits(timeout_s=2)) as fetcher:
        result = poll_source(conn, chosen.sources[0], chosen, fetcher)
    assert result.status == "ok" and result.new == 2
    assert "refused to fetch" in result.warning
    values = {row[0] for row in conn.execute("SELECT value FROM figures")}
    assert {901, 902} <= values
    assert source_state(conn, "news")["etag"] == '"v1"'  # complete: validators kept


def test_a_retry_after_is_stored_rounded_up_never_down(feed_server, tmp_path) -> None:
    feed_server.routes["/busy.xml"] = Reply(429, b"", {"Retry-After": "120"})
    conn = open_database(tmp_path / "t.db")
    moment = datetime(2026, 2, 20, 10, 0, 0, 600_000, tzinfo=UTC)  # mid-second
    chosen = make_config(feed_server, "/busy.xml")
    with Fetcher(FetchLimits(timeout_s=2)) as fetcher:
        result = poll_source(conn, chosen.sources[0], chosen, fetcher, now=lambda: moment)
    stored = datetime.fromisoformat(source_state(conn, "news")["retry_after"])
    assert stored >= moment + timedelta(seconds=120)  # truncated, it would be 0.6 s early
    assert datetime.fromisoformat(result.next_poll) >= moment + timedelta(seconds=120)


def test_poll_now_while_failing_does_not_push_the_next_poll_away(tmp_path) -> None:
    gone = "http://127.0.0.1:9/feed.xml"  # the discard port: nothing listens
    source = parse_config(f"sources:\n  - name: news\n    url: {gone}\n    interval: 1h\n")
    conn = open_database(tmp_path / "t.db")
    moment = datetime(2026, 2, 20, 10, 0, tzinfo=UTC)
    with Fetcher(FetchLimits(timeout_s=1)) as fetcher:
        first = poll_source(conn, source.sources[0], source, fetcher, now=lambda: moment)
        for minutes in (1, 2, 3, 4, 5):
            later = moment + timedelta(minutes=minutes)
            forced = poll_source(
                conn, source.sources[0], source, fetcher, force=True, now=lambda m=later: m
            )
            assert forced.status == "failed"
    assert forced.next_poll == first.next_poll  # the automatic poll stays when it was
    assert source_state(conn, "news")["failures"] == 1
    assert len(recent_polls(conn, "news")) == 6  # every failed poll is recorded


def test_a_feed_of_100000_items_is_read_to_its_first_thousand_in_bounded_memory() -> None:
    items = "".join(f"<item><title>amnesty {k}</title></item>" for k in range(100_000))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    tracemalloc.start()
    try:
        parsed = parse_feed(body, {"content-type": "application/rss+xml"})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(parsed.items) == MAX_ITEMS == 1000
    assert parsed.items[-1].title == "amnesty 999"
    assert parsed.problem == "only the first 1000 items were read"
    assert peak < 40_000_000  # every item parsed takes over 100 MB


def test_a_pass_over_many_slow_feeds_ends_with_its_deadline(feed_server, tmp_path) -> None:
    lines = ["sources:"]
    for k in range(10):
        feed_server.routes[f"/slow{k}.xml"] = Reply(200, rss([]), delay_s=1.0)
        lines.append(f"  - name: slow {k}\n    url: {feed_server.url(f'/slow{k}.xml')}")
    chosen = parse_config("\n".join(lines) + "\n")
    conn = open_database(tmp_path / "t.db")
    limits = FetchLimits(timeout_s=5, per_host=2, poll_timeout_s=1.5)
    started = time.monotonic()
    with Fetcher(limits) as fetcher:
        results = list(poll_sources(tmp_path / "t.db", chosen.sources, chosen, fetcher))
    assert time.monotonic() - started < 3.0  # two at a time, ten take 5 s
    assert sum(r.status == "ok" for r in results) >= 2  # the first two, at least
    assert all(r.status == "ok" or "time" in r.error for r in results)
    recorded = conn.execute("SELECT count(*) FROM polls").fetchone()[0]
    assert recorded == sum(r.status != "skipped" for r in results)


def test_a_source_reached_after_the_pass_s_deadline_is_skipped_not_failed(tmp_path) -> None:
    chosen = parse_config("sources:\n  - name: news\n    url: http://127.0.0.1:9/feed.xml\n")
    conn = open_database(tmp_path / "t.db")
    with Fetcher() as fetcher:
        result = poll_source(
            conn, chosen.sources[0], chosen, fetcher, deadline=time.monotonic() - 1
        )
    assert result.status == "skipped" and "the pass's time ran out" in result.error
    assert recent_polls(conn, "news") == []  # no failure, so no backoff
