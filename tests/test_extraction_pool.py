"""A poll's documents dated and read in worker processes give what the thread would have
given; a failing document is told, not raised; a killed worker costs no document."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from feed_server import feed_reply, feed_server_fixture  # noqa: F401 (the fixture)

from app.extract import ExtractionSettings, extract_figures
from app.extract.claimant_patterns import ascii_scans
from app.ingest import extraction_pool
from app.ingest.dating import dated
from app.ingest.extraction_pool import Extractions, parse_elsewhere
from app.ingest.helper_processes import pool_context
from app.model import Document
from app.sources.feed_items import NotAFeed, parse_feed

TEXTS = (
    "Foro Penal said on February 20 that 644 political prisoners remain in Venezuela.",
    "CARACAS, Feb 3 (Reuters) - At least 711 people are held for political reasons, the NGO"
    " Foro Penal said, after 448 releases since January 8.",
    "Nothing is counted here.",
)


def documents(count: int) -> list[Document]:
    return [
        Document(f"https://news.example/{n}", "News", f"Story {n}", TEXTS[n % 3], None,
                 "first_seen")
        for n in range(count)
    ]  # fmt: skip


def in_this_thread(document: Document, settings: ExtractionSettings):
    document = dated(document)
    return document, extract_figures(document.text, document.date, settings, document.language)


def test_the_workers_give_what_the_thread_would(db_path) -> None:
    assert extraction_pool.wait_ready(60)
    settings = ExtractionSettings(aliases={"the ngo": "Foro Penal"}, default_place="Venezuela")
    given = documents(extraction_pool.BATCH + 5)  # two batches
    extractions = Extractions(settings)
    for document in given:
        extractions.add(document)
    results = extractions.results()
    assert [(r.document, r.figures) for r in results] == [
        in_this_thread(document, settings) for document in given
    ]
    assert sum(len(r.figures) for r in results) > 0
    assert os.getpid() not in worker_pids()  # read elsewhere, not here


def test_a_worker_starts_with_what_the_extractor_builds_at_its_first_document() -> None:
    # A fresh worker, forked from the pool's forkserver: the extractor read nothing in it yet.
    # (Its cache's size is read there: a CacheInfo cannot be pickled back.)
    built = f"__import__('{ascii_scans.__module__}', fromlist=['_']).ascii_scans.cache_info()"
    with ProcessPoolExecutor(1, mp_context=pool_context()) as pool:
        assert pool.submit(eval, built + ".currsize").result() == 1  # built already


def ignores_ctrl_c(pid: int) -> bool:
    """Whether the process ignores SIGINT (its SigIgn mask, /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & 1 << (signal.SIGINT - 1))
    return False


def worker_pids() -> list[int]:
    pool = extraction_pool._POOL
    return list(pool._processes) if pool is not None else []


def test_a_document_that_fails_is_told_and_the_others_are_read() -> None:
    bad = Document("https://news.example/bad", "News", "Bad", None, None, "first_seen")
    extractions = Extractions(ExtractionSettings())
    for document in (*documents(1), bad, *documents(2)[1:]):
        extractions.add(document)
    first, failed, last = extractions.results()
    assert first.figures and last.figures
    assert failed.document is None and failed.figures == []
    assert failed.error.startswith("TypeError: ")


def test_a_killed_worker_costs_no_document() -> None:
    assert extraction_pool.wait_ready(60)
    settings = ExtractionSettings()
    warm = Extractions(settings)
    warm.add(documents(1)[0])
    warm.results()
    for pid in worker_pids():
        os.kill(pid, signal.SIGKILL)
    for _round in range(2):  # the broken pool, then its replacement
        extractions = Extractions(settings)
        for document in documents(4):
            extractions.add(document)
        results = extractions.results()
        assert [r.error for r in results] == [None] * 4
        assert [(r.document, r.figures) for r in results] == [
            in_this_thread(document, settings) for document in documents(4)
        ]


FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><guid>g1</guid>'
    b"<title>Foro Penal: 644 political prisoners</title><link>http://127.0.0.1/n/1</link>"
    b"<description>Foro Penal counted them.</description></item></channel></rss>"
)


def test_a_feed_parsed_in_a_worker_is_the_feed_parsed_here() -> None:
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    assert extraction_pool.wait_ready(60)
    assert parse_elsewhere(FEED, headers) == parse_feed(FEED, headers)
    with pytest.raises(NotAFeed, match="HTML"):
        parse_elsewhere(b"<html><body>Not a feed</body></html>", {"content-type": "text/html"})
    for pid in worker_pids():
        os.kill(pid, signal.SIGKILL)
    for _round in range(2):  # the broken pool, then its replacement
        assert parse_elsewhere(FEED, headers) == parse_feed(FEED, headers)


def test_a_pool_that_refuses_work_is_replaced() -> None:
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    assert extraction_pool.wait_ready(60)
    broken = extraction_pool._POOL
    for pid in worker_pids():
        os.kill(pid, signal.SIGKILL)
    for _attempt in range(100):  # until the pool knows its workers died: it refuses work
        try:
            broken.submit(os.getpid).result()
        except BrokenProcessPool:
            break
    assert parse_elsewhere(FEED, headers) == parse_feed(FEED, headers)  # parsed here meanwhile
    # Replaced: until now it was kept as ready, and every later call did its work here.
    assert extraction_pool.wait_ready(60) and extraction_pool._POOL is not broken


