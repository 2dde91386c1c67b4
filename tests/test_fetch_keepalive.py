"""A 304 leaves its connection open for the next request: a poll of feeds that have not
changed costs one connection per thread, not one per feed."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.sources.http_fetch import Fetcher

ETAG = '"v1"'


class _Counting(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:  # once per TCP connection
        super().setup()
        self.server.connections += 1

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        self.send_response(200)
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_not_modified_replies_reuse_one_connection() -> None:
    server = _Counting(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    try:
        with Fetcher() as fetcher:
            assert fetcher.get(url).status == 200
            statuses = [fetcher.get(url, etag=ETAG).status for _ in range(3)]
            assert fetcher.get(url).status == 200
    finally:
        server.shutdown()
        server.server_close()
    assert statuses == [304, 304, 304]
    assert server.connections == 1
