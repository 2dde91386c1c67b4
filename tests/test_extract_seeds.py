"""The seven figures of the design card, read from the seed files, and no non-counts."""

from __future__ import annotations

import re

import pytest

from app.extract import detect_language, extract_figures, stated_document_date
from tests.conftest import SEED_DATES as DATES_BY_FILE
from tests.conftest import SEEDS

SEED_DATES = {name[:3]: day for name, day in DATES_BY_FILE.items()}  # by prefix: "000"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def figures_of(prefix: str):
    return extract_figures(seed(prefix), SEED_DATES[prefix])


CARD = [
    # seed, value, metric, qualifier, claimant, period_start
    ("004", 711, "held", "exact", "Foro Penal", None),
    ("000", 644, "held", "at_least", "Foro Penal", None),
    ("000", 600, "held", "more_than", "Foro Penal", None),
    ("001", 600, "held", "more_than", "Foro Penal", None),
    ("000", 448, "released", "exact", "Foro Penal", "2026-01-08"),
    ("001", 448, "held", "exact", "Foro Penal", None),
    ("002", 379, "amnestied", "exact", "authorities", None),
    ("003", 340, "released", "at_least", "Foro Penal", None),
    ("004", 302, "released", "exact", "Foro Penal", "2026-01-08"),
]


@pytest.mark.parametrize(("prefix", "value", "metric", "qualifier", "claimant", "since"), CARD)
def test_card_figure(prefix, value, metric, qualifier, claimant, since):
    text = seed(prefix)
    matches = [f for f in figures_of(prefix) if f.value == value and f.metric == metric]
    assert matches, f"{value} {metric} not found in seed {prefix}"
    for figure in matches:
        assert figure.qualifier == qualifier
        assert figure.claimant == claimant
        assert figure.period_start == since
        assert figure.place == "Venezuela"
        assert figure.as_of == SEED_DATES[prefix]
        assert str(value) in text[figure.start : figure.end]
        assert text[figure.start : figure.end] in figure.sentence
        assert figure.sentence in text


@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_no_years_ages_or_durations(prefix):
    text = seed(prefix)
    for figure in figures_of(prefix):
        written = text[figure.start : figure.end]
        after = text[figure.end : figure.end + 12].lower()
        assert not re.fullmatch(r"(19|20)\d\d", written), written
        assert not re.match(r"[\s-]*(years?|months?|weeks?|days?|decades?|hours?)\b", after)
        assert "year-old" not in after


def test_stale_estimate_is_marked():
    (about_650,) = [f for f in figures_of("002") if f.value == 650]
    assert about_650.stale and about_650.qualifier == "about" and about_650.metric == "held"


def test_seed_dates_and_language():
    assert stated_document_date(seed("003")) == "2026-02-06"
    for prefix in ("000", "001", "002", "004"):
        assert stated_document_date(seed(prefix)) is None
        assert detect_language(seed(prefix)) == "en"
