"""extract_figures: from a document's text to its stated figures, each with its provenance."""

from __future__ import annotations

import re
from functools import cached_property

from app.figures import UNATTRIBUTED, Figure

from .claimants import ClaimantIndex
from .dates import dated_as_of, is_stale, period_start
from .folding import fold
from .language import detect_language
from .metrics import metric_for
from .not_counts import is_not_a_count
from .numbers import Mention, find_mentions
from .patterns import lowered
from .places import PlaceIndex
from .qualifiers import read_qualifier
from .scanner import scan
from .sentences import SentenceIndex, clause_span, clause_spans
from .settings import ExtractionSettings
from .subjects import subject_after, subject_before
from .topic import is_on_topic

# A modal before a number makes it a projection, not a count ('could free hundreds').
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:could|would|might|may|will|should|expected to|aims to|plans to|set to|to free"
    r"|podria|podrian|podra|podran|puede|pueden|deberia|busca|pretende|permitiria)\b"
)
# ... or a modal right after its noun phrase ('50 detainees could be left out').
_MODAL_AFTER_RE = re.compile(
    r"\s*(?:could|would|might|may|will|should|podrian?|podran?|pueden?|deberian?)\b"
)
# 'including 18 minors': a part of the figure just before takes that figure's metric.
_PART_OF_RE = re.compile(
    r"\b(?:including|among them|of whom|of them|incluidos|incluidas|entre ellos|entre ellas"
    r"|de los cuales|de ellos)\s+(?:\w+\s+){0,2}$",
)
# Cheap test before looking for 'the number of X stands at N' (subjects.subject_before).
_TOTAL_WORDS_RE = re.compile(
    r"number|figure|count|total|tally|toll|cifra|numero|cantidad|conteo|balance"
)
_CUMULATIVE = frozenset({"released", "arrested", "amnestied", "cases_total"})
_HYPOTHETICAL_WINDOW = 80


def extract_figures(
    text: str, document_date: str | None = None, settings: ExtractionSettings | None = None
) -> list[Figure]:
    """Every figure the text states about the topic, sorted by where it starts."""
    settings = settings or ExtractionSettings()
    if not text:
        return []
    folded = fold(text)
    lower = lowered(folded)
    if not is_on_topic(lower, tuple(settings.topic_terms)):
        return []
    lang = detect_language(lower)
    hits = scan(lower, lang)
    reader = _Reader(text, folded, lower, document_date, settings, hits.countries)
    mentions = find_mentions(folded, lower, text, lang, hits)
    figures: list[Figure] = []
    for mention in mentions:
        figure = reader.figure(mention, figures[-1] if figures else None)
        if figure is not None:
            figures.append(figure)
    return sorted(figures, key=lambda f: (f.start, f.end))


class _Reader:
    """One document being read; its indexes are built only if a candidate figure needs them."""

    def __init__(self, text, folded, lower, date, settings: ExtractionSettings, countries):
        self.text, self.folded, self.lower = text, folded, lower
        self.date, self.settings, self.countries = date, settings, countries

    @cached_property
    def sentences(self) -> SentenceIndex:
        return SentenceIndex(self.folded)

    @cached_property
    def claimants(self) -> ClaimantIndex:
        return ClaimantIndex(self.folded, self.lower, self.settings.cache_key()[0])

    @cached_property
    def places(self) -> PlaceIndex:
        return PlaceIndex(self.folded, self.countries)

    def figure(self, mention: Mention, previous: Figure | None) -> Figure | None:
        # Patterns of words run on the lower-cased text (same offsets); those that look at
        # capitals or at the exact spelling run on the folded text.
        folded, lower = self.folded, self.lower
        subject = subject_after(lower, self.text, mention.end)
        if subject is None and not _TOTAL_WORDS_RE.search(
            lower, max(0, mention.start - 120), mention.start
        ):
            return None  # nothing counted: cheaper to see than whether it is a count at all
        if is_not_a_count(folded, mention):
            return None
        sentence = clause = None
        if subject is None:
            sentence = self.sentences.span(mention.start)
            clause = clause_span(lower, sentence, mention.start)
            subject = subject_before(lower, self.text, clause[0], mention.start)
            if subject is None:
                return None
        sentence = sentence or self.sentences.span(mention.start)
        clause = clause or clause_span(lower, sentence, mention.start)
        reading = read_qualifier(lower, mention, subject.or_more)
        window_start = max(clause[0], reading.start - _HYPOTHETICAL_WINDOW)
        post_start = subject.end if subject.start >= mention.end else mention.end
        if _HYPOTHETICAL_RE.search(folded, window_start, reading.start) or _MODAL_AFTER_RE.match(
            folded, post_start
        ):
            return None
        metric = metric_for(
            lower, subject, reading.start, post_start, clause, mention.kind == "vague"
        )
        if (
            metric is None
            and previous is not None
            and previous.end >= sentence[0]
            and _PART_OF_RE.search(lower, max(sentence[0], reading.start - 40), reading.start)
        ):
            metric = previous.metric
        if metric is None:
            return None
        return Figure(
            value=reading.value,
            qualifier=reading.qualifier,
            low=reading.low,
            high=reading.high,
            metric=metric,
            subject=subject.text,
            place=self.places.place(clause, sentence, mention.start) or self.settings.default_place,
            claimant=self._claimant(sentence, clause, mention.start),
            as_of=dated_as_of(lower, clause, mention.start, mention.end, self.date),
            period_start=(
                period_start(lower, clause, mention.start, self.date)
                if metric in _CUMULATIVE
                else None
            ),
            sentence=self.text[sentence[0] : sentence[1]],
            start=mention.start,
            end=mention.end,
            stale=is_stale(lower, sentence),
        )

    def _claimant(self, sentence: tuple[int, int], clause: tuple[int, int], offset: int) -> str:
        """The figure's own clause first, then the clauses before it in the sentence."""
        found = self.claimants.claimant(clause, offset)
        if found:
            return found
        earlier = [span for span in clause_spans(self.lower, sentence) if span[1] <= clause[0]]
        for span in reversed(earlier):
            found = self.claimants.claimant(span, offset)
            if found:
                return found
        return UNATTRIBUTED
