"""The document's date inferred from its text, for documents with no feed, config or stated
date (the caller stores the basis as `inferred`).

The rule, in order:
1. A date line stated at the top ('date 2026-02-06', 'CARACAS, 6 de febrero de 2026') is the
   date (stated_document_date).
2. Explicit dates in the text ('February 8', 'Feb. 8', '8 de febrero', 'January 3 attack',
   '8 February 2026', '2026-02-08') are events on or before publication. A date without its
   year takes, with a reference, the year that puts it on or before the reference (the latest
   such date); without one, the latest year the text mentions ('since 2014', 'in 2024'). With a
   reference, dates after it are announcements of the future and ignored. The latest date left
   is the earliest the document can have been published. A text with no year that names a
   known event ('the day after the presidential elections, July 29') is after it: its bare
   days are the first such days after the event.
3. A weekday mention ('on Thursday', 'el jueves', 'Friday's vote'; not 'next Friday' or 'el
   próximo viernes') names a day of the week of publication: news says 'on Thursday' for the
   days just past. With a reference it resolves to the latest such weekday on or before the
   reference and not before the latest explicit date; without a reference (or when no such
   weekday lies between the two) to the first such weekday on or after the latest explicit
   date. A weekday alone, with neither a reference nor an explicit date, says too little.
4. The document's date is the latest of the dates of 2 and 3; with none, None.

`reference` should be the time the document was first seen (ISO date or datetime): a close
reference places a weekday in the right week, which the text alone often cannot.
"""

from __future__ import annotations

import datetime as dt
import re

from app.text_folding import fold

from .calendar_words import MONTH_ALT, MONTHS, WEEKDAYS
from .dates import stated_document_date
from .patterns import lowered

_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th|º)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_EXPLICIT_RE = re.compile(
    rf"\b(?:{_YEAR.format('iy')}-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    rf"|(?P<m1>{MONTH_ALT})\.? {_DAY.format('d1')}(?:,? {_YEAR.format('y1')})?"
    rf"|{_DAY.format('d2')}(?: de)? (?P<m2>{MONTH_ALT})\b\.?"
    rf"(?:,?(?: de(?:l)?)? {_YEAR.format('y2')})?"
    r")(?![\w]|[.,:]\d)"
)  # on lower-cased, folded text
_ANY_YEAR_RE = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w]|[.,]\d)")
_WEEKDAY_RE = re.compile(rf"\b(?P<day>{'|'.join(WEEKDAYS)})\b")
_FUTURE_BEFORE_RE = re.compile(r"\b(?:next|coming|proximo|proxima|que viene)\s+$")
_FUTURE_AFTER_RE = re.compile(r"\s+(?:next week|que viene|de la proxima semana)\b")
_CURRENT_YEAR_RE = re.compile(
    r"\b(?:este|this year,?|en lo que va de|en lo que va del ano|so far in|so far this year,?)"
    r"\s+((?:19|20)\d\d)\b"
)
# Events a text names without their year, whose day is known: an undated text that names one
# is after it, and its bare days are the first such days after it ('October 7' in a text about
# the day after Venezuela's presidential election of 28 July 2024). (pattern, day)
_KNOWN_EVENTS = (
    (
        re.compile(
            r"\b(?:(?:28|29) de julio|july (?:28|29))\b[^.]{0,120}\b(?:elecciones|presidenciales"
            r"|presidential election)|\b(?:elecciones|presidenciales|presidential elections?)"
            r"\b[^.]{0,120}\b(?:(?:28|29) de julio|july (?:28|29))\b"
        ),
        dt.date(2024, 7, 28),
    ),
)
_WEEK_NEAR = 14  # days between first seen and the text's latest date that still place a weekday
_AMBIGUOUS_MONTHS = frozenset({"may", "mar"})  # also words: 'may 3' must be spelled 'May 3'


