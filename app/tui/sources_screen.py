"""The sources screen: each source's health from the poll history; `r` polls one now."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from app.present import counted, health_state, health_summary, short_time
from app.tui.messages import HealthLoaded
from app.tui.safe_text import clean, plain

COLUMNS = ("Source", "Kind", "Health", "Last success", "Last poll", "Next poll", "Docs", "Figures")


OTHER_COLUMNS_WIDTH = 84  # what the columns after the name take; the name gets the rest
MIN_NAME_WIDTH = 20  # the full name is in the detail below the table


def shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def health_word(source: dict) -> Text:
    state = health_state(source)
    if state == "failing":
        return Text(f"✗ failing ({source.get('failures') or 1}×)", style="bold red")
    return Text("✓ ok", style="green") if state == "ok" else Text(state, style="dim")


class SourcesScreen(Screen):
    """`health` is storage.polls.source_health's list; `polls` recent polls, newest first."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "poll_selected", "Poll this now"),
        Binding("R", "app.poll_now", "Poll all now"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.health: list[dict] = []
        self.polls: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        yield Static(id="source-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sources"
        table = self.query_one("#sources", DataTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.app.load_health()

    @on(HealthLoaded)
    def show(self, message: HealthLoaded) -> None:
        """Refresh the rows, keeping the cursor on the same source."""
        health = self.health = message.health
        self.polls = message.polls
        table = self.query_one("#sources", DataTable)
        row = table.cursor_row
        table.clear()
        width = max(MIN_NAME_WIDTH, self.size.width - OTHER_COLUMNS_WIDTH)
        for source in health:
            table.add_row(
                plain(shortened(source["name"], width), style="bold"),
                plain(source["kind"]),
                health_word(source),
                plain(short_time(source["last_success"])),
                plain(short_time(source["last_poll_end"])),
                plain(short_time(source["next_poll"]) if source["enabled"] else "–"),
                plain(source["documents"]),
                plain(source["figures"]),
                key=source["name"],
            )
        if health:
            table.move_cursor(row=min(row, len(health) - 1), animate=False)
        self.sub_title = health_summary(health)
        self.show_detail()

    @property
    def selected(self) -> dict | None:
        table = self.query_one("#sources", DataTable)
        if not self.health or table.cursor_row >= len(self.health):
            return None
        return self.health[table.cursor_row]

    @on(DataTable.RowHighlighted, "#sources")
    def show_detail(self) -> None:
        source = self.selected
        detail = Text()
        if source is not None:
            detail.append(clean(source["name"]), style="bold")
            detail.append(f"  {clean(source['location'])}\n", style="dim")
            if source["last_error"]:
                detail.append("Last error: ", style="bold red")
                detail.append(clean(source["last_error"], keep_lines=True) + "\n")
            own = [poll for poll in self.polls if poll["source"] == source["name"]][:5]
            for poll in own:
                outcome = poll.get("error") or (
                    f"{poll.get('items_seen', 0)} items, {poll.get('new', 0)} new,"
                    f" {counted(poll.get('figures_added', 0), 'figure')}"
                )
                detail.append(f"{short_time(poll.get('ended'))}  {poll.get('status')}  ")
                detail.append(clean(outcome) + "\n")
        self.query_one("#source-detail", Static).update(detail)

    def action_poll_selected(self) -> None:
        source = self.selected
        if source is not None:
            self.app.poll_now(source["name"])
