"""A feed item as the document its summary makes: what a poll stores when it reads no article
page. Light (the model and feed items only), so that the worker processes that read a feed's
new items make the very document the poll thread would (app/ingest/feed_reading.py)."""

from __future__ import annotations

from app.model import Document, given_date
from app.sources.feed_items import FeedItem


def document_source(item: FeedItem, feed_url: str | None) -> str:
    """Where an item's document is said to come from: its link, else the feed's URL and key."""
    return item.link or f"{feed_url}#{item.key}"


def summary_document(
    item: FeedItem, source: str, source_name: str, language: str | None
) -> Document:
    """The item's title and summary as a document, with the date the feed gives."""
    return page_document(
        item.title,
        with_title(item.title, item.summary),
        item.published,
        source,
        source_name,
        language,
    )


def page_document(
    title: str | None,
    text: str,
    date: str | None,
    source: str,
    source_name: str,
    language: str | None,
) -> Document:
    date, basis = given_date(published=date, configured=None)
    return Document(
        source=source,
        source_name=source_name,
        title=title or source,
        text=text,
        date=date,
        date_basis=basis,
        language=language,
    )


def with_title(title: str, body: str) -> str:
    # Headlines state figures too ("Foro Penal: 644 political prisoners"), so they are read.
    if not title or body.startswith(title):
        return body or title
    return f"{title}\n\n{body}" if body else title
