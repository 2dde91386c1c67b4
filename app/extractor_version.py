"""The extractor's version, apart from the extractor so that checking a database's stamp
(before the dashboard opens) does not load the extractor.

Raised whenever the extractor finds different figures in the same text: a database whose
figures come from an older version is read again once (app/ingest/reparse.py).
"""

from __future__ import annotations

import contextlib
import sqlite3

from storage.documents import has_documents
from storage.meta import extractor_version, stamp_extractor_version

EXTRACTOR_VERSION = 4


def is_outdated(conn: sqlite3.Connection) -> bool:
    """Whether the stored figures come from an older extractor than this one."""
    return extractor_version(conn) < EXTRACTOR_VERSION


def stamp_if_empty(conn: sqlite3.Connection) -> None:
    """A database that stores no document yet has nothing to read again: it is stamped with
    this version now (as a reparse of nothing would stamp it), so that a new database's first
    start does not load the extractor, yaml and pydantic before its screen to learn that."""
    if is_outdated(conn) and not has_documents(conn):
        with contextlib.suppress(sqlite3.Error):  # read-only: left to the usual path
            stamp_extractor_version(conn, EXTRACTOR_VERSION)
