"""`tallywatch ingest` and `tallywatch reparse`: read documents into the database, and read
the stored ones again with the current extractor."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.config_path import find_config_path
from app.ingest.passes import IngestReport, ingest_config, ingest_paths
from app.ingest.reparse import describe_reparse, progress_line, reparse_all, reparse_if_outdated
from app.ingest.store import StoredDocument, extraction_settings
from app.present import describe
from storage import open_database
from storage.documents import count_documents

if TYPE_CHECKING:
    from app.config import Config


def ingest(db_path: Path, paths: list[str], config: Config | None) -> int:
    from app.cli import UsageError

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


def reparse(db_path: Path, config: Config | None) -> int:
    conn = open_database(db_path, create=False)
    try:
        progress = progress_line(count_documents(conn), sys.stdout)
        report = reparse_all(conn, extraction_settings(config), progress)
    finally:
        conn.close()
    print(describe_reparse(report))
    return 0
