"""`figures --json` and `export --format json|csv` stream from a cursor, in batches, and give
exactly the fields and values the stored rows hold, whatever the text inside them."""

from __future__ import annotations

import csv
import io
import json

from app.model import Figure
from storage import PUBLIC_FIELDS, list_figures, open_database, save_document
from storage.figures import figures_as_json
from storage.json_rows import BATCH, write_json_array
from storage.table_export import EXPORT_FIELDS, export_figures_table

# Quotes, commas, a line break, a control code and non-ASCII: what JSON and CSV must escape.
SENTENCE = 'Foro Penal: "644", says\nthe \x1b[31mNGO\x1b[0m — presos políticos, at least.'
PER_DOCUMENT = 700  # three documents: more rows than one batch


def stored_figures(db_path) -> None:
    conn = open_database(db_path)
    for number in range(3):
        figures = [
            Figure(
                value=number * PER_DOCUMENT + n, qualifier="at_least", low=n, high=None,
                metric="held", subject="presos políticos", place="Venezuela",
                claimant="Foro Penal", as_of=None if number == 2 else f"2026-02-0{number + 1}",
                period_start=None, sentence=SENTENCE, start=n, end=n + 1,
                mentions=((n + 1, n + 2),) if n % 2 else (),
            ).as_row()
            for n in range(PER_DOCUMENT)
        ]  # fmt: skip
        document = {
            "source": f"seeds/{number}.txt", "source_name": "Séeds, \"quoted\"",
            "title": SENTENCE, "text": "x" * PER_DOCUMENT, "date": None,
            "date_basis": "first_seen", "language": "es",
        }  # fmt: skip
        save_document(conn, document, figures, f"hash{number}")
    conn.close()


def test_figures_json_is_the_stored_rows_in_listing_order(db_path) -> None:
    stored_figures(db_path)
    conn = open_database(db_path)
    expected = [{key: row[key] for key in PUBLIC_FIELDS} for row in list_figures(conn)]
    out = io.StringIO()
    assert write_json_array(out, figures_as_json(conn)) == 3 * PER_DOCUMENT > BATCH
    shown = json.loads(out.getvalue())
    assert shown == expected
    assert [list(row) for row in shown[:1]] == [list(PUBLIC_FIELDS)]  # the contract's order
    assert shown[1]["mentions"] == [[2, 3]] and shown[-1]["as_of"] is None


def test_an_empty_table_is_an_empty_array(db_path) -> None:
    conn = open_database(db_path)
    out = io.StringIO()
    assert write_json_array(out, figures_as_json(conn)) == 0
    assert json.loads(out.getvalue()) == []


def test_the_array_is_written_batch_by_batch() -> None:
    out = io.StringIO()
    written_before_second: list[str] = []

    def batches():
        yield ['{"a":1}', '{"a":2}']
        written_before_second.append(out.getvalue())
        yield ['{"a":3}']

    write_json_array(out, batches())
    assert json.loads(written_before_second[0] + "\n]") == [{"a": 1}, {"a": 2}]
    assert json.loads(out.getvalue()) == [{"a": 1}, {"a": 2}, {"a": 3}]


def test_exports_hold_every_stored_value(db_path, tmp_path) -> None:
    stored_figures(db_path)
    conn = open_database(db_path)
    rows = conn.execute("SELECT * FROM figures_view ORDER BY as_of IS NULL, as_of, id")
    expected = [{key: row[key] for key in EXPORT_FIELDS} for row in rows]
    exported = json.loads(export_figures_table(conn, tmp_path / "f.json", "json").read_text())
    assert [{**row, "mentions": json.dumps(row["mentions"])} for row in exported] == [
        {**row, "mentions": json.dumps(json.loads(row["mentions"]))} for row in expected
    ]
    with open(export_figures_table(conn, tmp_path / "f.csv", "csv"), newline="") as table:
        cells = list(csv.DictReader(table))
    assert cells == [
        {key: "" if value is None else str(value) for key, value in row.items()} for row in expected
    ]
