"""`export --format csv` of many figures is written in two parts, the later one by a second
process (storage/csv_parts.py): the file must hold the same bytes as the one sorted query
gives, whatever day the cut falls on, and one state of the database even while a poll writes."""

from __future__ import annotations

import csv
import io
import os
import threading
from collections import Counter

import pytest

from app.model import Figure
from storage import open_database, save_document
from storage.csv_parts import free_cores
from storage.table_export import EXPORT_FIELDS, _two_parts, export_figures_table

ORDER = "ORDER BY as_of IS NULL, as_of, id"


def store(conn, number: int, days: list[str | None]) -> None:
    """A document whose figures have the given days: ids in the list's order, days not."""
    figures = [
        Figure(
            value=n, qualifier="exact", low=n, high=n, metric="held", subject="presos políticos",
            place="Venezuela", claimant="Foro Penal", as_of=day, period_start=None,
            sentence=f'Foro Penal: "{n}", says\nthe NGO, {day}.', start=n, end=n + 1,
        ).as_row()
        for n, day in enumerate(days)
    ]  # fmt: skip
    document = {
        "source": f"seeds/{number}.txt", "source_name": "Séeds, \"quoted\"", "title": "T",
        "text": "x", "date": None, "date_basis": "first_seen", "language": "es",
    }  # fmt: skip
    save_document(conn, document, figures, f"hash{number}")


def days_of(number: int, undated_every: int) -> list[str | None]:
    """Days out of id order, repeating (ties go by id), some figures undated."""
    return [
        None
        if (number + n) % undated_every == 0
        else f"2026-{1 + (n * 7 + number) % 12:02}-{1 + (n * 13 + number) % 28:02}"
        for n in range(40)
    ]


def sorted_query_csv(conn) -> str:
    """What the export must be: the header and the one sorted query, by csv.writer."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    columns = ", ".join(f'"{field}"' for field in EXPORT_FIELDS)
    writer.writerows(
        tuple(row) for row in conn.execute(f"SELECT {columns} FROM figures_view {ORDER}")
    )
    return out.getvalue()


def one_day(number: int, undated_every: int) -> list[str | None]:
    """Most figures on one day: the cut falls inside it, by id."""
    return [None if n % 8 == 0 else "2026-02-01" for n in range(40)]


@pytest.mark.parametrize(
    "days, undated_every",
    [(days_of, 5), (days_of, 2), (days_of, 1), (one_day, 0)],
    ids=["few-undated", "half-undated", "all-undated", "one-day"],
)
def test_the_two_parts_make_the_sorted_query_byte_for_byte(
    db_path, tmp_path, days, undated_every
) -> None:
    conn = open_database(db_path)
    for number in range(25):
        store(conn, number, days(number, undated_every))
    first, second = _two_parts(conn, parts=2)
    columns = "SELECT id FROM figures_view WHERE"
    ids = [
        [row[0] for row in conn.execute(f"{columns} {where} {ORDER}", params)]
        for where, params in (first, second)
    ]
    in_order = [row[0] for row in conn.execute(f"SELECT id FROM figures_view {ORDER}")]
    assert ids[0] + ids[1] == in_order
    assert len(ids[0]) == len(in_order) // 2  # every id sampled: the cut is the median itself
    written = export_figures_table(conn, tmp_path / "f.csv", "csv", parts=2).read_bytes()
    assert written == sorted_query_csv(conn).encode("utf-8")
    assert not list(tmp_path.glob(".*"))  # neither the partial file nor the child's part left


def test_a_poll_writing_meanwhile_gives_one_state_of_the_database(db_path, tmp_path) -> None:
    """A commit between the two parts' reads would give a file from two states; the export
    then writes it again in one part. Figures stored meanwhile fall in both parts (days of all
    the year), so each state holds documents 0..k whole: a mix would miss some in between."""
    conn = open_database(db_path)
    for number in range(25):
        store(conn, number, days_of(number, 5))
    stop = threading.Event()

    def poll() -> None:
        writer = open_database(db_path)
        number = 25
        while not stop.is_set():
            store(writer, number, days_of(number, 5))
            number += 1
        writer.close()

    thread = threading.Thread(target=poll)
    thread.start()
    try:
        for attempt in range(3):
            path = export_figures_table(conn, tmp_path / f"f{attempt}.csv", "csv", parts=2)
            with open(path, newline="", encoding="utf-8") as table:
                sources = Counter(row["source"] for row in csv.DictReader(table))
            assert set(sources.values()) == {40}  # no document in one part only
            numbers = sorted(int(source.split("/")[1].split(".")[0]) for source in sources)
            assert numbers == list(range(len(numbers)))
    finally:
        stop.set()
        thread.join()


def test_free_cores_are_at_most_the_cores_this_process_may_use() -> None:
    assert 0 <= free_cores() <= len(os.sched_getaffinity(0))


def test_a_second_process_that_fails_leaves_the_export_to_this_one(db_path, tmp_path) -> None:
    """The second part's file cannot be written (a folder stands where it goes): the export is
    written in one part, the same bytes, and says nothing of it."""
    conn = open_database(db_path)
    for number in range(5):
        store(conn, number, days_of(number, 5))
    (tmp_path / "..f.csv.partial.later").mkdir()  # where the second process writes its part
    written = export_figures_table(conn, tmp_path / "f.csv", "csv", parts=2).read_bytes()
    assert written == sorted_query_csv(conn).encode("utf-8")
