"""The scanner's one trie finds what trying every word start finds: its word list (names of
several words whole in it) is only a fast way to the places the exact checks then read, and
the longest listed word it finds there says what the word may be."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import scanner
from app.extract.dates import SAID_DAY_WORDS
from app.extract.numbers import VAGUE_FIRST_WORDS
from app.extract.patterns import lowered
from app.extract.places import COUNTRY_NAMES
from app.text_folding import fold

PIECES = [
    "El Salvador", "el", "la Habana", "la", "Arabia Saudita", "Saudi Arabia", "arabia saudita",
    "Estados Unidos", "United States", "united", "Hong Kong", "hong", "Venezuela", "venezolanos",
    "doscientos", "two hundred", "un", "uno", "dozens of", "decenas de", "several", "January",
    "enero", "Monday", "ayer", "yesterday", "644", "1.200", "-", ".", ",", "\n", "ñ", "é", "  ",
    "mil", "miles", "tens", "ten", "decenas", "diciembre", "martes", "marzo", "sept", "onerous",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join) | st.text(max_size=60)
EVERY_WORD_START = re.compile(rb" (?=[a-z0-9])")


def every_word_start(lower: str, lang: str) -> scanner.Hits:
    """scan(), its exact checks run at every word start: each kind's words tried there."""
    hits = scanner.scan(lower, lang)
    found = scanner.Hits(digits=hits.digits, word_bytes=hits.word_bytes)
    covered = 0
    for match in EVERY_WORD_START.finditer(found.word_bytes):
        at = match.start()
        if at >= covered:
            country = scanner._COUNTRY_RE.match(lower, at)
            if country:
                found.countries.append((at, COUNTRY_NAMES[country[0]]))
                covered = country.end()
        if at and lower[at - 1].isalnum():
            continue
        if lower.startswith(scanner._number_words(lang), at):
            found.words.append(at)
        if lower.startswith(VAGUE_FIRST_WORDS, at):
            found.vague.append(at)
        if lower.startswith(scanner._DAY_STEMS, at):
            found.days.append(at)
            if lower.startswith(SAID_DAY_WORDS, at):
                found.weekdays.append(at)
    return found


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


def test_the_longest_listed_word_says_every_kind():
    # 'decenas' is a vague amount's first word and starts with a month's stem ('dec')
    lower = "decenas de presos, miles mas; diciembre, martes"
    assert scanner.scan(lower, "es") == every_word_start(lower, "es")
    assert scanner.scan(lower, "es").days == [0, 30, 41]
