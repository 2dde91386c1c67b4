"""Time a poll of 200 local feeds of 50 items each, beside plain httpx + feedparser.

A server on 127.0.0.1 (its own process) serves 200 RSS 2.0 feeds of 50 items, each item a
summary that states counts, with ETag and Last-Modified, answering 304 to a request that
carries either. In a fresh process each, in turns, ROUNDS times (this 2-core machine's load
moves a single run by a third either way, the floor's as much as ours; the best of each is
the least disturbed):
- the floor: httpx (one client) + feedparser on 8 threads, the same two passes, storing
  nothing.
- tallywatch: `ingest_config` (what `tallywatch ingest` runs) on a new database, twice: the
  first pass stores 10,000 documents; on the second every feed answers 304.
feeds.yaml sets `http.per_host: 8`: every feed shares one host here, where the default (2
at a time per host, politeness to real sites) would be a limit of the bench, not of the code.
Also the extractor alone on the same 10,000 items (the CPU no I/O hides), and start-up:
`tallywatch --help` beside `python -c pass` (best of 3).
Ends with one line: `poll_first_s poll_first_floor_s poll_first_ratio poll_304_s
poll_304_floor_s poll_extract_s help_s help_floor_s`, each `name=value` (the passes' best of
ROUNDS; `poll_first_ratio` is the best first pass over the best floor, and each round's own
ratio is printed on the line before).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FEEDS = 200
ITEMS = 50
THREADS = 8  # the floor's, and tallywatch's MAX_PARALLEL_POLLS
ROUNDS = 3
MODIFIED = "Fri, 20 Feb 2026 10:00:00 GMT"


def feed(number: int) -> bytes:
    items = []
    for item in range(ITEMS):
        held, released = 600 + (number * 7 + item * 13) % 300, 100 + (number + item * 3) % 400
        day = 1 + (number + item) % 28
        when = formatdate(1767225600 + (number * ITEMS + item) * 600, usegmt=True)
        summary = (
            f"Foro Penal said on February {day} that {held} political prisoners remain in"
            f" custody in Venezuela. The organisation counted at least {released} releases"
            " since January 8, while relatives waited outside El Helicoide for news of the"
            " detainees, many of them held for more than a year."
        )
        items.append(
            f"<item><guid>http://127.0.0.1/news/{number}/{item}</guid>"
            f"<title>Venezuela: {held} political prisoners, says Foro Penal ({number}.{item})"
            f"</title><link>http://127.0.0.1/news/{number}/{item}</link>"
            f"<description>{summary}</description><pubDate>{when}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {number}</title><link>http://127.0.0.1/</link><description>news"
        f"</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve() -> None:
    """The feeds, until killed; prints the port first."""
    bodies = {f"/feed/{n}.xml": feed(n) for n in range(FEEDS)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            body = bodies.get(self.path)
            etag = f'"{self.path}-v1"'
            same = self.headers.get("If-None-Match") == etag
            if body is not None and (same or self.headers.get("If-Modified-Since") == MODIFIED):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", MODIFIED)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        # A web server's backlog, not socketserver's 5: eight pollers connecting at once
        # overflowed it, and the kernel retries a dropped connection only after a second.
        request_queue_size = 128

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


def floor(base: str) -> None:
    """httpx + feedparser, 8 threads: both passes; prints their seconds."""
    import feedparser
    import httpx

    urls = [f"{base}/feed/{n}.xml" for n in range(FEEDS)]
    with httpx.Client(timeout=30) as client:

        def first(url: str) -> tuple[str, str, str]:
            response = client.get(url)
            body = io.BytesIO(response.content)
            parsed = feedparser.parse(body, response_headers=response.headers)
            assert len(parsed.entries) == ITEMS
            return url, response.headers["etag"], response.headers["last-modified"]

        def second(known: tuple[str, str, str]) -> None:
            url, etag, modified = known
            headers = {"If-None-Match": etag, "If-Modified-Since": modified}
            assert client.get(url, headers=headers).status_code == 304

        with ThreadPoolExecutor(THREADS) as pool:
            started = time.perf_counter()
            known = list(pool.map(first, urls))
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            list(pool.map(second, known))
            second_s = time.perf_counter() - started
    print(f"{first_s:.3f} {second_s:.3f}")


def tallywatch(db: str, config_path: str) -> None:
    """`ingest_config` twice on a new database; prints both passes' seconds."""
    from app.config import load_config
    from app.ingest.passes import ingest_config
    from storage import open_database

    config = load_config(config_path)
    seconds = []
    for expected in (200, 304):
        conn = open_database(db)
        started = time.perf_counter()
        report = ingest_config(conn, config)
        seconds.append(time.perf_counter() - started)
        conn.close()
        statuses = {poll.http_status for poll in report.polls}
        assert statuses == {expected} and not report.problems, (statuses, report.problems[:3])
        if expected == 200:
            assert report.count("new") == FEEDS * ITEMS, report.count("new")
    print(" ".join(f"{s:.3f}" for s in seconds))


