"""A feed read in one worker task: parsed, and each item the poll will store made into its
document and read there exactly as the poll thread would make and read it."""

from __future__ import annotations

from app.config import SourceConfig
from app.extract import ExtractionSettings
from app.ingest import extraction_pool
from app.ingest.dating import read_document
from app.ingest.extraction_pool import Extracted, portable
from app.ingest.feed_reading import FeedReading, read_feed, read_feed_elsewhere
from app.sources.feed_documents import feed_document
from app.sources.feed_items import parse_feed
from app.sources.feed_summaries import document_source

URL = "http://127.0.0.1/feed.xml"
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def item(guid: str, title: str, text: str, link: bool = True) -> str:
    where = f"<link>http://127.0.0.1/n/{guid}</link>" if link else ""
    return (
        f"<item><guid>{guid}</guid><title>{title}</title>{where}<description>{text}"
        "</description><pubDate>Fri, 20 Feb 2026 10:00:00 GMT</pubDate></item>"
    )


FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
    + item("seen", "Foro Penal: 644 political prisoners", "Foro Penal counted them.")
    + item("changed", "Foro Penal: 711 political prisoners", "At least 711 remain held.")
    + item("new", "448 political prisoners released", "Foro Penal said on February 20.")
    + item("off", "Weather in Caracas", "Rain; 30 people stayed home.")
    + item("linkless", "Foro Penal: 800 political prisoners", "So says Foro Penal.", False)
    + "</channel></rss>"
).encode()


def test_a_worker_reads_the_items_the_poll_stores_as_the_thread_would() -> None:
    settings = ExtractionSettings(default_place="Venezuela")
    items = {i.key: i for i in parse_feed(FEED, HEADERS).items}
    known = {"seen": items["seen"].content_hash, "changed": "an older hash"}
    source = SourceConfig(name="News", url=URL, language="en")
    reading = FeedReading("News", URL, "en", known, ("political prisoners",), portable(settings))
    assert extraction_pool.wait_ready(60)
    feed = read_feed_elsewhere(FEED, HEADERS, reading)
    assert feed.parsed == parse_feed(FEED, HEADERS)
    assert sorted(feed.read) == ["changed", "linkless", "new"]  # not the unchanged, nor off topic
    for key, read in feed.read.items():
        document, _note = feed_document(items[key], document_source(items[key], URL), source, None)
        assert read == Extracted(*read_document(document, settings))
    assert feed.read["linkless"].document.source == f"{URL}#linkless"
    assert sum(len(read.figures) for read in feed.read.values()) >= 3
    assert read_feed(FEED, HEADERS, reading) == feed  # the same, read here


def test_a_feed_whose_articles_are_fetched_is_only_parsed_in_the_worker() -> None:
    assert extraction_pool.wait_ready(60)
    feed = read_feed_elsewhere(FEED, HEADERS, None)  # its pages are fetched by the thread
    assert feed.parsed == parse_feed(FEED, HEADERS)
    assert feed.read == {}
