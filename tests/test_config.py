"""feeds.yaml: the shipped file loads; bad files stop with the line and the field."""

from __future__ import annotations

import datetime as dt

import pytest

from app.config import ConfigError, load_config, parse_config
from tests.conftest import FEEDS_YAML, REPO, SEED_DATES


def test_shipped_feeds_yaml_has_the_seeds_with_their_dates() -> None:
    config = load_config(FEEDS_YAML)
    seeds = next(source for source in config.sources if source.path == "seeds")
    assert {name: day.isoformat() for name, day in seeds.dates.items()} == SEED_DATES
    assert config.resolve(seeds.path) == REPO / "seeds"
    assert config.topic.place == "Venezuela"


def test_the_smallest_file_of_domain_md_is_complete() -> None:
    config = parse_config(
        "sources:\n"
        "  - name: Seed articles\n"
        "    path: seeds\n"
        "  - name: Example news\n"
        "    url: https://example.org/rss.xml\n"
        "    interval: 30m\n"
        "    full_article: true\n"
    )
    assert config.sources[1].interval_seconds == 1800
    assert config.sources[1].full_article is True
    assert config.findings.jump_share == 0.05
    assert config.findings.window_days == 7


ONE = "sources:\n  - name: x\n"  # the start of a file with one source, on lines 1-2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ONE + "    path: s\n    colour: red\n", "feeds.yaml:4: sources.0.colour: unknown key"),
        (ONE + "    path: s\n    interval: soon\n", "feeds.yaml:4: sources.0.interval"),
        (ONE + "    url: ftp://x.org/f\n", "feeds.yaml:3: sources.0.url: url must start"),
        (ONE, "feeds.yaml:2: sources.0: a source needs exactly one of"),
        ("sources: [\n", "feeds.yaml:2: not valid YAML"),
        ("sources: []\n", "feeds.yaml:1: sources:"),
        ("- just a list\n", "feeds.yaml: expected a mapping"),
        (ONE + "    path: s\n    date: 2026-13-40\n", "feeds.yaml:4: sources.0.date"),
    ],
)
def test_bad_files_name_the_line_and_the_field(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_missing_file_says_so(tmp_path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "absent.yaml")


def test_dates_are_dates() -> None:
    config = parse_config("sources:\n  - name: x\n    path: s\n    date: 2026-02-06\n")
    assert config.sources[0].date == dt.date(2026, 2, 6)
