"""The `/` filter: a line of text that narrows the figures; Enter applies, Escape clears."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterBox(Input):
    BINDINGS = [Binding("escape", "clear_filter", "Clear the filter", show=False)]

    @dataclass
    class Applied(Message):
        """The text to filter the figures by ("" for none); the box is done."""

        text: str

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="Filter figures: text, then Enter (Escape clears)", **kwargs)

    def open(self) -> None:
        self.display = True
        self.focus()

    @on(Input.Submitted)
    def apply(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Applied(event.value.strip()))

    def action_clear_filter(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Applied(""))
