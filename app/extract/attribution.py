"""Who states a figure the reader reads: the source its clause or sentence names, else the
source the text was last quoting, when the sentence carries on from the one before."""

from __future__ import annotations

import re

from app.model import UNATTRIBUTED, Figure

from .patterns import word_trie
from .persons import is_monitor
from .sentences import clause_spans

# A sentence that carries on the source of the one before: a back-reference, a pronoun, a
# subject-less reporting verb, a quote, or an opening that continues a count.
CARRY_OPENING_RE = re.compile(
    r"\W*(?:also|in addition|additionally|moreover|meanwhile|of (?:them"
    r"|those|the total|these)|among (?:them|those|these|the)|entre (?:ellos|ellas|los|las|esos"
    r"|esas|estos|estas)|de (?:ellos|ellas|esos|esas|estos|estas|ese|esa|este|esta|los|las)"
    r"|ademas|asimismo|tambien|igualmente|por otra parte|por otro lado|del total|y|and"
    r"|otr[oa]s \w+|another \w+|a further \w+)\b"  # 'Otras 10 personas son presas políticas'
)
# 'Seventeen of them suffer from chronic diseases': a breakdown opens the sentence
_COUNT_OF_THEM_RE = re.compile(
    r"\W*[\w,.]+(?:[\s-]\w+)?\s+(?:of (?:them|those|these|whom)|de (?:ellos|ellas|esos|esas))\b"
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
_MONITOR_SENTENCES = 2  # how many sentences a monitor's report carries on without a marker
SPEAKER_WINDOW = 2000  # how far back a sentence may carry on an earlier attribution


class Attribution:
    """The reader's (reader.Reader) look for who states a figure; its caches are the reader's."""

    def _carries_on(self, sentence: tuple[int, int]) -> bool:
        """The sentence goes on from the one before ('the group said', 'Además', a quote)."""
        if sentence not in self._carrying:
            lower = self.lower
            segment = lower[sentence[0] : sentence[1]]
            self._carrying[sentence] = bool(
                CARRY_OPENING_RE.match(lower, sentence[0])
                or _COUNT_OF_THEM_RE.match(lower, sentence[0])
                or any(quote in segment for quote in _QUOTES)
                or _CARRY_ON_RE.search(self.word_bytes, sentence[0], sentence[1] + 2)
            )
        return self._carrying[sentence]

    def _previous_in(self, span, offset) -> Figure | None:
        """The last figure read that starts in span[0]..offset."""
        return next((f for f in self._latest_first(span[0]) if f.start < offset), None)

    def _as_written(self, name: str) -> str:
        """A name found by its capitals, with the accents the text writes ('Rosa Pérez'):
        the folded text has the original's offsets."""
        if name == UNATTRIBUTED or self.claimants.is_canonical(name):
            return name
        at = self.folded.find(name)
        return self.text[at : at + len(name)] if at >= 0 else name

    def _claimant_of_part(self, total: Figure | None, clause, offset: int) -> str | None:
        """A part's claimant: the source its own clause names, else its total's."""
        if total is None:
            return None
        own = self.claimants.claimant(clause, offset)
        return own or (total.claimant if total.claimant != UNATTRIBUTED else None)

    def _claimant(self, sentence: tuple[int, int], clause: tuple[int, int], offset: int) -> str:
        """The figure's own clause first, then the clauses before it in the sentence, then the
        source the article was last quoting: a sentence with no source of its own carries on
        the attribution of the one before ('la organización', 'added', a quote)."""
        found = self.claimants.claimant(clause, offset)
        if found:
            return found
        spans = clause_spans(self.lower, sentence)
        earlier = [span for span in spans if span[1] <= clause[0]]
        for span in reversed(earlier):
            found = self.claimants.claimant(span, offset)
            if found:
                return found
        if any(self.claimants.official_acts(span) for span in (*earlier, clause)):
            return UNATTRIBUTED  # the outlet tells what the government did
        # '..., aún quedan 336 ..., mientras ..., señalaron oenegés': the sentence's last clause
        # attributes it whole
        last = spans[-1]
        if last[0] > clause[1]:
            found = self.claimants.claimant(last, last[0])
            if found:
                return found
        if self._carries_on(sentence):
            return self._speaker_before(sentence[0]) or UNATTRIBUTED
        # A report's figures are its author's until the text names another source (looked for
        # only when a monitor's figure came before: most sentences of most articles have none)
        previous = self._previous_in((sentence[0] - SPEAKER_WINDOW, sentence[0]), offset)
        if previous is None or not is_monitor(previous.claimant):
            return UNATTRIBUTED
        speaker = self._speaker_before(sentence[0], _MONITOR_SENTENCES)
        return speaker if speaker and is_monitor(speaker) else UNATTRIBUTED

    def _speaker_before(self, offset: int, sentences: int = 0) -> str | None:
        """The source named last in the sentences before `offset`: within SPEAKER_WINDOW,
        or within the last `sentences` sentences when that is given."""
        key = (offset, sentences)
        if key in self._speakers:
            return self._speakers[key]
        found, at = None, self._before(offset)
        if at > 0:
            sentence = self.sentences.span(at)
            if sentence[1] > offset - SPEAKER_WINDOW and sentence[0] < offset:
                found = self.claimants.claimant(sentence, sentence[1])
                if found is None and sentences != 1:
                    found = self._speaker_before(sentence[0], max(0, sentences - 1))
        self._speakers[key] = found
        return found
