"""Everything that touches SQLite. Imports nothing from `app`."""

from storage.database import DatabaseError, describe_error, open_database
from storage.documents import count_documents, get_document, save_document
from storage.figures import (
    PUBLIC_FIELDS,
    SORTABLE,
    FigureFilter,
    count_figures,
    count_matching,
    figures_after,
    figures_of_document,
    list_figures,
    max_figure_id,
    page_of_figures,
    places,
)
from storage.snapshot import export_snapshot, snapshot_file_name

__all__ = [
    "PUBLIC_FIELDS",
    "SORTABLE",
    "FigureFilter",
    "count_matching",
    "figures_after",
    "max_figure_id",
    "page_of_figures",
    "places",
    "DatabaseError",
    "count_documents",
    "count_figures",
    "describe_error",
    "export_snapshot",
    "figures_of_document",
    "get_document",
    "list_figures",
    "open_database",
    "save_document",
    "snapshot_file_name",
]
