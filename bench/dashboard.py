"""Time the dashboard's first paint on 100,000 documents and 1,000,000 figures.

Builds (once, in its own process) a database with the real schema, then opens the dashboard
as `tallywatch` does, headless at 120x40 in a fresh process, and times from the launch what
a watcher waits after typing the command (the interpreter, imports, feeds.yaml read, the
database's extractor stamp checked, the extraction helpers started, then the screen):
- first_paint_s: the first frame showing the figures table's first page;
- full_paint_s: the first frame showing everything (the estimate, the chart, the findings);
- changed_config_paint_s: the first paint right after feeds.yaml was edited (validated with
  yaml and pydantic before the screen; a file the database knows is read after the paint).
A frame is one the app composes for the terminal. Memory is the process's peak resident size.
The floor, in the same run: an empty Textual app with a Header and a DataTable, launched the
same way, to its first frame. Each is the best of three fresh processes.
Ends with one line: `first_paint_s full_paint_s peak_mb first_paint_floor_s peak_floor_mb
changed_config_paint_s`, each `name=value`. `python bench/dashboard.py [DB]`: the database at
DB (built if missing) is kept.
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

NO_SOURCES = "sources:\n  - name: none\n    path: /nonexistent\n    enabled: false\n"
DOCUMENTS = 100_000
FIGURES = 1_000_000


def build(path: Path) -> None:
    """100,000 documents of ten figures each, shaped like bench/analysis.py's."""
    sys.path.insert(0, str(REPO / "bench"))
    from analysis import figure_rows, statements  # the same realistic spread of statements

    from app.extractor_version import EXTRACTOR_VERSION
    from storage import open_database
    from storage.meta import stamp_extractor_version
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
    stamp_extractor_version(conn, EXTRACTOR_VERSION)  # as a poll leaves it: nothing to read again
    conn.close()


def measure(path: Path, config_path: Path, changed: bool) -> None:
    """In a fresh process, the way `tallywatch` opens the dashboard (feeds.yaml checked, the
    database's extractor stamp checked, the extraction helpers started): the moments (wall
    clock, so the parent can count from the launch) of the first frame that shows the figures
    table's first page and of the first frame that shows everything (chart, findings,
    headline); then the peak memory. `changed`: feeds.yaml is edited first, so that it is
    validated before the screen (else, known to the database, it is read after the first
    paint)."""
    from app.cli.dashboard import prepare_dashboard

    if changed:
        with config_path.open("a", encoding="utf-8") as config:
            config.write(f"# edited {time.time()}\n")
    app = prepare_dashboard(path, config_path)
    from app.tui.figures_table import FiguresTable  # loaded with the app: no extra cost
    from app.tui.series_chart import SeriesChart

    moments = {}

    def painted() -> None:
        if "table" not in moments and app.query_one(FiguresTable).row_count:
            moments["table"] = time.time()
        if "all" not in moments and app.dashboard.data and app.query_one(SeriesChart).lines:
            moments["all"] = time.time()  # the first such frame, not a later one

    run_until_painted(app, painted, lambda: "all" in moments)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{moments['table']:.4f} {moments['all']:.4f} {peak_mb:.0f}")


def measure_empty() -> None:
    """The floor: an empty app with a Header and a DataTable, to its first frame."""
    from textual.app import App
    from textual.widgets import DataTable, Header

    class Empty(App):
        def compose(self):
            yield Header()
            yield DataTable()

    moments = []
    run_until_painted(Empty(), lambda: moments.append(time.time()), lambda: bool(moments))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{moments[0]:.4f} {moments[0]:.4f} {peak_mb:.0f}")


def run_until_painted(app, on_frame, done) -> None:
    """Run `app` headless at 120x40, calling `on_frame` after each frame it composes (what a
    terminal would be sent), until `done()`."""
    display = app._display

    def frame(screen, update) -> None:
        display(screen, update)
        if update is not None:
            on_frame()

    app._display = frame  # (observed, not changed: the frame is made as always)

    async def run() -> None:
        async with app.run_test(size=(120, 40)):
            while not done():
                await asyncio.sleep(0.005)

    asyncio.run(run())


def best_of_three(*args: str) -> tuple[float, float, str]:
    """Seconds from each launch to the two frames; the best run (the least disturbed)."""
    runs = []
    for _run in range(3):
        launched = time.time()
        out = subprocess.run(
            [sys.executable, __file__, *args], check=True, capture_output=True, text=True
        ).stdout.split()
        runs.append((float(out[0]) - launched, float(out[1]) - launched, out[2]))
    return min(runs)


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        return build(Path(sys.argv[2]))
    if sys.argv[1:2] == ["--measure"]:
        return measure(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4:5] == ["changed"])
    if sys.argv[1:2] == ["--empty"]:
        return measure_empty()
    kept = Path(sys.argv[1]) if sys.argv[1:] else None  # a database built before, reused
    with tempfile.TemporaryDirectory() as folder:
        path = kept or Path(folder) / "dashboard.db"
        if not path.exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--build", str(path)], check=True)
            print(f"# built in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        config = Path(folder) / "feeds.yaml"  # no source: the dashboard polls nothing
        config.write_text(NO_SOURCES, encoding="utf-8")
        changed, _, _ = best_of_three("--measure", str(path), str(config), "changed")
        table, everything, peak_mb = best_of_three("--measure", str(path), str(config))
        floor, _, peak_floor_mb = best_of_three("--empty")
    print(
        f"first_paint_s={table:.3f} full_paint_s={everything:.3f} peak_mb={peak_mb}"
        f" first_paint_floor_s={floor:.3f} peak_floor_mb={peak_floor_mb}"
        f" changed_config_paint_s={changed:.3f}"
    )


if __name__ == "__main__":
    main()
