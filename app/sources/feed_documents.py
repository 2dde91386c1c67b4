"""A feed item as a document: its article page when asked for and readable, else its summary,
with the date the page or the feed gives (the text's own date is read on ingest)."""

from __future__ import annotations

from app.config import SourceConfig
from app.model import Document, given_date
from app.sources.articles import NoArticle, extract_article
from app.sources.feed_items import FeedItem
from app.sources.http_fetch import Fetcher, FetchError


def feed_document(
    item: FeedItem,
    document_source: str,
    source: SourceConfig,
    fetcher: Fetcher,
    deadline: float | None = None,
) -> tuple[Document, str | None]:
    """The item as a document: its article page when asked for and readable, else its summary."""
    text, title, date, note = _summary_text(item), item.title, item.published, None
    if source.full_article and item.link:
        try:
            page = fetcher.get(item.link, deadline=deadline)
            article = extract_article(page.body, page.url)
            text = _with_title(article.title or item.title, article.text)
            title, date = article.title or item.title, article.date or item.published
        except (FetchError, NoArticle) as problem:
            note = f"article page not used ({problem}); the feed's summary was stored"
    date, basis = given_date(published=date, configured=None)
    document = Document(
        source=document_source,
        source_name=source.name,
        title=title or document_source,
        text=text,
        date=date,
        date_basis=basis,
        language=source.language,
    )
    return document, note


def _summary_text(item: FeedItem) -> str:
    return _with_title(item.title, item.summary)


def _with_title(title: str, body: str) -> str:
    # Headlines state figures too ("Foro Penal: 644 political prisoners"), so they are read.
    if not title or body.startswith(title):
        return body or title
    return f"{title}\n\n{body}" if body else title
