"""The seed articles through the real extractor, storage's grouping and the analysis: the
findings the issue lists."""

from __future__ import annotations

import sqlite3

import pytest

from app.analysis import analyse, findings_as_json, series_as_json
from storage.figure_points import load_points
from storage.schema import FIGURE_COLUMNS, ensure_schema
from tests.conftest import SEED_DATES, SEEDS


def store_seeds(conn: sqlite3.Connection) -> None:
    extract = pytest.importorskip("app.extract").extract_figures
    ensure_schema(conn)
    columns = ", ".join(f'"{name}"' for name in FIGURE_COLUMNS)
    marks = ", ".join("?" for _ in FIGURE_COLUMNS)
    for name, day in SEED_DATES.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        document = conn.execute(
            "INSERT INTO documents (source, source_name, title, text, content_hash, date,"
            " date_basis, first_seen, updated_at) VALUES (?, 'Seed articles', '', ?, '', ?,"
            " 'configured', '2026-02-21T00:00:00Z', '2026-02-21T00:00:00Z')",
            (f"seeds/{name}", text, day),
        ).lastrowid
        for figure in extract(text, document_date=day):
            row = figure.as_row()
            conn.execute(
                f"INSERT INTO figures (document_id, {columns}) VALUES (?, {marks})",
                (document, *(row[column] for column in FIGURE_COLUMNS)),
            )


@pytest.fixture(scope="module")
def seeds_analysed():
    conn = sqlite3.connect(":memory:")
    store_seeds(conn)
    analysis = analyse(load_points(conn))
    conn.close()
    return analysis


def messages(analysis, kind: str) -> list[str]:
    return [item["message"] for item in findings_as_json(analysis) if item["kind"] == kind]


def test_jump_711_to_at_least_644_held(seeds_analysed):
    jumps = messages(seeds_analysed, "jump")
    assert any(m.startswith("711 -> at least 644 held: -67 (-9.4%), Foro Penal") for m in jumps)


def test_disagreement_448_held_against_more_than_600(seeds_analysed):
    found = messages(seeds_analysed, "disagreement")
    assert any("448 held" in m and "more than 600 held" in m for m in found)


def test_meaning_clash_of_448(seeds_analysed):
    (clash,) = [f for f in findings_as_json(seeds_analysed) if f["kind"] == "meaning_clash"]
    assert {point["metric"] for point in clash["points"]} == {"released", "held"}
    assert {point["label"] for point in clash["points"]} == {"448"}
    assert len(clash["sources"]) == 2


def test_released_since_8_january_is_one_rising_series(seeds_analysed):
    (since_january,) = [
        entry
        for entry in series_as_json(seeds_analysed, metric="released")
        if entry["period_start"] == "2026-01-08"
    ]
    assert [point["value"] for point in since_january["points"]] == [302, 340, 448]


def test_808_since_december_is_its_own_series_and_disagrees_with_302(seeds_analysed):
    released = series_as_json(seeds_analysed, metric="released")
    (december,) = [entry for entry in released if entry["period_start"] == "2025-12-01"]
    assert [point["value"] for point in december["points"]] == [808]
    (found,) = [m for m in messages(seeds_analysed, "disagreement") if "808" in m and "302" in m]
    assert "baselines" in found and "claimants" in found


def test_about_650_is_stale(seeds_analysed):
    assert any(m.startswith("about 650 held") for m in messages(seeds_analysed, "stale"))


def test_held_band_on_20_february(seeds_analysed):
    (held,) = series_as_json(seeds_analysed, metric="held")
    band = next(band for band in held["band"] if band["as_of"] == "2026-02-20")
    assert band["low"] == 644 and band["agreed"]
    # "at least 644, more than 600, about 650" -> 644 to about 680 (about is +-5 %)
    assert band["high"] == 682
    assert "meaning clash" in band["message"]
