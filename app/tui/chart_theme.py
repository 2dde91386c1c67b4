"""The chart's colours: the app theme's surface and foreground, as textual-plotext's widget
takes them for its "auto" theme. The chart draws without that widget (plotext, its biggest
import, loads with the first drawing, after the first paint), so it registers them itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartTheme:
    """The app theme's colours the chart takes (as textual-plotext's "auto" theme does)."""

    name: str  # the app theme's
    surface: tuple[int, int, int]
    foreground: tuple[int, int, int]

    @property
    def plotext_name(self) -> str:
        return f"textual-auto-{self.name}"


def registered(theme: ChartTheme) -> str:
    """The theme's name in plotext, registered there first (what textual-plotext's widget
    does on mount: this chart draws without that widget)."""
    from plotext._dict import themes
    from textual_plotext.plot import _rgbify_theme, _sequence

    if theme.plotext_name not in themes:
        themes[theme.plotext_name] = _rgbify_theme(
            theme.surface, theme.surface, theme.foreground, "default", _sequence
        )
    return theme.plotext_name
