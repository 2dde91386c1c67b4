"""`tallywatch` (the dashboard): feeds.yaml checked, the database prepared, then the screen.

A feeds.yaml the database knows (the same bytes, validated before) is read in full after the
first paint, on the topic the database remembers: yaml and pydantic are a fifth of the start.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import load_config, read_again_if_outdated
from app.config_path import ConfigError, KnownConfig, config_digest, read_config_bytes
from app.extractor_version import is_outdated
from storage import open_database
from storage.meta import remember_validated_topic, validated_topic

if TYPE_CHECKING:
    from app.config import Config
    from app.tui.app import TallywatchApp


def dashboard_config(db_path: Path, config_path: Path) -> Config | KnownConfig:
    """feeds.yaml for the dashboard. The very file validated before (the same bytes) is read in
    full after the first paint, on the topic the database remembers; any other is validated
    now, so that a bad one stops in one line before the screen takes over."""
    data = read_config_bytes(config_path)
    digest = config_digest(data)
    conn = open_database(db_path)
    try:
        known = validated_topic(conn, digest)
        if known is not None and not is_outdated(conn):
            return KnownConfig(config_path, *known)
        config = load_config(config_path, data)
        read_again_if_outdated(conn, config)
        with contextlib.suppress(sqlite3.Error):  # read-only: validated first again next time
            remember_validated_topic(conn, digest, config.topic.place, config.topic.name)
        return config
    finally:
        conn.close()


def prepare_dashboard(db_path: Path, config_path: Path) -> TallywatchApp:
    """The dashboard's app, its database checked and multiprocessing's resource tracker
    started; nothing that only a poll needs is loaded yet (tests/test_cli.py holds this)."""
    config = dashboard_config(db_path, config_path)  # before the screen takes over
    from app.ingest.helper_processes import start_resource_tracker
    from app.tui.app import TallywatchApp  # Textual loads only for the dashboard

    start_resource_tracker()  # while standard error is the terminal's (Textual replaces it)
    return TallywatchApp(db_path=db_path, config=config)


def open_dashboard(db_path: Path, config_path: Path) -> int:
    app = prepare_dashboard(db_path, config_path)
    app.run()
    if app.config_problem is not None:  # feeds.yaml changed under a start, and is bad
        raise ConfigError(app.config_problem)
    return 0
