"""Time the dashboard's analysis on 1,000,000 stored figures: load_points + analyse.

Builds a temporary database with the real schema: a few places, metrics and claimants, three
years of dates, each statement repeated by many documents (as the news repeats a count).
Ends with one line: `analysis_s=X`.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.analysis import Thresholds, analyse  # noqa: E402
from storage.figure_points import load_points, load_sources  # noqa: E402
from storage.schema import FIGURE_COLUMNS, ensure_schema  # noqa: E402

FIGURES = 1_000_000
FIGURES_PER_DOCUMENT = 5
SHOWN_FINDINGS = 50  # the newest findings, whose sources the dashboard shows
PLACES = ("Venezuela", "Nicaragua", "Cuba", "Belarus")
METRICS = ("held", "released", "arrested", "amnestied", "cases_total", "other")
# Who speaks how often (days between statements) and how far from the common count.
CLAIMANTS = {
    "Foro Penal": (3, 1.0),
    "unattributed": (10, 1.05),
    "government": (20, 0.6),
    "interior minister": (30, 1.4),
    "UN": (45, 0.95),
    "Amnesty International": (30, 1.1),
}
BASELINES = ("2026-01-08", "2025-12-01")
QUALIFIERS = ("exact", "exact", "exact", "at_least", "more_than", "about")
FIRST_DAY = date(2024, 1, 1)
DAYS = 3 * 365


def statements(rng: random.Random) -> list[tuple]:
    """Distinct statements: (place, metric, claimant, baseline, as_of, qualifier, value).

    Each place and metric has one underlying count, a random walk; each claimant states it
    now and then, with its own bias and a little noise, as real sources do.
    """
    result = []
    for place in PLACES:
        for metric in METRICS:
            truth = _walk(rng)
            for claimant, (every, bias) in CLAIMANTS.items():
                baseline = rng.choice(BASELINES) if metric == "released" else None
                for day in range(rng.randint(0, every), DAYS, every):
                    value = max(1, round(truth[day] * bias * rng.uniform(0.97, 1.03)))
                    as_of = (FIRST_DAY + timedelta(days=day)).isoformat()
                    qualifier = rng.choice(QUALIFIERS)
                    result.append((place, metric, claimant, baseline, as_of, qualifier, value))
    return result


def _walk(rng: random.Random) -> list[int]:
    level, levels = rng.randint(200, 2000), []
    for _day in range(DAYS):
        level = max(10, level + rng.randint(-10, 10))
        levels.append(level)
    return levels


def interval(qualifier: str, value: int) -> tuple[int | None, int | None]:
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "about":
        return round(value * 0.95), round(value * 1.05)
    return value, value


def figure_rows(statement: tuple, document_id: int) -> tuple:
    place, metric, claimant, baseline, as_of, qualifier, value = statement
    low, high = interval(qualifier, value)
    sentence = f"{claimant} says {value} people ({metric}) in {place}."
    row = dict(
        value=value, qualifier=qualifier, low=low, high=high, metric=metric,
        subject="political prisoners", place=place, claimant=claimant, as_of=as_of,
        period_start=baseline, stale=0, sentence=sentence, start=0, end=len(str(value)),
    )  # fmt: skip
    return (document_id, *(row[name] for name in FIGURE_COLUMNS))


def build(conn: sqlite3.Connection) -> None:
    rng = random.Random(5)
    ensure_schema(conn)
    said = statements(rng)
    documents = FIGURES // FIGURES_PER_DOCUMENT
    columns = ", ".join(f'"{name}"' for name in FIGURE_COLUMNS)
    marks = ", ".join("?" for _ in FIGURE_COLUMNS)
    with conn:
        conn.executemany(
            "INSERT INTO documents (id, source, source_name, title, text, content_hash, date,"
            " date_basis, first_seen, updated_at) VALUES (?, ?, 'bench', '', '', '', NULL,"
            " 'first_seen', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')",
            ((doc, f"https://news.example/{doc}") for doc in range(1, documents + 1)),
        )
        conn.executemany(
            f"INSERT INTO figures (document_id, {columns}) VALUES (?, {marks})",
            (figure_rows(rng.choice(said), 1 + n // FIGURES_PER_DOCUMENT) for n in range(FIGURES)),
        )
    conn.execute("ANALYZE")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "bench.db")
        started = time.perf_counter()
        build(conn)
        built_s = time.perf_counter() - started
        started = time.perf_counter()
        points = load_points(conn, with_sources=False)  # sources: only for what is shown
        loaded_s = time.perf_counter() - started
        analysis = analyse(points, Thresholds())
        shown = analysis.findings[-SHOWN_FINDINGS:]
        sources = load_sources(conn, [doc for finding in shown for doc in finding.documents])
        analysis_s = time.perf_counter() - started
        conn.close()
    print(
        f"# built in {built_s:.1f}s; {len(points)} points, load {loaded_s:.2f}s, "
        f"{len(analysis.series)} series, {len(analysis.findings)} findings, "
        f"{len(sources)} sources shown",
        file=sys.stderr,
    )
    print(f"analysis_s={analysis_s:.3f}")


if __name__ == "__main__":
    main()
