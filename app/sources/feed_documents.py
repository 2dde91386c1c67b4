"""A feed item as a document: its article page when asked for and readable, else its summary,
with the date the page or the feed gives (the text's own date is read on ingest)."""

from __future__ import annotations

from app.config import SourceConfig
from app.model import Document
from app.sources.articles import NoArticle, extract_article
from app.sources.feed_items import FeedItem
from app.sources.feed_summaries import page_document, summary_document, with_title
from app.sources.http_fetch import Fetcher, FetchError


def feed_document(
    item: FeedItem,
    document_source: str,
    source: SourceConfig,
    fetcher: Fetcher,
    deadline: float | None = None,
) -> tuple[Document, str | None]:
    """The item as a document: its article page when asked for and readable, else its summary."""
    note = None
    if source.full_article and item.link:
        try:
            page = fetcher.get(item.link, deadline=deadline)
            article = extract_article(page.body, page.url)
            title = article.title or item.title
            text = with_title(title, article.text)
            date = article.date or item.published
            return page_document(
                title, text, date, document_source, source.name, source.language
            ), None
        except (FetchError, NoArticle) as problem:
            note = f"article page not used ({problem}); the feed's summary was stored"
    return summary_document(item, document_source, source.name, source.language), note
