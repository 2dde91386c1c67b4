"""How a document's date is known, in order of trust (DOMAIN.md's `date_basis`).

A date line stated in the text wins; then the page's or feed's own publication date; then
the date the watcher recorded in feeds.yaml; then a date inferred from the text (its latest
explicit date and weekday mentions, near the day it was first seen); else that first day.
`read_document` dates a document and reads its figures: the one way every source's document
goes to the extractor (a poll's in a worker process, a file's in the calling thread).
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.extract import (
    ExtractionSettings,
    detect_language,
    extract_figures,
    infer_document_date,
    stated_document_date,
)
from app.model import Document, Figure, replaced


def dated(document: Document) -> Document:
    """The document a source handed over, with the date and language its text gives where the
    source could not say better (a date line in the text beats the page's own date)."""
    given = {"published": None, "configured": None}
    if document.date_basis in given:
        given[document.date_basis] = document.date
    date, basis = date_document(document.text, **given)
    language = document.language or detect_language(document.text)
    return replaced(document, date=date, date_basis=basis, language=language)


def read_document(
    document: Document, settings: ExtractionSettings
) -> tuple[Document, list[Figure]]:
    """A document dated, and the figures the extractor reads in it: what every source's
    document goes through before it is stored (in a poll, in a worker process)."""
    document = dated(document)
    return document, extract_figures(document.text, document.date, settings, document.language)


def date_document(
    text: str,
    *,
    published: str | None = None,
    configured: str | None = None,
    first_seen: str | None = None,
) -> tuple[str, str]:
    """(ISO date, date_basis) of a document."""
    stated = stated_document_date(text)
    if stated:
        return stated, "stated"
    if published:
        return published, "published"
    if configured:
        return configured, "configured"
    first_seen = first_seen or datetime.now(UTC).date().isoformat()
    inferred = infer_document_date(text, reference=first_seen)
    if inferred:
        return inferred, "inferred"
    return first_seen, "first_seen"
