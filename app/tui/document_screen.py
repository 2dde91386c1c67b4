"""The document behind a figure: its provenance and full text, the figure's sentence highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from app.tui.safe_text import clean

DATE_BASIS_WORDS = {
    "published": "published date from the feed",
    "stated": "date stated in the text",
    "configured": "date recorded in feeds.yaml",
    "inferred": "date inferred from the text",
    "first_seen": "date first seen (no date known)",
}


class DocumentScreen(Screen):
    """One document, scrolled to the chosen figure. Escape returns to the dashboard."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, document: dict, figure: dict) -> None:
        super().__init__()
        self.document = document
        self.figure = figure

    def compose(self) -> ComposeResult:
        yield Static(self._provenance(), id="provenance")
        with VerticalScroll(id="document-text"):
            for paragraph, holds_figure in self._paragraphs():
                classes = "paragraph focused-paragraph" if holds_figure else "paragraph"
                yield Static(paragraph, classes=classes)
        yield Footer()

    def on_mount(self) -> None:
        focused = self.query(".focused-paragraph")
        if focused:
            target = focused.first()
            self.call_after_refresh(target.scroll_visible, top=True, animate=False)

    def _provenance(self) -> Text:
        document, figure = self.document, self.figure
        basis = DATE_BASIS_WORDS.get(document["date_basis"], document["date_basis"])
        lines = Text()
        lines.append(clean(document["title"]) or "(untitled)", style="bold")
        lines.append(f"\nSource: {clean(document['source'])}  ({clean(document['source_name'])})")
        lines.append(f"\nDate: {document['date'] or 'unknown'} ({basis})")
        lines.append(f"   Language: {document['language'] or 'unknown'}")
        lines.append(f"\nFigure: {clean(figure['sentence'])}", style="italic")
        return lines

    def _paragraphs(self) -> list[tuple[Text, bool]]:
        """The text line by line; the figure's line has its sentence and number highlighted."""
        text = self.document["text"]
        start, end = self.figure["start"], self.figure["end"]
        sentence = self.figure["sentence"]
        sentence_at = text.rfind(sentence, 0, end) if sentence else -1
        paragraphs, offset = [], 0
        for line in text.split("\n"):
            line_end = offset + len(line)
            rendered = Text(clean(line))
            holds_figure = offset <= start <= line_end
            if holds_figure:
                if sentence_at >= offset:
                    at = sentence_at - offset
                    rendered.stylize("reverse", at, at + len(sentence))
                rendered.stylize("bold underline", start - offset, end - offset)
            if line.strip():
                paragraphs.append((rendered, holds_figure))
            offset = line_end + 1
        return paragraphs
