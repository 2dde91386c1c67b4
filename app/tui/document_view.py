"""A document's provenance and full text, every extracted figure highlighted, one focused.

The text is untrusted: it is rendered as plain Rich Text (control characters replaced, so
offsets still hold), never as markup. A large document (a 5 MB page) opens at once: only a
window of paragraphs around the focused figure is built, and it grows as the watcher scrolls
to either end of it, or moves when `n`/`p` go to a figure outside it.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from app.present import counted, describe
from app.tui.safe_text import clean

WINDOW = 120  # paragraphs built around the focused one
GROWTH = 60  # paragraphs added when the watcher scrolls to an end of the window

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
        self._starts = [start for start, _end in self.paragraph_spans]
        self._figures_in: dict[int, list[dict]] = {}  # paragraph -> its figures
        for figure in figures:
            index = self._paragraph_index(figure)
            if index is not None:
                self._figures_in.setdefault(index, []).append(figure)
        centre = self._paragraph_index(self.focused_figure) or 0
        self.window = _window_around(centre, len(self.paragraph_spans))

    def compose(self) -> ComposeResult:
        yield Static(self._provenance(), classes="provenance")
        with VerticalScroll(classes="text"):
            yield Static(classes="more", id="more-above")
            for index in range(*self.window):
                yield self._paragraph_widget(index)
            yield Static(classes="more", id="more-below")

    def on_mount(self) -> None:
        self._say_more()
        text = self.query_one(".text", VerticalScroll)
        self.watch(text, "scroll_y", self._grow_at_ends, init=False)
        self.call_after_refresh(self.scroll_to_focused)

    def focus(self, scroll_visible: bool = True) -> DocumentView:
        """Focus goes to the text, so arrow keys and PgUp/PgDn scroll it."""
        self.query_one(".text", VerticalScroll).focus(scroll_visible)
        return self

    @property
    def focused_figure(self) -> dict | None:
        return next((f for f in self.figures if f["id"] == self.focused_id), None)

    def focus_figure(self, figure_id: int) -> None:
        previous = self._paragraph_index(self.focused_figure)
        self.focused_id = figure_id
        target = self._paragraph_index(self.focused_figure)
        self.query_one(".provenance", Static).update(self._provenance())
        if target is not None and not self.window[0] <= target < self.window[1]:
            self._move_window(target)
            return
        for index in {previous, target} - {None}:
            if self.window[0] <= index < self.window[1]:
                self.query_one(f"#p{index}", Static).update(self._paragraph(index))
        self.scroll_to_focused()

    @property
    def focused_paragraph(self) -> Static | None:
        index = self._paragraph_index(self.focused_figure)
        if index is None or not self.window[0] <= index < self.window[1]:
            return None
        return self.query_one(f"#p{index}", Static)

    def scroll_to_focused(self) -> None:
        paragraph = self.focused_paragraph
        if paragraph is not None:
            paragraph.scroll_visible(top=True, animate=False)

    # -- the window of built paragraphs -------------------------------------------------------

    def _paragraph_widget(self, index: int) -> Static:
        return Static(self._paragraph(index), classes="paragraph", id=f"p{index}")

    def _move_window(self, centre: int) -> None:
        self.query(".paragraph").remove()
        self.window = _window_around(centre, len(self.paragraph_spans))
        widgets = [self._paragraph_widget(index) for index in range(*self.window)]
        self.query_one(".text", VerticalScroll).mount_all(widgets, before="#more-below")
        self._say_more()
        self.call_after_refresh(self.scroll_to_focused)

    def _grow_at_ends(self, scroll_y: float) -> None:
        text = self.query_one(".text", VerticalScroll)
        first, last = self.window
        if text.max_scroll_y <= 0:
            return  # not laid out yet, or all of it fits
        if scroll_y >= text.max_scroll_y - 1 and last < len(self.paragraph_spans):
            end = min(last + GROWTH, len(self.paragraph_spans))
            text.mount_all([self._paragraph_widget(i) for i in range(last, end)],
                           before="#more-below")  # fmt: skip
            self.window = (first, end)
            self._say_more()
        elif scroll_y <= 0 and first > 0:
            start = max(0, first - GROWTH)
            text.mount_all([self._paragraph_widget(i) for i in range(start, first)],
                           after="#more-above")  # fmt: skip
            self.window = (start, last)
            self._say_more()
            anchor = self.query_one(f"#p{first}", Static)
            self.call_after_refresh(anchor.scroll_visible, top=True, animate=False)

    def _say_more(self) -> None:
        first, last = self.window
        below = len(self.paragraph_spans) - last
        above_widget = self.query_one("#more-above", Static)
        above_widget.display = first > 0
        above_widget.update(f"… {first:,} paragraphs above (scroll up for more)")
        below_widget = self.query_one("#more-below", Static)
        below_widget.display = below > 0
        below_widget.update(f"… {below:,} paragraphs below (scroll down for more)")

    def _provenance(self) -> Text:
        document, figure = self.document, self.focused_figure
        basis = DATE_BASIS_WORDS.get(document["date_basis"], document["date_basis"])
        text = Text()
        text.append(clean(document["title"]) or "(untitled)", style="bold")
        text.append(f"\nSource: {clean(document['source'])} ({clean(document['source_name'])})")
        text.append(f"\nDate: {document['date'] or 'unknown'} ({basis})")
        text.append(f" · Language: {document['language'] or 'unknown'}")
        text.append(f" · {counted(len(self.figures), 'figure')}")
        if figure is not None:
            position = self.figures.index(figure) + 1
            text.append(f"\nFigure {position} of {len(self.figures)}: ", style="bold")
            text.append(clean(describe(figure)))
        return text

    def _paragraph(self, index: int) -> Text:
        start, end = self.paragraph_spans[index]
        rendered = Text(clean(self.document["text"][start:end]))
        for figure in self._figures_in.get(index, []):
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
        index = bisect_right(self._starts, figure["start"]) - 1
        if index >= 0 and figure["start"] < self.paragraph_spans[index][1]:
            return index
        return None


def _window_around(centre: int, count: int) -> tuple[int, int]:
    first = max(0, min(centre - WINDOW // 4, count - WINDOW))
    return first, min(count, first + WINDOW)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: the paragraphs of a plain-text article."""
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans
