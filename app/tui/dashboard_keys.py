"""The dashboard's keys: each with a name a person would search for in the command palette
("Chart released"), and how the footer shows them."""

from __future__ import annotations

from textual.binding import Binding

from app.model import METRICS

SNAPSHOT_KEY = Binding("e", "app.export_snapshot", "Snapshot")
FULL_FOOTER_WIDTH = 100  # narrower, the footer leaves out "e Snapshot" (the palette has it)

DASHBOARD_KEYS = [
    # The footer shows "1-6 Chart"; the palette and the tooltip name each ("Chart held").
    Binding("1", "metric('1')", "Chart", key_display="1-6", tooltip=f"Chart {METRICS[0]}"),
    *(
        Binding(str(n), f"metric('{n}')", f"Chart {metric}", show=False)
        for n, metric in enumerate(METRICS[1:], start=2)
    ),
    Binding("l", "cycle_place", "Place"),
    Binding("c", "cycle_claimant", "Claimant"),
    Binding("slash", "filter", "Filter"),
    Binding("o", "cycle_sort", "Sort"),
    Binding("f", "toggle_focus", "Table/findings", show=False),
    Binding("s", "app.show_sources", "Sources"),
    Binding("r", "app.poll_now", "Poll now"),
    SNAPSHOT_KEY,
]
