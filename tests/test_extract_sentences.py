"""SentenceIndex finds a sentence in a short text from the boundaries of the whole text, found
once, and finds the same sentence as its windows around the offset find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import sentences
from app.extract.sentences import SentenceIndex

PIECES = [
    "Foro Penal said", "644", "political prisoners", ".", ". ", "!", "?", "...", "?!", "\n",
    "\n\n", '"', "'", ")", "]", "(", "«", "¿", " ", "  ", "Dr.", "U.S.", "Mr", "e.g.",
    "government.Acting", "a.m.", "The", "el", "20", "x" * 60, "No.", " - ", ";",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=40
).map("".join)


def _windowed_span(index: SentenceIndex, offset: int) -> tuple[int, int]:
    short = sentences._SHORT_TEXT
    try:
        sentences._SHORT_TEXT = -1
        return index._span(offset)
    finally:
        sentences._SHORT_TEXT = short


def test_a_short_text_is_scanned_once():
    text = "Foro Penal said 644 remain held. The group counted 100 releases.\n\nAnother 20."
    index = SentenceIndex(text)
    assert index.span(text.index("644")) == (0, text.index(" The"))
    index._boundaries = None  # the text's boundaries were found already
    assert index.span(text.index("100")) == (text.index("The"), text.index("\n"))
    assert index.span(text.index("20")) == (text.index("Another"), len(text))


@settings(max_examples=500, deadline=None)
@given(texts, st.data())
def test_the_whole_text_finds_what_the_windows_find(text, data):
    offsets = [at for at, char in enumerate(text) if char.isalnum() and at <= 250]
    if not offsets:
        return
    offset = data.draw(st.sampled_from(offsets))
    assert SentenceIndex(text).span(offset) == _windowed_span(SentenceIndex(text), offset)
