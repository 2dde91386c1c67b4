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

from platformdirs import user_data_path

from app.analysis import Analysis, Thresholds, analyse, series_as_json
from app.analysis.json_stream import findings_json, series_json, write_array
from app.cli.figure_lines import figure_lines
from app.config import Config, ConfigError, find_config_path, load_config
from app.model import METRICS
from app.present import describe
from app.untrusted_text import JsonStream, SafeStream
from storage import (
    DatabaseError,
    describe_error,
    export_snapshot,
    list_figures,
    open_database,
    snapshot_file_name,
)
from storage.figure_points import load_points
from storage.figures import figures_as_json
from storage.json_rows import write_json_array
from storage.table_export import FORMATS as TABLE_FORMATS
from storage.table_export import export_figures_table

if TYPE_CHECKING:
    from app.ingest.passes import IngestReport
    from app.ingest.store import StoredDocument

# The network, feed, HTML and screen libraries load inside the commands that need them, so
# that `tallywatch figures` and friends start quickly (tests/test_cli.py holds this).

DB_ENV = "TALLYWATCH_DB"


class UsageError(Exception):
    """A problem the user can fix, said in one line."""


def default_db_path() -> Path:
    """$TALLYWATCH_DB, else tallywatch.db in the platform's data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
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
        return open_dashboard(db_path, load_config(find_config_path(args.config)))
    if command == "ingest":
        return ingest(db_path, args.paths, optional_config(args.config))
    if command == "figures":
        return print_figures(db_path, as_json=args.json)
    if command in ("findings", "series"):
        analysis = analyse_database(db_path, optional_config(args.config))
        if command == "findings":
            return print_findings(analysis, as_json=args.json)
        return print_series(analysis, args.metric, as_json=args.json)
    if command == "reparse":
        return reparse(db_path, optional_config(args.config))
    if command == "export":
        config = optional_config(args.config)
        return export(db_path, args.out, config, args.format)
    if command == "sources":
        return print_sources(db_path, optional_config(args.config))
    if command == "watch":
        config = load_config(find_config_path(args.config))
        prepare_database(db_path, config)  # fail in one line before the scheduler starts
        from app.cli.watch import run_watch

        return run_watch(db_path, config, sys.stdout)
    raise UsageError(f"unknown command {command!r}")


def optional_config(explicit: str | None) -> Config | None:
    """The config when one is given or found; commands on explicit paths work without one."""
    path = find_config_path(explicit)
    if explicit is None and not path.exists():
        return None
    return load_config(path)


def prepare_database(db_path: Path, config: Config) -> None:
    """Open (fail in one line), and read the documents again after an extractor upgrade."""
    from app.ingest.reparse import reparse_if_outdated
    from app.ingest.store import extraction_settings

    conn = open_database(db_path)
    try:
        reparse_if_outdated(conn, extraction_settings(config))
    finally:
        conn.close()


def open_dashboard(db_path: Path, config: Config) -> int:
    prepare_database(db_path, config)  # before the screen takes over
    from app.tui.app import TallywatchApp  # Textual loads only for the dashboard

    TallywatchApp(db_path=db_path, config=config).run()
    return 0


def ingest(db_path: Path, paths: list[str], config: Config | None) -> int:
    from app.ingest.passes import IngestReport, ingest_config, ingest_paths
    from app.ingest.reparse import reparse_if_outdated
    from app.ingest.store import extraction_settings

    if not paths and config is None:
        raise UsageError(f"{find_config_path(None)}: no such file; give paths or --config")
    conn = open_database(db_path)
    report = IngestReport(show=print_document)  # printed as stored, then forgotten
    try:
        reparse_if_outdated(conn, extraction_settings(config))
        if paths:
            ingest_paths(conn, paths, config, report)
        else:
            ingest_config(conn, config, report=report)
    finally:
        conn.close()
    print_report(report)
    failed = report.problems or any(poll.status == "failed" for poll in report.polls)
    return 1 if failed else 0


def print_document(document: StoredDocument) -> None:
    print(f"{document.outcome:9} {document.source}: {len(document.figures)} figures")
    if document.outcome != "unchanged":
        for figure in document.figures:
            print(f"            {describe(figure.as_row())}")


def print_report(report: IngestReport) -> None:
    """What the pass did beside the documents (printed as they were stored), then the sum."""
    for poll in report.polls:
        if poll.status == "skipped":
            print(f"skipped   {poll.source}: {poll.error}")
        elif poll.http_status == 304:
            print(f"unchanged {poll.source}: not modified since the last poll")
        if poll.warning:
            print(f"warning   {poll.source}: {poll.warning}", file=sys.stderr)
    for problem in report.problems:
        print(f"failed    {problem.source}: {problem.message}", file=sys.stderr)
    print(
        f"{report.documents} documents ({report.count('new')} new, {report.count('changed')}"
        f" changed, {report.count('unchanged')} unchanged), {report.figures_added} figures"
        f" stored, {len(report.problems)} failed"
    )


def print_figures(db_path: Path, *, as_json: bool) -> int:
    conn = open_database(db_path, create=False)
    try:
        if as_json:  # streamed from a cursor: flat memory at any size
            write_json_array(JsonStream(sys.stdout), figures_as_json(conn))
            return 0
        figures = list_figures(conn)
    finally:
        conn.close()
    print("\n".join(figure_lines(figures)))
    if not figures:
        print("no figures stored yet: try `tallywatch ingest`")
    return 0


def analyse_database(db_path: Path, config: Config | None) -> Analysis:
    conn = open_database(db_path, create=False)
    try:
        points = load_points(conn)
    finally:
        conn.close()
    findings = config.findings if config else None
    thresholds = (
        Thresholds(jump_share=findings.jump_share, window_days=findings.window_days)
        if findings
        else Thresholds()
    )
    return analyse(points, thresholds)


def print_findings(analysis: Analysis, *, as_json: bool) -> int:
    if as_json:  # written as it is made: hundreds of MB at a million figures
        write_array(JsonStream(sys.stdout), findings_json(analysis))
        return 0
    for finding in analysis.findings:
        print(f"{finding.kind:14} {finding.message}")
    if not analysis.findings:
        print("no findings")
    return 0


def print_series(analysis: Analysis, metric: str | None, *, as_json: bool) -> int:
    if as_json:  # written as it is made, as findings
        write_array(JsonStream(sys.stdout), series_json(analysis, metric))
        return 0
    shown = series_as_json(analysis, metric)
    for one in shown:
        since = f" since {one['period_start']}" if one["period_start"] else ""
        print(f"{one['metric']}{since} in {one['place'] or 'an unknown place'}:")
        for point in one["points"]:
            print(
                f"  {point['as_of'] or 'undated':10}  {point['label']:>18}"
                f"  {', '.join(point['claimants'])}{'  (stale)' if point['stale'] else ''}"
            )
        for band in one.get("band", []):
            print(f"  band {band['as_of']}: {band['message']}")
    return 0


def print_sources(db_path: Path, config: Config | None) -> int:
    """Each source with its health; the configured ones are listed even before a poll."""
    from app.cli.sources import print_source_health

    conn = open_database(db_path)
    try:
        print_source_health(conn, config, sys.stdout)  # this call's stdout, not the first one's
    finally:
        conn.close()
    return 0


def reparse(db_path: Path, config: Config | None) -> int:
    from app.ingest.reparse import describe_reparse, reparse_all
    from app.ingest.store import extraction_settings

    conn = open_database(db_path, create=False)
    try:
        report = reparse_all(conn, extraction_settings(config))
    finally:
        conn.close()
    print(describe_reparse(report))
    return 0


def export(db_path: Path, out: str | None, config: Config | None, fmt: str | None = None) -> int:
    if fmt is None:
        suffix = Path(out).suffix.lower().lstrip(".") if out else ""
        fmt = suffix if suffix in TABLE_FORMATS else "sqlite"
        if fmt == "sqlite" and out and _holds_other_data(Path(out)):
            raise UsageError(
                f"{out}: exists and is not an SQLite file; not overwritten"
                " (give --format csv or json, or another name)"
            )
    if out is None:
        folder = config.resolve(config.snapshots) if config else Path("snapshots")
        name = snapshot_file_name()
        out = folder / (name if fmt == "sqlite" else name.replace(".db", f".{fmt}"))
    conn = open_database(db_path, create=False)
    try:
        if fmt == "sqlite":
            written = export_snapshot(conn, out)
        else:
            written = export_figures_table(conn, out, fmt)
    except (OSError, sqlite3.Error) as error:
        raise UsageError(f"{out}: cannot write the export ({error})") from None
    finally:
        conn.close()
    what = "snapshot" if fmt == "sqlite" else f"figures ({fmt})"
    print(f"{what} written to {written}")
    return 0


def _holds_other_data(path: Path) -> bool:
    """A file a snapshot must not replace: one that is not empty and not SQLite."""
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except (FileNotFoundError, IsADirectoryError):
        return False
    except OSError:
        return True
    return bool(head) and head != b"SQLite format 3\x00"
