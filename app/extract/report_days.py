"""The day a report was made ('a local rights group said Wednesday', 'denunció este jueves',
'told AFP on Monday'), which its figures describe; an event's day ('signed on Thursday') is not.

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .calendar_words import WEEKDAYS
from .patterns import Twins

_REPORT_DAY_RE = re.compile(
    r"\b(?:said|says|reported|reports|told|announced|denounced|stated|confirmed|dijo|denuncio"
    r"|informo|indico|senalo|afirmo|aseguro|reporto|anuncio|preciso|detallo|explico)"
    rf"(?: \w+)?,? (?:on |este |el |this |last |el pasado )?(?P<day>{'|'.join(WEEKDAYS)}"
    r"|yesterday|ayer)\b"
)
_REPORT_DAY = Twins(_REPORT_DAY_RE)
_SAID_REACH = 60  # how far before its day word a reporting verb may stand ('told AFP on')


def report_day(
    folded: str,
    span: tuple[int, int],
    doc_date: str | None,
    days: list[int],
    weekdays: list[int],
    plain=False,
) -> str | None:
    """The day a report was made, when the text ties a weekday or 'yesterday' to its
    reporting verb within `span`; resolved on or before the document's date. `days` are where
    the span's day words stand (scanner.Hits.days): only just before them is looked.
    `weekdays` are where the text's weekdays and 'yesterday' stand (scanner.Hits.weekdays).
    `plain`: the text is plain ASCII (patterns.is_plain_ascii)."""
    if not doc_date or not days:
        return None
    # A cheap test first: the day said stands in one of the looks below (after a space, so
    # the scanner found it), and most texts name no weekday there (only months).
    reach = (max(span[0], days[0] - _SAID_REACH), days[-1] + 12)
    if bisect.bisect_left(weekdays, reach[0]) == bisect.bisect_left(weekdays, reach[1]):
        return None
    said_re = _REPORT_DAY.on(plain)
    said = next(
        (
            found
            for at in days
            if (found := said_re.search(folded, max(span[0], at - _SAID_REACH), at + 12))
        ),
        None,
    )
    if said is None:
        return None
    today = dt.date.fromisoformat(doc_date)
    if said["day"] in ("yesterday", "ayer"):
        return (today - dt.timedelta(days=1)).isoformat()
    back = (today.weekday() - WEEKDAYS[said["day"]]) % 7
    return (today - dt.timedelta(days=back)).isoformat()
