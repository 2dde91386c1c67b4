"""`tallywatch figures`, `findings` and `series`: what the database holds, for people or as
JSON written as it is made (flat memory at any size)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.analysis import Analysis, Thresholds, analyse, series_as_json
from app.analysis.json_stream import findings_json, series_json, write_array
from app.cli.figure_lines import figure_lines
from app.untrusted_text import JsonStream
from storage import list_figures, open_database
from storage.figure_points import load_points
from storage.figures import figures_as_json
from storage.json_rows import write_json_array

if TYPE_CHECKING:
    from app.config import Config


def print_figures(db_path: Path, *, as_json: bool) -> int:
    conn = open_database(db_path, create=False)
    try:
        if as_json:  # streamed from a cursor: flat memory at any size
            write_json_array(JsonStream(sys.stdout), figures_as_json(conn))
            return 0
        figures = list_figures(conn)
    finally:
        conn.close()
    print("\n".join(figure_lines(figures)))
    if not figures:
        print("no figures stored yet: try `tallywatch ingest`")
    return 0


def analyse_database(db_path: Path, config: Config | None) -> Analysis:
    conn = open_database(db_path, create=False)
    try:
        points = load_points(conn)
    finally:
        conn.close()
    findings = config.findings if config else None
    thresholds = (
        Thresholds(jump_share=findings.jump_share, window_days=findings.window_days)
        if findings
        else Thresholds()
    )
    return analyse(points, thresholds)


def print_findings(analysis: Analysis, *, as_json: bool) -> int:
    if as_json:  # written as it is made: hundreds of MB at a million figures
        write_array(JsonStream(sys.stdout), findings_json(analysis))
        return 0
    for finding in analysis.findings:
        print(f"{finding.kind:14} {finding.message}")
    if not analysis.findings:
        print("no findings")
    return 0


def print_series(analysis: Analysis, metric: str | None, *, as_json: bool) -> int:
    if as_json:  # written as it is made, as findings
        write_array(JsonStream(sys.stdout), series_json(analysis, metric))
        return 0
    shown = series_as_json(analysis, metric)
    for one in shown:
        since = f" since {one['period_start']}" if one["period_start"] else ""
        print(f"{one['metric']}{since} in {one['place'] or 'an unknown place'}:")
        for point in one["points"]:
            print(
                f"  {point['as_of'] or 'undated':10}  {point['label']:>18}"
                f"  {', '.join(point['claimants'])}{'  (stale)' if point['stale'] else ''}"
            )
        for band in one.get("band", []):
            print(f"  band {band['as_of']}: {band['message']}")
    return 0
