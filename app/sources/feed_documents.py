"""A feed's items into stored documents: each new or changed item once, its figures replaced.

An item is known by guid, then link, then content hash (feed_items.py); an unchanged item
costs nothing; an article already stored through another feed is neither fetched nor stored
again; an item off the topic is remembered and skipped.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.config import SourceConfig
from app.documents import Document
from app.extract import ExtractionSettings, detect_language
from app.sources.articles import NoArticle, extract_article
from app.sources.dating import date_document
from app.sources.feed_items import FeedItem
from app.sources.http_fetch import Fetcher, FetchError
from app.sources.saving import StoredDocument, store_document
from app.sources.topic_filter import TopicFilter
from storage.documents import document_exists
from storage.polls import get_item, save_item


@dataclass
class ItemsRead:
    stored: list[StoredDocument] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # article fallbacks, items that failed
    complete: bool = True  # False when stopped or an item failed: the feed must be read again


@dataclass(frozen=True)
class FeedContext:
    source: SourceConfig
    fetcher: Fetcher
    settings: ExtractionSettings
    topic: TopicFilter
    stop: threading.Event | None = None
    deadline: float | None = None  # time.monotonic() by which the poll must end


def store_items(conn: sqlite3.Connection, items: list[FeedItem], context: FeedContext) -> ItemsRead:
    read = ItemsRead()
    for item in items:
        if context.stop is not None and context.stop.is_set():
            read.complete = False
            read.notes.append("stopped before every item was read")
            break
        if context.deadline is not None and time.monotonic() > context.deadline:
            read.complete = False  # the rest are read by the next poll
            read.notes.append("the poll's time ran out before every item was read")
            break
        try:
            _store_item(conn, item, context, read)
        except sqlite3.Error:
            raise  # the database is gone: the poll fails as a whole
        except Exception as error:  # one bad item never stops the others
            read.complete = False
            read.notes.append(f"{item.link or item.key}: {type(error).__name__}: {error}")
    return read


def _store_item(
    conn: sqlite3.Connection, item: FeedItem, context: FeedContext, read: ItemsRead
) -> None:
    name = context.source.name
    known = get_item(conn, name, item.key)
    if known is not None and known["content_hash"] == item.content_hash:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    row = {"source": name, "key": item.key, "link": item.link, "content_hash": item.content_hash}
    if not context.topic.matches(item.title, item.summary):
        save_item(conn, {**row, "note": "off the topic: no configured term in it"}, now)
        return
    document_source = item.link or f"{context.source.url}#{item.key}"
    if known is None and document_exists(conn, document_source):
        note = "stored through another source"
        save_item(conn, {**row, "document": document_source, "note": note}, now)
        return
    document, note = _document_of(item, document_source, context)
    if note:
        read.notes.append(f"{document_source}: {note}")
    read.stored.append(store_document(conn, document, context.settings))
    save_item(conn, {**row, "document": document_source, "note": note}, now)


def _document_of(
    item: FeedItem, document_source: str, context: FeedContext
) -> tuple[Document, str | None]:
    """The item as a document: its article page when asked for and readable, else its summary."""
    text, title, date, note = _summary_text(item), item.title, item.published, None
    if context.source.full_article and item.link:
        try:
            page = context.fetcher.get(item.link, deadline=context.deadline)
            article = extract_article(page.body, page.url)
            text = _with_title(article.title or item.title, article.text)
            title, date = article.title or item.title, article.date or item.published
        except (FetchError, NoArticle) as problem:
            note = f"article page not used ({problem}); the feed's summary was stored"
    date, basis = date_document(text, published=date)
    document = Document(
        source=document_source,
        source_name=context.source.name,
        title=title or document_source,
        text=text,
        date=date,
        date_basis=basis,
        language=context.source.language or detect_language(text),
    )
    return document, note


def _summary_text(item: FeedItem) -> str:
    return _with_title(item.title, item.summary)


def _with_title(title: str, body: str) -> str:
    # Headlines state figures too ("Foro Penal: 644 political prisoners"), so they are read.
    if not title or body.startswith(title):
        return body or title
    return f"{title}\n\n{body}" if body else title
