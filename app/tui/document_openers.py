"""Opening what the watcher picks: a document, a finding's sources side by side, the
documents of a source. Each reads in a thread worker with its own connection, then pushes
its screen from there (the screens' modules load there too: none is needed before the
first paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from storage import figures_of_document, get_document, open_database
from storage.document_index import documents_of_source

if TYPE_CHECKING:
    from app.analysis import Finding


class DocumentOpeners:
    """Mixed into the app (it needs `db_path` and the App's workers, screens and notices)."""

    @work(thread=True, group="open", exit_on_error=False)
    def open_document(self, document_id: int, figure_id: int | None) -> None:
        conn = open_database(self.db_path)
        try:
            document = get_document(conn, document_id)
            figures = figures_of_document(conn, document_id)
        finally:
            conn.close()
        if document is None:
            self.notify("That document is no longer stored", severity="warning")
            return
        focused = figure_id if figure_id is not None else (figures[0]["id"] if figures else None)
        from app.tui.document_screen import DocumentScreen

        self.call_from_thread(self.push_screen, DocumentScreen(document, figures, focused))

    @work(thread=True, group="open", exit_on_error=False)
    def open_finding(self, finding: Finding) -> None:
        """A finding's sources side by side: the first document of each of its points."""
        conn = open_database(self.db_path)
        sides = []
        try:
            for point in finding.points[:2]:
                document_id = point.documents[0]
                figures = figures_of_document(conn, document_id)
                focused = next((f["id"] for f in figures if f["id"] in point.figures), None)
                sides.append((get_document(conn, document_id), figures, focused))
        finally:
            conn.close()
        from app.tui.comparison_screen import ComparisonScreen

        self.call_from_thread(self.push_screen, ComparisonScreen(finding.message, sides))

    @work(thread=True, group="open", exit_on_error=False)
    def list_documents_of(self, source_name: str) -> None:
        conn = open_database(self.db_path)
        try:
            documents = documents_of_source(conn, source_name)
        finally:
            conn.close()

        def open_chosen(document_id: int | None) -> None:
            if document_id is not None:
                self.open_document(document_id, None)

        from app.tui.documents_picker import DocumentsPicker

        picker = DocumentsPicker(source_name, documents)
        self.call_from_thread(self.push_screen, picker, open_chosen)
