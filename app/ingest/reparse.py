"""`tallywatch reparse`: read every stored document again with the current extractor.

After the extractor improves, the figures already stored were found by the old one; this
brings them up to date document by document (each in its own transaction), without fetching
anything. Unchanged figures keep their ids (see storage/figure_sync.py). The database records
the extractor version its figures come from, so that `ingest`, `watch` and the dashboard read
the documents again by themselves, once, after an upgrade.
A large database is read in the extraction pool's worker processes, a few batches ahead of
the writes, so that the extractor runs on every core while this process stores.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TextIO

from app.extract import ExtractionSettings, extract_figures
from app.extractor_version import EXTRACTOR_VERSION, is_outdated
from app.ingest.extraction_pool import BATCH, figures_of, portable, sent_elsewhere
from app.model import Figure
from storage.documents import count_documents, iter_documents
from storage.figure_sync import update_figures
from storage.meta import stamp_extractor_version

# A large database takes minutes to read again: a line every this many documents says how far.
PROGRESS_EVERY = 2000
# From this many documents, the worker processes read them (starting them takes tenths of a
# second; a few documents are read here sooner); batches sent ahead of the one awaited, so
# that every worker is busy while this process stores.
WORKERS_FROM = 200
AHEAD = 4


@dataclass
class ReparseReport:
    documents: int = 0
    changed: int = 0  # documents whose figures are not what they were
    before: int = 0
    after: int = 0
    kept: int = 0  # figures left as they were, ids and all
    relabelled: int = 0  # figures at the same place with other labels: same id, updated
    added: int = 0
    removed: int = 0


def reparse_all(
    conn: sqlite3.Connection,
    settings: ExtractionSettings,
    on_progress: Callable[[int], None] | None = None,
    every: int = PROGRESS_EVERY,
) -> ReparseReport:
    """Read every stored document again; `on_progress(n)` after each `every` documents."""
    report = ReparseReport()
    workers = count_documents(conn) >= WORKERS_FROM
    for seen, (document, found) in enumerate(read_again(conn, settings, workers), start=1):
        if on_progress is not None and seen % every == 0:
            on_progress(seen)
        changes = update_figures(conn, document, [figure.as_row() for figure in found])
        if changes is None:  # changed meanwhile, and stored with its new figures
            continue
        report.documents += 1
        report.before += changes.kept + changes.relabelled + changes.removed
        report.after += len(found)
        report.kept += changes.kept
        report.relabelled += changes.relabelled
        report.added += changes.added
        report.removed += changes.removed
        report.changed += changes.changed
    stamp_extractor_version(conn, EXTRACTOR_VERSION)
    return report


def read_again(
    conn: sqlite3.Connection, settings: ExtractionSettings, workers: bool
) -> Iterator[tuple[dict, list[Figure]]]:
    """Each stored document, in order, with the figures the extractor finds in it now: read
    in worker processes if `workers`, else here."""
    if not workers:
        for document in iter_documents(conn):
            text, date, language = _text(document)
            yield document, extract_figures(text, date, settings, language)
        return
    sent: deque = deque()
    documents, sendable = iter_documents(conn), portable(settings)
    while batch := list(islice(documents, BATCH)):
        texts = [_text(document) for document in batch]
        sent.append((batch, sent_elsewhere(figures_of, texts, sendable)))
        if len(sent) > AHEAD:
            yield from _with_figures(*sent.popleft())
    while sent:
        yield from _with_figures(*sent.popleft())


def _text(document: dict) -> tuple[str, str | None, str | None]:
    return document["text"], document["date"], document.get("language")


def _with_figures(batch: list[dict], figures: Callable[[], list[list[Figure]]]):
    return zip(batch, figures(), strict=True)


def reparse_if_outdated(
    conn: sqlite3.Connection,
    settings: ExtractionSettings,
    out: TextIO | None = None,
    every: int = PROGRESS_EVERY,
) -> ReparseReport | None:
    """After an extractor upgrade, read the stored documents again once, saying so on `out`
    (standard output by default), with a line every `every` documents."""
    if not is_outdated(conn):
        return None
    out = out or sys.stdout
    total = count_documents(conn)
    if total:
        print(
            f"reparse   the extractor is now version {EXTRACTOR_VERSION}:"
            f" reading the {total:,} stored documents again",
            file=out,
            flush=True,
        )
    report = reparse_all(conn, settings, progress_line(total, out), every)
    if report.documents:
        print(f"reparse   {describe_reparse(report)}", file=out, flush=True)
    return report


def progress_line(total: int, out: TextIO) -> Callable[[int], None]:
    """What `reparse_all` calls to say how far it is, on `out`."""

    def progress(seen: int) -> None:
        print(f"reparse   {seen:,} of {total:,} documents read again…", file=out, flush=True)

    return progress


def describe_reparse(report: ReparseReport) -> str:
    return (
        f"{report.documents} documents read again, {report.changed} with new figures;"
        f" {report.before} figures before, {report.after} now ({report.kept} kept,"
        f" {report.relabelled} relabelled, {report.added} added, {report.removed} removed)"
    )
