"""The headline on figures built by hand: the held band with the figure that bounds it, its
date and freshness; vague and stale figures never stand as the headline."""

from __future__ import annotations

from datetime import date

from app.analysis.headline import age, headline
from tests.analysis_rows import analyse_stored, row

TODAY = date(2026, 2, 21)


def test_the_held_band_its_claimant_date_freshness_and_sources() -> None:
    rows = [
        row(711, as_of="2026-01-30", source="004.txt"),
        row(600, as_of="2026-02-19", qualifier="more_than", source="001.txt"),
        row(644, as_of="2026-02-20", qualifier="at_least", source="000.txt"),
        row(650, as_of="2026-02-20", qualifier="about", low=618, high=683, stale=True,
            source="002.txt"),
    ]  # fmt: skip
    said = headline(analyse_stored(rows), TODAY, 7)
    assert said.held == "held 644–683 · Foro Penal ≥644, 20 Feb · yesterday · 3 sources in 7 days"
    assert said.claimants == "newest: Foro Penal ≥644 held 20 Feb"


def test_a_vague_amount_never_stands_as_the_headline() -> None:
    rows = [
        row(711, as_of="2026-01-30"),
        row(None, as_of="2026-02-20", qualifier="vague", low=200, high=999, claimant="B"),
    ]
    said = headline(analyse_stored(rows), TODAY, 7)
    assert said.held.startswith("held 711 · Foro Penal 711, 30 Jan · 22 days ago")
    assert "200" not in said.held and "B " not in said.claimants


def test_a_stale_figure_alone_is_no_headline_figure() -> None:
    rows = [row(650, as_of="2026-02-20", qualifier="about", low=618, high=683, stale=True)]
    assert headline(analyse_stored(rows), TODAY, 7).held == "held: no figure yet"


def test_other_metrics_show_their_newest_figure_with_its_baseline() -> None:
    rows = [
        row(302, "released", "2026-01-30", period_start="2026-01-08"),
        row(448, "released", "2026-02-20", period_start="2026-01-08"),
        row(379, "amnestied", "2026-02-20", claimant="authorities"),
        row(2000, "arrested", "2024-12-31", qualifier="more_than", claimant="unattributed"),
    ]
    said = headline(analyse_stored(rows), TODAY, 7)
    assert said.metrics == (
        "released 448 since 8 Jan (Foro Penal, 20 Feb) · amnestied 379 (authorities, 20 Feb)"
        " · arrested >2,000 (unattributed, 31 Dec 2024)"
    )
    assert said.held == "held: no figure yet"


def test_freshness_in_words() -> None:
    assert age("2026-02-21", TODAY) == "today"
    assert age("2026-02-11", TODAY) == "10 days ago"
    assert age("2025-05-21", TODAY) == "9 months ago"
    assert age("2023-02-01", TODAY) == "3 years ago"
    assert age(None, TODAY) == "undated"
