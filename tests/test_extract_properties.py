"""Properties of the extractor on any input: no exception, offsets that hold the number as
written, and the interval each figure's qualifier states."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extract import detect_language, extract_figures, stated_document_date
from app.extract.numbers import find_mentions
from app.extract.patterns import lowered
from app.extract.scanner import scan
from app.model import METRICS, QUALIFIERS
from app.text_folding import fold

# Pieces of real news sentences, so that random texts often do contain figures.
PIECES = [
    "Foro Penal", "says", "according to", "según", "the organisation", "la ONG", "at least",
    "more than", "about", "nearly", "up to", "fewer than", "al menos", "más de", "cerca de",
    "unos", "hasta", "menos de", "between", "and", "entre", "y", "644", "18,842", "1.200",
    "2 000", "600+", "600-700", "two thousand", "seiscientos", "mil doscientos", "hundreds of",
    "cientos de", "dozens of", "political prisoners", "presos políticos", "people", "personas",
    "releases", "excarcelaciones", "pardons", "indultos", "cases", "remain in custody",
    "were arrested", "fueron detenidas", "walked free", "since January 8", "desde el 8 de enero",
    "In 2020,", "30-year-old", "27 years", "10 months", "$5", "15%", "1st", "Venezuela",
    "Nicaragua", "Cuba", "Belarus", "Myanmar", ".", ",", ";", ":", "\n", " – ", "(", ")", "“",
    "date 2026-02-06", "had previously estimated", "could", "including", "the number of",
    "stands at", "https://x.org/711", "[Photo: AP/12]", "política", "amnesty",
]  # fmt: skip


def mentions_in(written: str, lang: str):
    folded = fold(written)
    lower = lowered(folded)
    return find_mentions(folded, lower, written, lang, scan(lower, lang))


news_like = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), news_like)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=any_text, date=dates)
def test_never_raises_and_offsets_hold_the_number(text, date):
    figures = extract_figures(text, date)
    for figure in figures:
        written = text[figure.start : figure.end]
        assert written and written in figure.sentence
        if figure.qualifier == "vague":
            assert figure.value is None
            continue
        values = {m.value for lang in ("en", "es") for m in mentions_in(written, lang)}
        assert figure.value in values, (written, figure.value)
    assert [f.start for f in figures] == sorted(f.start for f in figures)


@FAST
@given(text=any_text, date=dates)
def test_each_figure_allows_the_interval_its_qualifier_states(text, date):
    for figure in extract_figures(text, date):
        assert figure.qualifier in QUALIFIERS and figure.metric in METRICS, figure
        value, bounds = figure.value, (figure.low, figure.high)
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high, figure
        if value is None:
            continue
        expected = {  # DOMAIN.md: "711" [711, 711], "at least 644" [644, -], "more than 600"
            "exact": (value, value),  # [601, -], "up to 50" [-, 50], "fewer than 50" [-, 49]
            "at_least": (value, None),
            "more_than": (value + 1, None),
            "at_most": (figure.low, value),
            "fewer_than": (figure.low, value - 1),
        }
        if figure.qualifier in expected:
            assert bounds == expected[figure.qualifier], figure
        elif figure.qualifier in ("about", "range"):
            assert None not in bounds and figure.low <= value <= figure.high, figure


@FAST
@given(text=any_text)
def test_helpers_never_raise(text):
    assert detect_language(text) in ("en", "es")
    stated = stated_document_date(text)
    assert stated is None or len(stated) == 10
