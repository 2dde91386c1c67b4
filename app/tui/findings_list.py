"""The findings list: newest first, one line each (glyph, date, series, the two figures, the
change); Enter opens the finding's full account beside its two sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.present import day
from app.tui.dashboard_data import GLYPHS
from app.tui.figures_table import MARK_STYLES
from app.tui.safe_text import clean

if TYPE_CHECKING:
    from app.analysis import Finding

SHOWN = 100  # the newest findings listed; all of them: `tallywatch findings`


class FindingsList(OptionList):
    """Option ids are the findings' stable keys, so the highlight survives a refresh."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings_by_key: dict[str, Finding] = {}
        self._shown: list[tuple[str, Text]] = []
        self._total: int | None = None
        self.border_subtitle = "Δ jump ≠ disagree ‼ misreport … stale"  # the table's marks

    def show(self, lines: list[Line], total: int) -> None:
        """Show the lines built in a worker (`lines_of`), keeping the highlighted finding; a
        list with the same lines is left alone."""
        if total != self._total:  # setting a border title repaints the whole list
            self._total = total
            self.border_title = f"Findings ({total})"
        if [(key, prompt) for key, prompt, _ in lines] == self._shown:
            return
        highlighted = self.selected_key()
        self._shown = [(key, prompt) for key, prompt, _ in lines]
        self.findings_by_key = {key: finding for key, _, finding in lines}
        self.set_options([Option(prompt, id=key) for key, prompt, _ in lines])
        if highlighted is not None and highlighted in self.findings_by_key:
            self.highlighted = self.get_option_index(highlighted)

    def selected_key(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def selected_finding(self) -> Finding | None:
        return self.findings_by_key.get(self.selected_key())


Line = tuple[str, Text, "Finding"]  # a finding's key, its line, the finding


def lines_of(findings: list[Finding], keys: list[str]) -> list[Line]:
    """The newest SHOWN findings' lines, newest first: built in a worker, not on the loop."""
    from app.analysis import KINDS  # (loaded by the read that found them)

    rank = {kind: number for number, kind in enumerate(KINDS)}
    # newest first; on one date a jump or disagreement before a clash or a stale figure
    order = sorted(
        range(len(findings)),
        key=lambda n: (findings[n].as_of or "", -rank[findings[n].kind], n),
        reverse=True,
    )
    newest = [(keys[n], findings[n]) for n in order[:SHOWN]]
    return [(key, prompt_of(finding), finding) for key, finding in newest]


def prompt_of(finding: Finding) -> Text:
    style = MARK_STYLES.get(finding.kind, "dim")
    prompt = Text(f"{GLYPHS[finding.kind]} ", style=style, no_wrap=True, overflow="ellipsis")
    prompt.append(f"{day(finding.as_of):>6} ", style="dim")
    prompt.append(clean(finding.brief))
    return prompt
