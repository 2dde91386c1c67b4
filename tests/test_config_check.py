"""A feeds.yaml the database does not know, validated by a child process while the dashboard
loads its screen (app/config_check.py): the same verdict as validating it here, and a bad file
still stops the dashboard in one line before its screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli.dashboard import dashboard_config, settled_config
from app.config import load_config
from app.config_check import ConfigCheck
from app.config_path import ConfigError, KnownConfig, config_digest
from app.extractor_version import EXTRACTOR_VERSION
from storage import open_database
from storage.meta import extractor_version, stamp_extractor_version, validated_topic

GOOD = """topic:
  name: Detainees in Nicaragua
  place: Nicaragua
sources:
  - name: notes
    path: notes
"""


def stamped_database(path: Path) -> Path:
    """A database this extractor's figures are in (an outdated one is read again first,
    with the config validated in this process)."""
    conn = open_database(path)
    stamp_extractor_version(conn, EXTRACTOR_VERSION)
    conn.close()
    return path


def write(path: Path, text: str) -> str:
    path.write_text(text)
    return config_digest(path.read_bytes())


def test_a_valid_file_gives_its_topic(tmp_path) -> None:
    config = tmp_path / "feeds.yaml"
    digest = write(config, GOOD)
    verdict = ConfigCheck(config, digest).verdict()
    assert verdict == KnownConfig(config, "Nicaragua", "Detainees in Nicaragua")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("sources: [\n", "feeds.yaml:2: not valid YAML"),
        (GOOD.replace("path: notes", "url: ftp://example.org/feed"), "feeds.yaml:6: sources.0.url"),
    ],
)
def test_a_bad_file_gives_the_line_validating_it_here_gives(tmp_path, text, where) -> None:
    config = tmp_path / "feeds.yaml"
    check = ConfigCheck(config, write(config, text))
    with pytest.raises(ConfigError) as here:
        load_config(config)
    with pytest.raises(ConfigError) as there:
        check.verdict()
    assert str(there.value) == str(here.value)
    assert str(there.value).startswith(f"{tmp_path}/{where}")


def test_a_file_changed_since_it_was_hashed_is_left_to_the_caller(tmp_path) -> None:
    config = tmp_path / "feeds.yaml"
    digest = write(config, GOOD)
    write(config, GOOD.replace("Nicaragua", "Cuba"))
    assert ConfigCheck(config, digest).verdict() is None


def test_the_dashboard_remembers_a_file_the_child_validated(tmp_path) -> None:
    config, db = tmp_path / "feeds.yaml", stamped_database(tmp_path / "t.db")
    digest = write(config, GOOD)
    pending = dashboard_config(db, config)
    assert isinstance(pending, ConfigCheck)
    known = KnownConfig(config, "Nicaragua", "Detainees in Nicaragua")
    assert settled_config(db, pending) == known
    with sqlite3.connect(db) as conn:
        assert validated_topic(conn, digest) == ("Nicaragua", "Detainees in Nicaragua")
    conn.close()
    assert dashboard_config(db, config) == KnownConfig(
        config, "Nicaragua", "Detainees in Nicaragua"
    )


def test_a_file_edited_while_the_child_read_it_is_validated_here(tmp_path) -> None:
    config, db = tmp_path / "feeds.yaml", stamped_database(tmp_path / "t.db")
    write(config, GOOD)
    pending = dashboard_config(db, config)
    edited = write(config, GOOD.replace("Nicaragua", "Cuba"))  # before the child reads it
    settled = settled_config(db, pending)
    assert (settled.topic.place, settled.topic.name) == ("Cuba", "Detainees in Cuba")
    with sqlite3.connect(db) as conn:
        assert validated_topic(conn, edited) == ("Cuba", "Detainees in Cuba")
    conn.close()


def test_a_bad_new_file_stops_the_dashboard_before_its_screen(run_cli, tmp_path) -> None:
    config, db = tmp_path / "feeds.yaml", stamped_database(tmp_path / "t.db")
    write(config, GOOD.replace("path: notes", "url: ftp://example.org/feed"))
    result = run_cli("--db", str(db), "--config", str(config))  # the dashboard
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"tallywatch: {config}:6: sources.0.url: url must start with http:// or https://"
    )


def test_a_new_database_is_stamped_and_its_feeds_yaml_checked_by_a_child(tmp_path) -> None:
    config, db = tmp_path / "feeds.yaml", tmp_path / "new.db"
    write(config, GOOD)
    pending = dashboard_config(db, config)  # the first start of a new database
    assert isinstance(pending, ConfigCheck)  # nothing stored to read again with the config
    with sqlite3.connect(db) as conn:
        assert extractor_version(conn) == EXTRACTOR_VERSION
    conn.close()
    assert settled_config(db, pending) == KnownConfig(config, "Nicaragua", "Detainees in Nicaragua")
