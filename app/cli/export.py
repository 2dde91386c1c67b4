"""`tallywatch export`: a consistent SQLite snapshot, or the figures table as CSV or JSON."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import UsageError
from storage import export_snapshot, open_database, snapshot_file_name
from storage.table_export import FORMATS as TABLE_FORMATS
from storage.table_export import export_figures_table

if TYPE_CHECKING:
    from app.config import Config


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