def extraction_s() -> float:
    """The extractor alone on the same 10,000 items, one thread: the part of the first pass
    that no I/O can hide."""
    from app.extract import ExtractionSettings, extract_figures
    from app.sources.feed_items import parse_feed

    texts = [
        f"{i.title}\n\n{i.summary}" for n in range(FEEDS) for i in parse_feed(feed(n), {}).items
    ]
    settings = ExtractionSettings()
    started = time.perf_counter()
    for text in texts:
        extract_figures(text, "2026-02-01", settings)
    return time.perf_counter() - started


def best_of(command: list[str], runs: int = 3) -> float:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def run_here(*args: str) -> list[str]:
    command = [sys.executable, __file__, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        return serve()
    if sys.argv[1:2] == ["--floor"]:
        return floor(sys.argv[2])
    if sys.argv[1:2] == ["--tallywatch"]:
        return tallywatch(sys.argv[2], sys.argv[3])
    floors, ours = passes_in_turns()
    first, floor_first = min(p[0] for p in ours), min(p[0] for p in floors)
    rounds = " ".join(f"{o[0] / f[0]:.2f}" for f, o in zip(floors, ours, strict=True))
    print(f"first pass over its floor, round by round: {rounds}")
    help_s = best_of([sys.executable, "-m", "app", "--help"])
    python_s = best_of([sys.executable, "-c", "pass"])
    print(
        f"poll_first_s={first:.2f} poll_first_floor_s={floor_first:.2f}"
        f" poll_first_ratio={first / floor_first:.2f}"
        f" poll_304_s={min(p[1] for p in ours):.2f}"
        f" poll_304_floor_s={min(p[1] for p in floors):.2f}"
        f" poll_extract_s={extraction_s():.2f}"
        f" help_s={help_s:.2f} help_floor_s={python_s:.2f}"
    )


def passes_in_turns() -> tuple[list[list[float]], list[list[float]]]:
    """Each round's (first, 304) seconds: the floor's, then tallywatch's on a new database."""
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE)
    floors, ours = [], []
    try:
        base = f"http://127.0.0.1:{server.stdout.readline().decode().strip()}"
        with tempfile.TemporaryDirectory() as folder:
            config = Path(folder) / "feeds.yaml"
            sources = "".join(
                f"  - name: Feed {n}\n    url: {base}/feed/{n}.xml\n" for n in range(FEEDS)
            )
            config.write_text(f"http:\n  per_host: {THREADS}\nsources:\n{sources}")
            for round_number in range(ROUNDS):
                floors.append([float(s) for s in run_here("--floor", base)])
                db = str(Path(folder) / f"poll{round_number}.db")
                ours.append([float(s) for s in run_here("--tallywatch", db, str(config))])
    finally:
        server.terminate()
        server.wait()
    return floors, ours


if __name__ == "__main__":
    main()
