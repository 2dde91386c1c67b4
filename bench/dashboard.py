"""Time the dashboard's first full paint on 100,000 documents and 1,000,000 figures.

Builds (once, in its own process) a database with the real schema, then starts the real
app headless at 120x40 in a fresh process and waits until the chart, findings and the
first page of the table are on screen. Memory is that process's peak resident size.
The floor, in the same run: an empty Textual app with a Header and a DataTable, started
and painted the same way. Each is the best of three fresh processes.
Ends with one line: `first_paint_s peak_mb first_paint_floor_s peak_floor_mb`, `name=value`.
`python bench/dashboard.py [DB]`: the database at DB, built there if missing, is kept.
"""

from __future__ import annotations

import asyncio
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DOCUMENTS = 100_000
FIGURES = 1_000_000


def build(path: Path) -> None:
    """100,000 documents of ten figures each, shaped like bench/analysis.py's."""
    sys.path.insert(0, str(REPO / "bench"))
    from analysis import figure_rows, statements  # the same realistic spread of statements

    from storage import open_database
    from storage.schema import FIGURE_COLUMNS

    rng = random.Random(7)
    said = statements(rng)
    conn = open_database(path)
    per_document = FIGURES // DOCUMENTS
    columns = ", ".join(f'"{name}"' for name in FIGURE_COLUMNS)
    marks = ", ".join("?" for _ in FIGURE_COLUMNS)
    text = "Foro Penal says 644 political prisoners remain in jail. " * 40
    with conn:
        conn.executemany(
            "INSERT INTO documents (id, source, source_name, title, text, content_hash, date,"
            " date_basis, language, first_seen, updated_at) VALUES (?, ?, ?, ?, ?, '', NULL,"
            " 'published', 'en', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')",
            (
                (doc, f"https://news.example/{doc}", f"Feed {doc % 40}", f"Article {doc}", text)
                for doc in range(1, DOCUMENTS + 1)
            ),
        )
        conn.executemany(
            f"INSERT INTO figures (document_id, {columns}) VALUES (?, {marks})",
            (figure_rows(rng.choice(said), 1 + n // per_document) for n in range(FIGURES)),
        )
    conn.execute("ANALYZE")
    conn.close()


def measure(path: Path) -> None:
    """In a fresh process: start to the first full paint, and the peak memory."""
    started = time.perf_counter()
    from app.config import parse_config
    from app.tui.app import TallywatchApp
    from app.tui.figures_table import FiguresTable

    config = parse_config("sources:\n  - name: none\n    path: /nonexistent\n    enabled: false\n")

    async def run() -> float:
        app = TallywatchApp(db_path=path, config=config, poll_on_start=False)
        async with app.run_test(size=(120, 40)) as pilot:
            while app.dashboard.data is None or not app.query_one(FiguresTable).row_count:
                await asyncio.sleep(0.01)
            await pilot.pause()  # the refresh that paints what arrived
            return time.perf_counter() - started

    first_paint_s = asyncio.run(run())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{first_paint_s:.3f} {peak_mb:.0f}")


def measure_empty() -> None:
    """The floor: an empty app with a Header and a DataTable, to its first paint."""
    started = time.perf_counter()
    from textual.app import App
    from textual.widgets import DataTable, Header

    class Empty(App):
        def compose(self):
            yield Header()
            yield DataTable()

    async def run() -> float:
        async with Empty().run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return time.perf_counter() - started

    first_paint_s = asyncio.run(run())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{first_paint_s:.3f} {peak_mb:.0f}")


def best_of_three(*args: str) -> list[str]:
    runs = [
        subprocess.run(
            [sys.executable, __file__, *args], check=True, capture_output=True, text=True
        ).stdout.split()
        for _run in range(3)
    ]
    return min(runs, key=lambda run: float(run[0]))


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        return build(Path(sys.argv[2]))
    if sys.argv[1:2] == ["--measure"]:
        return measure(Path(sys.argv[2]))
    if sys.argv[1:2] == ["--empty"]:
        return measure_empty()
    kept = Path(sys.argv[1]) if sys.argv[1:] else None  # a database built before, reused
    with tempfile.TemporaryDirectory() as folder:
        path = kept or Path(folder) / "dashboard.db"
        if not path.exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--build", str(path)], check=True)
            print(f"# built in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        out = best_of_three("--measure", str(path))
        floor = best_of_three("--empty")
    print(
        f"first_paint_s={out[0]} peak_mb={out[1]}"
        f" first_paint_floor_s={floor[0]} peak_floor_mb={floor[1]}"
    )


if __name__ == "__main__":
    main()
