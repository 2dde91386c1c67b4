"""ClaimantIndex tests the whole text once for the words that report owners, described sources
and agents need; a text without them is never scanned for them clause by clause, and the
tests change no claimant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract.claimants import ClaimantIndex
from app.extract.clause_scans import SpanScans
from app.extract.patterns import is_plain_ascii, lowered
from app.extract.scanner import word_bytes
from app.text_folding import fold

ALIASES = (("the ngo", "Foro Penal"),)
PIECES = [
    "Foro Penal", "said", "says", "according to", "the organisation", "la ONG", "report",
    "list", "data", "'s", "Memorial's list", "a report by Human Rights Watch", "rights group",
    "the opposition", "critics", "dada por", "given by", "by", "por", "Ortega", "644", "127",
    ".", ",", ";", "counted", "released", "the government", "informe de", "Provea", "  ",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join)


def index_of(text: str) -> ClaimantIndex:
    folded = fold(text)
    lower = lowered(folded)
    return ClaimantIndex(folded, lower, word_bytes(lower), ALIASES, is_plain_ascii(folded))


def test_a_text_without_the_words_is_not_scanned_for_them(monkeypatch):
    def scanned(*_args):
        pytest.fail("scanned a clause for words the text does not hold")

    monkeypatch.setattr(ClaimantIndex, "_reports_of", scanned)
    text = "Foro Penal said on February 1 that 600 political prisoners remain in custody."
    index = index_of(text)
    monkeypatch.setattr("app.extract.claimants.has_described_hint", scanned)
    index.scans = index.scans._replace(agent=None)  # _agent_near would fail on it
    assert index.claimant((0, len(text)), text.index("600")) == "Foro Penal"


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 400), st.integers(0, 400))
def test_the_whole_text_tests_change_no_claimant(text, first, second):
    start, end = sorted((min(first, len(text)), min(second, len(text))))
    fast, slow = index_of(text), index_of(text)
    slow.words = slow.words._replace(report=True, described=True, agent=True)
    for offset in (start, (start + end) // 2, end):
        assert fast.claimant((start, end), offset) == slow.claimant((start, end), offset)
        assert fast.official_acts((start, end)) == slow.official_acts((start, end))


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 400), st.integers(0, 400))
def test_names_a_source_is_whether_the_claimant_is_found(text, first, second):
    """names_a_source stops at the first source said to say it: the same answer as the claimant."""
    span = tuple(sorted((min(first, len(text)), min(second, len(text)))))
    assert index_of(text).names_a_source(span) == (
        index_of(text).claimant(span, span[1]) is not None
    )


ACRONYM_PIECES = [*PIECES, "UN", "U.N.", "HRW", "un", "under", "JEP", "the UN experts"]
acronym_texts = st.lists(st.sampled_from(ACRONYM_PIECES), max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(acronym_texts, st.integers(0, 400), st.integers(0, 400))
def test_a_short_text_with_no_acronym_head_names_what_a_scan_for_them_names(text, first, second):
    """A short text none of whose words starts as an acronym does is not scanned for them."""
    start, end = sorted((min(first, len(text)), min(second, len(text))))
    fast, slow = index_of(text), index_of(text)
    slow._in_text = SpanScans(slow.text, slow.word_bytes)  # scanned for acronyms always
    assert fast._named(start, end) == slow._named(start, end)
    assert fast.between(start, end) == slow.between(start, end)


def test_a_short_text_without_acronym_heads_is_not_scanned_for_acronyms():
    assert index_of("Foro Penal said 600 political prisoners remain.")._in_text is None
    assert index_of("The UN said 600 political prisoners remain.")._in_text is not None
