"""A fetched feed parsed, and the new items a poll will store read with it, in one worker task.

A feed read from its summaries (no article pages to fetch) needs nothing from the poll thread
but what the poll knew before: the items already seen and the topic's terms. So the worker
that parses it also makes each new item's document, as the thread would (feed_summaries.py),
and dates and reads it: the items' text crosses between the processes once, in one task per
feed, instead of coming back as items, going out again as documents and back once more.
The thread still decides, item by item, what it stores (feed_poll.py); an item it does not
store (the same article stored through another feed) was read for nothing, once.
Until the workers answer, the feed is only parsed here, and the thread reads its items.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.ingest.extraction_pool import Extracted, elsewhere, read_documents
from app.sources.feed_items import ParsedFeed, parse_feed
from app.sources.feed_summaries import document_source, summary_document
from app.sources.topic_filter import TopicFilter


@dataclass(frozen=True)
class FeedReading:
    """What the worker needs to read a feed's new items as the poll thread would."""

    source_name: str
    feed_url: str | None
    language: str | None
    known: Mapping[str, str | None]  # key -> content hash of the items seen before
    terms: tuple[str, ...]  # the topic's
    settings: tuple  # extraction_pool.portable(settings)


@dataclass(frozen=True)
class ReadFeed:
    parsed: ParsedFeed
    read: dict[str, Extracted] = field(default_factory=dict)  # by item key: read already


def read_feed_elsewhere(
    body: bytes, headers: Mapping[str, str], reading: FeedReading | None
) -> ReadFeed:
    """The feed parsed, and (given a reading, in a worker) its new items read; raises what
    parse_feed raises (NotAFeed)."""

    def here() -> ReadFeed:  # the thread reads the items itself
        return ReadFeed(parse_feed(body, headers))

    if reading is None:
        return elsewhere(here, _parsed, body, dict(headers))
    return elsewhere(here, read_feed, body, dict(headers), reading)


def _parsed(body: bytes, headers: Mapping[str, str]) -> ReadFeed:
    return ReadFeed(parse_feed(body, headers))


def read_feed(body: bytes, headers: Mapping[str, str], reading: FeedReading) -> ReadFeed:
    """In a worker: parse, then date and read each item the poll will store (new or changed,
    on the topic), its document made as feed_poll.py makes it from the summary."""
    parsed = parse_feed(body, headers)
    known = dict(reading.known)
    topic = TopicFilter(reading.terms)
    keys, documents = [], []
    for item in parsed.items:
        if item.key in known and known[item.key] == item.content_hash:
            continue  # unchanged: the thread skips it
        known[item.key] = item.content_hash  # the same item twice is read once
        if not topic.matches(item.title, item.summary):
            continue
        source = document_source(item, reading.feed_url)
        keys.append(item.key)
        documents.append(summary_document(item, source, reading.source_name, reading.language))
    return ReadFeed(
        parsed, dict(zip(keys, read_documents(documents, reading.settings), strict=True))
    )
