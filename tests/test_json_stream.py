"""`series --json` and `findings --json` as written text: the same values as as_json.py's
dicts, whether points share documents or not, and written entry by entry."""

from __future__ import annotations

import io
import json
import random
import sqlite3

import pytest
from test_analysis_storage import store

from app.analysis import analyse, findings_as_json, series_as_json
from app.analysis.json_stream import findings_json, series_json, write_array
from storage.figure_points import load_points
from storage.schema import ensure_schema
from tests.analysis_rows import row


@pytest.fixture(scope="module")
def analysis():
    """Counts that jump, disagree and clash; sources shared by several points, or not."""
    rng = random.Random(3)
    rows = []
    for day in range(1, 29):
        for claimant, bias in (("Foro Penal", 1.0), ("government", 0.6), ("UN", 1.3)):
            for metric in ("held", "released"):
                value = round(rng.randint(600, 700) * bias)
                for _copy in range(rng.randint(1, 3)):  # the news repeats a count
                    source = f"https://news.example/{rng.randint(1, 40)}"
                    rows.append(
                        row(value, metric, f"2026-02-{day:02}", claimant=claimant, source=source)
                    )
    rows.append(row(448, "released", "2026-02-20", source="clash.txt"))
    rows.append(row(448, "held", "2026-02-20", source="clash.txt"))
    odd = 'Dijo "448"\n\x1b[31m\\ — presos políticos \u2028'  # what JSON must escape, or not
    rows.append(row(448, "held", "2026-02-21", claimant=odd, sentence=odd, source=f"{odd}.txt"))
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    ensure_schema(conn)
    store(conn, rows)
    result = analyse(load_points(conn))
    conn.close()
    return result


def written(entries) -> list:
    out = io.StringIO()
    write_array(out, entries)
    return json.loads(out.getvalue())


def test_findings_text_is_findings_as_json(analysis) -> None:
    expected = findings_as_json(analysis)
    assert {finding["kind"] for finding in expected} >= {"jump", "disagreement", "meaning_clash"}
    assert written(findings_json(analysis)) == expected


@pytest.mark.parametrize("metric", [None, "held", "released"])
def test_series_text_is_series_as_json(analysis, metric) -> None:
    expected = series_as_json(analysis, metric)
    assert expected and written(series_json(analysis, metric)) == expected


def test_each_entry_is_written_as_it_is_made() -> None:
    out = io.StringIO()
    seen: list[str] = []

    def entries():
        yield '{"a":1}'
        seen.append(out.getvalue())
        yield '{"a":2}'

    write_array(out, entries())
    assert seen == ['[\n{"a":1}']
    assert json.loads(out.getvalue()) == [{"a": 1}, {"a": 2}]
    empty = io.StringIO()
    write_array(empty, iter(()))
    assert json.loads(empty.getvalue()) == []


def test_ids_and_sources_come_sorted_whatever_order_sqlite_gave() -> None:
    from types import SimpleNamespace

    from app.analysis.json_stream import _PointText

    source_of = {1: "https://a.example/1", 3: 'odd "quoted"', 7: "https://a.example/7"}
    points = [
        SimpleNamespace(figure_ids="12,4,9", document_ids="7,1,1", source_of=source_of),
        SimpleNamespace(figure_ids="2,5", document_ids="3,2", source_of=source_of),  # 2: gone
        SimpleNamespace(figure_ids="8", document_ids="99", source_of=source_of),  # past the end
        SimpleNamespace(figure_ids="1,2", document_ids="1,7", source_of=None),
    ]
    texts = _PointText(keep=False)
    made = [(texts.figures(p), texts.sources(p), texts.texts(p)) for p in points]
    assert made == [
        ([4, 9, 12], ["https://a.example/1", "https://a.example/7"],
         ("[4,9,12]", '["https://a.example/1","https://a.example/7"]')),
        ([2, 5], ['odd "quoted"'], ("[2,5]", '["odd \\"quoted\\""]')),
        ([8], [], ("[8]", "[]")),
        ([1, 2], [], ("[1,2]", "[]")),
    ]  # fmt: skip
