"""Feeds, article pages and the topic filter on bytes: no network here."""

from __future__ import annotations

import pytest

from app.sources.articles import NoArticle, extract_article
from app.sources.feed_items import NotAFeed, parse_feed
from app.sources.topic_filter import TopicFilter
from tests.feed_server import article_page, atom, rss

XML = {"content-type": "application/rss+xml; charset=utf-8"}


def test_rss_items_with_plain_text_dates_and_keys() -> None:
    body = rss(
        [
            {"guid": "g1", "title": "Foro Penal: 644", "link": "http://n/1",
             "description": "&lt;p&gt;At least &lt;b&gt;644&lt;/b&gt; political prisoners"},
            {"title": "No guid", "link": "http://n/2", "date": "Thu, 19 Feb 2026 23:00:00 GMT"},
            {"title": "Neither guid nor link", "description": "text"},
        ]
    )  # fmt: skip
    parsed = parse_feed(body, XML)
    first, second, third = parsed.items
    assert parsed.problem is None and parsed.title == "Test news"
    assert (first.key, first.summary, first.published) == (
        "g1",
        "At least 644 political prisoners",
        "2026-02-20",
    )
    assert (second.key, second.published) == ("http://n/2", "2026-02-19")
    assert third.key == third.content_hash and third.link is None


def test_atom_in_spanish() -> None:
    entry = {
        "id": "urn:1",
        "title": "Foro Penal: 711 presos políticos",
        "link": "http://n/es",
        "summary": "Según el Foro Penal, 711 presos políticos.",
    }
    body = atom([entry])
    (item,) = parse_feed(body, {"content-type": "application/atom+xml"}).items
    assert item.title == "Foro Penal: 711 presos políticos"
    assert item.published == "2026-02-19" and item.link == "http://n/es"


def test_a_changed_item_keeps_its_key_and_changes_its_hash() -> None:
    before = parse_feed(rss([{"guid": "g", "title": "644 held"}]), XML).items[0]
    after = parse_feed(rss([{"guid": "g", "title": "711 held"}]), XML).items[0]
    assert before.key == after.key and before.content_hash != after.content_hash


def test_an_item_listed_twice_is_read_once() -> None:
    item = {"guid": "same", "title": "t"}
    assert len(parse_feed(rss([item, item]), XML).items) == 1


def test_links_that_are_not_http_are_dropped() -> None:
    (item,) = parse_feed(rss([{"title": "t", "link": "javascript:alert(1)"}]), XML).items
    assert item.link is None


def test_malformed_xml_still_yields_items_and_says_why() -> None:
    body = rss([{"guid": "g1", "title": "Fine", "link": "http://n/1"}]).replace(
        b"<title>Fine</title>", b"<title>Fine & broken</title>"
    )
    parsed = parse_feed(body, XML)
    assert [item.key for item in parsed.items] == ["g1"]
    assert parsed.problem and "malformed" in parsed.problem


@pytest.mark.parametrize(
    ("body", "headers", "words"),
    [
        (b"<html><body><h1>Welcome</h1></body></html>", {"content-type": "text/html"}, "HTML page"),
        (b"", XML, "empty body"),
        (b"just some text", {"content-type": "text/plain"}, "not an RSS or Atom feed"),
    ],
)
def test_what_is_no_feed_raises_with_words(body, headers, words) -> None:
    with pytest.raises(NotAFeed, match=words):
        parse_feed(body, headers)


def test_a_wrong_charset_is_survived_and_said() -> None:
    latin = rss([{"guid": "g", "title": "Excarcelación de presos políticos"}]).decode()
    body = latin.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("latin-1")
    parsed = parse_feed(body, {"content-type": "application/rss+xml; charset=utf-8"})
    assert parsed.items[0].title == "Excarcelación de presos políticos"
    assert parsed.problem == "the declared charset was wrong"


def test_a_missing_charset_falls_back_on_the_xml_declaration() -> None:
    body = rss([{"guid": "g", "title": "Amnistía"}])
    parsed = parse_feed(body, {"content-type": "application/xml"})
    assert parsed.items[0].title == "Amnistía"


def test_an_article_page_gives_its_main_text_and_date() -> None:
    page = article_page(
        "Foro Penal counts 644",
        [
            "Foro Penal said at least 644 political prisoners remain in custody in Venezuela.",
            "The group's director spoke to reporters in Caracas on Wednesday afternoon.",
            "Relatives gathered outside the prison where many of them are held, waiting.",
        ],
        published="2026-02-18",
    )
    article = extract_article(page, "http://n/a")
    assert "at least 644 political prisoners" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.date == "2026-02-18" and article.title == "Foro Penal counts 644"


@pytest.mark.parametrize("page", [b"", b"<html><body><p>Subscribe</p></body></html>"])
def test_a_page_without_main_text_raises(page) -> None:
    with pytest.raises(NoArticle):
        extract_article(page)


def test_the_topic_filter_ignores_case_and_accents() -> None:
    topic = TopicFilter(["presos políticos", "Foro Penal"])
    assert topic.matches("Liberan a 80 PRESOS POLITICOS")
    assert topic.matches("", "según el foro penal")
    assert not topic.matches("Venezuela beat Peru 2-0")
    assert not topic.matches("a superforo penalty")  # terms start a word
    assert TopicFilter([]).matches("anything at all")


def test_a_summarys_paragraphs_stay_apart() -> None:
    """A tag-stripping regex would run the two paragraphs into one sentence, and the second
    would take the first's source; html-text keeps the break."""
    html = (
        "&lt;p&gt;Foro Penal counts 644 political prisoners&lt;/p&gt;"
        "&lt;p&gt;Officials said 90 were freed&lt;/p&gt;"
    )
    (item,) = parse_feed(rss([{"guid": "g", "title": "t", "description": html}]), XML).items
    assert (
        item.summary == "Foro Penal counts 644 political prisoners\n\nOfficials said 90 were freed"
    )


def test_scripts_and_styles_give_no_text_though_feedparser_no_longer_sanitises() -> None:
    hostile = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;b{}&lt;/style&gt;"
    body = rss(
        [{"guid": "g", "title": f"{hostile}Foro Penal: 644",
          "description": f"&lt;p&gt;At least 644&lt;/p&gt;{hostile}&lt;p&gt;held&lt;/p&gt;"}]
    )  # fmt: skip
    (item,) = parse_feed(body, XML).items
    assert item.title == "Foro Penal: 644"
    assert "alert" not in item.summary and "b{}" not in item.summary
    assert "644" in item.summary and "held" in item.summary
