"""Feed parsing, dating and extraction in worker processes: a poll's CPU work on every core.

Poll threads share one interpreter, so their CPU work (the extractor and feedparser, most of
it) ran on one core however many threads waited on the network. A fetched feed is instead
parsed, and its new documents dated and read, by a pool of processes (forkserver: a worker
imports only this module, the extractor, the model and feed_items.py; feed_reading.py, which
runs both for a feed read from its summaries, at its first such feed), while the threads go
on fetching and saving (and `tallywatch reparse` has a large database's stored documents
read there: `figures_of`). A worker gives back what `parse_feed`, or `read_document`, give in
the thread (an exception too). Should the pool be unusable (a worker killed, the interpreter
shutting down), the work is done in the calling thread instead: the same result.
The workers start in the background when there is first work for them (`warm_up`; a
forkserver takes a few tenths of a second to import the extractor): until they answer, the
calling thread does the work, so a pass never waits for them with a core idle, and a pass of
304s starts none.
As with any forkserver or spawn pool, a worker imports the program's main script (as
`__mp_main__`), so a script that polls keeps its work under `if __name__ == "__main__":`, as
the `tallywatch` entry point and bench/*.py do (`python -m app` is never imported again).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from app.extract import ExtractionSettings, extract_figures
from app.ingest.dating import read_document
from app.ingest.helper_processes import pool_context
from app.model import Document, Figure
from app.sources.feed_items import ParsedFeed, parse_feed

BATCH = 25  # documents per task: fewer round trips, yet a feed's batches overlap its fetching
# Workers: one per core, up to where the poll threads (8) could not keep more of them busy.
MAX_WORKERS = 4
_WORKERS = min(os.cpu_count() or 1, MAX_WORKERS)
_WATCH_S = 1.0  # how often a worker looks whether its program is still there

# The pool cannot be used: broken, the interpreter ending, or its processes not startable
# (OSError, ValueError): the work is then done in the calling thread.
_UNUSABLE = (BrokenProcessPool, RuntimeError, OSError, ValueError)
_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_READY = threading.Event()  # the pool's workers have answered: work may go to them
_STARTING = threading.Event()  # a thread is starting them
T = TypeVar("T")


@dataclass(frozen=True)
class Extracted:
    document: Document | None  # dated; None if reading it failed
    figures: list[Figure]
    error: str | None = None  # "TypeName: message", as a thread would have said it


def read_documents(
    documents: list[Document], settings: tuple[Mapping, tuple[str, ...], str | None]
) -> list[Extracted]:
    """Date each document and extract its figures; a failure is told, never raised."""
    built = _settings(settings)
    out = []
    for document in documents:
        try:
            document, figures = read_document(document, built)
        except Exception as error:  # one bad document never stops the others
            out.append(Extracted(None, [], f"{type(error).__name__}: {error}"))
        else:
            out.append(Extracted(document, figures))
    return out


def figures_of(
    texts: list[tuple[str, str | None, str | None]], settings: tuple
) -> list[list[Figure]]:
    """Each (text, date, language)'s figures, as stored documents are read again (no dating:
    their dates are stored); raises what the extractor raises."""
    built = _settings(settings)
    return [extract_figures(text, date, built, language) for text, date, language in texts]


def portable(settings: ExtractionSettings) -> tuple[dict, tuple[str, ...], str | None]:
    """The settings as plain values a worker can be sent (a MappingProxyType cannot)."""
    return dict(settings.aliases), tuple(settings.topic_terms), settings.default_place


def _settings(settings: tuple) -> ExtractionSettings:
    aliases, terms, place = settings
    return ExtractionSettings(aliases=aliases, topic_terms=terms, default_place=place)


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _LOCK:
        if _POOL is None:
            context = pool_context()
            _POOL = ProcessPoolExecutor(
                _WORKERS,
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return _POOL


def warm_up() -> None:
    """Start the workers in a background thread, unless they answer or are starting."""
    with _LOCK:
        if _READY.is_set() or _STARTING.is_set():
            return
        _STARTING.set()
    # Not a daemon: a program that ends meanwhile waits for the workers' start (tenths of a
    # second) and then stops them; cut short, the forkserver prints a traceback.
    threading.Thread(target=_start_workers, name="extraction-workers").start()


def _start_workers() -> None:
    pool = None
    try:
        pool = _pool()
        for future in [pool.submit(os.getpid) for _ in range(_WORKERS)]:
            future.result()  # each worker started (they start one by one, as work comes)
    except _UNUSABLE:  # not ready: the calling threads go on reading; a later call tries again
        if pool is not None:
            _forget(pool)
    else:
        _READY.set()
    finally:
        _STARTING.clear()


def wait_ready(timeout: float) -> bool:
    """Start the workers and wait until they answer, or their start failed: whether they
    answer (for a caller that wants the work done elsewhere from the start)."""
    warm_up()
    deadline = time.monotonic() + timeout
    while not _READY.wait(0.05):
        if not _STARTING.is_set() or time.monotonic() > deadline:
            return _READY.is_set()
    return True


def _ready_pool() -> ProcessPoolExecutor | None:
    """The pool if its workers answer; else None, their start begun."""
    pool = _POOL
    if _READY.is_set() and pool is not None:
        return pool
    warm_up()
    return None


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
            _READY.clear()
    pool.shutdown(wait=False, cancel_futures=True)


def parse_elsewhere(body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
    """parse_feed(body, headers) in a worker; raises what it raises (NotAFeed)."""
    return elsewhere(lambda: parse_feed(body, headers), parse_feed, body, dict(headers))


def sent_elsewhere(
    function: Callable[..., T], *args, here: Callable[[], T] | None = None
) -> Callable[[], T]:
    """function(*args) started in a worker if the workers answer; returns what waits for its
    result. That computes `here()` (by default function(*args)) in the calling thread instead
    if it was not sent, or the pool broke meanwhile; raises what either raises."""
    pool, future = _ready_pool(), None
    try:
        if pool is not None:
            future = pool.submit(function, *args)
    except _UNUSABLE:  # broken (a worker died) before this call: replaced by the next
        _forget(pool)

    def result() -> T:
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                _forget(pool)
        return here() if here is not None else function(*args)

    return result


def elsewhere(here: Callable[[], T], function: Callable[..., T], *args) -> T:
    """function(*args) in a worker if the workers answer, else here() in this thread (also
    when the pool breaks meanwhile); raises what either raises."""
    return sent_elsewhere(function, *args, here=here)()


class Extractions:
    """A feed's documents, sent to the workers in batches as they come; results in order."""

    def __init__(self, settings: ExtractionSettings) -> None:
        self._settings = portable(settings)
        self._waiting: list[Document] = []
        self._sent: list[Callable[[], list[Extracted]]] = []

    def add(self, document: Document) -> None:
        self._waiting.append(document)
        if len(self._waiting) >= BATCH:
            self._send()

    def results(self) -> list[Extracted]:
        """Every document added, dated with its figures, in the order added."""
        self._send()
        out: list[Extracted] = []
        for result in self._sent:
            out += result()
        self._sent = []
        return out

    def _send(self) -> None:
        if not self._waiting:
            return
        documents, self._waiting = self._waiting, []
        self._sent.append(sent_elsewhere(read_documents, documents, self._settings))
