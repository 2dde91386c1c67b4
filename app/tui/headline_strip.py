"""The headline strip at the top of the dashboard: the held estimate with its band, claimant,
date and freshness; then the other metrics; then each claimant's newest figure. One line
each, cut at the end, so the essential words (first) always show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from app.tui.safe_text import clean

if TYPE_CHECKING:  # (the analysis loads with the first read, in its worker)
    from app.analysis.headline import Headline


class HeadlineStrip(Static):
    DEFAULT_CSS = """
    HeadlineStrip {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, place: str | None, headline: Headline) -> None:
        text = Text(f"{clean(place or 'All places')}: ", style="bold")
        held, _, rest = clean(headline.held).partition(" · ")
        text.append(held, style="bold reverse")
        text.append(f" · {rest}" if rest else "", style="bold")
        for line in (headline.metrics, headline.claimants):
            if line:
                text.append("\n" + clean(line))
        self.update(text)

    def reading(self, place: str | None) -> None:
        """While the place's figures are analysed (most of a second on a million)."""
        text = Text(f"{clean(place or 'All places')}: ", style="bold")
        text.append("reading the figures for the estimate, chart and findings…", style="dim")
        self.update(text)
