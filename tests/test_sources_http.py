"""The HTTP fetcher against a real server on 127.0.0.1: limits, validators, words for errors."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from app.sources.http_fetch import Fetcher, FetchError, FetchLimits, parse_retry_after
from tests.feed_server import Reply, feed_reply, feed_server_fixture, gzipped, rss  # noqa: F401

LIMITS = FetchLimits(timeout_s=0.5, connect_timeout_s=0.5, max_bytes=100_000, max_redirects=3)
FEED = rss([{"guid": "a", "title": "Foro Penal: 644 political prisoners", "link": "http://x/a"}])


@pytest.fixture
def fetcher():
    with Fetcher(LIMITS) as shared:
        yield shared


def test_user_agent_names_tallywatch_and_gzip_is_decoded(feed_server, fetcher) -> None:
    feed_server.routes["/feed"] = gzipped(FEED)
    fetched = fetcher.get(feed_server.url("/feed"))
    assert fetched.body == FEED
    sent = feed_server.requests_to("/feed")[0].headers
    assert "tallywatch" in sent["user-agent"]
    assert "gzip" in sent["accept-encoding"]


def test_second_get_sends_both_validators_and_gets_304(feed_server, fetcher) -> None:
    feed_server.routes["/feed"] = feed_reply(FEED, etag='"e1"')
    first = fetcher.get(feed_server.url("/feed"))
    second = fetcher.get(
        feed_server.url("/feed"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified and second.body == b""
    sent = feed_server.requests_to("/feed")[1].headers
    assert sent["if-none-match"] == '"e1"'
    assert sent["if-modified-since"] == first.last_modified


def test_a_body_over_the_cap_is_cut_off(feed_server, fetcher) -> None:
    feed_server.routes["/huge"] = Reply(200, b"<rss>" + b"x" * 400_000)
    with pytest.raises(FetchError, match="larger than 0.1 MB; cut off"):
        fetcher.get(feed_server.url("/huge"))


def test_a_gzip_bomb_is_cut_off_by_its_decoded_size(feed_server, fetcher) -> None:
    feed_server.routes["/bomb"] = gzipped(b"\0" * 5_000_000)  # 5 KB on the wire
    with pytest.raises(FetchError, match="cut off"):
        fetcher.get(feed_server.url("/bomb"))


def test_a_redirect_loop_ends_with_words(feed_server, fetcher) -> None:
    feed_server.routes["/loop"] = Reply(302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(feed_server.url("/loop"))
    assert len(feed_server.requests_to("/loop")) == 4


def test_a_redirect_is_followed_and_its_scheme_checked(feed_server, fetcher) -> None:
    feed_server.routes["/moved"] = Reply(301, headers={"Location": "/feed"})
    feed_server.routes["/feed"] = Reply(200, FEED)
    assert fetcher.get(feed_server.url("/moved")).body == FEED
    feed_server.routes["/evil"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.get(feed_server.url("/evil"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(fetcher, url) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.get(url)


def test_a_slow_server_times_out_in_words(feed_server, fetcher) -> None:
    feed_server.routes["/slow"] = Reply(200, FEED, delay_s=1.5)
    with pytest.raises(FetchError, match=r"timed out after 0.5 s \(127.0.0.1\)"):
        fetcher.get(feed_server.url("/slow"))


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500")])
def test_error_statuses_are_said_in_words(feed_server, fetcher, status, words) -> None:
    feed_server.routes["/bad"] = Reply(status, b"oops")
    with pytest.raises(FetchError, match=words) as raised:
        fetcher.get(feed_server.url("/bad"))
    assert raised.value.status == status


def test_429_carries_its_retry_after(feed_server, fetcher) -> None:
    feed_server.routes["/busy"] = Reply(429, b"", {"Retry-After": "120"})
    with pytest.raises(FetchError, match="wait 120 s") as raised:
        fetcher.get(feed_server.url("/busy"))
    assert raised.value.retry_after_s == 120


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 2, 20, 10, 0, tzinfo=UTC)
    assert parse_retry_after("Fri, 20 Feb 2026 10:05:00 GMT", now) == 300
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_a_refused_connection_is_said_in_words(fetcher) -> None:
    with pytest.raises(FetchError, match="cannot reach 127.0.0.1: .*[Rr]efused"):
        fetcher.get("http://127.0.0.1:9/feed")  # the discard port: nothing listens


def test_requests_to_one_host_are_limited(feed_server) -> None:
    # Counted while the server works on a request, inside the time its client holds a slot
    # (the server's own count ends after the reply is written, which a loaded machine may
    # schedule after the client has read it and let the next request go).
    serving = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slowish(request) -> Reply:
        with lock:
            serving["now"] += 1
            serving["most"] = max(serving["most"], serving["now"])
        time.sleep(0.15)
        with lock:
            serving["now"] -= 1
        return Reply(200, FEED)

    feed_server.routes["/slowish"] = slowish
    failures: list[Exception] = []

    def fetch() -> None:
        try:
            fetcher.get(feed_server.url("/slowish"))
        except Exception as error:  # reported below: a thread's exception would be lost
            failures.append(error)

    # A generous budget: the test is about how many requests run at once, not how fast a
    # loaded machine serves them.
    with Fetcher(FetchLimits(timeout_s=60, per_host=2)) as fetcher:
        threads = [threading.Thread(target=fetch) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert len(feed_server.requests_to("/slowish")) == 6
    assert serving["most"] == 2
