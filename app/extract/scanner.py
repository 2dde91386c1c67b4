"""Where candidates start: every run of digits, number word, vague amount and country name.

One pass finds them all. The lower-cased, folded text is turned into bytes in which every
character that is not an ASCII letter or digit is a space (a non-ASCII character too, so the
offsets stay those of the text); a word then starts after a space, and a regex whose pattern
starts with a literal space runs at memchr speed, trying the word lists (a prefix-factored trie)
only where a word starts. Each place found is then checked against the exact rules: a number
word or vague amount must start a word, a country name must match as a whole word.
Runs of digits are found the same way in a second byte string that keeps only the digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .dates import DAY_WORDS, SAID_DAY_WORDS
from .numbers import NUMBER_WORDS, VAGUE_FIRST_WORDS
from .patterns import word_trie
from .places import COUNTRY_NAMES

_DAY_STEMS = tuple(sorted(set(DAY_WORDS)))
_COUNTRY_STEMS = tuple(COUNTRY_NAMES)
_DIGIT_RUN_RE = re.compile(r"\d+")  # for text with non-ASCII characters, which may be digits
_WORD_CHARS = bytes(c if c < 128 and chr(c).isalnum() else 0x20 for c in range(256))
_DIGIT_CHARS = bytes(0x31 if chr(c).isdigit() and c < 128 else 0x20 for c in range(256))
_DIGIT_RUN_START = re.compile(rb" 1")


@dataclass
class Hits:
    digits: list[int] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    vague: list[int] = field(default_factory=list)
    countries: list[tuple[int, str]] = field(default_factory=list)  # (offset, country)
    days: list[int] = field(default_factory=list)  # month and weekday names, 'yesterday'
    weekdays: list[int] = field(default_factory=list)  # those of days that name no month
    word_bytes: bytes = b""  # the text's word_bytes, which the scan reads and the reader too


@lru_cache(maxsize=2)
def _number_words(lang: str) -> tuple[str, ...]:
    return _minimal(NUMBER_WORDS[lang])


def _minimal(words) -> tuple[str, ...]:
    """The words none of whose proper prefixes is also listed: finding 'venezuela' finds
    'venezuelan' too, so the longer word needs no search of its own."""
    ordered = sorted(set(words))
    return tuple(w for w in ordered if not any(w != p and w.startswith(p) for p in ordered))


def _listed(lang: str) -> set[str]:
    return {*_number_words(lang), *VAGUE_FIRST_WORDS, *_DAY_STEMS, *COUNTRY_NAMES}


@lru_cache(maxsize=2)
def _word_start_pattern(lang: str) -> re.Pattern[bytes]:
    """' ' before any listed word, on the word-character bytes: one trie, names of several
    words in it whole (a space between their words), instead of alternatives tried at every
    word start. It looks ahead, taking only the space: no word start hides in a match. It
    captures the longest listed word there (the trie's every optional part is greedy)."""
    return re.compile(f" (?=({word_trie(_listed(lang))}))".encode("ascii"))


class _Kinds(NamedTuple):
    """What a word may be that starts with a listed word and with none longer: every listed
    word it starts with is a prefix of that one (any longer would have been matched)."""

    country: bool  # a country name may start there (its regex says whether one does)
    number: bool
    vague: bool
    day: bool
    said_day: bool


@lru_cache(maxsize=2)
def _kinds(lang: str) -> dict[bytes, _Kinds]:
    """The kinds of each listed word (as the trie captures it), for the exact checks."""
    number_words = _number_words(lang)
    return {
        word.encode("ascii"): _Kinds(
            word.startswith(_COUNTRY_STEMS),
            word.startswith(number_words),
            word.startswith(VAGUE_FIRST_WORDS),
            word.startswith(_DAY_STEMS),
            word.startswith(SAID_DAY_WORDS),
        )
        for word in _listed(lang)
    }


def word_bytes(lower: str) -> bytes:
    """' ' + the text with every character that is not an ASCII letter or digit a space: one
    byte per character, so offset i of `lower` is offset i + 1 here."""
    return b" " + lower.encode("ascii", "replace").translate(_WORD_CHARS)


def scan(lower: str, lang: str) -> Hits:
    """Where each kind of candidate starts in the lower-cased, folded text."""
    ascii_only = lower.isascii()
    encoded = lower.encode("ascii", "replace")  # one byte per character: offsets unchanged
    if ascii_only:
        spaced = b" " + encoded.translate(_DIGIT_CHARS)
        hits = Hits(digits=[m.start() for m in _DIGIT_RUN_START.finditer(spaced)])
    else:
        hits = Hits(digits=[m.start() for m in _DIGIT_RUN_RE.finditer(lower)])
    words, vague, countries = hits.words, hits.vague, hits.countries
    covered = 0  # country names do not overlap
    hits.word_bytes = b" " + encoded.translate(_WORD_CHARS)  # (word_bytes(lower), made once)
    # (what the listed word found says of the word: one dict look-up, where testing `lower`
    # for each kind's words with startswith tried a hundred words at each place)
    kinds_of = _kinds(lang)
    for match in _word_start_pattern(lang).finditer(hits.word_bytes):
        at = match.start()  # the word's offset in `lower` (the bytes have one more at the front)
        kinds = kinds_of[match[1]]
        if kinds.country and at >= covered:
            country = _COUNTRY_RE.match(lower, at)
            if country:
                countries.append((at, COUNTRY_NAMES[country[0]]))
                covered = country.end()
        if at and lower[at - 1].isalnum():
            continue  # a non-ASCII letter before: not the start of a word
        if kinds.number:
            words.append(at)
        if kinds.vague:
            vague.append(at)
        if kinds.day:
            hits.days.append(at)
            if kinds.said_day:
                hits.weekdays.append(at)
    return hits


# A hundred country names: one prefix-factored regex, tried only where a word starts.
_COUNTRY_RE = re.compile(rf"\b{word_trie(COUNTRY_NAMES)}\b")
