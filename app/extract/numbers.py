"""Numbers as written, with their offsets: digits, number words, '600+', ranges, vague amounts.

Patterns run on the folded text (see app/text_folding.py); number words are converted by
text2num on the original spelling, so 'veintidós' keeps its accent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from text_to_num import text2num

from .patterns import word_trie

# Digits: '18,842' / '1.200' / '2 000' thousands, else plain; a decimal part marks a non-count.
_DIGITS_RE = re.compile(
    r"(?<![\w/.,])"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?!\d)|\d+)"
    r"(?P<dec>[.,]\d+)?(?:(?![\w])|(?=[a-z]{5,}))"  # '144excarcelaciones': glued to its noun
)
_MULTIPLIER_RE = re.compile(r" (thousand|mil|million|millones|millon)\b", re.IGNORECASE)
_MULTIPLIERS = {"thousand": 1000, "mil": 1000, "million": 10**6, "millones": 10**6, "millon": 10**6}
_SEPARATORS_RE = re.compile(r"\D")  # the thousands separators of a matched number
_PLUS_RE = re.compile(r"\+(?![\d])")

_WORDS = {
    "en": (
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred thousand million"
    ),
    "es": (
        "un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
        "quince "
        "dieciseis diecisiete dieciocho diecinueve veinte veintiun veintiuno veintiuna veintidos "
        "veintitres veinticuatro veinticinco veintiseis veintisiete veintiocho veintinueve "
        "treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento doscientos "
        "doscientas trescientos trescientas cuatrocientos cuatrocientas quinientos quinientas "
        "seiscientos seiscientas setecientos setecientas ochocientos ochocientas novecientos "
        "novecientas mil millon millones"
    ),
}
NUMBER_WORDS = {lang: tuple(words.split()) for lang, words in _WORDS.items()}
_JOINERS = {"en": "and", "es": "y"}
_ARTICLES = {"en": "a|one", "es": "un|una"}


def _word_pattern(lang: str) -> re.Pattern[str]:
    """A run of number words ('two hundred and fifty', 'mil doscientos'), on lower-cased text."""
    words = word_trie(_WORDS[lang].split())
    scale = "hundred|thousand|million" if lang == "en" else "mil|millon"
    return re.compile(
        rf"\b(?:(?:{_ARTICLES[lang]}) (?={scale}))?{words}"
        rf"(?:(?: |-)(?:{_JOINERS[lang]} )?{words})*\b"
    )


_WORD_RES = {lang: _word_pattern(lang) for lang in _WORDS}

# Vague amounts and the band each stands for (the intervals are listed in qualifiers.py).
VAGUE_BANDS = {
    "dozens": (24, 99),
    "docenas": (24, 99),
    "decenas": (20, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "cientos": (200, 999),
    "centenares": (200, 999),
    "several hundred": (200, 999),
    "varios cientos": (200, 999),
    "varios centenares": (200, 999),
    "thousands": (2000, 9999),
    "miles": (2000, 9999),
    "several thousand": (2000, 9999),
    "varios miles": (2000, 9999),
    "tens of thousands": (20000, 99999),
    "decenas de miles": (20000, 99999),
}
_VAGUE_RE = re.compile(
    r"\b(?P<phrase>tens of thousands|decenas de miles"
    r"|several (?:hundred|thousand)|varios (?:cientos|centenares|miles)"
    r"|dozens|docenas|decenas|scores|hundreds|cientos|centenares|thousands|miles)"
    r"(?P<of> (?:of|de))?\b"
)  # on lower-cased text
VAGUE_FIRST_WORDS = (
    "tens", "decenas", "several", "varios", "dozens", "docenas", "scores", "hundreds", "cientos",
    "centenares", "thousands", "miles",
)  # fmt: skip
_MONTH_BEFORE_RE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?\s+(?:de\s+)?$"
)
_RANGE_JOIN_RE = re.compile(r" ?(?:-|to|and|y|a) ?", re.IGNORECASE)
_ARTICLES_BEFORE = frozenset({"los", "las", "el", "la", "the"})
_RANGE_OPENERS = {"and": ("between",), "y": ("entre",), "a": ("de", "desde"), "to": ()}


class Mention(NamedTuple):  # a tuple: made for every number of every text
    """A number as written at text[start:end]."""

    start: int
    end: int
    value: int | None
    kind: str = "number"  # number | plus | range | vague | about
    high: int | None = None  # the upper end of a range
    band: tuple[int, int] | None = None  # the interval of a vague amount


def find_mentions(folded: str, lower: str, original: str, lang: str, hits) -> list[Mention]:
    """Every number-like mention in the text, sorted, ranges merged into one mention.

    `folded` is fold(original) and `lower` its lower-case form, all of the same length; `hits`
    (scanner.Hits) says where candidates start."""
    mentions = list(_digit_mentions(folded, hits.digits))
    mentions += _word_mentions(lower, original, lang, hits.words)
    mentions += _vague_mentions(lower, hits.vague)
    mentions += _collective_mentions(lower)
    mentions.sort(key=lambda m: m.start)
    return _merge_ranges(_drop_overlaps(mentions), folded)


def _digit_mentions(folded: str, starts: list[int]):
    covered = -1  # '18,842' is one number, though '842' starts a run of digits too
    for at in starts:
        match = _DIGITS_RE.match(folded, at) if at >= covered else None
        if not match:
            continue
        start, end = match.span()
        covered = end
        written = match["int"]
        value = int(written if written.isdecimal() else _SEPARATORS_RE.sub("", written))
        multiplier = _MULTIPLIER_RE.match(folded, end)
        if multiplier:
            factor = _MULTIPLIERS[multiplier[1].lower()]
            number = float(match[0].replace(",", ".")) if match["dec"] else value
            yield Mention(start, multiplier.end(), int(number * factor))
            continue
        if match["dec"]:
            continue  # a decimal is a rate or an amount, never a head count
        plus = _PLUS_RE.match(folded, end)
        if plus:
            yield Mention(start, plus.end(), value, kind="plus")
        else:
            yield Mention(start, end, value)


_ONE_WORDS = frozenset({"one", "un", "una", "uno"})
_ARTICLE_RE = re.compile(r"^(?:a|one|un|una) (?=\w)")


def _word_mentions(lower: str, original: str, lang: str, starts: list[int]) -> list[Mention]:
    found, covered = [], -1
    for at in starts:
        match = _WORD_RES[lang].match(lower, at) if at >= covered else None
        if not match:
            continue
        covered = match.end()
        if match[0] in _ONE_WORDS:  # the commonest word of all: no need to ask text2num
            found.append(Mention(match.start(), match.end(), 1))
            continue
        written = original[match.start() : match.end()]
        spoken = _ARTICLE_RE.sub("", written.lower())
        try:
            value = text2num(spoken, lang)
        except ValueError:
            continue
        found.append(Mention(match.start(), match.end(), value))
    return found


# 'un centenar', 'medio centenar', 'a dozen', 'two dozen', 'un millar': counts by the group.
# Found by the group's noun (a literal the regex engine skips to), then the count before it.
_COLLECTIVE_UNIT_RE = re.compile(r"\b(?P<unit>centenar|docenas?|dozens?|millar)\b(?!es)")
_COLLECTIVE_STEMS = ("centenar", "docena", "dozen", "millar")


def _collective_units(lower: str):
    """The group nouns of the text: str.find for each stem, the pattern only where one is."""
    for stem in _COLLECTIVE_STEMS:
        at = lower.find(stem)
        while at != -1:
            unit = _COLLECTIVE_UNIT_RE.match(lower, at)
            if unit and (at == 0 or not lower[at - 1].isalnum()):
                yield unit
            at = lower.find(stem, at + 1)


_COLLECTIVE_COUNT_RE = re.compile(r"\b(?P<count>un|una|a|one|two|dos|three|tres|medio|half a)\s+$")
_COLLECTIVE_OF_RE = re.compile(r" (?:de|of)\b")
_COLLECTIVE_COUNTS = {"un": 1, "una": 1, "a": 1, "one": 1, "two": 2, "dos": 2, "three": 3,
                      "tres": 3, "medio": 0.5, "half a": 0.5}  # fmt: skip
_COLLECTIVE_UNITS = {"centenar": 100, "docena": 12, "docenas": 12, "dozen": 12, "dozens": 12,
                     "millar": 1000}  # fmt: skip


def _collective_mentions(lower: str) -> list[Mention]:
    found = []
    for unit in _collective_units(lower):
        count = _COLLECTIVE_COUNT_RE.search(lower, max(0, unit.start() - 8), unit.start())
        if not count:
            continue
        value = int(_COLLECTIVE_COUNTS[count["count"]] * _COLLECTIVE_UNITS[unit["unit"]])
        of = _COLLECTIVE_OF_RE.match(lower, unit.end())
        # half a hundred is a round, approximate amount
        kind = "about" if count["count"] in ("medio", "half a") else "number"
        found.append(Mention(count.start(), of.end() if of else unit.end(), value, kind))
    return found


def _vague_mentions(lower: str, starts: list[int]) -> list[Mention]:
    found = []
    for match in filter(None, (_VAGUE_RE.match(lower, at) for at in starts)):
        phrase = match["phrase"]
        if " " not in phrase and not match["of"]:
            continue  # 'hundreds' alone is not an amount of people ('in the hundreds' aside)
        found.append(Mention(match.start(), match.end(), None, "vague", band=VAGUE_BANDS[phrase]))
    return found


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _merge_ranges(mentions: list[Mention], folded: str) -> list[Mention]:
    """'600-700', 'between 600 and 700', 'entre 600 y 700', 'de 600 a 700' -> one range."""
    merged: list[Mention] = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        second = mentions[index + 1] if index + 1 < len(mentions) else None
        if second and _is_range(first, second, folded):
            merged.append(Mention(first.start, second.end, first.value, "range", second.value))
            index += 2
            continue
        merged.append(first)
        index += 1
    return merged


def _is_range(first: Mention, second: Mention, folded: str) -> bool:
    if first.kind != "number" or second.kind not in ("number", "plus"):
        return False
    if first.value is None or second.value is None or not first.value < second.value:
        return False
    if _MONTH_BEFORE_RE.search(folded, max(0, first.start - 12), first.start):
        return False  # 'since January 8 to 431': a date, then a count
    join = _RANGE_JOIN_RE.fullmatch(folded, first.end, second.start)
    if not join:
        return False
    word = join[0].strip().lower()
    openers = _RANGE_OPENERS.get(word)
    if not openers:
        return True  # '-' and 'to' need no opener
    before = folded[max(0, first.start - 16) : first.start].lower().split()
    if before and before[-1] in _ARTICLES_BEFORE:  # 'entre los 22 y 45 años'
        before = before[:-1]
    return bool(before) and before[-1] in openers
