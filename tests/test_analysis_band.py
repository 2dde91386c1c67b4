"""The best estimate of `held`: the band the sources' intervals leave at each date."""

from __future__ import annotations

from app.analysis import series_as_json
from tests.analysis_rows import analyse_stored, row


def bands(rows):
    (held,) = [entry for entry in series_as_json(analyse_stored(rows)) if entry["metric"] == "held"]
    return held["band"]


def test_band_intersects_open_and_about_intervals():
    rows = [
        row(644, qualifier="at_least"),
        row(600, qualifier="more_than"),
        row(650, qualifier="about", low=618, high=683, stale=True),
    ]
    (band,) = bands(rows)
    assert (band["low"], band["high"], band["agreed"]) == (644, 683, True)
    assert band["low_from"] == [rows[0]["id"]] and band["high_from"] == [rows[2]["id"]]
    assert "644 to 683 held on 20 Feb" in band["message"]
    assert "earlier estimate" in band["message"]


def test_band_leaves_out_a_meaning_clash_and_says_so():
    rows = [
        row(644, qualifier="at_least", as_of="2026-02-20"),
        row(448, as_of="2026-02-19"),
        row(448, "released", as_of="2026-02-20"),
    ]
    last = bands(rows)[-1]
    assert (last["low"], last["high"]) == (644, None)
    assert last["left_out"] == [rows[1]["id"]]
    assert "left out as doubtful (meaning clash): 448" in last["message"]


def test_band_takes_each_claimants_latest_in_the_window():
    rows = [row(711, as_of="2026-02-15"), row(690, as_of="2026-02-19")]
    assert [(band["low"], band["high"]) for band in bands(rows)] == [(711, 711), (690, 690)]


def test_band_of_disagreeing_sources_is_their_span():
    rows = [row(448, claimant="A"), row(711, claimant="B")]
    (band,) = bands(rows)
    assert (band["low"], band["high"], band["agreed"]) == (448, 711, False)
    assert band["message"].startswith("sources disagree on 20 Feb (448 to 711)")


def test_only_held_series_carry_a_band():
    entries = series_as_json(analyse_stored([row(302, "released"), row(711)]))
    assert {entry["metric"]: "band" in entry for entry in entries} == {
        "held": True,
        "released": False,
    }
