"""Where candidates start: every run of digits, number word, vague amount and country name.

str.find runs at C speed, so the short word lists are searched word by word with it, and only
the places found are checked against the detailed patterns. The words are searched in
lower-cased, folded text; a hit must start on a word boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .numbers import NUMBER_WORDS, VAGUE_FIRST_WORDS
from .patterns import word_trie
from .places import COUNTRY_NAMES

_DIGIT_RUN_RE = re.compile(r"\d+")


@dataclass
class Hits:
    digits: list[int] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    vague: list[int] = field(default_factory=list)
    countries: list[tuple[int, str]] = field(default_factory=list)  # (offset, country)


@lru_cache(maxsize=2)
def _number_words(lang: str) -> tuple[str, ...]:
    return _minimal(NUMBER_WORDS[lang])


def _minimal(words) -> tuple[str, ...]:
    """The words none of whose proper prefixes is also listed: finding 'venezuela' finds
    'venezuelan' too, so the longer word needs no search of its own."""
    ordered = sorted(set(words))
    return tuple(w for w in ordered if not any(w != p and w.startswith(p) for p in ordered))


def scan(lower: str, lang: str) -> Hits:
    """Where each kind of candidate starts in the lower-cased, folded text."""
    hits = Hits(digits=[m.start() for m in _DIGIT_RUN_RE.finditer(lower)])
    hits.words = sorted(_word_starts(lower, _number_words(lang)))
    hits.vague = sorted(_word_starts(lower, VAGUE_FIRST_WORDS))
    hits.countries = [(m.start(), COUNTRY_NAMES[m[0]]) for m in _COUNTRY_RE.finditer(lower)]
    return hits


# A hundred country names are too many for str.find: one prefix-factored regex pass is cheaper.
_COUNTRY_RE = re.compile(rf"\b{word_trie(COUNTRY_NAMES)}\b")


def _word_starts(lower: str, words) -> list[int]:
    """Offsets where one of `words` starts a word."""
    found = []
    for word in words:
        at = lower.find(word)
        while at != -1:
            if at == 0 or not lower[at - 1].isalnum():
                found.append(at)
            at = lower.find(word, at + 1)
    return found