def test_ctrl_c_in_the_terminal_leaves_the_workers_to_the_program() -> None:
    assert extraction_pool.wait_ready(60)
    warm = Extractions(ExtractionSettings())
    warm.add(documents(1)[0])
    warm.results()
    pids = worker_pids()
    # A worker ignores Ctrl-C from its start (its initializer); one forked a moment ago may not
    # have run it yet: wait for that, as a watcher's Ctrl-C comes long after.
    deadline = time.monotonic() + 30
    while not all(map(ignores_ctrl_c, pids)) and time.monotonic() < deadline:
        time.sleep(0.01)
    for pid in pids:
        os.kill(pid, signal.SIGINT)  # as the terminal sends it to the whole process group
    again = Extractions(ExtractionSettings())
    for document in documents(2 * extraction_pool.BATCH):  # work for every worker
        again.add(document)
    assert [r.error for r in again.results()] == [None] * 2 * extraction_pool.BATCH
    assert set(pids) <= set(worker_pids())  # none died: the same pool (and perhaps more)


_REPO = Path(__file__).resolve().parent.parent
# A program that starts the pool, prints its workers' ids, then waits to be killed.
_PROGRAM = """
from app.ingest import extraction_pool
from app.model import Document
if __name__ == "__main__":
    assert extraction_pool.wait_ready(60)
    extractions = extraction_pool.Extractions(extraction_pool.ExtractionSettings())
    extractions.add(Document("https://news.example/1", "News", "1", "44 detainees.", None, "x"))
    extractions.results()
    print(*extraction_pool._POOL._processes, flush=True)
    import time
    time.sleep(600)
"""


def test_the_workers_end_when_the_program_is_killed_outright(tmp_path) -> None:
    script = tmp_path / "program.py"
    script.write_text(_PROGRAM)
    program = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=_REPO
    )
    try:
        workers = [int(pid) for pid in program.stdout.readline().split()]
        assert workers and all(Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        program.kill()  # SIGKILL: the program stops nothing itself
        program.wait()
    # each worker looks once a second whether its program is there; waits for the condition
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    """Whether a process is there and not a zombie waiting for its parent."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


# Standard error as Textual's dashboard leaves it: an object whose fileno() is invalid.
_UNDER_THE_DASHBOARD = """
import os, sys
from app.ingest import extraction_pool
from app.ingest.helper_processes import start_resource_tracker
from app.model import Document

class Redirected:
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

if __name__ == "__main__":
    if sys.argv[1] == "started-before":
        start_resource_tracker()
    sys.stderr = Redirected()
    extraction_pool.wait_ready(60)
    extractions = extraction_pool.Extractions(extraction_pool.ExtractionSettings())
    text = "Foro Penal said 644 political prisoners remain in Venezuela."
    extractions.add(Document("https://news.example/1", "News", "1", text, "2026-02-20", "x"))
    (result,) = extractions.results()
    pool = extraction_pool._POOL
    workers = list(pool._processes) if pool is not None else []
    print([f.value for f in result.figures], bool(workers), flush=True)
"""


@pytest.mark.parametrize(
    ("started", "in_workers"), [("started-before", True), ("not-started", False)]
)
def test_under_the_dashboards_stderr_documents_are_still_read(tmp_path, started, in_workers):
    """With the helpers started before the screen takes over, the workers read; without,
    the pool cannot start and the thread reads instead: a poll never fails for it."""
    script = tmp_path / "dashboard.py"
    script.write_text(_UNDER_THE_DASHBOARD)
    done = subprocess.run(
        [sys.executable, str(script), started], capture_output=True, text=True, cwd=_REPO,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[644]", str(in_workers)]


# A program that reads a feed at once, before its workers could have started.
_AT_START = f"""
from app.ingest import extraction_pool
from app.sources.feed_items import parse_feed
if __name__ == "__main__":
    parsed = extraction_pool.parse_elsewhere({FEED!r}, {{}})
    ready_then = extraction_pool._READY.is_set()
    print(parsed == parse_feed({FEED!r}, {{}}), ready_then, extraction_pool.wait_ready(60))
"""


def test_work_is_done_here_while_the_workers_start(tmp_path) -> None:
    """The first feed is read in the calling thread (the workers take tenths of a second to
    start: a pass must not wait for them), then the workers answer."""
    script = tmp_path / "at_start.py"
    script.write_text(_AT_START)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=_REPO, timeout=120
    )
    assert done.stdout.split() == ["True", "False", "True"], done.stderr[-2000:]


def test_a_pass_that_ends_while_the_workers_start_ends_cleanly(
    tmp_path, run_cli_process, feed_server
):
    """An ingest over in a moment (one small feed) ends while the workers its first parse
    began to start are still starting: it waits for them, then stops them, and nothing (the
    forkserver's traceback when cut short) reaches standard error."""
    feed_server.routes["/feed.xml"] = feed_reply(FEED)
    config = tmp_path / "feeds.yaml"
    config.write_text(f"sources:\n  - name: News\n    url: {feed_server.url('/feed.xml')}\n")
    for attempt in range(3):
        done = run_cli_process(
            "--config", str(config), "--db", str(tmp_path / f"{attempt}.db"), "ingest"
        )
        assert "1 documents (1 new" in done.stdout or "1 document (1 new" in done.stdout, (
            done.stdout
        )
        assert done.stderr == "", done.stderr
