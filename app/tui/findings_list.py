"""The findings list: newest first, one line each (glyph, date, series, the two figures, the
change); Enter opens the finding's full account beside its two sources."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.analysis import Finding
from app.analysis.render import day
from app.tui.dashboard_data import GLYPHS
from app.tui.figures_table import MARK_STYLES
from app.tui.safe_text import clean

SHOWN = 200  # the newest findings listed; all of them: `tallywatch findings`


class FindingsList(OptionList):
    """Option ids are the findings' stable keys, so the highlight survives a refresh."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings_by_key: dict[str, Finding] = {}

    def show(self, findings: list[Finding], keys: list[str]) -> None:
        """`keys` are the findings' keys, computed in a worker (each is a hash)."""
        newest = list(zip(keys, findings, strict=True))[::-1][:SHOWN]
        highlighted = self.selected_key()
        self.findings_by_key = dict(newest)
        self.clear_options()
        self.add_options([Option(self._prompt(finding), id=key) for key, finding in newest])
        if highlighted is not None and highlighted in self.findings_by_key:
            self.highlighted = self.get_option_index(highlighted)
        self.border_title = f"Findings ({len(findings)})"
        self.border_subtitle = "Δ jump ≠ disagree ‼ misreport … stale"  # the table's marks

    def selected_key(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def selected_finding(self) -> Finding | None:
        return self.findings_by_key.get(self.selected_key())

    @staticmethod
    def _prompt(finding: Finding) -> Text:
        style = MARK_STYLES.get(finding.kind, "dim")
        prompt = Text(f"{GLYPHS[finding.kind]} ", style=style, no_wrap=True, overflow="ellipsis")
        prompt.append(f"{day(finding.as_of):>6} ", style="dim")
        prompt.append(clean(finding.brief))
        return prompt
