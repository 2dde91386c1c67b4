"""How a document's date is known: stated > published > configured > inferred > first seen."""

from __future__ import annotations

from dataclasses import replace

from app.ingest.dating import date_document, dated
from app.model import Document
from tests.conftest import SEEDS

SEED_000 = (SEEDS / "000_9f45dbe3429fb4d4.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_eadbc283e73a1a12.txt").read_text(encoding="utf-8")


def test_a_date_line_in_the_text_wins_over_everything() -> None:
    assert date_document(SEED_003, published="2026-03-01", configured="2026-02-01") == (
        "2026-02-06",
        "stated",
    )


def test_published_then_configured() -> None:
    text = "Foro Penal counts 711 political prisoners."
    assert date_document(text, published="2026-01-30", configured="2026-01-01") == (
        "2026-01-30",
        "published",
    )
    assert date_document(text, configured="2026-01-30") == ("2026-01-30", "configured")


def test_inferred_from_the_text_near_the_day_first_seen() -> None:
    # The latest day the text names: "signed on Thursday", after February 8, is 19 February.
    # (DOMAIN.md dates the article the 20th, the morning after; the text does not say so.)
    assert date_document(SEED_000, first_seen="2026-02-21") == ("2026-02-19", "inferred")


def test_first_seen_when_the_text_gives_nothing() -> None:
    text = "Foro Penal counts 711 political prisoners."
    assert date_document(text, first_seen="2026-02-21") == ("2026-02-21", "first_seen")


def test_a_dated_document_is_what_replace_makes() -> None:
    document = Document(
        source="http://x/1", source_name="Feed", title="T", text=SEED_003, date="2026-03-01",
        date_basis="published", language=None, identity="id",
    )  # fmt: skip
    made = dated(document)
    expected = replace(document, date="2026-02-06", date_basis="stated", language="en")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert list(vars(made).items()) == list(vars(expected).items())
    assert not hasattr(Document, "__post_init__") and not hasattr(Document, "__slots__")
    assert vars(document)["date"] == "2026-03-01"  # the document handed over is unchanged
