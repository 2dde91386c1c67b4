"""Reader: one document being read, a mention at a time, into figures. Its jobs live in the
mixins it is made of (attribution, breakdowns, figure_days, figure_metric); their caches and
indexes are the reader's, built only if a candidate figure needs them."""

from __future__ import annotations

import re

from app.model import Figure

from .attribution import Attribution
from .breakdowns import TOTAL_WORDS_RE, Breakdowns
from .claimants import ClaimantIndex
from .clause_scans import SpanScans
from .context import RUNNING_TOTAL_RE
from .dates import dated_as_of, is_stale, period_start
from .figure_build import make_figure
from .figure_days import FigureDays
from .figure_metric import FigureMetric
from .lazy import lazy
from .not_counts import NotCounts
from .numbers import Mention
from .patterns import Gated, is_plain_ascii
from .places import PlaceIndex
from .qualifiers import read_qualifier
from .scanner import Hits
from .sentences import SentenceIndex, clause_span
from .settings import ExtractionSettings
from .subjects import subject_after

# A modal before a number makes it a projection, not a count ('could free hundreds').
# Announced and planned events keep their metric ('a plan to release 70'); a conditional does not.
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:could|would(?! (?:free|release|pardon))|might|(?<!\d )may(?! \d| \()|should|podria"
    r"|podrian|puede|pueden|deberia|permitiria)\b"
)  # 'would free as many as 80': a plan announced, which keeps the metric of the event
_HYPOTHETICAL = Gated(_HYPOTHETICAL_RE)
# ... or a modal right after its noun phrase ('50 detainees could be left out').
_MODAL_AFTER_RE = re.compile(r"\s*(?:could|would|might|may|should|podrian?|pueden?|deberian?)\b")
_DEATH_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:have|has|had|han|habian|were|was|fueron|also|reportedly)\s+)*(?:died|been"
    r" killed|killed|dead|muerto|muertos|muerte|muertes|fallecido|fallecieron|murieron|perdido"
    r" la vida|perdieron la vida|resultaron heridos|injured|wounded|heridos)\b"
)
_CUSTODY_RE = re.compile(r"\b(?:custody|custodia|prison|prision|carcel|jail|detention|detencion)")
_LIST_GAP = 120
_ONE_EVENT_RE = re.compile(
    r"[^.;]{0,120}?\b(?:has been|have been|was|were|fue|ha sido|han sido)\s+(?:\w+\s+)?"
    r"(?:released|freed|pardoned|amnestied|arrested|detained|excarcelad\w+|liberad\w+"
    r"|indultad\w+|amnistiad\w+|detenid\w+|arrestad\w+|halved|reduced)\b"
)
_NEAR = 600  # how far a figure before a bare number may make it a part or a list member
# Words right after a number that may make it a count with no noun of its own.
_NEXT_WORDS_RE = re.compile(
    r"\s*,?\s*(?:are|were|is|was|remain|have|has|had|son|eran|es|fueron|han|estan|tienen"
    r"|superan|permanecen|siguen|se|of|de|among|desde|since|still|released|freed|pardoned"
    r"|arrested|excarcelad|liberad|indultad|amnistiad|detenid|arrestad|capturad)"
)
_REGISTRY_YEARS = 2
_CUMULATIVE = frozenset({"released", "arrested", "amnestied", "cases_total"})
_HYPOTHETICAL_WINDOW = 80

_SINCE_YEAR_RE = re.compile(r"\b(?:since|desde)\s+(?:el\s+)?(?:ano\s+)?(?:19|20)\d\d\b")


def _is_registry(since: str | None, date: str | None) -> bool:
    """A count kept since a year long before the document ('since 2014'): a registry, not one
    episode ('since 29 July 2024')."""
    return bool(since and date and int(date[:4]) - int(since[:4]) >= _REGISTRY_YEARS)


