"""Breakdowns and repeated mentions on real SQLite files: saved with their totals' ids, shown
and exported, never in a series or a finding."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest

from app.model import Figure
from storage import list_figures, open_database, save_document
from storage.figure_points import load_points

TEXT = (
    "807 political prisoners, says Foro Penal. Foro Penal counts 807 political prisoners:"
    " 712 of the detainees are men and 95 are women."
)
TOTAL = TEXT.index("807", 10)  # the body's mention; the headline's is the other place
MEN, WOMEN = TEXT.index("712"), TEXT.index("95")


def held(value: int, start: int, **changes) -> Figure:
    figure = Figure(
        value=value, qualifier="exact", low=value, high=value, metric="held",
        subject="political prisoners", place="Venezuela", claimant="Foro Penal",
        as_of="2026-02-20", period_start=None, sentence=TEXT, start=start,
        end=start + len(str(value)),
    )  # fmt: skip
    return replace(figure, **changes)


# The parts first: saving must not depend on the total coming before its parts.
FIGURES = [
    held(712, MEN, subject="detainees", part_of_start=TOTAL, subgroup="men"),
    held(95, WOMEN, subject="detainees", part_of_start=TOTAL, subgroup="women"),
    held(807, TOTAL, mentions=((0, 3),)),
]


@pytest.fixture
def stored(db_path):
    """The database, with the document and its total and parts saved; by value, the ids."""
    conn = open_database(db_path)
    document = {
        "source": "seeds/807.txt", "source_name": "Seeds", "title": "807", "text": TEXT,
        "date": "2026-02-20", "date_basis": "configured", "language": "en",
    }  # fmt: skip
    save_document(conn, document, [figure.as_row() for figure in FIGURES], "h")
    ids = {figure["value"]: figure["id"] for figure in list_figures(conn)}
    conn.close()
    return ids


def test_parts_are_saved_with_their_totals_id_group_and_mentions(db_path, stored) -> None:
    conn = open_database(db_path)
    rows = {row["value"]: row for row in conn.execute("SELECT * FROM figures_view")}
    assert rows[712]["part_of"] == rows[95]["part_of"] == stored[807]
    assert (rows[712]["subgroup"], rows[95]["subgroup"]) == ("men", "women")
    assert rows[807]["part_of"] is None
    assert json.loads(rows[807]["mentions"]) == [[0, 3]]
    assert json.loads(rows[95]["mentions"]) == []


def test_parts_never_enter_a_series(db_path, stored) -> None:
    conn = open_database(db_path)
    assert [point["value"] for point in load_points(conn)] == [807]
    assert sorted(figure["value"] for figure in list_figures(conn)) == [95, 712, 807]


def test_the_command_line_shows_parts_but_keeps_them_out_of_series_and_findings(
    run_cli, db_path, stored
) -> None:
    figures = json.loads(run_cli("--db", str(db_path), "figures", "--json").stdout)
    by_value = {figure["value"]: figure for figure in figures}
    assert by_value[95]["part_of"] == stored[807]
    assert by_value[95]["subgroup"] == "women"
    assert by_value[807]["mentions"] == [[0, 3]]
    assert by_value[807]["part_of"] is None
    series = json.loads(run_cli("--db", str(db_path), "series", "--json").stdout)
    in_series = [n for one in series for point in one["points"] for n in point["figures"]]
    assert in_series == [stored[807]]
    findings = json.loads(run_cli("--db", str(db_path), "findings", "--json").stdout)
    in_findings = {n for finding in findings for n in finding["figures"]}
    assert not in_findings & {stored[712], stored[95]}
    listing = run_cli("--db", str(db_path), "figures").stdout.splitlines()
    at = next(i for i, line in enumerate(listing) if line.split()[0] == str(stored[807]))
    assert listing[at + 1 :] == [
        f"{stored[712]:>5}    part of #{stored[807]}: 712 men",
        f"{stored[95]:>5}    part of #{stored[807]}: 95 women",
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_carry_part_of_subgroup_and_mentions(run_cli, db_path, stored, tmp_path, fmt):
    out = tmp_path / f"figures.{fmt}"
    assert run_cli("--db", str(db_path), "export", str(out), "--format", fmt).returncode == 0
    with open(out, encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported)) if fmt == "csv" else json.load(exported)
    by_value = {str(row["value"]): row for row in rows}
    assert str(by_value["95"]["part_of"]) == str(stored[807])
    assert by_value["95"]["subgroup"] == "women"
    mentions = by_value["807"]["mentions"]
    assert (json.loads(mentions) if fmt == "csv" else mentions) == [[0, 3]]
