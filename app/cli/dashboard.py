"""`tallywatch` (the dashboard): feeds.yaml checked, the database prepared, then the screen.

A feeds.yaml the database knows (the same bytes, validated before) is read in full after the
first paint, on the topic the database remembers: yaml and pydantic are a fifth of the start.
Another file is validated before the screen takes over, in a child process while this one
loads the screen (app/config_check.py), so a bad one still stops in one line.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import load_config, read_again_if_outdated
from app.config_check import ConfigCheck
from app.config_path import ConfigError, KnownConfig, config_digest, read_config_bytes
from app.extractor_version import is_outdated, stamp_if_empty
from storage import open_database
from storage.meta import remember_validated_topic, validated_topic

if TYPE_CHECKING:
    from app.config import Config
    from app.tui.app import TallywatchApp


def dashboard_config(db_path: Path, config_path: Path) -> Config | KnownConfig | ConfigCheck:
    """feeds.yaml for the dashboard. The very file validated before (the same bytes) is read in
    full after the first paint, on the topic the database remembers; any other is being
    validated in a child when this returns (`settled_config` waits for its verdict), or now
    when the database must be read again with it."""
    data = read_config_bytes(config_path)
    digest = config_digest(data)
    conn = open_database(db_path)
    try:
        stamp_if_empty(conn)  # a new database: nothing to read again
        if is_outdated(conn):  # read again before the screen: with the whole config
            config = load_config(config_path, data)
            read_again_if_outdated(conn, config)
            _remember(conn, digest, config.topic.place, config.topic.name)
            return config
        known = validated_topic(conn, digest)
        if known is not None:
            return KnownConfig(config_path, *known)
        return ConfigCheck(config_path, digest)
    finally:
        conn.close()


def settled_config(
    db_path: Path, config: Config | KnownConfig | ConfigCheck
) -> Config | KnownConfig:
    """The config once a child's check has answered (raises ConfigError for a bad file);
    validated here if the child could not tell."""
    if not isinstance(config, ConfigCheck):
        return config
    known = config.verdict()
    conn = open_database(db_path)
    try:
        if known is None:
            data = read_config_bytes(config.path)
            loaded = load_config(config.path, data)
            _remember(conn, config_digest(data), loaded.topic.place, loaded.topic.name)
            return loaded
        _remember(conn, config.digest, known.place, known.name)
        return known
    finally:
        conn.close()


def _remember(conn: sqlite3.Connection, digest: str, place: str | None, name: str) -> None:
    with contextlib.suppress(sqlite3.Error):  # read-only: validated first again next time
        remember_validated_topic(conn, digest, place, name)


def prepare_dashboard(db_path: Path, config_path: Path) -> TallywatchApp:
    """The dashboard's app, feeds.yaml checked, its database checked and multiprocessing's
    resource tracker started; nothing that only a poll needs is loaded yet (tests/test_cli.py
    holds this)."""
    config = dashboard_config(db_path, config_path)  # before the screen takes over
    from app.ingest.helper_processes import start_resource_tracker
    from app.tui.app import TallywatchApp  # Textual loads only for the dashboard (meanwhile,
    # a new feeds.yaml is validated in a child)

    config = settled_config(db_path, config)
    start_resource_tracker()  # while standard error is the terminal's (Textual replaces it)
    return TallywatchApp(db_path=db_path, config=config)


def open_dashboard(db_path: Path, config_path: Path) -> int:
    app = prepare_dashboard(db_path, config_path)
    app.run()
    if app.config_problem is not None:  # feeds.yaml changed under a start, and is bad
        raise ConfigError(app.config_problem)
    return 0
