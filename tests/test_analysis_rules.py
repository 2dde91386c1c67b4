"""The analysis rules on figures built by hand: series, jump, disagreement, meaning clash,
stale, and their edges (open intervals, equal dates, one source, no figures)."""

from __future__ import annotations

from app.analysis import Thresholds, findings_as_json, series_as_json
from tests.analysis_rows import analyse_stored, of_kind, row


def test_no_figures_gives_nothing():
    analysis = analyse_stored([])
    assert analysis.series == [] and analysis.findings == []
    assert series_as_json(analysis) == [] and findings_as_json(analysis) == []


def test_one_figure_is_one_series_without_findings():
    analysis = analyse_stored([row(711, as_of="2026-01-30")])
    (series,) = analysis.series
    assert (series.place, series.metric, series.period_start) == ("Venezuela", "held", None)
    assert [point.value for point in series.points] == [711]
    assert analysis.findings == []


def test_repeated_figure_is_one_point_with_several_sources():
    rows = [row(711, source="a.txt"), row(711, source="b.txt"), row(711, source="b.txt")]
    (series,) = analyse_stored(rows).series
    (point,) = series.points
    assert point.figures == [rows[0]["id"], rows[1]["id"], rows[2]["id"]]
    assert sorted(point.sources) == ["a.txt", "b.txt"]


def test_baselines_make_separate_series():
    rows = [
        row(302, "released", "2026-01-30", period_start="2026-01-08"),
        row(808, "released", "2026-01-30", period_start="2025-12-01", claimant="minister"),
    ]
    series = analyse_stored(rows).series
    assert [(one.period_start, [p.value for p in one.points]) for one in series] == [
        ("2025-12-01", [808]),
        ("2026-01-08", [302]),
    ]


def test_figure_without_baseline_joins_its_claimants_baseline():
    rows = [
        row(302, "released", "2026-01-30", period_start="2026-01-08"),
        row(340, "released", "2026-02-06", qualifier="at_least"),
        row(448, "released", "2026-02-20", period_start="2026-01-08"),
        row(643, "released", "2026-01-30", claimant="attorney general"),
    ]
    series = {one.period_start: one for one in analyse_stored(rows).series}
    assert [p.value for p in series["2026-01-08"].points] == [302, 340, 448]
    assert series["2026-01-08"].points[1].baseline_inferred
    assert [p.value for p in series[None].points] == [643]  # no baseline of its own


def test_jump_names_values_change_claimant_and_dates():
    rows = [row(711, as_of="2026-01-30"), row(644, as_of="2026-02-20", qualifier="at_least")]
    (jump,) = of_kind(analyse_stored(rows), "jump")
    assert jump.message.startswith(
        "711 -> at least 644 held: -67 (-9.4%), Foro Penal, 30 Jan -> 20 Feb"
    )
    assert jump.figures == [rows[0]["id"], rows[1]["id"]]


def test_small_move_is_no_jump_and_share_is_configurable():
    rows = [row(700, as_of="2026-01-01"), row(720, as_of="2026-01-20")]
    assert of_kind(analyse_stored(rows), "jump") == []
    assert len(of_kind(analyse_stored(rows, Thresholds(jump_share=0.02)), "jump")) == 1


def test_rounder_statement_is_superseded_within_the_window():
    rows = [
        row(711, as_of="2026-01-30"),
        row(600, as_of="2026-02-19", qualifier="more_than"),
        row(644, as_of="2026-02-20", qualifier="at_least"),
    ]
    jumps = [(j.points[0].value, j.points[1].value) for j in of_kind(analyse_stored(rows), "jump")]
    assert jumps == [(711, 644)]


def test_stale_point_is_no_jump_and_is_flagged():
    rows = [
        row(711, as_of="2026-01-30"),
        row(650, as_of="2026-02-20", qualifier="about", low=618, high=683, stale=True),
    ]
    analysis = analyse_stored(rows)
    assert of_kind(analysis, "jump") == []
    (stale,) = of_kind(analysis, "stale")
    assert "about 650 held (Foro Penal, 20 Feb) is an earlier estimate" in stale.message


