"""Dates: the document's stated date line, the start of cumulative counts ('since January 8'),
the year a figure describes when the text dates it ('In 2020, ...') and stale markers.

A bare year as the date a figure describes resolves to the last day of that year (a count
'in 2020' is the count by the end of 2020); a month and year to the last day of the month.
A start ('since 2014', 'since December') resolves to the first day of the period.

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text
(patterns.lowered), which keeps the offsets and matches three times faster.
"""

from __future__ import annotations

import datetime as dt
import re

from app.text_folding import fold

from .calendar_words import MONTH_ALT, MONTHS, WEEKDAYS
from .clause_scans import SpanScans
from .patterns import Gated, NeedingWords, ascii_twin

_HEAD_CHARS = 400  # a date line sits at the top of a document
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º)?"
_MONTH = rf"(?P<month>{MONTH_ALT})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    rf"{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)",
    rf"{_DAY}(?: de)? {_MONTH},?(?: de(?:l)?)? {_YEAR}",
    rf"{_MONTH} {_DAY},? {_YEAR}",
)
_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_DATE_RES = [re.compile(rf"\b{form}\b", re.IGNORECASE) for form in _DATE_FORMS]
_DATE_LINE_RE = re.compile(
    r"\b(?:date|dated|published|updated|posted|fecha|publicado|publicada|actualizado"
    r"|actualizada)\b\s*(?:on|el)?\s*:?\s*(?:\w+day,?\s*|\w+es,?\s*|\w+do,?\s*)?$",
    re.IGNORECASE,
)
_DATELINE_PREFIX_RE = re.compile(r"(?:^|\n)\s*(?:[A-Z][\w .'-]{0,40},\s*)?$")

_SINCE_RE = re.compile(
    r"\b(?:since|desde)\s+(?:(?:early|late|mid|the (?:start|beginning|end) of|el|la|los"
    r"|principios de|inicios de|comienzos de|finales de|fines de|mediados de)[\s-]+)?"
    rf"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th|º)?(?: de)? (?P<m1>{MONTH_ALT})\b"
    rf"|(?P<m2>{MONTH_ALT})\.? (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b|(?P<m3>{MONTH_ALT})\b"
    r"|(?:el )?(?:ano )?(?P<year>(?:19|20)\d\d))"
    r"(?:,?(?: de(?:l)?)? (?P<year2>(?:19|20)\d\d))?(?!\w)",
)
_YEAR_OF_RE = re.compile(
    rf"\b(?:in|during|by|at the end of|en|durante|a finales de|a fines de|hacia|para)\s+"
    rf"(?:(?:{MONTH_ALT}) (?:de |del )?)?(?:el ano )?(?P<year>(?:19|20)\d\d)\b",
)
_ANY_YEAR_RE = re.compile(r"(?<![\w,.])(?P<year>(?:19|20)\d\d)(?![\w]|[,.]\d)")
_SINCE_BEFORE_RE = re.compile(
    r"(?:since|desde|from|de|del|el ano)(?:\s+(?:the|el|la|las|los))?\s+$"
)
_END_OF_BEFORE_RE = re.compile(r"(?:finales|fines|end) (?:de|of)\s+$")  # 'a finales de 2024'
_MONTH_BEFORE_RE = re.compile(rf"(?:{MONTH_ALT})\s+(?:de\s+)?$")
_PRESENT_RE = re.compile(
    r"\b(?:currently|now|today|to this day|still|remain\w*|at present|actualmente|hoy|ahora"
    r"|aun|todavia|permanecen|siguen|continuan)\b",
)
_STALE_RE = re.compile(
    r"\b(?:had (?:previously |earlier |once |initially )?(?:estimated|counted|reported"
    r"|recorded|said|documented|tallied|put)|previously (?:estimated|reported|counted|said)"
    r"|earlier estimate|previous estimate|not (?:been )?(?:recently |regularly )?updated"
    r"|outdated|out of date|out-of-date|no (?:ha|habia) sido actualizad\w+|sin actualizar"
    r"|habia (?:estimado|contabilizado|registrado|reportado|informado|cifrado)"
    r"|anteriormente (?:estimo|habia|contabilizo|cifro)|cifra anterior|desactualizad\w+)\b",
)


def stated_document_date(text: str) -> str | None:
    """An ISO date stated on a date line near the top ('date 2026-02-06', 'Published: 6 February
    2026', 'CARACAS, 6 de febrero de 2026'), or None."""
    head = fold(text[:_HEAD_CHARS])
    # each form holds a year: most heads of feed items have none (and most of those not even
    # a '19' or a '20', which `in` finds at memchr speed where the regex tries every character)
    if ("19" not in head and "20" not in head) or not _HAS_YEAR_RE.search(head):
        return None
    for date_re in _DATE_RES:
        for match in date_re.finditer(head):
            before = head[max(0, match.start() - 60) : match.start()]
            if _DATE_LINE_RE.search(before) or _DATELINE_PREFIX_RE.search(before):
                iso = _iso(match)
                if iso:
                    return iso
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    day = int(groups.get("dnum") or groups.get("day") or 1)
    try:
        return dt.date(int(groups["year"]), month, day).isoformat()
    except ValueError:
        return None


