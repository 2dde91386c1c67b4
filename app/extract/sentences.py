"""Sentence and clause boundaries, as offsets into the document. Sentences are found on the
folded text (capitals matter); clauses on the lower-cased folded text (patterns.lowered)."""

from __future__ import annotations

import bisect
import re

# A full stop, '!' or '?' (closing quotes allowed) before a capital, a quote or a digit; a full
# stop glued to a capitalised word ('government.Acting'); or a line break.
# (Every branch starts with one character, which lets the regex engine skip ahead fast.)
_CLOSING = r"[\"')\]]*(?=\s+[\"'(\[¿¡]?[A-Z0-9])"
_BOUNDARY_RE = re.compile(
    rf"\.[.!?]*{_CLOSING}|![.!?]*{_CLOSING}|\?[.!?]*{_CLOSING}|\.(?=[A-Z][a-z])|\n\n*"
)
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sr",
        "sra",
        "srta",
        "st",
        "gen",
        "lt",
        "col",
        "gov",
        "sen",
        "rep",
        "no",
        "nos",
        "vs",
        "etc",
        "jr",
        "prof",
        "inc",
        "co",
        "corp",
        "dept",
        "ave",
        "approx",
        "fig",
        "p",
        "pp",
        "ee",
        "uu",
    ]
)
# Clause breaks: ';', ':', a spaced dash, and contrastive conjunctions after a comma.
# (Every branch starts with a character, which lets the regex engine skip ahead fast.)
_CLAUSE_RE = re.compile(
    r";|:(?!\d)| - |,\s+(?:while|whereas|although|though|but|mientras que|mientras|aunque|pero"
    r"|sin embargo)\b| (?:while|mientras que)\b",
)


_WINDOW = 250  # sentences are searched for around a figure (the window grows if need be)
# A text this short has its boundaries found at once: the two windows around one figure
# would read nearly all of it anyway (a longer text has many, which few figures need).
_SHORT_TEXT = 2 * _WINDOW


class SentenceIndex:
    """The sentences of one document, looked up by offset; only the text around the figures
    is ever scanned."""

    def __init__(self, folded: str) -> None:
        self.text = folded
        # the sentences found so far, by start: figures and their sources share sentences
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        # a short text's boundaries, found once (_from_whole): their starts and their ends
        self._whole: tuple[list[int], list[int]] | None = None

    def span(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `offset`, trimmed of surrounding space."""
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0 and offset < self._spans[at][1]:
            return self._spans[at]
        found = self._span(offset)
        if found[0] <= offset < found[1]:
            at = bisect.bisect_left(self._starts, found[0])
            if at == len(self._starts) or self._starts[at] != found[0]:
                self._starts.insert(at, found[0])
                self._spans.insert(at, found)
        return found

    def _span(self, offset: int) -> tuple[int, int]:
        if len(self.text) <= _SHORT_TEXT and offset <= _WINDOW and self.text[offset].isalnum():
            start, end = self._from_whole(offset)
        else:
            start, end = self._start_before(offset), self._end_after(offset)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _is_boundary(self, match: re.Match[str]) -> bool:
        text, at = self.text, match.start()
        glued = match[0] == "." and not text[match.end() : match.end() + 1].isspace()
        if glued and not (text[at - 2 : at].isalpha() and text[at - 2 : at].islower()):
            return False  # a glued stop ('government.Acting') only after a lower-case word
        return match[0][0] != "." or not _after_abbreviation(text, at)

    def _boundaries(self, start: int, end: int):
        return filter(self._is_boundary, _BOUNDARY_RE.finditer(self.text, start, end))

    def _from_whole(self, offset: int) -> tuple[int, int]:
        """The sentence's bounds (before trimming) from the boundaries of the whole short
        text, found once; the windows of _start_before and _end_after find the same sentence.
        The first window starts at 0, the second at `offset`, a letter or a digit, which no
        boundary (stops, quotes, brackets, line breaks) takes in; the first ends at offset + 2,
        past what any look-ahead reads for a boundary ending at or before `offset`; where a
        later window ends cuts off only what follows the sentence, or the white space that
        the trim drops (tests/test_extract_sentences.py compares the two)."""
        if self._whole is None:
            found = list(self._boundaries(0, len(self.text)))
            self._whole = ([m.start() for m in found], [m.end() for m in found])
        starts, ends = self._whole
        before = bisect.bisect_right(ends, offset)
        after = bisect.bisect_left(starts, offset)
        return (
            ends[before - 1] if before else 0,
            ends[after] if after < len(ends) else len(self.text),
        )

    def _start_before(self, offset: int) -> int:
        window = _WINDOW
        while True:
            low = max(0, offset - window)
            # the last boundary of the window: only the candidates from the end are checked
            # (the look-ahead must see the capital or digit at `offset`: '... Miguel. 20 were')
            high = min(len(self.text), offset + 2)
            for match in reversed(list(_BOUNDARY_RE.finditer(self.text, low, high))):
                if match.end() <= offset and self._is_boundary(match):
                    return match.end()
            if low == 0:
                return 0
            window *= 4

    def _end_after(self, offset: int) -> int:
        window = _WINDOW
        while True:
            high = min(len(self.text), offset + window)
            for match in self._boundaries(offset, high):
                if match.end() < high or high == len(self.text):
                    return match.end()
            if high == len(self.text):
                return high
            window *= 4


def _after_abbreviation(folded: str, dot: int) -> bool:
    """'U.S. President', 'Dr. Romero': a dot after an initial or a short title is no full stop."""
    word_start = dot
    while word_start > 0 and (folded[word_start - 1].isalpha() or folded[word_start - 1] == "."):
        word_start -= 1
    word = folded[word_start:dot].lower().strip(".")
    return len(word) == 1 or word in _ABBREVIATIONS or "." in word


def clause_span(folded: str, sentence: tuple[int, int], offset: int) -> tuple[int, int]:
    """The clause of the sentence that holds `offset`."""
    start, end = sentence
    clause_start, clause_end = start, end
    for match in _CLAUSE_RE.finditer(folded, start, end):
        if match.end() <= offset:
            clause_start = match.end()
        elif match.start() >= offset:
            clause_end = match.start()
            break
    return clause_start, clause_end


def clause_spans(folded: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """All clauses of a sentence, in order."""
    start, end = sentence
    spans, cursor = [], start
    for match in _CLAUSE_RE.finditer(folded, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return spans
