"""Query rows as CSV lines, made on both cores: a second process writes the later part.

Python's part of a CSV export (a tuple per row, the csv writer) holds the GIL, so a thread
gains nothing; a child process that runs the later part of the order into a file of its own,
appended when this process has written the earlier part, halves the time on two cores.

Both parts must read the same database: the child's read transaction starts after this
one's, so a commit by another connection in between would give parts from two states. This
process reads `PRAGMA data_version` inside its transaction and again after both parts are
written; if it changed, the caller writes the export again in one part.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from storage.database import database_path, open_database
from storage.json_rows import BATCH

COPY_BUFFER = 1 << 20
PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # where the child finds `storage`


def write_rows(conn: sqlite3.Connection, out: TextIO, sql: str, params=()) -> None:
    """Row by row from a cursor: tuples straight into the C csv writer."""
    writer = csv.writer(out)  # as csv.DictWriter wrote it: the same quoting and line ends
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, params)
    while rows := cursor.fetchmany(BATCH):
        writer.writerows(rows)


def free_cores() -> int:
    """The cores this process may run on, less those other work keeps busy now.

    Measured (bench/export.py): with one of two cores busy, the two parts take longer than
    one. The busy ones are the other runnable tasks of /proc/loadavg, the fewest of three
    looks a millisecond apart, so that a process passing by does not count.
    """
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    try:
        others = max(min(_runnable(look) for look in range(3)) - 1, 0)  # less this process
    except (OSError, ValueError, IndexError):
        return cores  # not Linux: no measure of the load, the cores as they are
    return max(cores - others, 0)


def _runnable(look: int) -> int:
    if look:
        time.sleep(0.001)
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return int(loadavg.read().split()[3].split("/")[0])


def write_in_two_parts(conn: sqlite3.Connection, out: TextIO, first, second) -> bool:
    """Write the rows of `first` then of `second` ((sql, params) each) to `out`, the second
    by a child process; False if the database changed meanwhile (`out` then holds a mix)."""
    later = Path(out.name).with_name(f".{Path(out.name).name}.later")
    try:
        if not _first_beside_child(conn, out, first, second, later):
            return False
        out.flush()
        with open(later, "rb") as part:
            shutil.copyfileobj(part, out.buffer, COPY_BUFFER)
        return True
    finally:
        later.unlink(missing_ok=True)


def _first_beside_child(conn: sqlite3.Connection, out: TextIO, first, second, later) -> bool:
    """Write `first` to `out` while a child writes `second` to the file `later`: whether both
    read the same state of the database."""
    conn.execute("BEGIN")  # one snapshot for `first`, and its data_version
    try:
        version = _data_version(conn)
        child = _start_child(database_path(conn), second, later)
        try:
            write_rows(conn, out, *first)
            _wait(child)
        finally:
            child.kill()  # only if this process failed first; a no-op once it has ended
            child.wait()
    finally:
        conn.commit()  # ends the read transaction: data_version sees commits since
    return _data_version(conn) == version


def _data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


def _start_child(db: Path, query, out: Path) -> subprocess.Popen:
    # PYTHONPATH: the child imports this package even from a checkout that is not installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )}  # fmt: skip
    command = [sys.executable, "-m", "storage.csv_parts", str(db), str(out), json.dumps(query)]
    quiet = subprocess.DEVNULL
    return subprocess.Popen(command, env=env, stdin=quiet, stdout=quiet, stderr=subprocess.PIPE)


def _wait(child: subprocess.Popen) -> None:
    _, errors = child.communicate()
    if child.returncode:  # its traceback's last line: the export's error fits one line
        last = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise OSError(f"the CSV writer process failed: {last[0]}")


def main(db: str, out: str, query: str) -> None:
    """The child: the rows of `query` ([sql, params] as JSON) as CSV lines in `out`."""
    sql, params = json.loads(query)
    conn = open_database(db, create=False)
    try:
        with open(out, "w", encoding="utf-8", newline="", buffering=COPY_BUFFER) as file:
            write_rows(conn, file, sql, params)
    finally:
        conn.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