_YEAR_TO_DATE_RE = re.compile(
    r"\b(?:since the (?:start|beginning) of (?:the|this) year|so far this year|this year"
    r"|en lo que va (?:del|de este) ano|desde (?:el )?(?:inicio|comienzo|principios?) de(?:l)? ano"
    r"|en este ano)\b",
)


def period_start(scans: SpanScans, clause: tuple[int, int], offset: int, doc_date: str | None):
    """The start of the cumulative count at `offset`: the nearest 'since ...' in its clause
    (`scans`: the lower-cased folded text's)."""
    segment = scans.text[clause[0] : clause[1]]
    if (
        "since" not in segment
        and "desde" not in segment
        and "year" not in segment
        and ("ano" not in segment)
    ):
        return None  # a cheap test first: most clauses count from no start
    if _YEAR_TO_DATE.search(scans, clause[0], clause[1]):
        return f"{doc_date[:4]}-01-01" if doc_date else None
    best = None
    for match in _SINCE_RE.finditer(scans.text, clause[0], clause[1]):
        if best is None or abs(match.start() - offset) < abs(best.start() - offset):
            best = match
    return _resolve_since(best, doc_date) if best else None


def _resolve_since(match: re.Match[str], doc_date: str | None) -> str | None:
    year = match["year"] or match["year2"]
    month_name = match["m1"] or match["m2"] or match["m3"]
    month = MONTHS[month_name.lower()] if month_name else 1
    day = int(match["d1"] or match["d2"] or 1)
    if not year:
        if not doc_date:
            return None
        today = dt.date.fromisoformat(doc_date)
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    try:
        return dt.date(int(year), month, day).isoformat()
    except ValueError:
        return None


def dated_as_of(scans: SpanScans, clause, offset: int, end: int, doc_date, day=None, plain=False):
    """The date the text gives the figure at `offset` ('as of September 2', 'este lunes',
    'In 2020, Maduro granted 110 pardons', 'the 2024 election, when more than 2,000 were
    arrested'), else the document's date. `scans` are the lower-cased folded text's; `day` is
    the day its sentence states, if any (stated_day). `plain`: the text is plain ASCII
    (patterns.is_plain_ascii)."""
    if day:
        return day
    folded = scans.text
    if _PRESENT.search(scans, clause[0], clause[1]):
        return doc_date
    year = _year_before(folded, clause[0], offset) or _year_after(scans, end, clause[1], plain)
    if not year:
        return doc_date
    if doc_date and year >= int(doc_date[:4]):
        return doc_date
    return dt.date(year, 12, 31).isoformat()


def _year_before(folded: str, start: int, offset: int) -> int | None:
    year = None
    for match in _ANY_YEAR_RE.finditer(folded, start, offset):
        before = folded[max(0, match.start() - 12) : match.start()]
        if _END_OF_BEFORE_RE.search(before) or not _SINCE_BEFORE_RE.search(before):
            year = int(match["year"])
    return year


def _year_after(scans: SpanScans, end: int, clause_end: int, plain: bool) -> int | None:
    match = _YEAR_OF[plain].search(scans, end, min(clause_end, end + 40))
    return int(match["year"]) if match else None


def is_stale(scans: SpanScans, sentence: tuple[int, int]) -> bool:
    """The sentence calls its figure an earlier or outdated estimate (`scans`: the lower-cased
    folded text's)."""
    return _STALE.search(scans, sentence[0], sentence[1]) is not None


