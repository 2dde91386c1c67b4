"""The documents of a configured local source, with the date the page or feeds.yaml gives.

Reading the text for its own date and language is the extractor's, done on ingest
(app/ingest/dating.py): a source only hands over what it was told.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.config import SourceConfig
from app.model import Document, given_date
from app.sources.local_files import MAX_FILE_BYTES, LocalFile, ReadProblem, read_local_path


def local_documents(
    source: SourceConfig, base_dir: Path, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Document | ReadProblem]:
    resolved = Path(source.path).expanduser()
    if not resolved.is_absolute():
        resolved = base_dir / resolved
    for item in read_local_path(source.path, resolved, max_bytes):
        if isinstance(item, ReadProblem):
            yield item
            continue
        configured = source.dates.get(Path(item.source).name) or source.date
        yield to_document(item, source.name, configured and configured.isoformat(), source.language)


def to_document(
    item: LocalFile, source_name: str, configured_date: str | None, language: str | None
) -> Document:
    """A file as a document, with the date its page states, else the configured one."""
    date, basis = given_date(published=item.published, configured=configured_date)
    return Document(
        source=item.source,
        source_name=source_name,
        title=item.title or title_of(item.text),
        text=item.text,
        date=date,
        date_basis=basis,
        language=language,
        identity=item.identity,
    )


def title_of(text: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first_line if len(first_line) <= 120 else first_line[:119] + "…"
