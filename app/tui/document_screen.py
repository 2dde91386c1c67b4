"""The document behind a figure. `n`/`p` walk its figures; `o` lists the source's others."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from app.tui.document_view import DocumentView


class DocumentScreen(Screen):
    """One document, scrolled to the chosen figure. Escape returns to where the watcher was."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "next_figure", "Next figure"),
        Binding("p", "previous_figure", "Previous figure"),
        Binding("o", "other_documents", "Other documents"),
    ]

    def __init__(self, document: dict, figures: list[dict], focused_id: int | None) -> None:
        super().__init__()
        self.view = DocumentView(document, figures, focused_id, id="document")

    def compose(self) -> ComposeResult:
        yield self.view
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()

    def action_next_figure(self) -> None:
        self._step(+1)

    def action_previous_figure(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        figures = self.view.figures
        if not figures:
            return
        current = self.view.focused_figure
        index = figures.index(current) if current in figures else -step
        self.view.focus_figure(figures[(index + step) % len(figures)]["id"])

    def action_other_documents(self) -> None:
        self.app.list_documents_of(self.view.document["source_name"])
