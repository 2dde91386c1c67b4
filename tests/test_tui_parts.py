"""Small parts of the screens: the chart's arithmetic, and how the table names a source."""

from __future__ import annotations

from app.tui.chart_drawing import latest_dates, whole_number_ticks
from tests.analysis_rows import analyse_stored, row


def test_ticks_are_whole_numbers_from_end_to_end_without_repeats() -> None:
    assert whole_number_ticks(200, 1095) == [200, 498, 797, 1095]
    assert whole_number_ticks(5, 6) == [5, 6]  # a narrow range repeats no tick
    assert whole_number_ticks(7, 7) == [7]


def figure(number: int, day: str) -> dict:
    return row(600 + number, as_of=day, source=f"doc{number}")


def test_only_the_latest_dates_are_plotted() -> None:
    rows = [figure(n, f"2026-01-{1 + n:02d}") for n in range(20)]
    points = [point for series in analyse_stored(rows).series for point in series.points]
    kept = latest_dates(points, 5)
    assert sorted({point.as_of for point in kept}) == [f"2026-01-{d}" for d in range(16, 21)]
    assert latest_dates(points, 50) == points


def test_the_table_names_a_web_page_by_its_feed_and_a_file_by_its_name() -> None:
    from app.tui.figures_table import source_label

    page = {"source": "https://elpitazo.net/politica/foro-penal-863/", "source_name": "El Pitazo"}
    assert source_label(page) == "El Pitazo"
    assert source_label({"source": "seeds/000_9f45dbe3429fb4d4.txt", "source_name": "Seeds"}) == (
        "000_9f45dbe3429fb4d4.txt"
    )


def test_a_band_that_only_a_vague_amount_bounds_is_not_drawn() -> None:
    from app.tui.chart_drawing import only_vague

    vague = {**figure(1, "2026-02-06"), "value": None, "qualifier": "vague", "low": 200,
             "high": 999}  # fmt: skip
    exact = figure(2, "2026-02-20")
    analysis = analyse_stored([vague, exact])
    bands = {band.as_of: band for bands in analysis.bands.values() for band in bands}
    assert only_vague(bands["2026-02-06"])
    assert not only_vague(bands["2026-02-20"])
