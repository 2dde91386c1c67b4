"""Every key of the dashboard, through Textual's pilot, on a real database of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import HelpPanel

from app.tui.app import TallywatchApp
from app.tui.comparison_screen import ComparisonScreen
from app.tui.dashboard_screen import DashboardScreen
from app.tui.document_screen import DocumentScreen
from app.tui.documents_picker import DocumentsPicker
from app.tui.figures_table import FiguresTable
from app.tui.series_chart import SeriesChart
from app.tui.sources_screen import SourcesScreen
from tests.conftest import REPO, seeded_app, seeds_only_config
from tests.pilot_waits import dashboard_shown, wait_until

# Each dated by a date line, so that nothing on the screen depends on the day the test runs.
NICARAGUA = (
    "date 2026-02-18\n"
    "Managua. According to the Mechanism for the Recognition of Political Prisoners, at least"
    " 73 political prisoners remain in Nicaragua's jails.\n"
)
UNTRUSTED = (
    "[bold red]Alarm[/] \x1b[31mred\x1b[0m headline\n"
    "date 2026-02-21\n"
    "Foro Penal says 512 political prisoners remain in custody in Venezuela"
    " [link=https://evil.example]today[/link].\n"
)


@pytest.fixture
def app(tmp_path: Path, monkeypatch) -> TallywatchApp:
    monkeypatch.chdir(REPO)
    config = seeds_only_config().model_copy(update={"snapshots": str(tmp_path / "snapshots")})
    texts = {"nicaragua.txt": NICARAGUA, "untrusted.txt": UNTRUSTED}
    return seeded_app(tmp_path, "keys", texts, config=config)


async def on_screen(pilot, kind: type) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), f"the {kind.__name__}")


def rows(app: TallywatchApp) -> list[dict]:
    table = app.screen.query_one(FiguresTable)
    return [table.figures_by_id[int(key.value)] for key in table.rows]


async def test_number_keys_choose_the_metric_of_the_chart(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("2")
        assert app.dashboard.view.metric == "released"
        chart = app.screen.query_one(SeriesChart)
        assert chart.border_title.startswith("released")
        legend = chart.claimants  # named on the chart's border, where they cover no point
        for claimant in ("Foro Penal", "interior minister", "attorney general"):
            assert claimant in legend  # each claimant's mark is named
        await pilot.press("4")
        assert app.screen.query_one(SeriesChart).border_title.startswith("amnestied")


async def test_the_chart_follows_the_table(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.screen.query_one(FiguresTable)
        for _ in range(table.row_count):
            if table.selected_figure()["metric"] == "released":
                break
            await pilot.press("down")
        assert app.screen.query_one(SeriesChart).border_title.startswith("released")


async def test_l_cycles_the_place_and_the_table_follows(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        assert {figure["place"] for figure in rows(app)} == {"Venezuela"}
        await pilot.press("l")
        await dashboard_shown(pilot)
        assert app.dashboard.view.place == "Nicaragua"
        assert [figure["value"] for figure in rows(app)] == [73]


async def test_c_cycles_the_claimant_filter(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        everyone = len(rows(app))
        await pilot.press("c")
        await dashboard_shown(pilot)
        chosen = app.dashboard.view.claimant
        assert chosen == "Foro Penal"  # the most often heard comes first
        assert 0 < len(rows(app)) < everyone
        assert {figure["claimant"] for figure in rows(app)} == {chosen}


async def test_slash_filters_by_text_and_escape_clears(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        everyone = len(rows(app))
        await pilot.press("slash", *"tallied", "enter")
        await dashboard_shown(pilot)
        assert sorted(figure["value"] for figure in rows(app)) == [448, 600]
        await pilot.press("slash", "escape")
        await dashboard_shown(pilot)
        assert len(rows(app)) == everyone


async def test_o_sorts_and_again_reverses(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("o")  # date -> value, largest first
        await dashboard_shown(pilot)
        values = [figure["value"] for figure in rows(app) if figure["value"] is not None]
        assert values == sorted(values, reverse=True)
        assert app.dashboard.view.sort == "value"


async def test_enter_on_a_finding_opens_both_sources_side_by_side(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("f")  # focus the findings list
        findings = app.dashboard.data.analysis.findings
        clash = next(finding for finding in findings if finding.kind == "meaning_clash")
        listed = app.screen.query_one("#findings")
        listed.highlighted = listed.get_option_index(clash.key)
        await pilot.press("enter")
        await on_screen(pilot, ComparisonScreen)
        sides = list(app.screen.query("DocumentView"))
        assert len(sides) == 2
        sentences = {side.focused_figure["sentence"] for side in sides}
        assert any("448 detainees remain in custody" in sentence for sentence in sentences)
        assert any("448 releases" in sentence for sentence in sentences)
        await pilot.press("escape")
        assert app.screen is app.dashboard


async def test_document_keys_n_p_and_other_documents(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        table = app.screen.query_one(FiguresTable)
        while not table.selected_figure()["source"].endswith("000_9f45dbe3429fb4d4.txt"):
            await pilot.press("down")
        await pilot.press("enter")
        await on_screen(pilot, DocumentScreen)
        screen = app.screen
        first = screen.view.focused_figure
        await pilot.press("n")
        assert screen.view.focused_figure["start"] != first["start"]
        await pilot.press("p")
        assert screen.view.focused_figure == first
        await pilot.press("o")
        await on_screen(pilot, DocumentsPicker)
        picker = app.screen
        assert len(app.screen.documents) == 5  # the seeds' source holds five documents
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.screen not in (screen, picker), "another document")
        assert isinstance(app.screen, DocumentScreen)
        await pilot.press("escape", "escape")
        assert app.screen is app.dashboard


async def test_s_shows_sources_and_r_polls_one_now(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("s")
        await on_screen(pilot, SourcesScreen)
        await pilot.press("r")  # the scheduler starts and polls the seeds now

        def polled() -> bool:
            return bool(app.screen.health and app.screen.health[0]["last_poll_end"])

        await wait_until(pilot, polled, "the poll of the seeds on the sources screen")
        health = app.screen.health
        assert health[0]["name"] == "Seed articles"
        assert health[0]["failing"] is False
        assert "1 ok" in app.screen.sub_title


async def test_question_mark_shows_the_keys(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("question_mark")
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        assert not app.screen.query(HelpPanel)


def described(bindings) -> set[str]:
    """The palette names of a screen's keys: a grouped key ('1-6') is named by its tooltip."""
    return {
        binding.tooltip or binding.description
        for binding in bindings
        if binding.tooltip or binding.description
    }


