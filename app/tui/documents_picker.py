"""A pop-up list of one source's documents; choosing one opens it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.present import counted
from app.tui.safe_text import clean


class DocumentsPicker(ModalScreen[int | None]):
    """Dismisses with the chosen document's id, or None on Escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, source_name: str, documents: list[dict]) -> None:
        super().__init__()
        self.source_name = source_name
        self.documents = documents

    def compose(self) -> ComposeResult:
        options = OptionList(
            *(
                Option(self._prompt(document), id=str(document["id"]))
                for document in self.documents
            ),
            id="documents-picker",
        )
        options.border_title = f"Documents of {clean(self.source_name)}"
        yield options

    @staticmethod
    def _prompt(document: dict) -> Text:
        prompt = Text(f"{document['date'] or 'undated'}  ", style="dim")
        prompt.append(clean(document["title"]) or "(untitled)")
        prompt.append(f"  ({counted(document['figures'], 'figure')})", style="dim")
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))
