"""One pass over sources: read documents, extract their figures, store both.

The data flows one way: source -> document -> figures -> storage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.config import Config, SourceConfig
from app.documents import Document
from app.extract import ExtractionSettings, detect_language, extract_figures, stated_document_date
from app.figures import Figure
from app.sources.local_files import LocalFile, ReadProblem, read_local_path
from storage import save_document


@dataclass
class StoredDocument:
    source: str
    outcome: str  # new, changed, unchanged
    figures: list[Figure]


@dataclass
class IngestReport:
    stored: list[StoredDocument] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def figures_added(self) -> int:
        return sum(len(d.figures) for d in self.stored if d.outcome != "unchanged")

    def count(self, outcome: str) -> int:
        return sum(1 for d in self.stored if d.outcome == outcome)


def extraction_settings(config: Config | None) -> ExtractionSettings:
    if config is None:
        return ExtractionSettings()
    topic = config.topic
    return ExtractionSettings(
        aliases=dict(topic.aliases), topic_terms=tuple(topic.terms), default_place=topic.place
    )


def local_documents(source: SourceConfig, base_dir: Path) -> Iterator[Document | ReadProblem]:
    """The documents of a configured local source, dated as the text or feeds.yaml says."""
    resolved = Path(source.path).expanduser()
    if not resolved.is_absolute():
        resolved = base_dir / resolved
    for item in read_local_path(source.path, resolved):
        if isinstance(item, ReadProblem):
            yield item
            continue
        configured = source.dates.get(Path(item.source).name) or source.date
        yield to_document(item, source.name, configured and configured.isoformat(), source.language)


def to_document(
    item: LocalFile, source_name: str, configured_date: str | None, language: str | None
) -> Document:
    """Date a file: a date line in the text wins, then feeds.yaml, then the day first seen."""
    stated = stated_document_date(item.text)
    if stated:
        date, basis = stated, "stated"
    elif configured_date:
        date, basis = configured_date, "configured"
    else:
        date, basis = datetime.now(UTC).date().isoformat(), "first_seen"
    return Document(
        source=item.source,
        source_name=source_name,
        title=title_of(item.text),
        text=item.text,
        date=date,
        date_basis=basis,
        language=language or detect_language(item.text),
    )


def title_of(text: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first_line if len(first_line) <= 120 else first_line[:119] + "…"


def store_documents(
    conn: sqlite3.Connection,
    items: Iterable[Document | ReadProblem],
    settings: ExtractionSettings,
) -> IngestReport:
    """Extract and store each document; problems are collected, never raised."""
    report = IngestReport()
    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            continue
        figures = extract_figures(item.text, item.date, settings)
        outcome = save_document(
            conn,
            {
                "source": item.source,
                "source_name": item.source_name,
                "title": item.title,
                "text": item.text,
                "date": item.date,
                "date_basis": item.date_basis,
                "language": item.language,
            },
            [figure.as_row() for figure in figures],
            item.content_hash,
        )
        report.stored.append(StoredDocument(item.source, outcome, figures))
    return report


def ingest_config(conn: sqlite3.Connection, config: Config) -> IngestReport:
    """One pass over the configured local sources (feeds come with the sources issue)."""
    settings = extraction_settings(config)
    report = IngestReport()
    for source in config.sources:
        if not source.enabled or source.path is None:
            continue
        part = store_documents(conn, local_documents(source, config.base_dir), settings)
        report.stored += part.stored
        report.problems += part.problems
    return report


def ingest_paths(conn: sqlite3.Connection, paths: list[str], config: Config | None) -> IngestReport:
    """One pass over files and folders given on the command line."""
    settings = extraction_settings(config)
    report = IngestReport()
    for given in paths:
        source = SourceConfig(name=given, path=given)
        if config is not None:
            source = _with_configured_dates(source, config)
        part = store_documents(conn, local_documents(source, Path.cwd()), settings)
        report.stored += part.stored
        report.problems += part.problems
    return report


def _with_configured_dates(source: SourceConfig, config: Config) -> SourceConfig:
    """A path given on the command line keeps the dates feeds.yaml records for its files."""
    dates = {}
    for configured in config.sources:
        dates.update(configured.dates)
    return source.model_copy(update={"dates": dates})
