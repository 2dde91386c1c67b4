"""The command line: `tallywatch [--db PATH] [--config PATH] [COMMAND]`.

Every failure a user can cause ends in one line on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.config_path import ConfigError, find_config_path
from app.extractor_version import is_outdated
from app.model import METRICS
from app.untrusted_text import SafeStream
from storage import DatabaseError, describe_error, open_database
from storage.table_export import FORMATS as TABLE_FORMATS

if TYPE_CHECKING:
    from app.config import Config

# Each command's module loads when it runs: the network, feed, HTML and screen libraries only
# for the commands that need them, and yaml and pydantic only to read feeds.yaml, so that
# `tallywatch --help`, `figures` and friends start quickly (tests/test_cli.py holds this).

DB_ENV = "TALLYWATCH_DB"


class UsageError(Exception):
    """A problem the user can fix, said in one line."""


def default_db_path() -> Path:
    """$TALLYWATCH_DB, else tallywatch.db in the platform's data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from platformdirs import user_data_path

    return user_data_path("tallywatch") / "tallywatch.db"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tallywatch",
        description="Watch the news for political-prisoner counts and show where sources part.",
    )
    parser.add_argument("--db", help=f"the SQLite database (default: ${DB_ENV} or the data folder)")
    parser.add_argument("--config", help="feeds.yaml (default: $TALLYWATCH_CONFIG or ./feeds.yaml)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("dashboard", help="open the dashboard (the default)")
    ingest = commands.add_parser("ingest", help="one pass over the sources, or the given paths")
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read")
    figures = commands.add_parser("figures", help="print every stored figure")
    figures.add_argument("--json", action="store_true", help="a JSON array of figures")
    findings = commands.add_parser("findings", help="jumps, disagreements, misreports, stale")
    findings.add_argument("--json", action="store_true", help="a JSON array of findings")
    series = commands.add_parser("series", help="the series of each place, metric and baseline")
    series.add_argument("--metric", choices=METRICS, help="only this metric")
    series.add_argument("--json", action="store_true", help="a JSON array of series")
    export = commands.add_parser("export", help="write a consistent SQLite snapshot")
    export.add_argument("out", metavar="OUT", nargs="?", help="the file to write")
    export.add_argument(
        "--format",
        choices=("sqlite", *TABLE_FORMATS),
        help="sqlite: a snapshot of the whole database (the default, unless OUT ends in .csv"
        " or .json); csv or json: the figures table",
    )
    commands.add_parser("sources", help="each source with its health")
    commands.add_parser("watch", help="poll the sources on schedule, without the dashboard")
    commands.add_parser("reparse", help="read every stored document again with this extractor")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    streams = sys.stdout, sys.stderr
    if args.command not in (None, "dashboard"):  # the dashboard sanitises what it draws
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return run(args)
    except (ConfigError, DatabaseError, UsageError) as error:
        print(f"tallywatch: {error}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:
        print(f"tallywatch: {describe_error(args.db or default_db_path(), error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tallywatch figures | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        sys.stdout, sys.stderr = streams


def run(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else default_db_path()
    command = args.command or "dashboard"
    if command == "dashboard":
        from app.cli.dashboard import open_dashboard

        return open_dashboard(db_path, find_config_path(args.config))
    if command in ("ingest", "reparse"):
        from app.cli.ingest import ingest, reparse

        if command == "reparse":
            return reparse(db_path, optional_config(args.config))
        return ingest(db_path, args.paths, optional_config(args.config))
    if command == "figures":
        from app.cli.listings import print_figures

        return print_figures(db_path, as_json=args.json)
    if command in ("findings", "series"):
        from app.cli.listings import analyse_database, print_findings, print_series

        analysis = analyse_database(db_path, optional_config(args.config))
        if command == "findings":
            return print_findings(analysis, as_json=args.json)
        return print_series(analysis, args.metric, as_json=args.json)
    if command == "export":
        from app.cli.export import export

        return export(db_path, args.out, optional_config(args.config), args.format)
    if command == "sources":
        from app.cli.sources import print_sources

        return print_sources(db_path, optional_config(args.config))
    if command == "watch":
        config = load_config(find_config_path(args.config))
        prepare_database(db_path, config)  # fail in one line before the scheduler starts
        from app.cli.watch import run_watch

        return run_watch(db_path, config, sys.stdout)
    raise UsageError(f"unknown command {command!r}")


def load_config(path: Path, data: bytes | None = None) -> Config:
    from app.config import load_config as load  # yaml and pydantic: only to read feeds.yaml

    return load(path, data)


def optional_config(explicit: str | None) -> Config | None:
    """The config when one is given or found; commands on explicit paths work without one."""
    path = find_config_path(explicit)
    if explicit is None and not path.exists():
        return None
    return load_config(path)


def prepare_database(db_path: Path, config: Config) -> None:
    """Open (fail in one line), and read the documents again after an extractor upgrade."""
    conn = open_database(db_path)
    try:
        read_again_if_outdated(conn, config)
    finally:
        conn.close()


def read_again_if_outdated(conn: sqlite3.Connection, config: Config) -> None:
    """The extractor loads only for an upgrade: the dashboard's first paint does not wait for it."""
    if is_outdated(conn):
        from app.ingest.reparse import reparse_if_outdated
        from app.ingest.store import extraction_settings

        reparse_if_outdated(conn, extraction_settings(config))