# 'as of September 2', 'until October 7', 'al corte del 3 de noviembre', 'hasta el 10 de agosto'
_AS_OF_DAY_RE = re.compile(
    r"\b(?:as of|as at|until|up to|through|by|hasta el|hasta|al corte del|al corte de|con corte al"
    r"|corte al|al|a fecha de|hasta las [0-9.:]+ (?:horas |h )?del)\s+"
    rf"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th|º)?(?: de)? (?P<m1>{MONTH_ALT})\b"
    rf"|(?P<m2>{MONTH_ALT})\.? (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b)(?!,? (?:19|20)\d\d)"
)
# 'reported on August 23', 'published on May 23rd', 'On May 11th and 12th', 'el pasado 6 de
# enero', 'between July 1st 2020 and March 28th 2022': the day an event or a report took place
# (the last of two days); a start ('desde el 29 de julio') is no such day, nor an event's day
# in apposition ('tras las elecciones, el pasado 28 de julio').
_ON_DAY_RE = re.compile(
    r"\b(?<!desde )(?<!since )(?<!from )(?:on|(?<!, )el(?: pasado)?|and|y)\s+"  # \b first: cheap
    rf"(?:(?P<m2>{MONTH_ALT})\.? (?:[0-3]?\d(?:st|nd|rd|th)? (?:and|y) )?(?P<d2>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?\b|(?:[0-3]?\d (?:and|y) )?(?P<d1>[0-3]?\d)(?:st|nd|rd|th|º)?"
    rf"(?: de)? (?P<m1>{MONTH_ALT})\b)(?:,?(?: de)? (?P<year>(?:19|20)\d\d)\b)?"
)
# 'hasta final del mes de septiembre pasado', 'through the end of March': its last day
_END_OF_MONTH_RE = re.compile(
    r"\b(?:as of|until|through|by|hasta|al)\s+(?:el |the )?(?:final|fin|finales|end)\s+"
    rf"(?:del mes |of the month )?(?:de|of)\s+(?P<m1>{MONTH_ALT})\b"
)
# A cheap test first: a month, a weekday or 'yesterday' somewhere in the sentence.
# The words a stated day needs (the scanner finds where they stand: scanner.Hits.days).
DAY_WORDS = (*MONTHS, *WEEKDAYS, "yesterday", "ayer")
SAID_DAY_WORDS = (*WEEKDAYS, "yesterday", "ayer")  # the days a report is said on (report_days)
_RELATIVE_DAY_RE = re.compile(
    rf"\b(?:(?P<yesterday>yesterday|ayer)"
    rf"|(?<!next )(?<!proximo )(?P<weekday>{'|'.join(WEEKDAYS)})\b(?! next)(?! que viene))"
)


def stated_day(
    scans: SpanScans,
    span: tuple[int, int],
    doc_date: str | None,
    days: list[int],
    relative: bool = True,
    plain: bool = False,
) -> str | None:
    """A day the figure's sentence states, resolved on or before the document's date. `days`
    are where the sentence's day words stand (scanner.Hits.days): only around them is looked.
    Without `relative`, only a cut-off date ('as of September 2', 'hasta el 10 de agosto').
    `scans` are the lower-cased folded text's. `plain`: the text is plain ASCII
    (patterns.is_plain_ascii)."""
    if not doc_date or not days:
        return None
    today = dt.date.fromisoformat(doc_date)
    folded = scans.text
    for at in days:
        stated = _AS_OF_DAY.search(scans, max(span[0], at - 40), min(span[1], at + 24), plain)
        if stated:
            return _on_or_before(today, MONTHS[stated["m1"] or stated["m2"]],
                                 int(stated["d1"] or stated["d2"]))  # fmt: skip
    months = [at for at in days if _is_month_at(folded, at)] if relative else ()
    for at in months:
        end_of = _END_OF_MONTH.search(scans, max(span[0], at - 40), min(span[1], at + 12), plain)
        if end_of:
            return _month_end_before(today, MONTHS[end_of["m1"]])
    for at in months:
        on = _ON_DAY.search(scans, max(span[0], at - 24), min(span[1], at + 24), plain)
        if on:
            return _stated(today, on)
    for at in days if relative else ():
        relative = _RELATIVE_DAY_RE.match(folded, at)
        if relative is None:
            continue
        if relative["yesterday"]:
            return (today - dt.timedelta(days=1)).isoformat()
        back = (today.weekday() - WEEKDAYS[relative["weekday"]]) % 7
        return (today - dt.timedelta(days=back)).isoformat()
    return None


# by whether the text is plain ASCII (patterns.is_plain_ascii): then its re.ASCII twin
_YEAR_OF = {False: Gated(_YEAR_OF_RE), True: Gated(ascii_twin(_YEAR_OF_RE))}
_PRESENT, _STALE, _YEAR_TO_DATE = Gated(_PRESENT_RE), Gated(_STALE_RE), Gated(_YEAR_TO_DATE_RE)
_AS_OF_DAY = NeedingWords(_AS_OF_DAY_RE, "as|until|up|through|by|hasta|al|corte|a fecha")
_ON_DAY = NeedingWords(_ON_DAY_RE, "on|el|and|y")
_END_OF_MONTH = NeedingWords(_END_OF_MONTH_RE, "final|fin|finales|end")


def _is_month_at(folded: str, at: int) -> bool:
    """Whether the day word at `at` is a month's name (not a weekday nor 'yesterday')."""
    return folded[at : at + 10].split(None, 1)[0].strip(".,;:") in MONTHS


def _stated(today: dt.date, match: re.Match[str]) -> str | None:
    month, day = MONTHS[match["m1"] or match["m2"]], int(match["d1"] or match["d2"])
    if not match["year"]:
        return _on_or_before(today, month, day)
    try:
        return dt.date(int(match["year"]), month, day).isoformat()
    except ValueError:
        return None


def _month_end_before(today: dt.date, month: int) -> str:
    year = today.year if month <= today.month else today.year - 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(today, following - dt.timedelta(days=1)).isoformat()


def _on_or_before(today: dt.date, month: int, day: int) -> str | None:
    for year in (today.year, today.year - 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        if date <= today:
            return date.isoformat()
    return None
