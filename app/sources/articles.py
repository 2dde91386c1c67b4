"""An article page's main text and publication date, taken with trafilatura.

Pure: HTML bytes in, text out (trafilatura here parses only; it fetches nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_ARTICLE_CHARS = 200  # less is a cookie wall, a script shell or an index page


@dataclass(frozen=True)
class ArticleText:
    text: str
    title: str | None
    date: str | None  # ISO date the page says it was published


class NoArticle(Exception):
    """The page held no main text worth reading, said in words."""


def extract_article(page: bytes | str, url: str | None = None) -> ArticleText:
    """The main text, title and date of an HTML page; raises NoArticle when there is none."""
    if not page or not page.strip():
        raise NoArticle("the article page is empty")
    try:
        import trafilatura  # here, not at the top: the dashboard starts without its weight

        found = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on hostile markup
        raise NoArticle(f"the article page could not be read ({type(error).__name__})") from None
    text = (found.text or "").strip() if found is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise NoArticle("no main text found on the article page")
    return ArticleText(text=text, title=found.title or None, date=_iso_date(found.date))


def _iso_date(value: str | None) -> str | None:
    # trafilatura gives YYYY-MM-DD by default; keep only a well-formed date.
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None
