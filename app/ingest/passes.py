"""One pass over sources: read documents, extract their figures, store both.

The data flows one way: source -> document -> figures -> storage. `ingest_config` polls the
configured sources once (local files first, on the caller's connection; then the feeds side
by side, each on its own), honouring any Retry-After or backoff stored by an earlier poll.
The report counts what was stored and hands each document to `show` as it comes, keeping
none: memory stays flat however many files or figures a pass reads.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.config import Config, SourceConfig, source_row
from app.ingest.poll import PollResult, poll_source, poll_sources
from app.ingest.store import StoredDocument, extraction_settings, store_document
from app.sources.http_fetch import Fetcher, FetchLimits, fetch_limits
from app.sources.local_documents import local_documents
from app.sources.local_files import MAX_FILE_BYTES, ReadProblem
from storage.database import database_path
from storage.polls import register_sources


@dataclass
class IngestReport:
    show: Callable[[StoredDocument], None] | None = None  # each document, as it is stored
    outcomes: Counter = field(default_factory=Counter)  # new, changed, unchanged
    figures_added: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    polls: list[PollResult] = field(default_factory=list)  # without their documents

    @property
    def documents(self) -> int:
        return sum(self.outcomes.values())

    def count(self, outcome: str) -> int:
        return self.outcomes[outcome]

    def add_document(self, document: StoredDocument) -> None:
        self.outcomes[document.outcome] += 1
        if document.outcome != "unchanged":
            self.figures_added += len(document.figures)
        if self.show is not None:
            self.show(document)

    def add_poll(self, result: PollResult) -> None:
        for document in result.stored:
            self.add_document(document)
        self.polls.append(replace(result, stored=[]))
        self.problems += result.problems


def ingest_config(
    conn: sqlite3.Connection,
    config: Config,
    limits: FetchLimits | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """One poll of every enabled source. Offline, feeds fail within their time limit."""
    register_sources(conn, [source_row(source) for source in config.sources])
    enabled = [source for source in config.sources if source.enabled]
    report = report or IngestReport()
    with Fetcher(limits or fetch_limits(config)) as fetcher:
        for source in enabled:
            if source.path is not None:
                report.add_poll(poll_source(conn, source, config, fetcher))
        feeds = [source for source in enabled if source.url is not None]
        for result in poll_sources(database_path(conn), feeds, config, fetcher):
            report.add_poll(result)
    return report


def ingest_paths(
    conn: sqlite3.Connection,
    paths: list[str],
    config: Config | None,
    report: IngestReport | None = None,
) -> IngestReport:
    """One pass over files and folders given on the command line (not recorded as polls)."""
    settings = extraction_settings(config)
    report = report or IngestReport()
    for given in paths:
        max_bytes = config.files.max_bytes if config else MAX_FILE_BYTES
        for item in local_documents(_source_for(given, config), Path.cwd(), max_bytes):
            if isinstance(item, ReadProblem):
                report.problems.append(item)
            else:
                report.add_document(store_document(conn, item, settings))
    return report


def _source_for(given: str, config: Config | None) -> SourceConfig:
    """A path given on the command line: the configured source it names (so its documents
    keep that source's name and dates), else a source of its own that keeps the dates
    feeds.yaml records for its files."""
    source = SourceConfig(name=given, path=given)
    if config is None:
        return source
    wanted = Path(given).resolve()
    for configured in config.sources:
        if configured.path and config.resolve(configured.path).resolve() == wanted:
            return configured.model_copy(update={"path": given})
    dates = {}
    for configured in config.sources:
        dates.update(configured.dates)
    return source.model_copy(update={"dates": dates})
