"""A document's provenance and full text, every extracted figure highlighted, one focused.

The text is untrusted: it is rendered as plain Rich Text (control characters replaced, so
offsets still hold), never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from app.figure_text import describe
from app.tui.safe_text import clean

DATE_BASIS_WORDS = {
    "published": "published date from the feed",
    "stated": "date stated in the text",
    "configured": "date recorded in feeds.yaml",
    "inferred": "date inferred from the text",
    "first_seen": "date first seen (no date known)",
}


class DocumentView(Vertical):
    """Provenance on top, the scrollable text below; `focus_figure` moves the highlight."""

    def __init__(self, document: dict, figures: list[dict], focused_id: int | None, **kwargs):
        super().__init__(**kwargs)
        self.document = document
        self.figures = figures
        self.focused_id = focused_id
        self.paragraph_spans = _paragraph_spans(document["text"])

    def compose(self) -> ComposeResult:
        yield Static(self._provenance(), classes="provenance")
        with VerticalScroll(classes="text"):
            for index, _span in enumerate(self.paragraph_spans):
                yield Static(self._paragraph(index), classes="paragraph", id=f"p{index}")

    def focus(self, scroll_visible: bool = True) -> DocumentView:
        """Focus goes to the text, so arrow keys and PgUp/PgDn scroll it."""
        self.query_one(".text", VerticalScroll).focus(scroll_visible)
        return self

    def on_mount(self) -> None:
        self.call_after_refresh(self.scroll_to_focused)

    @property
    def focused_figure(self) -> dict | None:
        return next((f for f in self.figures if f["id"] == self.focused_id), None)

    def focus_figure(self, figure_id: int) -> None:
        previous = self._paragraph_index(self.focused_figure)
        self.focused_id = figure_id
        for index in {previous, self._paragraph_index(self.focused_figure)} - {None}:
            self.query_one(f"#p{index}", Static).update(self._paragraph(index))
        self.query_one(".provenance", Static).update(self._provenance())
        self.scroll_to_focused()

    @property
    def focused_paragraph(self) -> Static | None:
        index = self._paragraph_index(self.focused_figure)
        return None if index is None else self.query_one(f"#p{index}", Static)

    def scroll_to_focused(self) -> None:
        paragraph = self.focused_paragraph
        if paragraph is not None:
            paragraph.scroll_visible(top=True, animate=False)

    def _provenance(self) -> Text:
        document, figure = self.document, self.focused_figure
        basis = DATE_BASIS_WORDS.get(document["date_basis"], document["date_basis"])
        text = Text()
        text.append(clean(document["title"]) or "(untitled)", style="bold")
        text.append(f"\nSource: {clean(document['source'])} ({clean(document['source_name'])})")
        text.append(f"\nDate: {document['date'] or 'unknown'} ({basis})")
        text.append(f" · Language: {document['language'] or 'unknown'}")
        text.append(f" · {len(self.figures)} figures")
        if figure is not None:
            position = self.figures.index(figure) + 1
            text.append(f"\nFigure {position} of {len(self.figures)}: ", style="bold")
            text.append(clean(describe(figure)))
        return text

    def _paragraph(self, index: int) -> Text:
        start, end = self.paragraph_spans[index]
        rendered = Text(clean(self.document["text"][start:end]))
        for figure in self.figures:
            if not start <= figure["start"] < end:
                continue
            if figure["id"] == self.focused_id:
                sentence_at = self._sentence_start(figure)
                if sentence_at is not None:
                    first = max(sentence_at, start) - start
                    last = sentence_at - start + len(figure["sentence"])
                    rendered.stylize("reverse", first, last)
                number = (figure["start"] - start, figure["end"] - start)
                rendered.stylize("bold underline on dark_red", *number)
            else:
                rendered.stylize("bold underline", figure["start"] - start, figure["end"] - start)
        return rendered

    def _sentence_start(self, figure: dict) -> int | None:
        """Where the figure's sentence starts: its last occurrence that holds the figure."""
        sentence = figure["sentence"]
        if not sentence:
            return None
        at = self.document["text"].rfind(sentence, 0, figure["start"] + len(sentence))
        return at if at >= 0 and at + len(sentence) >= figure["end"] else None

    def _paragraph_index(self, figure: dict | None) -> int | None:
        if figure is None:
            return None
        for index, (start, end) in enumerate(self.paragraph_spans):
            if start <= figure["start"] < end:
                return index
        return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: the paragraphs of a plain-text article."""
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans
