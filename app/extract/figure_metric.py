"""What a figure counts (held, released, ...) when its own words do not say: a change, a part
of a total, or the count the text is going on about."""

from __future__ import annotations

import re

from .breakdowns import CARRY_WINDOW
from .context import CHANGE_BEFORE_RE, CHANGE_ENDS
from .metric_cues import sentence_metric
from .metrics import metric_for, verb_before

_DIED_IN_CUSTODY_RE = re.compile(
    r"\b(?:died|murieron|fallecieron) (?:\w+ )?(?:in custody|bajo custodia|en custodia|en prision)"
)
_PEOPLE = ("people", "prisoners")
# after a part: its people's state now, not how they came to be held ('1,568 arrested after')
_STILL_RE = re.compile(r"\s*(?:\w+\s+){0,3}?(?:remain|still|permanec|sigue|siguen|continua)")


class FigureMetric:
    """The reader's (reader.Reader) metric of a figure, from its words and the figures before."""

    def _metric(self, mention, subject, start, post_start, sentence, clause, total) -> str | None:
        lower = self.lower
        if lower[max(0, start - 4) : start].rstrip().endswith(CHANGE_ENDS) and (
            CHANGE_BEFORE_RE.search(lower, max(clause[0], start - 30), start)
        ):
            return "other"  # 'ha habido un aumento de 700 personas': a change, not a count
        after = lower[mention.end : min(sentence[1], mention.end + 80)]
        if ("died" in after or "murieron" in after or "fallecieron" in after) and (
            _DIED_IN_CUSTODY_RE.search(after)
        ):
            return "other"  # 'Three of the detainees — aged 36, 43 — died in custody'
        vague = mention.kind == "vague"
        metric = metric_for(self.scans, subject, start, post_start, clause, vague)
        if total is not None:
            # a part counts what its total counts, unless a verb governs it ('released 12 of')
            # or it says where its people are now ('of them, 27 remain detained')
            if _STILL_RE.match(lower, mention.end):
                return "held"
            if metric != "released":
                return verb_before(self.scans, clause, start) or total.metric
        if metric is not None or mention.kind == "vague" or subject.noun_class not in _PEOPLE:
            return metric
        # '1,757 civilians in the group and 159 military personnel'; a change between two
        # counts ('se redujo en 10, respecto a los 320') is not what they count
        previous = next(
            (
                f
                for f in self._latest_first(sentence[0])
                if f.start < mention.start and (f.subject or f.metric != "other")
            ),
            None,
        )
        if previous is not None:
            return previous.metric
        metric = sentence_metric(self.scans, sentence, mention.start)
        if metric is None:  # 'se tratan de 725 civiles': the count the text is going on about
            metric = self._metric_going_on(sentence, mention.start)
        return metric

    def _metric_going_on(self, sentence: tuple[int, int], offset: int) -> str | None:
        """The metric of the count the text is going on about: the last figure before, of the
        source the sentence names if it names one ('el Foro Penal detalló que se tratan de
        725 civiles' after the minister's 125 arrests goes on about Foro Penal's count)."""
        speaker = self.claimants.claimant(sentence, offset)
        earlier = [f for f in self._latest_first(sentence[0] - CARRY_WINDOW) if f.start < offset]
        same = next((f for f in earlier if speaker and f.claimant == speaker), None)
        previous = same or (earlier[0] if earlier else None)
        return previous.metric if previous is not None else None
