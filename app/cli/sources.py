"""`tallywatch sources`: each source by name with its health, in a few plain lines."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from app.config import Config, source_row
from app.present import health_state, short_time
from storage import open_database
from storage.polls import register_sources, source_health


def print_sources(db_path: Path, config: Config | None) -> int:
    """Each source with its health; the configured ones are listed even before a poll."""
    conn = open_database(db_path)
    try:
        print_source_health(conn, config, sys.stdout)  # this call's stdout, not the first one's
    finally:
        conn.close()
    return 0


def print_source_health(
    conn: sqlite3.Connection, config: Config | None, out: TextIO = sys.stdout
) -> None:
    if config is not None:  # list the configured sources even before their first poll
        register_sources(conn, [source_row(source) for source in config.sources])
    sources = source_health(conn)
    if not sources:
        print("no sources (give --config or create feeds.yaml)", file=out)
    for source in sources:
        for line in describe_source(source):
            print(line, file=out)


def describe_source(source: dict) -> list[str]:
    state = health_state(source)
    state = state.upper() if state == "failing" else state  # what a reader must not miss
    lines = [
        f"{source['name']}  [{state}]  {source['kind']}: {source['location']}",
        f"    last success {short_time(source['last_success'])};"
        f" last poll {short_time(source['last_poll_end'])};"
        f" next poll {next_poll(source)}",
        f"    {source['documents']} documents, {source['figures']} figures",
    ]
    if source["last_error"]:
        lines.insert(1, f"    last error: {source['last_error']}")
    return lines


def next_poll(source: dict) -> str:
    if not source["enabled"]:
        return "none (disabled)"
    return short_time(source["next_poll"]) if source["next_poll"] else "now"
