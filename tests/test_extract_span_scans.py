"""SpanScans finds in a span exactly what finditer finds, though it tries a pattern only where
one of its heads starts a word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import dates
from app.extract.claimant_names import alias_patterns, ascii_alias_patterns
from app.extract.claimant_patterns import ANY_TEXT_SCANS, ascii_scans
from app.extract.clause_scans import HeadScan, SpanScans, word_gate, word_heads
from app.extract.patterns import is_plain_ascii, lowered
from app.extract.scanner import word_bytes
from app.text_folding import fold

ALIASES = (("the ngo", "Foro Penal"), ("(ONG) Foro", "Foro Penal"))
PIECES = [
    "Foro Penal", "foro penal", "said", "unsaid", "says", "according to", "según", "segun",
    "the organisation", "la ONG", "UN", "U.N.", "ONU", "un", "HRW", "_said", "the NGO",
    "the government", "gobierno", "released", "granted", "dada por", "ha excarcelado", "(ONG)",
    "644", ".", ",", ";", "\n", "«", "»", "é", "K", "ſaid", "–", "data from",
    "de acuerdo con", "U.N", "de acuerdo a",
    "human rights group", "had previously estimated", "currently", "could", "may 5", "would free",
    "attorney-general", "excarcelado", "ha", "government.", "según la", "la organización",
    "Comité", "dicha ONG", "  ",
]  # fmt: skip
WORD_SCANS = (dates._STALE_RE, dates._PRESENT_RE)
texts = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join) | st.text(max_size=80)


def patterns_for(text: str) -> list[re.Pattern[str]]:
    loose, exact, _ = alias_patterns(ALIASES)
    found = [*ANY_TEXT_SCANS, loose, exact, *WORD_SCANS]
    if is_plain_ascii(text):
        found += [*ascii_scans(), *ascii_alias_patterns(ALIASES)]
    return found


def test_a_head_inside_a_longer_head_is_found():
    # 'ha excarcelado' is a head of several words; 'excarcela' (cut off by the span) starts in it
    text = "granted . ha excarcelado"
    scans = SpanScans(text, word_bytes(text))
    pattern = ANY_TEXT_SCANS.official_verb
    found = [m.span() for m in scans.find(pattern, 0, 22)]
    assert found == [m.span() for m in pattern.finditer(text, 0, 22)] == [(0, 7), (13, 22)]


def test_word_patterns_are_gated():
    assert all(word_gate(pattern) for pattern in ANY_TEXT_SCANS[:5])
    assert word_gate(ANY_TEXT_SCANS.gap_before_verb) is None  # it starts with no word
    assert word_gate(re.compile(r"\bfoo|bar")) is None  # 'bar' may start inside a word
    assert word_gate(re.compile(r"\b(?:ab|cd)|(?<![\w])ef")) is not None
    assert word_gate(re.compile(r"\bfoo", re.IGNORECASE)) is None  # 'K' (Kelvin) is 'k' there


def test_an_optional_part_lengthens_the_heads():
    # 'the ' alone would be a head of the pattern: every 'the' would be tried
    heads = word_heads(re.compile(r"\b(?:the|la) (?:(?:human )?rights )?(?:group|ong)\b"))
    assert heads == {
        f"{article} {rights}{noun}"
        for article in ("the", "la")
        for rights in ("", "rights ", "human rights ")
        for noun in ("group", "ong")
    }


@settings(max_examples=300)
@given(texts, st.integers(0, 100), st.integers(0, 100))
def test_span_scans_find_what_finditer_finds(written, first, second):
    folded = fold(written)
    lower = lowered(folded)
    start, end = sorted((min(first, len(lower)), min(second, len(lower))))
    scans = []
    for text, short in ((lower, True), (folded, True), (lower, False), (folded, False)):
        scans.append((text, SpanScans(text, word_bytes(lower))))
        scans[-1][1].short = short  # a long text's heads are found span by span
    # the heads of all the patterns found at once, shared by the scans of the two forms
    together = SpanScans(lower, word_bytes(lower))
    together.find_heads(HeadScan(tuple(patterns_for(folded))))
    scans += [(lower, together), (folded, SpanScans(folded, word_bytes(lower), together))]
    for pattern in patterns_for(folded):
        for text, scan in scans:
            expected = [m.span() for m in pattern.finditer(text, start, end)]
            assert [m.span() for m in scan.find(pattern, start, end)] == expected
            first = scan.search(pattern, start, end)
            assert (first and first.span()) == (expected[0] if expected else None)
