"""A feed's items into stored documents: each new or changed item once, its figures replaced.

An item is known by guid, then link, then content hash (feed_items.py); an unchanged item
costs nothing; an article already stored through another feed is neither fetched nor stored
again; an item off the topic is remembered and skipped.

The items a feed knew are read in one query; each item is fetched with no lock held, and its
document dated and read by the extractor in a worker process (extraction_pool.py) while the
next items are fetched, unless the worker that parsed the feed read it already (a feed read
from its summaries: feed_reading.py). What the feed brought is then saved by `save_items`, in
the transaction that records the poll (poll.py): one commit per feed.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from app.config import SourceConfig
from app.extract import ExtractionSettings
from app.ingest.extraction_pool import Extracted, Extractions
from app.ingest.store import StoredDocument, save_extracted
from app.model import Document
from app.sources.feed_documents import feed_document
from app.sources.feed_items import FeedItem
from app.sources.feed_summaries import document_source as source_of
from app.sources.http_fetch import Fetcher
from app.sources.topic_filter import TopicFilter
from storage.documents import document_exists, stored_sources
from storage.polls import known_items, save_item
from storage.text_index import queued_text_index
from storage.transaction import transaction

Write = Callable[[sqlite3.Connection], None]  # one item's writes, in the feed's transaction


@dataclass
class ItemsRead:
    writes: list[Write] = field(default_factory=list)  # run in order by `save_items`
    stored: list[StoredDocument] = field(default_factory=list)  # filled by the writes
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


def read_items(
    conn: sqlite3.Connection,
    items: list[FeedItem],
    context: FeedContext,
    known: dict[str, str | None] | None = None,
    ready: Mapping[str, Extracted] | None = None,
) -> ItemsRead:
    """The feed's new items, fetched and read, with the writes that store them (`conn` is only
    read). `known`: the items seen before, key -> content hash (read here if not given);
    `ready`: items already dated and read, by key (feed_reading.py)."""
    read = ItemsRead()
    known = dict(known) if known is not None else known_items(conn, context.source.name)
    ready = ready or {}
    claimed: set[str] = set()  # documents this poll stores, as if already stored
    # A feed read from its summaries waits for no page between its items: which of its new
    # items are stored already (through another feed) is asked once, not item by item.
    stored = None if context.source.full_article else _stored(conn, items, known, context)
    extractions = Extractions(context.settings)  # the others, read in worker processes meanwhile
    pending: list[_Pending] = []
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
            found = _read_item(conn, item, context, read, known, claimed, stored, ready)
        except sqlite3.Error:
            raise  # the database is gone: the poll fails as a whole
        except Exception as error:  # one bad item never stops the others
            read.complete = False
            read.notes.append(f"{item.link or item.key}: {type(error).__name__}: {error}")
            continue
        if found is None:
            continue
        if isinstance(found, _Pending) and found.result is None:
            extractions.add(found.document)
        pending.append(found)
    read.writes = _writes(pending, extractions.results(), read)
    return read


def save_items(conn: sqlite3.Connection, read: ItemsRead) -> None:
    """Run the writes of `read_items`, in the caller's transaction; fills `read.stored`."""
    if not read.writes:
        return
    with transaction(conn, immediate=True), queued_text_index(conn):  # the writer indexes them
        for write in read.writes:
            write(conn)


@dataclass
class _Pending:
    """An item fetched and handed to the extractor, waiting for its figures."""

    item: FeedItem
    document: Document
    row: dict  # the item's row, to save with its document
    now: str
    result: Extracted | None = None  # read already, else by `extractions`


def _writes(found: list, extracted: list[Extracted], read: ItemsRead) -> list[Write]:
    """Each item's writes in the feed's order, once its document is read."""
    writes: list[Write] = []
    results = iter(extracted)
    for entry in found:
        if not isinstance(entry, _Pending):
            writes.append(entry)
            continue
        result = entry.result or next(results)
        if result.error is not None:
            read.complete = False
            read.notes.append(f"{entry.item.link or entry.item.key}: {result.error}")
            continue
        writes.append(_save(read, result, entry))
    return writes


def _save(read: ItemsRead, result: Extracted, entry: _Pending) -> Write:
    document, figures = result.document, result.figures
    rows = [figure.as_row() for figure in figures]

    def write(conn: sqlite3.Connection) -> None:
        read.stored.append(save_extracted(conn, document, figures, rows))
        save_item(conn, entry.row, entry.now)

    return write


def _read_item(
    conn: sqlite3.Connection,
    item: FeedItem,
    context: FeedContext,
    read: ItemsRead,
    known: dict[str, str | None],
    claimed: set[str],
    stored: set[str] | None,
    ready: Mapping[str, Extracted],
) -> Write | _Pending | None:
    """Fetch an item (no lock held): the write that records it, or its document to read."""
    name = context.source.name
    seen = item.key in known
    if seen and known[item.key] == item.content_hash:
        return None
    known[item.key] = item.content_hash  # the same item twice in a feed is read once
    now = datetime.now(UTC).isoformat(timespec="seconds")
    row = {"source": name, "key": item.key, "link": item.link, "content_hash": item.content_hash}
    if not context.topic.matches(item.title, item.summary):
        off = {**row, "note": "off the topic: no configured term in it"}
        return partial(save_item, item=off, now=now)
    document_source = source_of(item, context.source.url)
    if not seen and (document_source in claimed or _exists(conn, document_source, stored)):
        elsewhere = {**row, "document": document_source, "note": "stored through another source"}
        return partial(save_item, item=elsewhere, now=now)
    claimed.add(document_source)
    if item.key in ready:  # read with the feed, from its summary
        result = ready[item.key]
        stored_row = {**row, "document": document_source, "note": None}
        return _Pending(item, result.document, stored_row, now, result)
    document, note = feed_document(
        item, document_source, context.source, context.fetcher, context.deadline
    )
    if note:
        read.notes.append(f"{document_source}: {note}")
    stored = {**row, "document": document_source, "note": note}
    return _Pending(item, document, stored, now)


def _stored(conn, items: list[FeedItem], known: Mapping, context: FeedContext) -> set[str]:
    """The documents of the feed's new items that are stored already."""
    url = context.source.url
    return stored_sources(conn, [source_of(i, url) for i in items if i.key not in known])


def _exists(conn: sqlite3.Connection, document_source: str, stored: set[str] | None) -> bool:
    return document_exists(conn, document_source) if stored is None else document_source in stored
