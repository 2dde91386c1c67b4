"""The analysis: stored figures in, series, findings and the held band out.

Pure: no I/O, no SQLite, no Textual. Feed it storage.figure_points.load_points(conn) (fast)
or figure rows from `figures_view`.
"""

from app.analysis.analyse import Analysis, Thresholds, analyse
from app.analysis.as_json import findings_as_json, series_as_json
from app.analysis.band import Band
from app.analysis.findings import KINDS, Finding
from app.analysis.points import Point
from app.analysis.series import Series

__all__ = [
    "KINDS",
    "Analysis",
    "Band",
    "Finding",
    "Point",
    "Series",
    "Thresholds",
    "analyse",
    "findings_as_json",
    "series_as_json",
]
