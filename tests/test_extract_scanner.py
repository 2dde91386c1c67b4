"""The scanner's one trie finds what trying every word start finds: its word list (names of
several words whole in it) is only a fast way to the places the exact checks then read."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import scanner
from app.extract.patterns import lowered
from app.text_folding import fold

PIECES = [
    "El Salvador", "el", "la Habana", "la", "Arabia Saudita", "Saudi Arabia", "arabia saudita",
    "Estados Unidos", "United States", "united", "Hong Kong", "hong", "Venezuela", "venezolanos",
    "doscientos", "two hundred", "un", "uno", "dozens of", "decenas de", "several", "January",
    "enero", "Monday", "ayer", "yesterday", "644", "1.200", "-", ".", ",", "\n", "ñ", "é", "  ",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join) | st.text(max_size=60)
EVERY_WORD_START = re.compile(rb" (?=[a-z0-9])")


def every_word_start(lower: str, lang: str) -> scanner.Hits:
    """scan(), its exact checks run at every word start."""
    trie = scanner._word_start_pattern
    scanner._word_start_pattern = lambda lang: EVERY_WORD_START
    try:
        return scanner.scan(lower, lang)
    finally:
        scanner._word_start_pattern = trie


@settings(max_examples=300)
@given(texts, st.sampled_from(["en", "es"]))
def test_the_trie_finds_what_every_word_start_finds(written, lang):
    lower = lowered(fold(written))
    assert scanner.scan(lower, lang) == every_word_start(lower, lang)


def test_names_of_several_words():
    lower = "saudi arabia saudita, el salvador y estados unidos"
    found = scanner.scan(lower, "es").countries
    assert found == every_word_start(lower, "es").countries
    # names do not overlap: 'arabia saudita' (at 6) is inside 'saudi arabia'
    assert [at for at, _ in found] == [0, 22, 36]
