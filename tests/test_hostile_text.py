"""Untrusted text on its way to a terminal: control, bidi and zero-width characters in a feed
reach the database as they are, but no command prints them, and JSON escapes them."""

from __future__ import annotations

import io
import json
import re

import pytest

from app.cli.watch import poll_line
from app.ingest.poll import PollResult
from app.tui.safe_text import clean
from app.untrusted_text import JsonStream, SafeStream, json_escaped, visible
from tests.feed_server import Reply, feed_server_fixture, rss  # noqa: F401

HOSTILE = "\x1b[2J\x1b]0;PWNED\x07\x00\x7f\x85\u202e\u2066\u200b\u200d\ufeff\u2028"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def test_every_unsafe_character_becomes_one_visible_mark() -> None:
    shown = visible(f"a{HOSTILE}b\n\tc")
    assert not UNSAFE.search(shown)
    assert len(shown) == len(f"a{HOSTILE}b\n\tc")  # offsets into a document still hold
    assert shown.endswith("b\n\tc") and visible("é ñ 😀") == "é ñ 😀"


def test_the_screen_uses_the_same_sanitiser() -> None:
    assert clean(f"x{HOSTILE}y") == visible(f"x{HOSTILE}y", keep_lines=False)
    assert "\u202e" not in clean("abc\u202edef") and "\u200b" not in clean("a\u200bb")


def test_json_escapes_them_and_reads_back_the_same() -> None:
    text = json.dumps({"source": f"http://x/{HOSTILE}\U000e0041"}, ensure_ascii=False)
    escaped = json_escaped(text)
    assert not UNSAFE.search(escaped) and "\\u202e" in escaped
    assert json.loads(escaped) == json.loads(text)


def test_plain_ascii_text_is_checked_as_closely_as_any() -> None:
    # ASCII text takes a faster check than the scan for every unsafe character: the same marks.
    for code in range(128):
        unsafe = code < 32 and chr(code) not in "\n\t" or code == 127
        text = f"http://x/{chr(code)}y"
        assert visible(text) == (text.replace(chr(code), "\ufffd") if unsafe else text)
        escaped = json_escaped(text)
        assert escaped == (text.replace(chr(code), f"\\u{code:04x}") if unsafe else text)


def test_json_written_over_the_safe_stream_is_escaped_once() -> None:
    written = io.StringIO()
    out = JsonStream(SafeStream(written))  # as a command's JSON over its cleaned stdout
    out.write(json.dumps([f"a{HOSTILE}"], ensure_ascii=False))
    assert not UNSAFE.search(written.getvalue())
    assert json.loads(written.getvalue()) == [f"a{HOSTILE}"]


def test_a_watch_line_quoting_a_hostile_error_is_one_clean_line() -> None:
    result = PollResult(
        f"news{HOSTILE}", "failed", "2026-02-20T10:00:00+00:00", "2026-02-20T10:00:01+00:00",
        error=f"refused to fetch 'http://x/{HOSTILE}'\nsecond line",
    )  # fmt: skip
    line = poll_line(result)
    assert not UNSAFE.search(line) and "\n" not in line


@pytest.fixture
def hostile_db(feed_server, tmp_path, run_cli):
    link = f"http://127.0.0.1/{HOSTILE.replace(chr(0), '')}".replace("\u2028", "")
    xml_link = "".join(f"&#{ord(c)};" if ord(c) < 32 else c for c in link)
    items = [
        {"guid": "1", "title": "[bold red]MARKUP[/] Foro Penal\u202e", "link": xml_link,
         "description": "Foro Penal said 9901 political prisoners remain in custody."},
    ]  # fmt: skip
    feed_server.routes["/feed.xml"] = Reply(200, rss(items))
    config = tmp_path / "feeds.yaml"
    config.write_text(
        f"sources:\n  - name: Hostile\n    url: {feed_server.url('/feed.xml')}\n"
        "topic:\n  terms: [political prisoners]\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    ingest = run_cli("--db", str(db), "--config", str(config), "ingest")
    return db, config, ingest


def test_no_command_prints_a_control_or_invisible_character(hostile_db, run_cli) -> None:
    db, config, ingest = hostile_db
    assert ingest.returncode == 0, ingest.stderr
    assert "9,901" in ingest.stdout
    outputs = {"ingest": ingest.stdout + ingest.stderr}
    for command in (["figures"], ["figures", "--json"], ["sources"], ["findings"], ["series"]):
        result = run_cli("--db", str(db), "--config", str(config), *command)
        assert result.returncode == 0, result.stderr
        outputs[" ".join(command)] = result.stdout + result.stderr
    found = {name: sorted(set(UNSAFE.findall(text))) for name, text in outputs.items()}
    assert found == {name: [] for name in outputs}
    assert "\ufffd" in outputs["figures"]  # shown, not dropped silently


def test_figures_json_keeps_the_stored_source_exactly(hostile_db, run_cli) -> None:
    db, config, _ = hostile_db
    result = run_cli("--db", str(db), "--config", str(config), "figures", "--json")
    (figure,) = [f for f in json.loads(result.stdout) if f["value"] == 9901]
    assert "\x1b[2J" in figure["source"] and "\u202e" in figure["source"]
