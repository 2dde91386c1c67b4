"""A finding's two sources side by side, each scrolled to its sentence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from app.tui.document_view import DocumentView
from app.tui.safe_text import clean


class ComparisonScreen(Screen):
    """`sides` holds (document, its figures, the figure the finding names) for each source."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("tab", "focus_next", "Other side", show=True),
    ]

    def __init__(self, message: str, sides: list[tuple[dict, list[dict], int]]) -> None:
        super().__init__()
        self.message = message
        self.sides = sides

    def compose(self) -> ComposeResult:
        yield Static(Text(clean(self.message)), id="finding-message")
        with Horizontal(id="sides"):
            for number, (document, figures, focused_id) in enumerate(self.sides):
                yield DocumentView(
                    document, figures, focused_id, id=f"side-{number}", classes="side"
                )
        yield Footer()
