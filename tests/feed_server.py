"""A real HTTP server on 127.0.0.1 for the fetch, feed and polling tests.

Routes map a path to a `Reply` or to a function of the request giving one, and can be changed
between polls (a fault that clears, an item that changes). Every request is recorded with
its headers, so a test can assert on what the server received.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line: a server too slow to answer


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # lower-case names


Route = Reply | Callable[[Request], Reply]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.active = 0
        self.most_active = 0  # the most requests served at once
        self._lock = threading.Lock()
        self._http = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def requests_to(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def reply(self, request: Request) -> Reply:
        route = self.routes.get(request.path)
        if route is None:
            return Reply(404, b"<html><body>not found</body></html>", {"Content-Type": "text/html"})
        return route(request) if callable(route) else route

    def _enter(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)
            self.active += 1
            self.most_active = max(self.most_active, self.active)

    def _leave(self) -> None:
        with self._lock:
            self.active -= 1


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up mid-reply is a case under test, not a server fault


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
            server._enter(request)
            try:
                self._send(server.reply(request))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout or a size cap): what the test wants
            finally:
                server._leave()

        def _send(self, reply: Reply) -> None:
            time.sleep(reply.delay_s)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.status != 304:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status != 304:
                self.wfile.write(reply.body)

        def log_message(self, *args) -> None:
            pass

    return Handler


# -- content -------------------------------------------------------------------------------


def rss(items: list[dict], title: str = "Test news") -> bytes:
    """An RSS 2.0 feed; each item a dict of guid, title, link, description, date (RFC 822)."""
    entries = "".join(
        "<item>"
        + (f"<guid>{item['guid']}</guid>" if item.get("guid") else "")
        + f"<title>{item['title']}</title>"
        + (f"<link>{item['link']}</link>" if item.get("link") else "")
        + f"<description>{item.get('description', '')}</description>"
        + f"<pubDate>{item.get('date', 'Fri, 20 Feb 2026 10:00:00 GMT')}</pubDate>"
        + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>d</description>"
        f"{entries}</channel></rss>"
    ).encode()


def atom(entries: list[dict], title: str = "Noticias") -> bytes:
    """An Atom feed; each entry a dict of id, title, link, summary, updated (ISO)."""
    body = "".join(
        f"<entry><id>{entry['id']}</id><title>{entry['title']}</title>"
        f'<link href="{entry["link"]}"/><updated>{entry.get("updated", "2026-02-19T12:00:00Z")}'
        f"</updated><summary>{entry.get('summary', '')}</summary></entry>"
        for entry in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:lang="es"><title>{title}</title><id>urn:test</id>'
        f"<updated>2026-02-19T12:00:00Z</updated>{body}</feed>"
    ).encode()


def article_page(title: str, paragraphs: list[str], published: str = "2026-02-18") -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z">'
        f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}"
        "</article><footer>Copyright Test News</footer></body></html>"
    ).encode()


def feed_reply(body: bytes, etag: str = '"v1"', modified: str = "Fri, 20 Feb 2026 10:00:00 GMT"):
    """A feed route that answers 304 to a request carrying its validators."""

    def route(request: Request) -> Reply:
        same = request.headers.get("if-none-match") == etag
        if same or request.headers.get("if-modified-since") == modified:
            return Reply(304, headers={"ETag": etag})
        headers = {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}
        return Reply(200, body, {**headers, "Last-Modified": modified})

    return route


def gzipped(body: bytes, content_type: str = "application/rss+xml") -> Reply:
    return Reply(
        200, gzip.compress(body), {"Content-Type": content_type, "Content-Encoding": "gzip"}
    )


@pytest.fixture(name="feed_server")
def feed_server_fixture():
    """A started FeedServer, stopped after the test."""
    server = FeedServer().start()
    yield server
    server.stop()
