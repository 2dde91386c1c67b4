"""The extractor's version, apart from the extractor so that checking a database's stamp
(before the dashboard opens) does not load the extractor.

Raised whenever the extractor finds different figures in the same text: a database whose
figures come from an older version is read again once (app/ingest/reparse.py).
"""

from __future__ import annotations

import sqlite3

from storage.meta import extractor_version

EXTRACTOR_VERSION = 4


def is_outdated(conn: sqlite3.Connection) -> bool:
    """Whether the stored figures come from an older extractor than this one."""
    return extractor_version(conn) < EXTRACTOR_VERSION
