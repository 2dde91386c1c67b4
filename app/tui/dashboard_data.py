"""What the dashboard shows, read from the database in one go (in a worker thread).

Plain data in, plain data out: no Textual here, so it is easy to test and to time.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from app.model import METRICS
from storage import (
    FigureFilter,
    count_figures,
    count_matching,
    max_figure_id,
    page_of_figures,
    places,
)
from storage.figure_points import load_points

if TYPE_CHECKING:  # (they build their rows and lines from this module's marks)
    from app.analysis import Analysis, Finding
    from app.analysis.headline import Headline
    from app.config import FindingsConfig
    from app.tui.figures_table import Row
    from app.tui.findings_list import Line

PAGE_SIZE = 60  # rows per page of the figures table: more load as the cursor nears the end

# The glyph each finding kind puts beside its figures, so the marks read without colour.
GLYPHS = {"jump": "Δ", "disagreement": "≠", "meaning_clash": "‼", "stale": "…"}


@dataclass(frozen=True)
class View:
    """What the watcher chose to look at."""

    place: str | None
    metric: str = "held"
    claimant: str | None = None
    text: str = ""
    sort: str = "as_of"
    descending: bool = True

    @property
    def figure_filter(self) -> FigureFilter:
        return FigureFilter(place=self.place, claimant=self.claimant, text=self.text)

    def lists_as(self, other: View | None) -> bool:
        """Whether the table lists the same figures in the same order (the metric aside: it
        only chooses the chart)."""
        return other is not None and self.with_changes(metric=other.metric) == other

    def with_changes(self, **changes) -> View:
        return replace(self, **changes)


@dataclass
class Mark:
    """How a figure takes part in findings: glyphs, and the change a jump made."""

    glyphs: str = ""
    delta: str = ""
    kinds: set[str] = field(default_factory=set)


@dataclass
class DashboardData:
    view: View
    figures: list[dict]  # the first page, in the view's order
    total: int  # figures matching the view
    analysis: Analysis  # of the view's place
    marks: dict[int, Mark]
    places: list[str]
    claimants: list[str]
    newest_id: int
    stored: int  # every stored figure, to notice changes by any process
    finding_keys: list[str] = field(default_factory=list)  # computed off the event loop
    headline: Headline | None = None


@dataclass
class DataLoaded(Message, bubble=False):  # for the screen that read it
    """What a reload read, with the findings' lines and the table's rows built (in the
    worker) and the new loud findings found: the event loop only applies differences."""

    data: DashboardData
    arrived: list[dict]  # figures stored since the last load
    lines: list[Line]
    rows: list[Row]
    loud: list[Finding]  # new jumps and disagreements since the last load


@dataclass
class FirstPageLoaded(Message, bubble=False):  # for the screen that read it
    """A new view's first page, read before its analysis (which, on a million
    figures, takes most of a second): the table fills while the chart and findings wait."""

    view: View
    rows: list[Row]
    painted: threading.Event  # set once the screen has painted them


@dataclass
class PageLoaded(Message, bubble=False):  # for the screen that read it
    view: View
    rows: list[Row]


def load_dashboard(
    conn: sqlite3.Connection,
    view: View,
    settings: FindingsConfig,
    today: date,
    figures: list[dict] | None = None,
) -> DashboardData:
    """Everything the screen shows of `view`; `figures`: its first page, if read already.
    (The analysis loads here, with the first read: not before the first paint.)"""
    from app.analysis import Thresholds, analyse
    from app.analysis.headline import headline

    thresholds = Thresholds(jump_share=settings.jump_share, window_days=settings.window_days)
    points = load_points(conn, place=view.place, with_sources=False)  # sources: on opening
    analysis = analyse(points, thresholds)
    figures = load_page(conn, view, offset=0) if figures is None else figures
    return DashboardData(
        view=view,
        figures=figures,
        total=count_matching(conn, view.figure_filter),
        analysis=analysis,
        marks=marks_of(analysis.findings, figures),
        places=places(conn),
        claimants=claimants_by_points(points),
        newest_id=max_figure_id(conn),
        stored=count_figures(conn),
        finding_keys=[finding.key for finding in analysis.findings],
        headline=headline(analysis, today, thresholds.window_days),
    )


def claimants_by_points(points: list[dict]) -> list[str]:
    """The place's claimants, the most often heard first."""
    counts: dict[str, int] = {}
    for point in points:
        counts[point["claimant"]] = counts.get(point["claimant"], 0) + 1
    return sorted(counts, key=lambda claimant: (-counts[claimant], claimant))


def load_page(conn: sqlite3.Connection, view: View, offset: int) -> list[dict]:
    return page_of_figures(
        conn,
        view.figure_filter,
        sort=view.sort,
        descending=view.descending,
        limit=PAGE_SIZE,
        offset=offset,
    )


def marks_of(findings: list[Finding], figures: list[dict]) -> dict[int, Mark]:
    """Figure id -> its mark, for the given figures (a page, not the whole database).

    A jump marks the figure it jumped to, with the change. Figures are matched to points by
    what they state, so no point's list of a million figure ids is ever read.
    """
    by_statement: dict[tuple, Mark] = {}
    for finding in findings:
        marked = finding.points[-1:] if finding.kind == "jump" else finding.points
        for point in marked:
            mark = by_statement.setdefault(statement_of(point._asdict()), Mark())
            if finding.kind not in mark.kinds:
                mark.kinds.add(finding.kind)
                mark.glyphs += GLYPHS[finding.kind]
            if finding.kind == "jump":
                mark.delta = jump_delta(finding)
    found = ((figure["id"], by_statement.get(statement_of(figure))) for figure in figures)
    return {figure_id: mark for figure_id, mark in found if mark is not None}


def statement_of(row: dict) -> tuple:
    """What a figure states, as its point knows it (the baseline aside: it may be inferred)."""
    return (
        row["place"], row["metric"], row["as_of"], row["value"], row["low"], row["high"],
        row["qualifier"], row["claimant"], bool(row["stale"]),
    )  # fmt: skip


def jump_delta(finding: Finding) -> str:
    before, after = finding.points[0], finding.points[-1]
    if before.value is None or after.value is None:
        return ""
    change = after.value - before.value
    share = f" {change / before.value:+.0%}" if before.value else ""
    return f"{change:+,}{share}"  # short for the table: "-67 -9%"; findings give the detail


def next_in(options: list, current, *, with_none: bool = True):
    """The option after `current`, wrapping (through None when `with_none`)."""
    cycle = ([None] if with_none else []) + list(options)
    if not cycle:
        return None
    position = cycle.index(current) if current in cycle else -1
    return cycle[(position + 1) % len(cycle)]


def metric_for_key(key: str) -> str | None:
    """Keys 1..6 choose the metric, in DOMAIN.md's order."""
    index = int(key) - 1 if key.isdigit() else -1
    return METRICS[index] if 0 <= index < len(METRICS) else None


def changed_since(conn: sqlite3.Connection, data: DashboardData) -> bool:
    """Whether anything was stored since `data` was read (by this or another process)."""
    return max_figure_id(conn) != data.newest_id or count_figures(conn) != data.stored


def new_loud_findings(previous: DashboardData | None, data: DashboardData) -> list[Finding]:
    """The jumps and disagreements that `previous` did not have: said louder."""
    known = set(previous.finding_keys) if previous is not None else set()
    return [
        finding
        for finding, key in zip(data.analysis.findings, data.finding_keys, strict=True)
        if key not in known and finding.kind in ("jump", "disagreement")
    ]
