"""The fetcher against a hostile server on 127.0.0.1: bombs, trickles, odd redirects and links.

Each limit is asserted as it holds while the response streams: memory for a gzip bomb, the
clock for a server that sends a byte a second, and no request at all for a URL it refuses.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib

import pytest

from app.sources.http_fetch import Fetcher, FetchError, FetchLimits
from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

FEED = rss([{"guid": "1", "title": "Foro Penal", "description": "644 political prisoners"}])
LIMITS = FetchLimits(timeout_s=2.0, connect_timeout_s=1.0, max_bytes=1_000_000)


@pytest.fixture
def fetcher():
    with Fetcher(LIMITS) as client:
        yield client


def bomb(megabytes: int) -> bytes:
    """Gzip of `megabytes` MB of zeros: about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1_000_000)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_a_gzip_bomb_is_cut_off_while_it_inflates(feed_server, fetcher) -> None:
    feed_server.routes["/bomb"] = Reply(200, bomb(200), {"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than 1 MB; cut off"):
            fetcher.get(feed_server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # a whole inflated 64 KB chunk alone would be about 64 MB


def test_stacked_encodings_are_refused(feed_server, fetcher) -> None:
    double = gzip.compress(gzip.compress(FEED))
    feed_server.routes["/double"] = Reply(200, double, {"Content-Encoding": "gzip, gzip"})
    with pytest.raises(FetchError, match=r"stacked content encodings \(gzip, gzip\) refused"):
        fetcher.get(feed_server.url("/double"))


def test_gzip_and_deflate_bodies_within_the_limit_are_read(feed_server, fetcher) -> None:
    feed_server.routes["/gz"] = Reply(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})
    feed_server.routes["/zlib"] = Reply(200, zlib.compress(FEED), {"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    feed_server.routes["/raw"] = Reply(
        200, raw.compress(FEED) + raw.flush(), {"Content-Encoding": "deflate"}
    )
    for path in ("/gz", "/zlib", "/raw"):
        assert fetcher.get(feed_server.url(path)).body == FEED


class Trickle:
    """A server that sends its status line and headers one byte at a time, a byte every
    0.2 s, for as long as the client listens: every read succeeds, none ends the reply."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.closed = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        connection, _ = self._listener.accept()
        with connection:
            connection.recv(65_536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    break
                time.sleep(0.2)
        self.closed.set()

    def close(self) -> None:
        self._listener.close()


def cut_at_the_deadline(server: Trickle, said: str) -> None:
    """A fetch from the trickling server fails with `said` at its whole-request deadline of
    1.5 s, though each byte came within the read timeout."""
    started = time.monotonic()
    with (
        Fetcher(FetchLimits(timeout_s=1.5, connect_timeout_s=1.0)) as client,
        pytest.raises(FetchError, match=said),
    ):
        client.get(f"http://127.0.0.1:{server.port}/feed.xml")
    assert time.monotonic() - started < 3.0


def test_a_server_trickling_its_headers_is_cut_at_the_whole_request_deadline() -> None:
    server = Trickle()
    cut_at_the_deadline(server, r"timed out after 1.5 s \(127.0.0.1\)")
    assert server.closed.wait(5)  # and the connection is gone, its slot free
    server.close()


def test_a_poll_deadline_earlier_than_the_request_s_own_holds() -> None:
    server = Trickle()
    started = time.monotonic()
    with (
        Fetcher(FetchLimits(timeout_s=20, poll_timeout_s=1.0)) as client,
        pytest.raises(FetchError, match="the poll's 1 s ran out"),
    ):
        client.get(f"http://127.0.0.1:{server.port}/", deadline=started + 1.0)
    assert time.monotonic() - started < 2.5
    server.close()


@pytest.mark.parametrize(
    "target",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1:21/feed.xml",
        "data:application/rss+xml;base64,PHJzcz48L3Jzcz4=",
        "http://exa\x1bmple.org/feed.xml",
        "http://[::1/feed.xml",
    ],
)
def test_a_redirect_anywhere_but_a_valid_http_url_is_refused(feed_server, fetcher, target):
    feed_server.routes["/away"] = Reply(302, headers={"Location": target})
    with pytest.raises(FetchError, match="refused to fetch"):
        fetcher.get(feed_server.url("/away"))
    assert len(feed_server.requests) == 1  # nothing followed


@pytest.mark.parametrize(
    "link", ["http://127.0.0.1/a\x1b[2Jb", "http://127.0.0.1/\u202egnp.exe", "javascript:x()"]
)
def test_a_link_that_is_no_valid_http_url_fails_in_words_before_any_request(fetcher, link):
    with pytest.raises(FetchError, match="refused to fetch"):
        fetcher.get(link)


def test_a_slow_neighbour_on_the_same_host_costs_a_wait_not_the_request(feed_server) -> None:
    feed_server.routes["/slow"] = Reply(200, FEED, delay_s=3.0)
    feed_server.routes["/fast"] = Reply(200, FEED)
    limits = FetchLimits(timeout_s=1.0, connect_timeout_s=1.0, per_host=1, poll_timeout_s=5)
    outcomes: dict[str, str] = {}

    def fetch(path: str) -> None:
        try:
            client.get(feed_server.url(path), deadline=time.monotonic() + 5)
            outcomes[path] = "ok"
        except FetchError as error:
            outcomes[path] = str(error)

    with Fetcher(limits) as client:
        slow = threading.Thread(target=fetch, args=("/slow",))
        slow.start()
        assert wait_until(lambda: feed_server.active == 1)  # the one slot is taken
        fetch("/fast")  # waits for the slot, then has its own second
        slow.join()
    assert outcomes == {"/slow": "timed out after 1 s (127.0.0.1)", "/fast": "ok"}


def wait_until(predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_one_thread_keeps_every_request_s_deadline_however_many_wait(feed_server) -> None:
    feed_server.routes["/feed.xml"] = Reply(200, FEED)
    with Fetcher(FetchLimits(timeout_s=30)) as patient:
        for _ in range(5):  # each leaves its deadline 30 s away, the soonest one waited for
            assert patient.get(feed_server.url("/feed.xml")).status == 200
    server = Trickle()
    cut_at_the_deadline(server, r"timed out after 1.5 s")  # not held behind the later ones
    server.close()
    names = [thread.name for thread in threading.enumerate()]
    assert names.count("watchdogs") == 1  # one for all requests, none of their own