def infer_document_date(text: str, reference: str | None = None) -> str | None:
    """The most plausible publication date (ISO) the text implies, or None; see the module
    docstring for the rule. Pure and cheap: a few regex passes over the text."""
    stated = stated_document_date(text)
    if stated:
        return stated
    folded = fold(text)
    lower = lowered(folded)
    limit = _reference_date(reference)
    explicit = _explicit_dates(folded, lower, limit)
    latest = max(explicit, default=None)
    candidates = [latest] if latest else []
    if latest and limit and latest.year < limit.year and (limit - latest).days > _WEEK_NEAR:
        limit = None  # first seen years after its dates: its weekdays are near those dates
    for weekday in _weekdays(lower):
        day = _resolve_weekday(weekday, latest, limit)
        if day:
            candidates.append(day)
    return max(candidates).isoformat() if candidates else None


def _reference_date(reference: str | None) -> dt.date | None:
    if not reference:
        return None
    try:
        return dt.date.fromisoformat(reference[:10])
    except ValueError:
        return None


def _explicit_dates(folded: str, lower: str, limit: dt.date | None) -> list[dt.date]:
    years = [int(m[0]) for m in _ANY_YEAR_RE.finditer(lower)]
    fallback_year = max(years, default=None)
    # the year of the latest full date ('September 2, 2024') dates the text's bare days
    full_years = [
        int(m["y1"] or m["y2"]) for m in _EXPLICIT_RE.finditer(lower) if m["y1"] or m["y2"]
    ]
    full_year = max(full_years, default=None)
    current = [int(m[1]) for m in _CURRENT_YEAR_RE.finditer(lower)]  # 'este 2025'
    full_year = max([*current, *([full_year] if full_year else [])], default=None)
    after = None if full_year else _known_event(lower)
    found = []
    for match in _EXPLICIT_RE.finditer(lower):
        month_name = match["m1"] or match["m2"]
        group = "m1" if match["m1"] else "m2"
        if month_name in _AMBIGUOUS_MONTHS and not folded[match.start(group)].isupper():
            continue
        if match["iy"]:
            year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
        else:
            month, day = MONTHS[month_name], int(match["d1"] or match["d2"])
            stated_year = match["y1"] or match["y2"]
            year = int(stated_year) if stated_year else None
        date = (
            _first_after(after, month, day)
            if after and year is None
            else _dated(year, month, day, limit, fallback_year, full_year)
        )
        if date and (limit is None or date <= limit):
            found.append(date)
    return found


def _dated(year, month, day, limit, fallback_year, full_year=None) -> dt.date | None:
    if year is not None:
        return _date(year, month, day)
    if full_year and limit and full_year < limit.year:
        # 'September 2' in a text whose latest year is 2024, first seen in 2026: 2024
        limit = dt.date(full_year, 12, 31)
    if limit is None:
        return _date(fallback_year, month, day) if fallback_year else None
    for back in range(5):  # the latest such day on or before the reference (29 Feb: 4 years)
        date = _date(limit.year - back, month, day)
        if date and date <= limit:
            return date
    return None


def _known_event(lower: str) -> dt.date | None:
    """The day of the latest known event the text names, if any (_KNOWN_EVENTS)."""
    days = [day for pattern, day in _KNOWN_EVENTS if pattern.search(lower)]
    return max(days, default=None)


def _first_after(event: dt.date, month: int, day: int) -> dt.date | None:
    """The first such day on or after the event."""
    for year in (event.year, event.year + 1):
        date = _date(year, month, day)
        if date and date >= event:
            return date
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # 'February 30', or 29 February of a common year


def _weekdays(lower: str) -> set[int]:
    """The weekdays the text mentions as past or present (not 'next Friday')."""
    days = set()
    for match in _WEEKDAY_RE.finditer(lower):
        if _FUTURE_BEFORE_RE.search(lower, max(0, match.start() - 20), match.start()):
            continue
        if _FUTURE_AFTER_RE.match(lower, match.end()):
            continue
        days.add(WEEKDAYS[match["day"]])
    return days


def _resolve_weekday(weekday: int, latest: dt.date | None, limit: dt.date | None):
    if limit is not None:
        day = limit - dt.timedelta(days=(limit.weekday() - weekday) % 7)
        if latest is None or day >= latest:
            return day
    if latest is not None:
        return latest + dt.timedelta(days=(weekday - latest.weekday()) % 7)
    return None
