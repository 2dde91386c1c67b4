"""A document's figures extracted and saved with it: the last step of every source."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from app.config import Config
from app.extract import ExtractionSettings
from app.ingest.dating import read_document
from app.model import Document, Figure
from app.sources.local_files import ReadProblem
from storage import save_document


@dataclass
class StoredDocument:
    source: str
    outcome: str  # new, changed, unchanged
    figures: list[Figure]


def extraction_settings(config: Config | None) -> ExtractionSettings:
    if config is None:
        return ExtractionSettings()
    topic = config.topic
    return ExtractionSettings(
        aliases=dict(topic.aliases), topic_terms=tuple(topic.terms), default_place=topic.place
    )


def store_document(
    conn: sqlite3.Connection, document: Document, settings: ExtractionSettings
) -> StoredDocument:
    """Date, extract and save; the same content twice stores nothing twice (save_document)."""
    return save_extracted(conn, *read_document(document, settings))


def save_extracted(
    conn: sqlite3.Connection,
    document: Document,
    figures: list[Figure],
    rows: list[dict] | None = None,
) -> StoredDocument:
    """Save a document with the figures extracted from it, and their rows if made already
    (in the caller's transaction, if one is open: a poll extracts and makes rows first, then
    saves a whole feed at once, holding the write lock no longer than the writes take)."""
    outcome = save_document(
        conn,
        {
            "source": document.source,
            "source_name": document.source_name,
            "title": document.title,
            "text": document.text,
            "date": document.date,
            "date_basis": document.date_basis,
            "language": document.language,
            "identity": document.identity,
        },
        rows if rows is not None else [figure.as_row() for figure in figures],
        document.content_hash,
    )
    return StoredDocument(document.source, outcome, figures)


def store_all(
    conn: sqlite3.Connection,
    items: Iterable[Document | ReadProblem],
    settings: ExtractionSettings,
) -> tuple[list[StoredDocument], list[ReadProblem]]:
    """Extract and store each document; problems are collected, never raised."""
    stored, problems = [], []
    for item in items:
        if isinstance(item, ReadProblem):
            problems.append(item)
        else:
            stored.append(store_document(conn, item, settings))
    return stored, problems
