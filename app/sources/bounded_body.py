"""Bounds on one HTTP response: its body inflated as it streams, and a hard deadline.

httpx inflates a whole network chunk before a caller can count it, so a small gzip bomb can
grow to hundreds of megabytes first. Here the raw bytes go through zlib with a limit on the
output of each step. A slow server that sends a byte a second passes every per-read timeout,
so a watchdog shuts the request's socket down when its whole time is up, headers included.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
import zlib
from collections.abc import Callable


class BodyTooLarge(Exception):
    pass


class BadEncoding(Exception):
    pass


class Inflater:
    """Decode one Content-Encoding (gzip, deflate or none) into at most `limit` bytes."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [
            coding.strip().lower()
            for coding in (content_encoding or "").split(",")
            if coding.strip().lower() not in ("", "identity")
        ]
        if len(codings) > 1:  # a bomb inside a bomb; no feed needs two
            raise BadEncoding(f"stacked content encodings ({', '.join(codings)}) refused")
        self.coding = codings[0] if codings else None
        if self.coding not in (None, "gzip", "x-gzip", "deflate"):
            raise BadEncoding(f"unsupported content encoding {self.coding!r}")
        self.limit = limit
        self.size = 0
        self._started = False
        self._zlib = self._decompressor(raw_deflate=False)

    def _decompressor(self, *, raw_deflate: bool):
        if self.coding is None:
            return None
        if self.coding == "deflate":  # zlib-wrapped as the standard says, else raw
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, raw: bytes) -> bytes:
        """The decoded bytes of `raw`; raises BodyTooLarge as soon as the limit is passed."""
        if self._zlib is None:
            return self._counted(raw)
        room = self.limit - self.size + 1  # one byte over says "too large"
        try:
            out = self._zlib.decompress(raw, room)
        except zlib.error as error:
            if self.coding == "deflate" and not self._started:
                self._zlib = self._decompressor(raw_deflate=True)
                self._started = True
                return self.feed(raw)
            raise BadEncoding(f"the body is not valid {self.coding} ({error})") from None
        self._started = True
        return self._counted(out)

    def _counted(self, out: bytes) -> bytes:
        self.size += len(out)
        if self.size > self.limit:
            raise BodyTooLarge(f"response larger than {self.limit / 1_000_000:g} MB; cut off")
        return out


class Watchdog:
    """Shuts a request's socket down at `seconds` from now, whatever the request is doing.

    Pass `trace` as the request's httpx "trace" extension: it learns the socket when the
    connection is made (connections are never reused, so each request makes its own)."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self.ended = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._seconds = max(0.0, seconds)

    def __enter__(self) -> Watchdog:
        _ALARMS.add(time.monotonic() + self._seconds, self)
        return self

    def __exit__(self, *exc_info) -> None:
        self.ended = True  # the alarm thread drops it when its time comes

    @property
    def trace(self) -> Callable[[str, dict], None]:
        def trace(event: str, info: dict) -> None:
            if event == "connection.connect_tcp.complete":
                stream = info.get("return_value")
                with self._lock:
                    self._socket = stream.get_extra_info("socket") if stream else None
                    if self.fired:
                        self._shut()

        return trace

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):  # already closed
                self._socket.shutdown(socket.SHUT_RDWR)  # wakes a blocked recv at once


class _Alarms:
    """One thread for every watchdog of the process, each fired at its time unless its request
    ended first (a timer thread per request cost a thread's start and end each)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._due: list[tuple[float, int, Watchdog]] = []  # a heap, soonest first
        self._order = itertools.count()  # ties never compare two watchdogs
        self._thread: threading.Thread | None = None

    def add(self, when: float, watchdog: Watchdog) -> None:
        with self._changed:
            heapq.heappush(self._due, (when, next(self._order), watchdog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="watchdogs", daemon=True)
                self._thread.start()
            elif self._due[0][2] is watchdog:  # sooner than the one the thread waits for
                self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._due or self._due[0][0] > time.monotonic():
                    wait = self._due[0][0] - time.monotonic() if self._due else None
                    self._changed.wait(wait)
                _when, _order, watchdog = heapq.heappop(self._due)
            if not watchdog.ended:
                watchdog.fire()


_ALARMS = _Alarms()
