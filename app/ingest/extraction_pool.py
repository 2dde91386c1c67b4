"""Feed parsing, dating and extraction in worker processes: a poll's CPU work on every core.

Poll threads share one interpreter, so their CPU work (the extractor and feedparser, most of
it) ran on one core however many threads waited on the network. A fetched feed is instead
parsed, and its new documents dated and read, by a pool of processes (forkserver: a worker
imports only this module, the extractor, the model and feed_items.py), while the threads go
on fetching and saving. A worker gives back what `parse_feed`, or `dated` and
`extract_figures`, give in the thread (an exception too). Should the pool be unusable (a
worker killed, the interpreter shutting down), the work is done in the calling thread
instead: the same result.
As with any forkserver or spawn pool, a worker imports the program's main script (as
`__mp_main__`), so a script that polls keeps its work under `if __name__ == "__main__":`, as
the `tallywatch` entry point and bench/*.py do (`python -m app` is never imported again).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import forkserver

from app.extract import ExtractionSettings
from app.ingest.dating import read_document
from app.model import Document, Figure
from app.sources.feed_items import ParsedFeed, parse_feed

BATCH = 25  # documents per task: fewer round trips, yet a feed's batches overlap its fetching
# Workers: one per core, up to where the poll threads (8) could not keep more of them busy.
MAX_WORKERS = 4
_WATCH_S = 1.0  # how often a worker looks whether its program is still there

# The pool cannot be used: broken, the interpreter ending, or its processes not startable
# (OSError, ValueError): the work is then done in the calling thread.
_UNUSABLE = (BrokenProcessPool, RuntimeError, OSError, ValueError)
_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None


@dataclass(frozen=True)
class Extracted:
    document: Document | None  # dated; None if reading it failed
    figures: list[Figure]
    error: str | None = None  # "TypeName: message", as a thread would have said it


def read_documents(
    documents: list[Document], settings: tuple[Mapping, tuple[str, ...], str | None]
) -> list[Extracted]:
    """Date each document and extract its figures; a failure is told, never raised."""
    aliases, terms, place = settings
    built = ExtractionSettings(aliases=aliases, topic_terms=terms, default_place=place)
    out = []
    for document in documents:
        try:
            document, figures = read_document(document, built)
        except Exception as error:  # one bad document never stops the others
            out.append(Extracted(None, [], f"{type(error).__name__}: {error}"))
        else:
            out.append(Extracted(document, figures))
    return out


def portable(settings: ExtractionSettings) -> tuple[dict, tuple[str, ...], str | None]:
    """The settings as plain values a worker can be sent (a MappingProxyType cannot)."""
    return dict(settings.aliases), tuple(settings.topic_terms), settings.default_place


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "app.sources.feed_items"])
    return context


def start_helpers() -> None:
    """Start the pool's helper processes (the forkserver and multiprocessing's resource
    tracker) now, while standard error is still the terminal's: under the dashboard Textual
    replaces sys.stderr with an object whose fileno() is invalid, and the tracker cannot be
    started then ('bad value(s) in fds_to_keep')."""
    _context()
    forkserver.ensure_running()  # starts the resource tracker first


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _LOCK:
        if _POOL is None:
            context = _context()
            _POOL = ProcessPoolExecutor(
                min(os.cpu_count() or 1, MAX_WORKERS),
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return _POOL


def _start_worker(program: int) -> None:
    """Ctrl-C in a terminal reaches the workers too (one process group): the program stops
    them as it ends, without a traceback from each. A program killed outright (kill -9, a
    crash) stops nothing: the worker then ends itself (and the forkserver with its last
    worker), instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(program,), daemon=True).start()


def _end_with(program: int) -> None:
    while True:
        time.sleep(_WATCH_S)
        try:
            os.kill(program, 0)  # no signal sent: only whether the program is there
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass  # there, under another user: cannot be ours, but keep waiting safely


def _forget(pool: ProcessPoolExecutor) -> None:
    """A broken pool is replaced by the next batch."""
    global _POOL
    with _LOCK:
        if _POOL is pool:
            _POOL = None
    pool.shutdown(wait=False, cancel_futures=True)


def parse_elsewhere(body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
    """parse_feed(body, headers) in a worker; raises what it raises (NotAFeed)."""
    try:
        pool = _pool()
        future = pool.submit(parse_feed, body, dict(headers))
    except _UNUSABLE:
        return parse_feed(body, headers)
    try:
        return future.result()
    except BrokenProcessPool:
        _forget(pool)
        return parse_feed(body, headers)


class Extractions:
    """A feed's documents, sent to the workers in batches as they come; results in order."""

    def __init__(self, settings: ExtractionSettings) -> None:
        self._settings = portable(settings)
        self._waiting: list[Document] = []
        self._sent: list[tuple[Future | None, ProcessPoolExecutor | None, list[Document]]] = []

    def add(self, document: Document) -> None:
        self._waiting.append(document)
        if len(self._waiting) >= BATCH:
            self._send()

    def results(self) -> list[Extracted]:
        """Every document added, dated with its figures, in the order added."""
        self._send()
        out: list[Extracted] = []
        for future, pool, documents in self._sent:
            try:
                if future is None:
                    raise BrokenProcessPool("not sent")
                out += future.result()
            except BrokenProcessPool:
                if pool is not None:
                    _forget(pool)
                out += read_documents(documents, self._settings)
        self._sent = []
        return out

    def _send(self) -> None:
        if not self._waiting:
            return
        documents, self._waiting = self._waiting, []
        pool = None
        try:
            pool = _pool()
            future = pool.submit(read_documents, documents, self._settings)
        except _UNUSABLE:
            future = None
        self._sent.append((future, pool, documents))
