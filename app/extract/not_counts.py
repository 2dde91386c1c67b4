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


_BEFORE_WORD_SET = frozenset(_BEFORE_WORDS)
_MONTH_WORD_SET = frozenset(_MONTH_WORDS)
_CURRENCY_SIGNS = frozenset("$€£")  # a price glued to its sign ('US$500') ends a word with one


class NotCounts:
    """The not-a-count tests of one document. What a test needs in the whole text is looked
    for once: most texts hold no URL and no photo credit, and then no number is looked at
    for one."""

    def __init__(self, folded: str, lower: str, plain: bool) -> None:
        """`lower` is the folded text lower-cased (patterns.lowered); `plain`: the text is
        plain ASCII (patterns.is_plain_ascii)."""
        self.folded, self.lower, self.plain = folded, lower, plain
        # (`in` tests one by one: any() over a generator costs as much as all of them)
        # a number in a URL or an address needs one of _in_url's marks in the text
        self.may_hold_urls = "/" in folded or "www." in folded or "@" in folded or ".com" in folded
        # a credit, a bracket or a colon, and on plain ASCII text (where the case-blind
        # _CREDIT_RE matches only where `lower` holds its words) one of the words' stems
        self.may_hold_credits = "[" in folded or (
            ":" in folded and (not plain or _names_credit(lower))
        )

    def rejects(self, mention: Mention) -> bool:
        """True for a number the text uses as a year, a date, an age, a duration or the
        like."""
        if mention.kind == "vague":
            return False
        folded, start, end = self.folded, mention.start, mention.end
        before = folded[max(0, start - 24) : start]
        if self.plain:
            if _UNIT_AFTER_LOWER_RE.match(self.lower, end):
                return True
        elif _UNIT_AFTER_RE.match(folded, end):
            return True
        last = _last_word(before.lower())
        if last in _BEFORE_WORD_SET or last[-1:] in _CURRENCY_SIGNS:
            # after a month only a day or a year is a date: 'desde diciembre 383 excarcelaciones'
            if last not in _MONTH_WORD_SET or mention.value is None:
                return True
            return mention.value <= 31 or 1900 <= mention.value <= 2100
        in_brackets = before.endswith("(") and _PAREN_CLOSE_RE.match(folded, end)
        if in_brackets and 1900 <= (mention.value or 0) <= 2100:
            return True  # '(2018)': a year in brackets
        if before.endswith("-") and _HYPHENATED_RE.match(folded, max(0, start - 2)):
            return True  # 'COVID-19': a number glued to a word by a hyphen is a name
        if _is_year(folded, mention, before):
            return True
        return (self.may_hold_urls and _in_url(folded, start, end)) or (
            self.may_hold_credits and _in_credit(folded, start)
        )


def _names_credit(lower: str) -> bool:
    return "photo" in lower or "foto" in lower or "image" in lower or "credit" in lower


def _last_word(before: str) -> str:
    """The last word of `before` ('' if none): a word the tests know ends it exactly when
    `before` ends with that word, the word starting a word."""
    trimmed = before.rstrip()
    return trimmed.rsplit(None, 1)[-1] if trimmed else ""


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
