"""Numbers that are never head counts: years, dates, ages, durations, money, percentages,
ordinals, page and phone numbers, numbers inside URLs and photo credits."""

from __future__ import annotations

import re

from .calendar_words import MONTH_ALT, MONTHS
from .numbers import Mention

_UNIT_AFTER_RE = re.compile(
    r"[\s-]*(?:%|percent\b|per cent\b|por ciento\b|years?\b|yrs?\b|months?\b|weeks?\b|days?\b"
    r"|hours?\b|minutes?\b|seconds?\b|decades?\b|centur|anos\b|ano\b|meses\b|mes\b|semanas?\b"
    r"|dias?\b|horas?\b|minutos?\b|decadas?\b|siglos?\b|dollars?\b|euros?\b|pounds\b|pesos\b"
    r"|bolivares\b|usd\b|km\b|kilomet|miles\b|metres|meters|kg\b|a\.m\.|p\.m\.|am\b|pm\b"
    rf"|(?:de )?(?:{MONTH_ALT})\b)",
    re.IGNORECASE,
)
# Words right before a number that make it a price, a page, a phone, a cell, an age or a date.
_BEFORE_WORDS = (
    ("$", "€", "£", "us$", "bs", "bs.", "page", "p.", "pp.", "pagina", "no.", "nº", "number",
     "article", "articulo", "art.", "tel", "tel.", "phone", "telefono", "chapter", "capitulo",
     "section", "room", "cell", "celda", "pabellon", "route", "ruta", "aged")
    + tuple(MONTHS)
    + tuple(f"{month}." for month in MONTHS)
)  # fmt: skip
# On plain ASCII text a case-blind match is a match on the lower-cased text (the pattern is
# written in lower case), which the engine makes without lower-casing every character it tries
_UNIT_AFTER_LOWER_RE = re.compile(_UNIT_AFTER_RE.pattern, re.ASCII)
_MONTH_WORDS = tuple(MONTHS) + tuple(f"{month}." for month in MONTHS)
_PAREN_CLOSE_RE = re.compile(r"\s*\)")
_HYPHENATED_RE = re.compile(r"[A-Za-z]-")
_YEAR_CONTEXT_RE = re.compile(
    r"\b(?:in|since|the|of|from|until|till|by|before|after|during|between|and|to|early|late"
    r"|mid|en|desde|de|del|el|ano|year|hasta|durante|entre|antes|despues|y|a|fines|finales"
    r"|principios|inicios)[\s-]*$",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(r"(?:photograph|photo|foto|image|imagen|credit|credito)s?\s*:", re.I)


def is_not_a_count(folded: str, lower: str, mention: Mention, plain: bool = False) -> bool:
    """True for a number the text uses as a year, a date, an age, a duration or the like.
    `lower` is the folded text lower-cased (patterns.lowered); `plain`: the text is plain
    ASCII (patterns.is_plain_ascii)."""
    if mention.kind == "vague":
        return False
    start, end = mention.start, mention.end
    before = folded[max(0, start - 24) : start]
    if (
        plain
        and _UNIT_AFTER_LOWER_RE.match(lower, end)
        or (not plain and _UNIT_AFTER_RE.match(folded, end))
    ):
        return True
    if _ends_with_word(before.lower(), _BEFORE_WORDS):
        # after a month only a day or a year is a date: 'desde diciembre 383 excarcelaciones'
        if not _ends_with_word(before.lower(), _MONTH_WORDS) or mention.value is None:
            return True
        return mention.value <= 31 or 1900 <= mention.value <= 2100
    in_brackets = folded[start - 1 : start] == "(" and _PAREN_CLOSE_RE.match(folded, end)
    if in_brackets and 1900 <= (mention.value or 0) <= 2100:
        return True  # '(2018)': a year in brackets
    if _HYPHENATED_RE.match(folded, max(0, start - 2)):
        return True  # 'COVID-19': a number glued to a word by a hyphen is a name
    if _is_year(folded, mention, before):
        return True
    return _in_url(folded, start, end) or _in_credit(folded, start)


def _ends_with_word(before: str, words: tuple[str, ...]) -> bool:
    """`before` ends with one of `words` (then spaces), the word starting a word."""
    trimmed = before.rstrip()
    if not trimmed.endswith(words):
        return False
    last = trimmed.rsplit(None, 1)[-1]
    return last in words or last[-1] in "$€£"


def _is_year(folded: str, mention: Mention, before: str) -> bool:
    written = folded[mention.start : mention.end]
    if not (written.isdigit() and len(written) == 4 and 1900 <= int(written) <= 2100):
        return False
    return bool(_YEAR_CONTEXT_RE.search(before)) or not before.strip()


def _in_url(folded: str, start: int, end: int) -> bool:
    left = folded.rfind(" ", max(0, start - 200), start) + 1
    right = folded.find(" ", end, end + 200)
    token = folded[left : right if right != -1 else end + 200]
    return "/" in token or "www." in token or "@" in token or ".com" in token


def _in_credit(folded: str, start: int) -> bool:
    line_start = folded.rfind("\n", max(0, start - 200), start) + 1
    line = folded[max(line_start, start - 200) : start]
    if "[" not in line and ":" not in line:
        return False
    return "[" in line and "]" not in line[line.rfind("[") :] or bool(_CREDIT_RE.search(line))
