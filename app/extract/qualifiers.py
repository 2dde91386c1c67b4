"""Qualifiers ('at least', 'más de', '600+') and the interval each gives a stated number.

Intervals (low, high; None is an open end):
- exact 711 -> [711, 711]; at_least 644 -> [644, None]; more_than 600 / 600+ -> [601, None]
- about 650 ('about', 'some', 'around', 'cerca de', 'unos') -> [618, 682]: +-5 %, rounded;
  'nearly' / 'almost' / 'casi' 650 -> [618, 650]: up to 5 % under, never over
- at_most 50 ('up to', 'hasta') -> [0, 50]; fewer_than 50 ('menos de') -> [0, 49]
- range 600-700 -> [600, 700], value 600 (the lower end)
- vague ('hundreds of') -> the band of numbers.VAGUE_BANDS, value None

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text
(patterns.lowered), which keeps the offsets and matches three times faster.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .numbers import Mention

_QUALIFIER_WORDS = {
    "at_least": (
        "at least|no fewer than|no less than|a minimum of|not less than|al menos|por lo menos"
        "|como minimo|no menos de|cuando menos"
    ),
    "more_than": (
        "more than|over|upwards of|in excess of|above|well over|just over|mas de|poco mas de"
        "|por encima de|sobrepasa|supera|superan|exceeds|exceed"
    ),
    "about": (
        "about|around|some|roughly|approximately|an estimated|circa|close to"
        "|alrededor de|aproximadamente|unos|unas|en torno a|cerca de|aprox\\."
    ),
    "nearly": "nearly|almost|casi|just under|just below|poco menos de",
    "at_most": "up to|as many as|at most|no more than|a maximum of|hasta|como maximo|a lo sumo"
    "|no mas de",
    "fewer_than": "fewer than|less than|under|below|menos de|por debajo de",
}
_WORD_QUALIFIER = {w: q for q, ws in _QUALIFIER_WORDS.items() for w in ws.split("|")}
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(,]))(?P<q>"
    + "|".join(sorted(_WORD_QUALIFIER, key=len, reverse=True))
    + r")[\s,\"']*$",  # 'hay, al menos, 309', '"at least six"'
)


class Reading(NamedTuple):  # a tuple: made for every figure read
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    start: int  # where the qualifier phrase starts (the number itself if none)


def read_qualifier(folded: str, mention: Mention, or_more: bool = False) -> Reading:
    """The qualifier of a mention, from the words just before it, and its interval."""
    value = mention.value
    if mention.kind == "vague":
        low, high = mention.band or (None, None)
        return Reading(None, "vague", low, high, mention.start)
    if mention.kind == "range":
        return Reading(value, "range", value, mention.high, _start_of_range(folded, mention))
    if mention.kind == "plus":
        return Reading(value, "more_than", value + 1, None, mention.start)
    if mention.kind == "about":  # 'medio centenar'
        return _interval(value, "about", mention.start)
    match = _QUALIFIER_RE.search(folded, max(0, mention.start - 24), mention.start)
    word = match["q"].lower() if match else None
    start = match.start() if match else mention.start
    if or_more:
        return Reading(value, "at_least", value, None, start)
    return _interval(value, _WORD_QUALIFIER.get(word, "exact") if word else "exact", start)


def _interval(value: int, qualifier: str, start: int) -> Reading:
    if qualifier == "at_least":
        return Reading(value, qualifier, value, None, start)
    if qualifier == "more_than":
        return Reading(value, qualifier, value + 1, None, start)
    if qualifier == "about":
        return Reading(value, qualifier, round(value * 0.95), round(value * 1.05), start)
    if qualifier == "nearly":
        return Reading(value, "about", round(value * 0.95), value, start)
    if qualifier == "at_most":
        return Reading(value, qualifier, 0, value, start)
    if qualifier == "fewer_than":
        return Reading(value, qualifier, 0, max(0, value - 1), start)
    return Reading(value, "exact", value, value, start)


_RANGE_OPENER_RE = re.compile(r"\b(?:between|from|entre|de|desde)\s+$")


def _start_of_range(folded: str, mention: Mention) -> int:
    match = _RANGE_OPENER_RE.search(folded, max(0, mention.start - 10), mention.start)
    return match.start() if match else mention.start
