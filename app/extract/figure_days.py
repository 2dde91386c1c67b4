"""The day a figure is stated on: its sentence's, the statement's it carries on, or the cut-off
date of the report's lead."""

from __future__ import annotations

import bisect

from .dates import stated_day
from .lazy import lazy
from .report_days import report_day

_LEAD_CHARS = 800  # the lead of an article: where a report's cut-off date is said
_DAY_CARRY = 600  # how far back a day word may date a sentence that carries on the statement


class FigureDays:
    """The reader's (reader.Reader) days: read once a sentence, cached on the reader."""

    def _day_of(self, sentence: tuple[int, int]) -> str | None:
        """The day a sentence states, read once for all its figures."""
        if sentence not in self._days:
            at = bisect.bisect_left(self.days, sentence[0])
            named = self.days[at : bisect.bisect_left(self.days, sentence[1], at)]
            # (a sentence with no day word states no day: most name none)
            day = (
                stated_day(self.scans, sentence, self.date, named, plain=self.plain)
                if named
                else None
            )
            # 'it added': the same statement, the same day (when a day was named just before)
            recent = at > 0 and self.days[at - 1] > sentence[0] - _DAY_CARRY
            # ... unless it names a source of its own: then it is a statement of its own
            if (
                day is None
                and recent
                and self._carries_on(sentence)
                and not self.claimants.names_a_source(sentence)
            ):
                before = self._before(sentence[0])
                day = self._day_of(self.sentences.span(before)) if before > 0 else None
            self._days[sentence] = day
        return self._days[sentence]

    @lazy
    def cutoff(self) -> str | None:
        """The date a report's count is as of, when its lead states one ('counted 1,916
        political prisoners until October 7', 'hasta las 10.00 horas del 10 de agosto'): the
        figures that name no day of their own are as of it."""
        lead = (0, min(len(self.lower), _LEAD_CHARS))
        named = self.days[: bisect.bisect_left(self.days, lead[1])]
        plain = self.plain
        return stated_day(self.scans, lead, self.date, named, relative=False, plain=plain) or (
            report_day(self.lower, lead, self.date, named, self.weekdays, plain) if named else None
        )
