"""How many findings the analysis raises: about the current state, one per pair and window,
so that findings grow no faster than the claimants who part, not with every pair of figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.analysis import Thresholds
from tests.analysis_rows import analyse_stored, of_kind, row

START = date(2026, 2, 1)


def on(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def parting_claimants(n: int, m: int, *, same_day: bool = False) -> list[dict]:
    """n claimants each stating m exact figures within one week, no two of them equal, so every
    pair of figures from two claimants cannot both be true: (nm)^2 / 2 pairs of figures."""
    return [
        row(1000 * (i + 1) + 7 * j, as_of=on(0 if same_day else j), claimant=f"claimant {i}")
        for i in range(n)
        for j in range(m)
    ]


@pytest.mark.parametrize(("n", "m"), [(2, 1), (3, 4), (5, 6), (8, 7)])
def test_n_claimants_with_m_figures_in_one_window_give_one_disagreement_per_pair(n, m):
    found = of_kind(analyse_stored(parting_claimants(n, m)), "disagreement")
    assert len(found) == n * (n - 1) // 2
    pairs = {frozenset(point.claimant for point in finding.points) for finding in found}
    assert len(pairs) == len(found)  # each pair of claimants once


def test_each_pair_names_its_latest_figures():
    found = of_kind(analyse_stored(parting_claimants(3, 5)), "disagreement")
    latest_day = on(4)
    assert all(finding.as_of == latest_day for finding in found)
    for finding in found:
        assert {point.value % 1000 for point in finding.points} == {28}  # the fifth figure


def test_a_claimant_contradicting_itself_on_one_day_adds_one_finding_each():
    """All m figures on one day: each named claimant also parts from itself, once."""
    n, m = 4, 6
    found = of_kind(analyse_stored(parting_claimants(n, m, same_day=True)), "disagreement")
    selves = [f for f in found if f.points[0].claimant == f.points[1].claimant]
    assert len(selves) == n
    assert len(found) - len(selves) == n * (n - 1) // 2


def test_a_pair_parting_for_two_months_is_one_finding_and_agreeing_ends_it():
    rows = [row(500, as_of=on(day), claimant="A") for day in range(60)]
    rows += [row(900, as_of=on(day), claimant="B") for day in range(60)]
    assert len(of_kind(analyse_stored(rows), "disagreement")) == 1
    rows += [row(900, as_of=on(60), claimant="A"), row(400, as_of=on(61), claimant="A")]
    found = of_kind(analyse_stored(rows), "disagreement")
    assert len(found) == 2  # parted, agreed on day 60, parted again on day 61
    assert [point.value for point in found[1].points] == [900, 400]


def test_a_pair_silent_for_longer_than_the_window_parts_anew():
    rows = [row(500, as_of=on(0), claimant="A"), row(900, as_of=on(0), claimant="B")]
    rows += [row(500, as_of=on(30), claimant="A"), row(900, as_of=on(30), claimant="B")]
    assert len(of_kind(analyse_stored(rows), "disagreement")) == 2
    assert len(of_kind(analyse_stored(rows, Thresholds(window_days=31)), "disagreement")) == 1


def test_unattributed_figures_never_contradict_or_jump_by_themselves():
    rows = [row(100 * (k + 1), as_of=on(k // 3), claimant="unattributed") for k in range(12)]
    analysis = analyse_stored(rows)
    assert of_kind(analysis, "disagreement") == [] and of_kind(analysis, "jump") == []


def test_at_most_one_jump_per_day_a_claimant_speaks():
    rows = [row(value, as_of=on(day)) for day in range(5) for value in (500 + 100 * day, 2000)]
    # each day restates 2000, so the claimant's count did not move whichever reading is taken
    assert of_kind(analyse_stored(rows), "jump") == []
    rows = [row(500 + 100 * day + k, as_of=on(day)) for day in range(5) for k in range(4)]
    assert len(of_kind(analyse_stored(rows), "jump")) == 4


def test_a_repeated_meaning_clash_is_one_finding_per_window():
    rows = [row(448, "released", on(day)) for day in range(6)]
    rows += [row(448, "held", on(day)) for day in range(6)]
    assert len(of_kind(analyse_stored(rows), "meaning_clash")) == 1
    assert all(
        analyse_stored(rows).is_doubtful(point)
        for s in analyse_stored(rows).series
        for point in s.points
    )


def test_a_stream_of_changing_feeds_raises_findings_well_under_its_figures():
    """Ten claimants restating a moving count every day for two months."""
    rows = [
        row(600 + 13 * day + 40 * i + (day * i) % 9, as_of=on(day), claimant=f"group {i}")
        for day in range(60)
        for i in range(10)
    ]
    findings = analyse_stored(rows).findings
    assert len(findings) < len(rows) / 3


def test_each_finding_has_one_short_line_with_the_two_figures_and_the_change():
    rows = [
        row(711, as_of="2026-01-30"),
        row(448, as_of="2026-02-19"),
        row(600, as_of="2026-02-19", qualifier="more_than"),
        row(644, as_of="2026-02-20", qualifier="at_least"),
    ]
    briefs = [finding.brief for finding in analyse_stored(rows).findings]
    assert "held: 448 vs >600 (153 apart), both Foro Penal" in briefs
    assert "held: 711 -> 448 -263 (-37.0%), Foro Penal" in briefs
    assert all("\n" not in brief and len(brief) < 80 for brief in briefs)


def test_the_band_moving_to_other_claimants_is_a_jump():
    # Foro Penal's 700 ages out of the window; the UN's 900, ten days later, sets the band
    rows = [row(700, as_of=on(0)), row(900, as_of=on(10), claimant="UN")]
    (moved,) = of_kind(analyse_stored(rows), "jump")
    assert [point.value for point in moved.points] == [700, 900]
    assert moved.message.startswith("the best estimate of held moved: 700 (Foro Penal) -> 900 (UN)")
    assert moved.brief == "held band: 700 -> 900 +200 (+28.6%), UN (was Foro Penal)"


def test_one_claimant_moving_the_band_is_only_its_own_jump():
    rows = [row(700, as_of=on(0)), row(900, as_of=on(10))]
    (jump,) = of_kind(analyse_stored(rows), "jump")
    assert jump.brief == "held: 700 -> 900 +200 (+28.6%), Foro Penal"
