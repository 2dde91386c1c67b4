"""What came in, said as toasts: new figures, and a new jump or disagreement louder.

News within NEWS_EVERY_S of the last toast waits and joins the next: while polls pour in, a
toast each reload would keep covering the table (and repainting the screen).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer

from app.present import describe
from app.tui.dashboard_data import DashboardData

if TYPE_CHECKING:  # (the analysis loads with the first read, in its worker)
    from app.analysis import Finding

NEWS_EVERY_S = 8.0  # at most one toast of new figures (and one of findings) this often


class NewsToasts:
    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self._held: list[tuple[list[dict], int, list[Finding]]] = []
        self._timer: Timer | None = None
        self._last = float("-inf")

    def announce(
        self, arrived: list[dict], before: DashboardData, after: DashboardData, loud: list[Finding]
    ) -> None:
        """Say what came in; a new jump or disagreement louder (and the bell, if chosen)."""
        if not arrived or before.stored == 0:
            return  # the first figures of a new database are no news: the header counts them
        self._held.append((arrived, after.stored - before.stored, loud))
        wait = self._last + NEWS_EVERY_S - time.monotonic()
        if wait <= 0:
            self._say()
        elif self._timer is None:
            self._timer = self.screen.set_timer(wait, self._say)

    def _say(self) -> None:
        self._timer = None
        held, self._held = self._held, []
        if not held:
            return
        self._last = time.monotonic()
        arrived = [figure for figures, _count, _loud in held for figure in figures]
        count = sum(count for _figures, count, _loud in held)
        loud = [finding for _figures, _count, findings in held for finding in findings]
        news = "\n".join(describe(figure) for figure in arrived[:3])
        more = count - min(len(arrived), 3)
        news += f"\nand {more} more" if more > 0 else ""
        title = "New figure" if count == 1 else "New figures"
        self.screen.notify(news, title=title, markup=False, timeout=4)
        if loud:
            also = f"\n(and {len(loud) - 1} more new findings)" if len(loud) > 1 else ""
            self.screen.notify(loud[-1].brief + also, title=f"New {loud[-1].kind}",
                        severity="warning", timeout=8, markup=False)  # fmt: skip
            if self.screen.app.config.bell:
                self.screen.app.bell()
