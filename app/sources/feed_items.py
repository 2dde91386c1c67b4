"""A feed's bytes into items: feedparser on bytes with the response headers, never on a URL.

A broken feed (`bozo`) still yields the items feedparser could read, with the problem in
words; a body that is no feed at all (an HTML page, an empty file) is an error. Only the
first MAX_ITEMS items are read: feedparser holds every entry in memory at once (100,000 tiny
items take about 100 MB), and no news feed lists more than a few hundred.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import feedparser

_TAGS = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)  # no text
_SPACE = re.compile(r"\s+")
MAX_ITEMS = 1000
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>]")


@dataclass(frozen=True)
class FeedItem:
    key: str  # guid, else link, else content hash: what dedupes the item within its feed
    link: str | None  # http(s) only
    title: str
    summary: str  # plain text
    published: str | None  # ISO date
    content_hash: str  # of what the item says: a changed item is read again


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]
    problem: str | None  # why feedparser set bozo, when it did


class NotAFeed(Exception):
    """The body holds no feed: an HTML page, an empty body, unreadable XML with no items."""


def parse_feed(body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
    """Items of an RSS or Atom body; `headers` give the charset and the base URL."""
    body, cut = first_items(body, MAX_ITEMS)
    # No sanitising or resolving of links inside the HTML: its text is all this program takes
    # (tags stripped, html-text drops scripts and styles), and both passes cost a fifth.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=dict(headers),
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = _bozo_problem(parsed)
    if cut:
        read = f"only the first {MAX_ITEMS} items were read"
        problem = f"{read}; {problem}" if problem else read
    if not parsed.get("entries") and not parsed.get("version"):
        raise NotAFeed(_not_a_feed_reason(body, headers, problem))
    items = _unique([_item(entry) for entry in parsed.entries])
    return ParsedFeed(_plain(parsed.get("feed", {}).get("title", "")), items, problem)


def first_items(body: bytes, limit: int) -> tuple[bytes, bool]:
    """The feed cut before its item number `limit + 1`, its root closed again; whether cut."""
    for count, match in enumerate(_ITEM_START.finditer(body)):
        if count == limit:
            root = _ROOT.search(body, 0, match.start())
            name = root.group(1) if root else b"rss"
            closing = {b"rss": b"</channel></rss>", b"feed": b"</feed>", b"RDF": b"</rdf:RDF>"}
            return body[: match.start()] + closing[name], True
    return body, False


def _item(entry: Mapping) -> FeedItem:
    title = _plain(entry.get("title", ""))
    summary = _paragraphs(_summary_html(entry))
    link = _http_link(entry.get("link"))
    published = _iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    said = "\n".join([title, summary, link or "", published or ""])
    content_hash = hashlib.sha256(said.encode("utf-8")).hexdigest()
    guid = (entry.get("id") or "").strip()
    return FeedItem(guid or link or content_hash, link, title, summary, published, content_hash)


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    """One item per key: a feed listing an item twice yields it once."""
    seen: dict[str, FeedItem] = {}
    for item in items:
        seen.setdefault(item.key, item)
    return list(seen.values())


def _summary_html(entry: Mapping) -> str:
    contents = entry.get("content") or []
    longest = max((part.get("value", "") for part in contents), key=len, default="")
    summary = entry.get("summary", "")
    return longest if len(longest) > len(summary) else summary


def _plain(fragment: str) -> str:
    """Text of an HTML fragment: its tags dropped, its entities decoded."""
    fragment = fragment or ""
    if "<" in fragment:
        fragment = _TAGS.sub(" ", _HIDDEN.sub(" ", fragment))
    text = html.unescape(fragment)
    return _SPACE.sub(" ", text).strip()


def _paragraphs(fragment: str) -> str:
    """Text of an HTML fragment with its paragraph and list breaks kept, so that sentences
    (and who said them) do not run together (html-text, made for this)."""
    if not fragment or "<" not in fragment:
        return html.unescape(fragment or "").strip()
    import html_text  # here: only feeds with HTML summaries need it

    return html_text.extract_text(fragment, guess_layout=True).strip()


def _http_link(link: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    parts = urlsplit(link)
    return link if parts.scheme in ("http", "https") and parts.hostname else None


def _iso_date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def _bozo_problem(parsed: Mapping) -> str | None:
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    kind = type(error).__name__ if error else "error"
    words = {
        "CharacterEncodingOverride": "the declared charset was wrong",
        "CharacterEncodingUnknown": "the charset is unknown",
        "NonXMLContentType": "served with a non-XML content type",
    }.get(kind)
    detail = str(error).strip() if error else ""
    return words or f"malformed feed ({detail or kind})"


def _not_a_feed_reason(body: bytes, headers: Mapping[str, str], problem: str | None) -> str:
    if not body.strip():
        return "empty body where a feed should be"
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    if "html" in content_type or b"<html" in body[:2000].lower():
        return "an HTML page where a feed should be (is the URL a feed?)"
    return f"not an RSS or Atom feed: {problem or 'no items found'}"
