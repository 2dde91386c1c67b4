"""The fault matrix: real feeds and broken ones on 127.0.0.1, polled into a real database.

For each fault: the right outcome is stored, the error is readable, the other sources still
poll, nothing is stored twice, and the poll after the fault clears recovers.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.config import parse_config
from app.ingest.passes import ingest_config
from app.ingest.poll import poll_sources
from app.sources.http_fetch import Fetcher, FetchLimits
from storage import count_documents, count_figures, open_database
from storage.polls import recent_polls, source_health
from tests.feed_server import (  # noqa: F401
    Reply,
    article_page,
    atom,
    feed_reply,
    feed_server_fixture,
    rss,
)

# Each fetch's time budget includes its wait for one of the two connections to 127.0.0.1 that
# nine sources polled at once share: 2 s leaves room for a busy machine; "slow" takes longer.
LIMITS = FetchLimits(timeout_s=2, connect_timeout_s=2, max_bytes=100_000, max_redirects=3)
SAYS_644 = "Foro Penal said at least 644 political prisoners remain in custody in Venezuela."
EN_ITEMS = [
    {"guid": "en-1", "title": "Foro Penal counts political prisoners", "link": "/a/1.html",
     "description": SAYS_644},
    {"guid": "en-2", "title": "Amnesty law: 379 political prisoners", "link": "/a/2.html",
     "description": "The authorities granted amnesty to 379 political prisoners in Venezuela."},
    {"guid": "en-3", "title": "Venezuela beat Peru 2-0 in a friendly", "link": "/a/3.html",
     "description": "A football match."},
]  # fmt: skip
ES_ENTRIES = [
    {"id": "urn:es-1", "title": "Foro Penal: 711 presos políticos", "link": "/es/1.html",
     "summary": "El Foro Penal contabiliza 711 presos políticos en Venezuela."},
]  # fmt: skip

FAULTS = {
    "missing": ("/missing.xml", None, "HTTP 404 Not Found"),
    "broken": ("/broken.xml", Reply(500, b"oops"), "HTTP 500 Internal Server Error"),
    "slow": ("/slow.xml", Reply(200, b"<rss/>", delay_s=3), "timed out after 2 s"),
    "busy": ("/busy.xml", Reply(429, b"", {"Retry-After": "3600"}), "asks to wait 3600 s"),
    "page": ("/page.xml", Reply(200, b"<html><body><p>Hi</p></body></html>",
                                {"Content-Type": "text/html"}), "HTML page where a feed should be"),
    "huge": ("/huge.xml", Reply(200, b"<rss>" + b" " * 300_000), "larger than 0.1 MB; cut off"),
    "loop": ("/loop.xml", Reply(302, headers={"Location": "/loop.xml"}), "more than 5 redirects"),
}  # fmt: skip


def absolute(server, items: list[dict], key: str = "link") -> list[dict]:
    return [{**item, key: server.url(item[key])} for item in items]


def serve_good_feeds(server) -> None:
    server.routes["/en.xml"] = feed_reply(rss(absolute(server, EN_ITEMS)), etag='"en-1"')
    server.routes["/es.xml"] = Reply(200, atom(absolute(server, ES_ENTRIES)))
    for number, sentence in ((1, SAYS_644), (2, "Amnesty was granted to 379 political prisoners.")):
        paragraphs = [
            sentence,
            "Relatives waited outside the prison in Caracas for news.",
            "The government did not answer questions about the other detainees.",
        ]
        server.routes[f"/a/{number}.html"] = Reply(200, article_page(f"Story {number}", paragraphs))


def config_for(server, tmp_path, names=("en", "es", *FAULTS), extra: str = ""):
    lines = ["sources:"]
    for name in names:
        path = {"en": "/en.xml", "es": "/es.xml"}.get(name) or FAULTS[name][0]
        lines += [f"  - name: {name}", f"    url: {server.url(path)}", "    interval: 10m"]
        if name == "en":
            lines.append("    full_article: true")
    lines += [
        "topic:",
        "  terms: [political prisoners, presos políticos, Foro Penal, amnesty]",
        "http:",
        "  timeout: 2",
        "  max_size_mb: 0.1",
        extra,
    ]
    return parse_config("\n".join(lines) + "\n", base_dir=tmp_path)


@pytest.fixture
def served(feed_server):
    serve_good_feeds(feed_server)
    for path, reply, _words in FAULTS.values():
        if reply is not None:
            feed_server.routes[path] = reply
    return feed_server


def health_of(db_path) -> dict[str, dict]:
    conn = open_database(db_path)
    try:
        return {source["name"]: source for source in source_health(conn)}
    finally:
        conn.close()


def ingest(db_path, config):
    conn = open_database(db_path)
    try:
        return ingest_config(conn, config)
    finally:
        conn.close()


def test_every_fault_is_stored_in_words_and_the_good_feeds_still_poll(served, tmp_path, db_path):
    config = config_for(served, tmp_path)
    report = ingest(db_path, config)
    health = health_of(db_path)
    for name, (_path, _reply, words) in FAULTS.items():
        assert health[name]["failing"], name
        assert words in health[name]["last_error"], (name, health[name]["last_error"])
        assert health[name]["last_success"] is None
    for name in ("en", "es"):
        assert not health[name]["failing"] and health[name]["last_success"], health[name]
    assert health["en"]["documents"] == 2  # the football item is off the topic
    assert health["es"]["documents"] == 1 and health["es"]["figures"] >= 1
    assert {poll.source for poll in report.polls if poll.status == "failed"} == set(FAULTS)
    # The en feed's items were read from their article pages (dated by the page).
    conn = open_database(db_path)
    story = conn.execute("SELECT * FROM documents WHERE source LIKE '%/a/1.html'").fetchone()
    assert story["date"] == "2026-02-18" and story["date_basis"] == "published"
    assert "Relatives waited" in story["text"]


def test_the_poll_after_the_faults_clear_recovers(served, tmp_path, db_path) -> None:
    config = config_for(served, tmp_path)
    ingest(db_path, config)
    for path, _reply, _words in FAULTS.values():  # every broken URL now serves a good feed
        served.routes[path] = Reply(200, rss(absolute(served, EN_ITEMS[:1])))
    later = datetime.now(UTC) + timedelta(days=2)  # past every backoff and Retry-After
    faulty = [source for source in config.sources if source.name in FAULTS]
    with Fetcher(LIMITS) as fetcher:
        results = list(poll_sources(db_path, faulty, config, fetcher, now=lambda: later))
    assert [result.status for result in results] == ["ok"] * len(FAULTS)
    health = health_of(db_path)
    for name in FAULTS:
        assert not health[name]["failing"] and health[name]["last_error"] is None
        assert health[name]["last_success"]
    # The same article through eight feeds is stored once; its page fetched once.
    conn = open_database(db_path)
    assert (
        conn.execute("SELECT count(*) FROM documents WHERE source LIKE '%/a/1.html'").fetchone()[0]
        == 1
    )
    assert len(served.requests_to("/a/1.html")) == 1


def test_a_second_poll_of_an_unchanged_feed_sends_validators_and_parses_nothing(
    served, tmp_path, db_path
) -> None:
    config = config_for(served, tmp_path, names=("en", "es"))
    ingest(db_path, config)
    figures, documents = (
        count_figures(open_database(db_path)),
        count_documents(open_database(db_path)),
    )
    ingest(db_path, config)
    second = served.requests_to("/en.xml")[1].headers
    assert second["if-none-match"] == '"en-1"'
    assert second["if-modified-since"] == "Fri, 20 Feb 2026 10:00:00 GMT"
    polls = recent_polls(open_database(db_path), "en")
    assert (polls[0]["http_status"], polls[0]["items_seen"], polls[0]["new"]) == (304, 0, 0)
    # The es feed has no validators: parsed again, and nothing is stored twice.
    assert recent_polls(open_database(db_path), "es")[0]["new"] == 0
    assert count_figures(open_database(db_path)) == figures
    assert count_documents(open_database(db_path)) == documents
    assert len(served.requests_to("/a/1.html")) == 1  # nor an article fetched twice


def test_retry_after_is_stored_and_a_later_ingest_honours_it(served, tmp_path, db_path) -> None:
    config = config_for(served, tmp_path, names=("busy", "es"))
    ingest(db_path, config)
    again = ingest(db_path, config)
    assert len(served.requests_to("/busy.xml")) == 1
    skipped = next(poll for poll in again.polls if poll.source == "busy")
    assert skipped.status == "skipped" and "the server asked to wait" in skipped.error
    next_poll = datetime.fromisoformat(health_of(db_path)["busy"]["next_poll"])
    assert next_poll >= datetime.now(UTC) + timedelta(seconds=3500)


def test_backoff_grows_with_each_failure(served, tmp_path, db_path) -> None:
    config = config_for(served, tmp_path, names=("broken",))
    source, waits = config.sources[0], []
    moment = datetime.now(UTC)
    with Fetcher(LIMITS) as fetcher:
        for _ in range(3):
            (result,) = poll_sources(db_path, [source], config, fetcher, now=lambda m=moment: m)
            waits.append((datetime.fromisoformat(result.next_poll) - moment).total_seconds())
            moment = datetime.fromisoformat(result.next_poll) + timedelta(seconds=1)
    assert 480 <= waits[0] <= 720 and 960 <= waits[1] <= 1440 and 1920 <= waits[2] <= 2880


def test_a_changed_item_replaces_its_figures(feed_server, tmp_path, db_path) -> None:
    item = {"guid": "c1", "title": "Foro Penal update", "link": feed_server.url("/c/1")}
    feed_server.routes["/en.xml"] = Reply(200, rss([{**item, "description": SAYS_644}]))
    config = config_for(feed_server, tmp_path, names=("en",))
    config = config.model_copy(
        update={"sources": [config.sources[0].model_copy(update={"full_article": False})]}
    )
    ingest(db_path, config)
    changed = SAYS_644.replace("644", "711")
    feed_server.routes["/en.xml"] = Reply(200, rss([{**item, "description": changed}]))
    report = ingest(db_path, config)
    assert (report.polls[0].new, report.polls[0].changed) == (0, 1)
    values = [row[0] for row in open_database(db_path).execute("SELECT value FROM figures")]
    assert values == [711]


def test_an_unreadable_article_falls_back_on_the_summary_and_says_why(
    feed_server, tmp_path, db_path
) -> None:
    item = {"guid": "x", "title": "Foro Penal", "link": feed_server.url("/gone.html"),
            "description": SAYS_644}  # fmt: skip
    feed_server.routes["/en.xml"] = Reply(200, rss([item]))
    report = ingest(db_path, config_for(feed_server, tmp_path, names=("en",)))
    poll = report.polls[0]
    assert poll.status == "ok" and poll.new == 1 and poll.figures_added == 1
    assert "HTTP 404" in poll.warning and "summary was stored" in poll.warning
    conn = open_database(db_path)
    note = conn.execute("SELECT note FROM items").fetchone()[0]
    assert "HTTP 404" in note
    assert conn.execute("SELECT date_basis FROM documents").fetchone()[0] == "published"


def test_malformed_xml_stores_what_it_could_read_and_records_the_problem(
    feed_server, tmp_path, db_path
) -> None:
    body = rss([{"guid": "m", "title": "Foro Penal & co", "description": SAYS_644}])
    feed_server.routes["/en.xml"] = Reply(200, body, {"Content-Type": "application/rss+xml"})
    config = config_for(feed_server, tmp_path, names=("en",))
    ingest(db_path, config)
    poll = recent_polls(open_database(db_path), "en")[0]
    assert poll["status"] == "ok" and poll["new"] == 1
    assert "malformed feed" in poll["warning"]


def test_a_wrong_charset_is_read_and_noted(feed_server, tmp_path, db_path) -> None:
    text = rss([{"guid": "w", "title": "Excarcelación", "description": SAYS_644}]).decode()
    body = text.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("latin-1")
    feed_server.routes["/en.xml"] = Reply(200, body, {"Content-Type": "text/xml; charset=utf-8"})
    ingest(db_path, config_for(feed_server, tmp_path, names=("en",)))
    conn = open_database(db_path)
    assert conn.execute("SELECT title FROM documents").fetchone()[0] == "Excarcelación"
    assert "charset" in recent_polls(conn, "en")[0]["warning"]


def test_a_version_1_database_gains_the_new_tables(tmp_path) -> None:
    import sqlite3

    from storage.schema import APPLICATION_ID, SCHEMA_VERSION

    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    v2_schema = (Path(__file__).parent / "fixtures" / "schema_v2.sql").read_text(encoding="utf-8")
    first_part = v2_schema.split("-- One row per configured source")[0]  # version 1's tables
    old.executescript(f"PRAGMA application_id = {APPLICATION_ID}; {first_part}")
    old.execute("PRAGMA user_version = 1")
    old.close()
    conn = open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert recent_polls(conn) == [] and source_health(conn) == []
