"""extract_figures: from a document's text to its stated figures, each with its provenance."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from app.model import UNATTRIBUTED, Figure
from app.text_folding import fold

from .claimants import ClaimantIndex, is_monitor
from .context import RUNNING_TOTAL_RE, bare_subject, cue_before, listed_after, sentence_metric
from .dates import dated_as_of, is_stale, period_start, report_day, stated_day
from .language import detect_language
from .mentions import merge_repeated
from .metrics import metric_for, verb_before
from .not_counts import is_not_a_count
from .numbers import NUMBER_WORDS, Mention, find_mentions
from .patterns import lowered, word_trie
from .places import PlaceIndex
from .qualifiers import read_qualifier
from .scanner import scan, word_bytes
from .sentences import SentenceIndex, clause_span, clause_spans
from .settings import ExtractionSettings
from .subjects import Subject, subject_after, subject_before
from .topic import is_on_topic

# A modal before a number makes it a projection, not a count ('could free hundreds').
# Announced and planned events keep their metric ('a plan to release 70'); a conditional does not.
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:could|would|might|(?<!\d )may(?! \d| \()|should|podria|podrian|puede|pueden|deberia"
    r"|permitiria)\b"
)
# ... or a modal right after its noun phrase ('50 detainees could be left out').
_MODAL_AFTER_RE = re.compile(r"\s*(?:could|would|might|may|should|podrian?|pueden?|deberian?)\b")
# 'including 18 minors': a part of the figure just before takes that figure's metric.
_PART_OF_RE = re.compile(
    r"\b(?:including|among them|among the|among those|of whom|of them|of the total|of these"
    r"|incluidos|incluidas|entre ellos|entre ellas|entre los|entre las|entre esos|entre esas"
    r"|de los cuales|de las cuales|de ellos|de ellas|del total|de ese total|de ese grupo)"
    r"[\s,]+(?:\w+[\s,]+){0,3}$",
)
# Cheap test before looking for 'the number of X stands at N' (subjects.subject_before).
_TOTAL_WORDS_RE = re.compile(
    r"number|figure|count|total|tally|toll|cifra|numero|cantidad|conteo|balance"
)
# A sentence that carries on the source of the one before: a back-reference, a pronoun, a
# subject-less reporting verb, a quote, or an opening that continues a count.
_CARRY_OPENING_RE = re.compile(
    r"\W*(?:also|in addition|additionally|moreover|meanwhile|of (?:them"
    r"|those|the total|these)|among (?:them|those|these|the)|entre (?:ellos|ellas|los|las|esos"
    r"|esas|estos|estas)|de (?:ellos|ellas|esos|esas|estos|estas|ese|esa|este|esta|los|las)"
    r"|ademas|asimismo|tambien|igualmente|por otra parte|por otro lado|del total|y|and)\b"
)
_BACKREF_ARTICLES = {
    "the this that": "organization organisation group ngo report platform observatory monitor"
    " tally count list update balance",
    "la esta dicha el este dicho del": "ong organizacion agrupacion plataforma informe reporte"
    " grupo colectivo observatorio organismo balance lista listado conteo registro",
}
_CARRY_VERBS = (
    "added adds noted notes said says explained specified detailed pointed indicated precisa"
    " preciso detallo detalla anadio agrego agrega explico explica indico indica senalo senala"
    " puntualizo subrayo destaco afirmo aseguro informo dijo reported recounted told"
)
_CARRY_WORDS = [
    f"{article} {noun}"
    for articles, nouns in _BACKREF_ARTICLES.items()
    for article in articles.split()
    for noun in nouns.split()
] + [
    "the rights group", "the human rights group", "segun el mismo informe", "segun la ong",
    *_CARRY_VERBS.split(),
]  # fmt: skip
# On the word bytes of the text (scanner.word_bytes): a literal space first, so the regex engine
# skips to word starts at memchr speed. A quote mark is looked for in the text itself.
_CARRY_ON_RE = re.compile(rf" (?:{word_trie(_CARRY_WORDS)}) ".encode("ascii"))
_QUOTES = ('"', "«", "»")
_DEATH_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:have|has|had|han|habian|were|was|fueron|also|reportedly)\s+)*(?:died|been"
    r" killed|killed|dead|muerto|muertos|muerte|muertes|fallecido|fallecieron|murieron|perdido"
    r" la vida|perdieron la vida|resultaron heridos|injured|wounded|heridos)\b"
)
_CUSTODY_RE = re.compile(r"\b(?:custody|custodia|prison|prision|carcel|jail|detention|detencion)")
_MONITOR_SENTENCES = 2  # how many sentences a monitor's report carries on without a marker
_PEOPLE = ("people", "prisoners")
_LIST_GAP = 120
_LEAD_CHARS = 800  # the lead of an article: where a report's cut-off date is said
_DAY_CARRY = 600  # how far back a day word may date a sentence that carries on the statement
_RUNNING_VERBS = ("bring", "rais", "tak", "elev", "suma")
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
_SPEAKER_WINDOW = 2000  # how far back a sentence may carry on an earlier attribution
_CUMULATIVE = frozenset({"released", "arrested", "amnestied", "cases_total"})
_HYPOTHETICAL_WINDOW = 80
_CARRY_WINDOW = 300  # a breakdown may name its total in the sentence before ('Among them, ...')


def extract_figures(
    text: str,
    document_date: str | None = None,
    settings: ExtractionSettings | None = None,
    language: str | None = None,
) -> list[Figure]:
    """Every figure the text states about the topic, sorted by where it starts. `language`
    ('en' or 'es', as a source is configured) spares the guess from the text."""
    settings = settings or ExtractionSettings()
    if not text:
        return []
    folded = fold(text)
    lower = lowered(folded)
    if not is_on_topic(lower, tuple(settings.topic_terms)):
        return []
    lang = language if language in NUMBER_WORDS else detect_language(lower)
    hits = scan(lower, lang)
    reader = _Reader(text, folded, lower, document_date, settings, hits.countries, hits.days)
    mentions = find_mentions(folded, lower, text, lang, hits)
    figures: list[Figure] = []
    for mention in mentions:
        figure = reader.figure(mention, figures[-1] if figures else None)
        if figure is not None:
            figures.append(figure)
    return merge_repeated(sorted(figures, key=lambda f: (f.start, f.end)))


_SINCE_YEAR_RE = re.compile(r"\b(?:since|desde)\s+(?:el\s+)?(?:ano\s+)?(?:19|20)\d\d\b")


def _is_registry(since: str | None, date: str | None) -> bool:
    """A count kept since a year long before the document ('since 2014'): a registry, not one
    episode ('since 29 July 2024')."""
    return bool(since and date and int(date[:4]) - int(since[:4]) >= _REGISTRY_YEARS)


class _Reader:
    """One document being read; its indexes are built only if a candidate figure needs them."""

    def __init__(self, text, folded, lower, date, settings: ExtractionSettings, countries, days):
        self.text, self.folded, self.lower = text, folded, lower
        self.date, self.settings, self.countries = date, settings, countries
        self.days = days  # where day words stand (scanner): a sentence without one states no day
        # the figures read so far, by where they start; sentence start -> the source before it
        self._by_start: dict[int, Figure] = {}
        self._speakers: dict[tuple[int, int], str | None] = {}
        self._carrying: dict[tuple[int, int], bool] = {}  # sentence -> it carries on
        self._stale_sentences: dict[tuple[int, int], bool] = {}
        self._days: dict[tuple[int, int], str | None] = {}  # sentence -> the day it states

    @cached_property
    def word_bytes(self) -> bytes:
        """The text as bytes, every non-word character a space and one more in front (so that
        offset i of the text is offset i + 1 here, and a word there reads ' word ')."""
        return word_bytes(self.lower)

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
        own = subject_after(lower, self.text, mention.end)  # '644 political prisoners'
        if own is None and not self._worth_reading(mention, previous):
            return None
        if is_not_a_count(folded, mention):
            return None
        sentence = self.sentences.span(mention.start)
        clause = clause_span(lower, sentence, mention.start)
        subject = own or self._subject(mention, sentence, clause, previous)
        if subject is None:
            return None
        reading = read_qualifier(lower, mention, subject.or_more)
        window_start = max(clause[0], reading.start - _HYPOTHETICAL_WINDOW)
        post_start = subject.end if subject.start >= mention.end else mention.end
        if _HYPOTHETICAL_RE.search(folded, window_start, reading.start) or _MODAL_AFTER_RE.match(
            folded, post_start
        ):
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
        since = period_start(lower, own, mention.start, self.date)
        if (
            metric in ("held", "arrested")
            and total is None
            and _is_registry(since, self.date)
            and _SINCE_YEAR_RE.search(lower, clause[0], clause[1])
        ):
            metric = "cases_total"  # 'since 2014, 17,828 arrests have been registered'
        return Figure(
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
            claimant=(
                total.claimant
                if total is not None and total.claimant != UNATTRIBUTED
                else self._claimant(sentence, clause, mention.start)
            ),
            as_of=dated_as_of(  # an undated figure is as of the report's cut-off, if it says one
                lower,
                clause,
                mention.start,
                mention.end,
                self.cutoff or self.date,
                self._day_of(sentence),
            ),
            period_start=since if metric in _CUMULATIVE else None,
            sentence=self.text[sentence[0] : sentence[1]],
            start=mention.start,
            end=mention.end,
            stale=self._stale(sentence),
            part_of_start=None if total is None else total.start,
            subgroup=subject.group,
        )

    def _worth_reading(self, mention: Mention, previous: Figure | None) -> bool:
        """For a number with no noun of its own, a cheap look before its sentence is found: a
        figure close before it, a word after it that makes a bare number a count, or a
        'number of' before it."""
        lower, start, end = self.lower, mention.start, mention.end
        return bool(
            (previous is not None and start - previous.end < _NEAR)
            or _NEXT_WORDS_RE.match(lower, end)
            or _TOTAL_WORDS_RE.search(lower, max(0, start - 120), start)
            or lower.startswith(")", end)
        )

    def _stale(self, sentence: tuple[int, int]) -> bool:
        if sentence not in self._stale_sentences:
            self._stale_sentences[sentence] = is_stale(self.lower, sentence)
        return self._stale_sentences[sentence]

    def _running_total(self, start: int, end: int) -> re.Match | None:
        """'..., bringing the total since January 8 to 431' after a number (a cheap look for
        the verb first)."""
        segment = self.lower[start:end]
        if not any(verb in segment for verb in _RUNNING_VERBS):
            return None
        return RUNNING_TOTAL_RE.search(self.lower, start, end)

    def _day_of(self, sentence: tuple[int, int]) -> str | None:
        """The day a sentence states, read once for all its figures."""
        if sentence not in self._days:
            at = bisect.bisect_left(self.days, sentence[0])
            named = self.days[at : bisect.bisect_left(self.days, sentence[1], at)]
            day = stated_day(self.lower, sentence, self.date, named)
            # 'it added': the same statement, the same day (when a day was named just before)
            recent = at > 0 and self.days[at - 1] > sentence[0] - _DAY_CARRY
            # ... unless it names a source of its own: then it is a statement of its own
            if (
                day is None
                and recent
                and self._carries_on(sentence)
                and self.claimants.claimant(sentence, sentence[1]) is None
            ):
                before = self._before(sentence[0])
                day = self._day_of(self.sentences.span(before)) if before > 0 else None
            self._days[sentence] = day
        return self._days[sentence]

    @cached_property
    def cutoff(self) -> str | None:
        """The date a report's count is as of, when its lead states one ('counted 1,916
        political prisoners until October 7', 'hasta las 10.00 horas del 10 de agosto'): the
        figures that name no day of their own are as of it."""
        lead = (0, min(len(self.lower), _LEAD_CHARS))
        named = self.days[: bisect.bisect_left(self.days, lead[1])]
        return stated_day(self.lower, lead, self.date, named, relative=False) or (
            report_day(self.lower, lead, self.date) if named else None
        )

    def _carries_on(self, sentence: tuple[int, int]) -> bool:
        """The sentence goes on from the one before ('the group said', 'Además', a quote)."""
        if sentence not in self._carrying:
            lower = self.lower
            segment = lower[sentence[0] : sentence[1]]
            self._carrying[sentence] = bool(
                _CARRY_OPENING_RE.match(lower, sentence[0])
                or any(quote in segment for quote in _QUOTES)
                or _CARRY_ON_RE.search(self.word_bytes, sentence[0], sentence[1] + 2)
            )
        return self._carrying[sentence]

    def _subject(self, mention, sentence, clause, previous) -> Subject | None:
        """What a number with no noun phrase of its own counts: a 'number of X is N' before
        it, or the people of a total it breaks down."""
        lower = self.lower
        subject = None
        if _TOTAL_WORDS_RE.search(lower, max(0, mention.start - 120), mention.start):
            subject = subject_before(lower, self.text, clause[0], mention.start)
        if subject is None and mention.kind != "vague":
            subject = bare_subject(lower, self.text, mention.start, mention.end, sentence, previous)
        return subject

    def _total_of(self, subject, previous, sentence, start) -> Figure | None:
        """The figure a breakdown is a part of: the total before it ('of them', 'including')."""
        if previous is None or previous.end < sentence[0] - _CARRY_WINDOW:
            return None
        in_sentence = previous.end >= sentence[0]
        is_part = (
            subject.part
            or (
                (in_sentence or _CARRY_OPENING_RE.match(self.lower, sentence[0]))
                and _PART_OF_RE.search(self.lower, max(sentence[0], start - 60), start)
            )
            or (  # '260 were men, 16 women': listed after a part, a part of the same total
                in_sentence
                and previous.part_of_start is not None
                and listed_after(self.lower, previous.end, start)
            )
        )
        if not is_part:
            return None
        total = previous
        if previous.part_of_start is not None:
            total = self._by_start.get(previous.part_of_start, previous)
        # 'Of the total incarcerated, 1,658 are men': the opening names which total
        named = cue_before(self.lower, self._lead_in(sentence), start)
        if named is not None and named != total.metric:
            since = sentence[0] - _SPEAKER_WINDOW
            for figure in self._latest_first(since):
                if figure.metric == named and figure.part_of_start is None:
                    return figure
        return total

    def _lead_in(self, sentence: tuple[int, int]) -> int:
        """Where the words that introduce a sentence start: a line ending in ':' ('Entre los
        encarcelados:') introduces the list under it."""
        at = self._before(sentence[0])
        if at > 0 and self.lower[at] == ":":
            return self.sentences.span(at)[0]
        return sentence[0]

    def _before(self, offset: int) -> int:
        """The last character before `offset` that is not white space."""
        at = offset - 1
        while at > 0 and self.lower[at].isspace():
            at -= 1
        return at

    def _metric(self, mention, subject, start, post_start, sentence, clause, total) -> str | None:
        lower = self.lower
        metric = metric_for(lower, subject, start, post_start, clause, mention.kind == "vague")
        if total is not None and (metric in (None, "other") or subject.noun_class in _PEOPLE):
            # a part counts what its total counts, unless a verb governs it ('released 12 of')
            return verb_before(lower, clause, start) or total.metric
        if metric is not None or mention.kind == "vague" or subject.noun_class not in _PEOPLE:
            return metric
        previous = self._previous_in(sentence, mention.start)
        if previous is not None:
            return previous.metric  # '1,757 civilians in the group and 159 military personnel'
        metric = sentence_metric(lower, sentence, mention.start)
        if metric is None:  # 'se tratan de 725 civiles': the count the text is going on about
            previous = self._previous_in((sentence[0] - _CARRY_WINDOW, sentence[0]), mention.start)
            metric = previous.metric if previous is not None else None
        return metric

    def _previous_in(self, span, offset) -> Figure | None:
        """The last figure read that starts in span[0]..offset."""
        return next((f for f in self._latest_first(span[0]) if f.start < offset), None)

    def _latest_first(self, since: int):
        """The figures read so far that start at or after `since`, the latest first (figures
        are read in the order of the text)."""
        for figure in reversed(self._by_start.values()):
            if figure.start < since:
                return
            yield figure

    def _claimant(self, sentence: tuple[int, int], clause: tuple[int, int], offset: int) -> str:
        """The figure's own clause first, then the clauses before it in the sentence, then the
        source the article was last quoting: a sentence with no source of its own carries on
        the attribution of the one before ('la organización', 'added', a quote)."""
        found = self.claimants.claimant(clause, offset)
        if found:
            return found
        earlier = [span for span in clause_spans(self.lower, sentence) if span[1] <= clause[0]]
        for span in reversed(earlier):
            found = self.claimants.claimant(span, offset)
            if found:
                return found
        if self._carries_on(sentence):
            return self._speaker_before(sentence[0]) or UNATTRIBUTED
        # A report's figures are its author's until the text names another source (looked for
        # only when a monitor's figure came before: most sentences of most articles have none)
        previous = self._previous_in((sentence[0] - _SPEAKER_WINDOW, sentence[0]), offset)
        if previous is None or not is_monitor(previous.claimant):
            return UNATTRIBUTED
        speaker = self._speaker_before(sentence[0], _MONITOR_SENTENCES)
        return speaker if speaker and is_monitor(speaker) else UNATTRIBUTED

    def _speaker_before(self, offset: int, sentences: int = 0) -> str | None:
        """The source named last in the sentences before `offset`: within _SPEAKER_WINDOW,
        or within the last `sentences` sentences when that is given."""
        key = (offset, sentences)
        if key in self._speakers:
            return self._speakers[key]
        found, at = None, self._before(offset)
        if at > 0:
            sentence = self.sentences.span(at)
            if sentence[1] > offset - _SPEAKER_WINDOW and sentence[0] < offset:
                found = self.claimants.claimant(sentence, sentence[1])
                if found is None and sentences != 1:
                    found = self._speaker_before(sentence[0], max(0, sentences - 1))
        self._speakers[key] = found
        return found