def test_disagreement_on_the_same_day_from_one_claimant():
    rows = [row(448, as_of="2026-02-19"), row(600, as_of="2026-02-19", qualifier="more_than")]
    (found,) = of_kind(analyse_stored(rows), "disagreement")
    assert "448 held" in found.message and "more than 600 held" in found.message
    assert "Foro Penal states both" in found.message


def test_open_intervals_that_overlap_do_not_disagree():
    rows = [
        row(644, qualifier="at_least", claimant="A"),
        row(600, qualifier="more_than", claimant="B"),
        row(700, qualifier="at_most", claimant="C"),
    ]
    assert of_kind(analyse_stored(rows), "disagreement") == []


def test_at_most_against_at_least_disagrees_across_claimants():
    rows = [row(500, qualifier="fewer_than", claimant="A"), row(500, claimant="B")]
    (found,) = of_kind(analyse_stored(rows), "disagreement")
    assert "the claimants differ (A vs B)" in found.message


def test_disagreement_explains_different_baselines_and_claimants():
    rows = [
        row(808, "released", "2026-01-30", period_start="2025-12-01", claimant="interior minister"),
        row(302, "released", "2026-01-30", period_start="2026-01-08"),
    ]
    (found,) = of_kind(analyse_stored(rows), "disagreement")
    assert "since 1 Dec 2025" in found.message and "since 8 Jan 2026" in found.message
    assert "baselines" in found.message and "claimants" in found.message


def test_disagreement_needs_the_window():
    rows = [row(448, as_of="2026-02-01", claimant="A"), row(711, as_of="2026-02-09", claimant="B")]
    assert of_kind(analyse_stored(rows), "disagreement") == []
    assert len(of_kind(analyse_stored(rows, Thresholds(window_days=8)), "disagreement")) == 1


def test_one_claimant_moving_over_time_is_not_a_disagreement():
    rows = [row(302, "released", "2026-01-30"), row(340, "released", "2026-02-02")]
    assert of_kind(analyse_stored(rows), "disagreement") == []


def test_meaning_clash_needs_same_claimant_value_and_window():
    rows = [
        row(448, "released", "2026-02-20", source="000.txt", sentence="448 releases"),
        row(448, "held", "2026-02-19", source="001.txt", sentence="448 remain in custody"),
        row(448, "arrested", "2026-02-19", claimant="unattributed"),
        row(448, "amnestied", "2026-03-30"),
    ]
    analysis = analyse_stored(rows)
    (clash,) = of_kind(analysis, "meaning_clash")
    assert {point.metric for point in clash.points} == {"released", "held"}
    assert '"448 releases"' in clash.message and '"448 remain in custody"' in clash.message
    assert sorted(clash.sources) == ["000.txt", "001.txt"]
    assert all(analysis.is_doubtful(point) for point in clash.points)


def test_undated_figures_stay_in_series_but_raise_nothing():
    rows = [row(711, as_of=None), row(448, as_of=None, claimant="B")]
    analysis = analyse_stored(rows)
    assert len(analysis.series[0].points) == 2 and analysis.findings == []


def test_findings_are_stable_and_new_figures_do_not_rename_old_ones():
    rows = [
        row(711, as_of="2026-01-30"),
        row(644, as_of="2026-02-20", qualifier="at_least"),
        row(900, as_of="2026-02-20", claimant="B"),
    ]
    first = findings_as_json(analyse_stored(rows))
    assert first == findings_as_json(analyse_stored(list(reversed(rows))))
    later = findings_as_json(analyse_stored([*rows, row(100, as_of="2026-03-20", claimant="C")]))
    assert later[: len(first)] == first
    assert len({finding["key"] for finding in later}) == len(later)