class Reader(Attribution, Breakdowns, FigureDays, FigureMetric):
    """One document being read; its indexes are built only if a candidate figure needs them."""

    def __init__(self, text, folded, lower, date, settings: ExtractionSettings, hits: Hits):
        self.text, self.folded, self.lower = text, folded, lower
        self.date, self.settings, self.countries = date, settings, hits.countries
        self.days = hits.days  # where day words stand: a sentence without one states no day
        self.weekdays = hits.weekdays  # ... and those a report may be said on
        # the text as bytes, every non-word character a space and one more in front (so that
        # offset i of the text is offset i + 1 there, and a word there reads ' word ')
        self.word_bytes = hits.word_bytes
        self.plain = is_plain_ascii(folded)  # re.ASCII twins of the scans find the same, faster
        # the figures read so far, by where they start; sentence start -> the source before it
        self._by_start: dict[int, Figure] = {}
        self._speakers: dict[tuple[int, int], str | None] = {}
        self._carrying: dict[tuple[int, int], bool] = {}  # sentence -> it carries on
        self._stale_sentences: dict[tuple[int, int], bool] = {}
        self._days: dict[tuple[int, int], str | None] = {}  # sentence -> the day it states

    @lazy
    def scans(self) -> SpanScans:
        """Word scans of the lower-cased text, tried only where their words stand."""
        return SpanScans(self.lower, self.word_bytes)

    @lazy
    def folded_scans(self) -> SpanScans:
        """The same on the folded text, for patterns that look at capitals (same offsets; a
        match there starts where its lower-cased words stand in the word bytes)."""
        return SpanScans(self.folded, self.word_bytes)

    @lazy
    def not_counts(self) -> NotCounts:
        return NotCounts(self.folded, self.lower, self.plain)

    @lazy
    def sentences(self) -> SentenceIndex:
        return SentenceIndex(self.folded)

    @lazy
    def claimants(self) -> ClaimantIndex:
        return ClaimantIndex(
            self.folded, self.lower, self.word_bytes, self.settings.cache_key()[0], self.plain
        )

    @lazy
    def places(self) -> PlaceIndex:
        return PlaceIndex(self.folded, self.countries)

    def figure(self, mention: Mention, previous: Figure | None) -> Figure | None:
        """The figure a mention states, if any; remembered for the mentions after it."""
        found = self._read(mention, previous)
        if found is not None:
            self._by_start[found.start] = found
        return found

    def _read(self, mention: Mention, previous: Figure | None) -> Figure | None:
        # Patterns of words run on the lower-cased text (same offsets); those that look at
        # capitals or at the exact spelling run on the folded text.
        folded, lower = self.folded, self.lower
        if (
            mention.value == 1
            and (previous is None or mention.start - previous.end > _LIST_GAP)
            and not _ONE_EVENT_RE.match(lower, mention.end)
        ):
            # 'one'/'un' counts people in a list ('16 women and one adolescent') or with an event
            # of its own ('One person convicted in 2018 has been released'); else it is a word
            return None
        # a date, a year, an age... first: most numbers that are no figure end here (the three
        # tests are pure and each alone rejects, so their order changes no result)
        if self.not_counts.rejects(mention):
            return None
        own = subject_after(lower, self.text, mention.end)  # '644 political prisoners'
        if own is None and not self._worth_reading(mention, previous):
            return None
        sentence = self.sentences.span(mention.start)
        clause = clause_span(lower, sentence, mention.start)
        subject = own or self._subject(mention, sentence, clause, previous)
        if subject is None:
            return None
        reading = read_qualifier(lower, mention, subject.or_more)
        window_start = max(clause[0], reading.start - _HYPOTHETICAL_WINDOW)
        post_start = subject.end if subject.start >= mention.end else mention.end
        modal = _HYPOTHETICAL.search(self.folded_scans, window_start, reading.start)
        if modal or _MODAL_AFTER_RE.match(folded, post_start):
            return None
        if _DEATH_AFTER_RE.match(lower, post_start) and not _CUSTODY_RE.search(
            lower, clause[0], clause[1]
        ):
            return None  # '35 personas han muerto': deaths at a protest are no detention figure
        total = self._total_of(subject, previous, sentence, reading.start)
        metric = self._metric(mention, subject, reading.start, post_start, sentence, clause, total)
        if metric is None:
            return None
        # the baseline of 'released 88, bringing the total since January 8 to 431' is the total's
        running = self._running_total(mention.end, clause[1])
        own = (clause[0], running.start()) if running else clause
        since = period_start(self.scans, own, mention.start, self.date)
        if (
            metric in ("held", "arrested")
            and total is None
            and _is_registry(since, self.date)
            and _SINCE_YEAR_RE.search(lower, clause[0], clause[1])
        ):
            metric = "cases_total"  # 'since 2014, 17,828 arrests have been registered'
        return make_figure(
            value=reading.value,
            qualifier=reading.qualifier,
            low=reading.low,
            high=reading.high,
            metric=metric,
            subject=subject.text,
            place=(
                total.place  # '7 of them are citizens of Iran': still a part of the total
                if total is not None
                else self.places.place(clause, sentence, mention.start)
                or self.settings.default_place
            ),
            claimant=self._as_written(
                self._claimant_of_part(total, clause, mention.start)
                or self._claimant(sentence, clause, mention.start)
            ),
            as_of=dated_as_of(  # an undated figure is as of the report's cut-off, if it says one
                self.scans,
                clause,
                mention.start,
                mention.end,
                self.cutoff or self.date,
                self._day_of(sentence),
                self.plain,
            ),
            period_start=since if metric in _CUMULATIVE else None,
            sentence=self.text[sentence[0] : sentence[1]],
            start=mention.start,
            end=mention.end,
            stale=self._stale(sentence),
            part_of_start=None if total is None else total.start,
            subgroup=subject.group,
            mentions=(),
        )

    def _worth_reading(self, mention: Mention, previous: Figure | None) -> bool:
        """For a number with no noun of its own, a cheap look before its sentence is found: a
        figure close before it, a word after it that makes a bare number a count, or a
        'number of' before it."""
        lower, start, end = self.lower, mention.start, mention.end
        return bool(
            (previous is not None and start - previous.end < _NEAR)
            or _NEXT_WORDS_RE.match(lower, end)
            or TOTAL_WORDS_RE.search(lower, max(0, start - 120), start)
            or lower.startswith(")", end)
        )

    def _stale(self, sentence: tuple[int, int]) -> bool:
        if sentence not in self._stale_sentences:
            self._stale_sentences[sentence] = is_stale(self.scans, sentence)
        return self._stale_sentences[sentence]

    def _running_total(self, start: int, end: int) -> re.Match | None:
        """'..., bringing the total since January 8 to 431' after a number (a cheap look for
        the verb first)."""
        segment = self.lower[start:end]
        # (five `in` tests, at memchr speed: half the cost of any() over a generator)
        if not (
            "bring" in segment
            or "rais" in segment
            or "tak" in segment
            or "elev" in segment
            or "suma" in segment
        ):
            return None
        return RUNNING_TOTAL_RE.search(self.lower, start, end)

    def _before(self, offset: int) -> int:
        """The last character before `offset` that is not white space."""
        at = offset - 1
        while at > 0 and self.lower[at].isspace():
            at -= 1
        return at

    def _latest_first(self, since: int):
        """The figures read so far that start at or after `since`, the latest first (figures
        are read in the order of the text)."""
        for figure in reversed(self._by_start.values()):
            if figure.start < since:
                return
            yield figure
