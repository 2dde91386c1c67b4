"""Time the output commands on 1,000,000 figures, each beside the floor of the same query.

Builds the database of bench/dashboard.py (100,000 documents, 1,000,000 figures), then runs
each command in a fresh process and, in the same run, its floor: the `sqlite3` shell running
the same SQL with the same output mode (`-json`, `-csv`), or for findings and series the
grouping SQL they read. Peak memory is each process's own maximum resident size (wait4).
Ends with one line of `name=value` pairs: `<measure>_s`, `<measure>_floor_s`, `<measure>_mb`.

`bench/export.py PATH [NAME ...]` keeps the database at PATH (built when missing) for repeated
runs, and measures only the named measures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from storage.figure_points import points_query  # noqa: E402
from storage.figures import PUBLIC_FIELDS  # noqa: E402
from storage.table_export import EXPORT_FIELDS  # noqa: E402


def measured(command: list[str], stdout_path: str = os.devnull) -> tuple[float, float]:
    """Run `command` to completion: its wall time in seconds and its peak resident MB."""
    with open(stdout_path, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, cwd=REPO / "bench", env=_env())
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:6]} failed with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "TALLYWATCH_CONFIG"}
    env["PYTHONPATH"] = str(REPO)
    return env


def cases(db: Path, folder: Path) -> list[tuple[str, list[str], str, list[str], str]]:
    """(name, tallywatch command, its output, floor command, floor output) of each measure."""
    tallywatch = [sys.executable, "-m", "app", "--db", str(db)]
    sqlite = [shutil.which("sqlite3") or "sqlite3", "-readonly"]
    listed = ", ".join(f'"{field}"' for field in PUBLIC_FIELDS)
    exported = ", ".join(f'"{field}"' for field in EXPORT_FIELDS)
    listing = f"SELECT {listed} FROM figures_view ORDER BY as_of IS NULL, as_of, document_id, start"
    table = f"SELECT {exported} FROM figures_view ORDER BY as_of IS NULL, as_of, id"
    grouping = points_query()[0]
    out = str(folder / "out")
    return [
        ("figures_json", [*tallywatch, "figures", "--json"], os.devnull,
         [*sqlite, "-json", str(db), listing], os.devnull),
        ("export_json", [*tallywatch, "export", "--format", "json", f"{out}.json"], os.devnull,
         [*sqlite, "-json", str(db), table], f"{out}.floor.json"),
        ("export_csv", [*tallywatch, "export", "--format", "csv", f"{out}.csv"], os.devnull,
         [*sqlite, "-csv", "-header", str(db), table], f"{out}.floor.csv"),
        ("findings_json", [*tallywatch, "findings", "--json"], os.devnull,
         [*sqlite, str(db), grouping], os.devnull),
        ("series_json", [*tallywatch, "series", "--json"], os.devnull,
         [*sqlite, str(db), grouping], os.devnull),
    ]  # fmt: skip


def main() -> None:
    kept = Path(sys.argv[1]) if sys.argv[1:] else None
    wanted = set(sys.argv[2:])
    with tempfile.TemporaryDirectory() as folder:
        db = kept or Path(folder) / "export.db"
        if not db.exists():
            started = time.perf_counter()
            build = [sys.executable, str(REPO / "bench" / "dashboard.py"), "--build", str(db)]
            subprocess.run(build, check=True)
            print(f"# built in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        figures: list[str] = []
        for name, command, output, floor_command, floor_output in cases(db, Path(folder)):
            if wanted and name not in wanted:
                continue
            floor_s, floor_mb = measured(floor_command, floor_output)
            seconds, peak_mb = measured(command, output)
            print(
                f"# {name}: {seconds:.2f}s {peak_mb:.0f}MB; floor {floor_s:.2f}s"
                f" {floor_mb:.0f}MB; ratio {seconds / floor_s:.2f}",
                file=sys.stderr,
            )
            figures += [
                f"{name}_s={seconds:.2f}",
                f"{name}_floor_s={floor_s:.2f}",
                f"{name}_mb={peak_mb:.0f}",
            ]
    print(" ".join(figures))


if __name__ == "__main__":
    main()
