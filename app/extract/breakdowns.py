"""What a bare number counts, and which total a breakdown ('of them, 27 ...') is a part of."""

from __future__ import annotations

import re

from app.model import Figure

from .attribution import CARRY_OPENING_RE, SPEAKER_WINDOW
from .context import bare_subject, listed_after
from .metric_cues import cue_before
from .patterns import Gated
from .subjects import Subject, subject_before

# 'including 18 minors': a part of the figure just before takes that figure's metric.
_PART_OF_RE = re.compile(
    r"\b(?:including|among them|among the|among those|of whom|of them|of the total|of these"
    r"|incluidos|incluidas|entre ellos|entre ellas|entre los|entre las|entre esos|entre esas"
    r"|de los cuales|de las cuales|de ellos|de ellas|del total|de ese total|de ese grupo)"
    r"[\s,]+(?:\w+[\s,]+){0,8}$",
)
_PART_OF = Gated(_PART_OF_RE)
# 'Entre las 13 personas que salieron ..., hay cuatro mujeres': a sentence that opens on its
# total, however long the clause that describes it, breaks it down in what follows.
_OPENS_ON_TOTAL_RE = re.compile(
    r"(?:entre|among) (?:los|las|esos|esas|estos|estas|the|those|these) (?:[a-z]+ ){0,2}"
)
# Cheap test before looking for 'the number of X stands at N' (subjects.subject_before).
TOTAL_WORDS_RE = re.compile(
    r"number|figure|count|total|tally|toll|cifra|numero|cantidad|conteo|balance"
)
CARRY_WINDOW = 450  # a breakdown may name its total in the sentence before ('Among them, ...')


class Breakdowns:
    """The reader's (reader.Reader) look at the figures before a number: subject and total."""

    def _subject(self, mention, sentence, clause, previous) -> Subject | None:
        """What a number with no noun phrase of its own counts: a 'number of X is N' before
        it, or the people of a total it breaks down."""
        lower = self.lower
        subject = None
        if TOTAL_WORDS_RE.search(lower, max(0, mention.start - 120), mention.start):
            # 'The number of people released: more than 14,000' (the colon ends a clause)
            opening = sentence[0] if lower[clause[0] - 1 : clause[0]] == ":" else clause[0]
            subject = subject_before(lower, self.text, opening, mention.start)
        if subject is None and mention.kind != "vague":
            subject = bare_subject(lower, self.text, mention.start, mention.end, sentence, previous)
        return subject

    def _total_of(self, subject, previous, sentence, start) -> Figure | None:
        """The figure a breakdown is a part of: the total before it ('of them', 'including')."""
        if previous is None or previous.end < sentence[0] - CARRY_WINDOW:
            return None
        in_sentence = previous.end >= sentence[0]
        is_part = (
            subject.part
            or (
                (in_sentence or CARRY_OPENING_RE.match(self.lower, sentence[0]))
                and _PART_OF.search(self.scans, max(sentence[0], start - 100), start)
            )
            or (
                in_sentence
                and previous.part_of_start is None
                and _OPENS_ON_TOTAL_RE.fullmatch(self.lower, sentence[0], previous.start)
            )
            or (  # '260 were men, 16 women': listed after a part, a part of the same total
                in_sentence
                and previous.part_of_start is not None
                and listed_after(self.lower, previous.end, start)
            )
            or (  # '... are 12 foreigners. 20 were held in Rodeo I, 13 in ...': the list goes on
                previous.part_of_start is not None
                and self.sentences.span(previous.start)[1] >= self._before(sentence[0])
                and start <= sentence[0] + 1
            )
        )
        if not is_part:
            return None
        total = previous
        if previous.part_of_start is not None:
            total = self._by_start.get(previous.part_of_start, previous)
        # 'Of the total incarcerated, 1,658 are men': the opening names which total
        named = cue_before(self.scans, self._lead_in(sentence), start)
        if named is not None and named != total.metric:
            since = sentence[0] - SPEAKER_WINDOW
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
