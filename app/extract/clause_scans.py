"""The matches of a pattern in a span of one text (a clause, a sentence), as finditer finds
them. A short text (a feed item's title and summary) has a figure in most of its clauses, so
there each pattern scans the whole text once and a span's matches are cut out of that scan.

The cut holds exactly the matches a scan of the span alone finds, when no match of the whole
scan crosses an end of the span and the span does not end inside a word: the engine tries the
same positions, looks behind a span's start either way, and the patterns look ahead past a
match at one character at most (\\b, (?![\\w]), \\s+). Otherwise the span is scanned alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left

SHORT_TEXT = 2_000  # characters: a text this short is read nearly whole anyway
_WORD_CHAR_RE = re.compile(r"\w")


class SpanScans:
    """The scans of one text, by pattern; the whole text is scanned only if it is short."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.short = len(text) <= SHORT_TEXT
        self._whole: dict[int, tuple[list[re.Match[str]], list[int]]] = {}  # by id(pattern)

    def find(self, pattern: re.Pattern[str], start: int, end: int) -> list[re.Match[str]]:
        """list(pattern.finditer(text, start, end))."""
        cut = self._cut(pattern, start, end) if self.short else None
        return list(pattern.finditer(self.text, start, end)) if cut is None else cut

    def _cut(self, pattern: re.Pattern[str], start: int, end: int) -> list[re.Match[str]] | None:
        if end < len(self.text) and _WORD_CHAR_RE.match(self.text, end):
            return None  # a look ahead at `end` would see a letter that the span's scan cannot
        whole = self._whole.get(id(pattern))
        if whole is None:
            matches = list(pattern.finditer(self.text))
            whole = self._whole[id(pattern)] = (matches, [m.start() for m in matches])
        matches, starts = whole
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if (first and matches[first - 1].end() > start) or (
            last > first and matches[last - 1].end() > end
        ):
            return None  # a match crosses an end of the span
        return matches[first:last]
