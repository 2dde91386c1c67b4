"""The findings list through the pilot: one line per finding, its full account on Enter."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.tui.app import TallywatchApp
from app.tui.comparison_screen import ComparisonScreen
from app.tui.findings_list import FindingsList
from tests.conftest import REPO, seeded_app
from tests.pilot_waits import all_shown as settled


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    return seeded_app(tmp_path, "findings")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_finding_is_one_line(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        listed = app.screen.query_one(FindingsList)
        findings = app.dashboard.data.analysis.findings
        assert listed.option_count == len(findings) > 0
        assert listed.virtual_size.height == listed.option_count  # no finding wraps
        jump = next(f for f in findings if f.kind == "jump" and f.points[0].value == 711)
        line = str(listed.get_option(jump.key).prompt)
        assert "711 -> ≥644" in line and "-67 (-9.4%)" in line and "\n" not in line
        assert listed.get_option_at_index(0).id == jump.key  # newest; on its date, first


async def test_enter_on_a_line_opens_the_full_account(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("f")
        listed = app.screen.query_one(FindingsList)
        findings = app.dashboard.data.analysis.findings
        disagreement = next(f for f in findings if f.kind == "disagreement" and "448" in f.brief)
        listed.highlighted = listed.get_option_index(disagreement.key)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        said = str(app.screen.query_one("#finding-message").render())
        assert "448 held (Foro Penal, 19 Feb) and more than 600 held" in said
        assert "Foro Penal states both" in said
