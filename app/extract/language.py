"""The document's language, English or Spanish, from a cheap count of function words."""

from __future__ import annotations

# Frequent function words of each language, padded with spaces; counted with str.count.
_EN = (
    " the ", " of ", " and ", " to ", " is ", " that ", " said ", " in ", " at ", " were ",
)  # fmt: skip
_ES = (
    " el ", " la ", " los ", " las ", " de ", " del ", " que ", " por ", " con ", " para ",
    " en ", " y ", " se ", " al ",
)  # fmt: skip
_SAMPLE_CHARS = 1_000  # the head of a document is enough to tell its language


def detect_language(text: str) -> str:
    """'es' when Spanish function words outnumber English ones, else 'en'."""
    sample = " " + text[:_SAMPLE_CHARS].lower().replace("\n", " ") + " "
    english = sum(map(sample.count, _EN))
    spanish = sum(map(sample.count, _ES))
    return "es" if spanish > english else "en"
