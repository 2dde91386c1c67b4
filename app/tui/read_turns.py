"""When the dashboard reads the database again: one read at a time, and new figures not more
often than every `gap` seconds, while a read the watcher asked for goes at once.

Plain bookkeeping: the screen gives it how to start a read and how to set a timer.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer
from textual.worker import Worker


class ReadTurns:
    """Never two reads at once, and none cancelled halfway (a thread cannot be stopped, only
    its result thrown away): a read asked for while one runs follows it.

    A read for new figures (`now=False`) waits until `gap` seconds after the last one began:
    while forty polls end one after another the screen changes every `gap` seconds, not forty
    times, and keys do not queue behind repaints. A read the watcher asked for goes first and
    takes the place of one waiting its turn."""

    def __init__(
        self,
        start: Callable[[], Worker],
        set_timer: Callable[[float, Callable[[], None]], Timer],
        gap: float,
    ) -> None:
        self._start, self._set_timer, self.gap = start, set_timer, gap
        self.reading: Worker | None = None  # the read under way
        self.waiting: Timer | None = None  # a read of new figures, waiting its turn
        self._again: bool | None = None  # a read asked for while one ran: now (or not)
        self._began = float("-inf")  # when the last read began (monotonic)

    def ask(self, *, now: bool = True) -> None:
        if self.reading is not None:
            self._again = now or bool(self._again)
            return
        wait = self._began + self.gap - time.monotonic()
        if not now and wait > 0:
            if self.waiting is None:
                self.waiting = self._set_timer(wait, self._in_turn)
            return
        if self.waiting is not None:  # this read takes its place
            self.waiting.stop()
            self.waiting = None
        self._began = time.monotonic()
        self.reading = self._start()

    def _in_turn(self) -> None:
        self.waiting = None
        self.ask(now=False)

    def ended(self, worker: Worker) -> None:
        """A worker ended: if it was the read, the one asked for meanwhile follows."""
        if worker is self.reading:
            self.reading = None
            if self._again is not None:
                now, self._again = self._again, None
                self.ask(now=now)