async def test_every_key_is_in_the_command_palette(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        # Textual itself supplies only Keys, Quit and its own commands; these come from us.
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for wanted in ("Chart held", "Chart released", "Chart arrested", "Chart amnestied",
                       "Chart cases_total", "Chart other", "Place", "Claimant", "Filter",
                       "Sort", "Table/findings", "Sources", "Poll now", "Snapshot", "Keys",
                       "Quit"):  # fmt: skip
            assert wanted in titles
        assert all(title.strip() for title in titles)  # no command without a name
        assert described(DashboardScreen.BINDINGS) <= titles
        await pilot.press("ctrl+p", *"Sources")  # a command found and run from the palette
        await wait_until(pilot, lambda: palette_offers(app, "Sources"), "the palette's match")
        await pilot.press("enter")
        await on_screen(pilot, SourcesScreen)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert described(SourcesScreen.BINDINGS) <= titles
        await pilot.press("escape", "enter")  # the first figure's document
        await on_screen(pilot, DocumentScreen)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert described(DocumentScreen.BINDINGS) <= titles


def palette_offers(app, title: str) -> bool:
    """Whether the open command palette has `title` highlighted, ready for Enter."""
    if not isinstance(app.screen, CommandPalette):
        return False
    found = app.screen.query_one(CommandList)
    if found.highlighted is None:
        return False
    return str(found.get_option_at_index(found.highlighted).prompt).startswith(title)


async def test_feed_text_never_styles_the_screen(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await dashboard_shown(pilot)
        await pilot.press("slash", *"512", "enter")
        await dashboard_shown(pilot)
        (figure,) = rows(app)
        await pilot.press("enter")
        await on_screen(pilot, DocumentScreen)
        view = app.screen.view
        provenance = view.query_one(".provenance").render()
        assert "[bold red]Alarm[/]" in str(provenance)  # shown as typed, not as markup
        assert "\x1b" not in str(provenance)
        assert all(not span.style or "red" not in str(span.style) for span in provenance.spans)
        paragraph = view.focused_paragraph.render()
        assert "[link=https://evil.example]" in str(paragraph)
        assert not any("link" in str(span.style) for span in paragraph.spans)
