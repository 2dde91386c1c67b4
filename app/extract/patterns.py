"""Fast patterns for long word lists: a trie-shaped alternation, run on lower-cased text.

Python's regex engine tries every branch of a flat alternation at every position; factoring
the words by shared prefixes ('venezuela|venezuelan' -> 'venezuelan?') makes whole-document
scans an order of magnitude faster, and lower-casing once beats re.IGNORECASE.
"""

from __future__ import annotations

import re


def word_trie(words) -> str:
    """A non-capturing regex matching exactly the given (lower-case) words, prefix-factored."""
    tree: dict = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _build(tree)


def _build(node: dict) -> str:
    branches = [re.escape(char) + _build(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 and len(branches[0]) > 1 else f"{body}?"
    return body


# (\x1c-\x1f: Unicode white space that ASCII's \s leaves out, though the characters are ASCII)


def is_plain_ascii(text: str) -> bool:
    """Whether an ascii_twin finds in `text` exactly what its pattern finds: all of it ASCII,
    none of it the separators \\x1c-\\x1f (white space to Unicode's \\s, not to ASCII's)."""
    # (`in` looks for one character at memchr speed; a regex class tests every character;
    # the four tests are written out: any() over a generator costs as much as all of them)
    return (
        text.isascii()
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with re.ASCII. On plain ASCII text (is_plain_ascii) \\w, \\b, \\d and \\s
    mean what they mean in Unicode, and the engine tests them with a table instead of Unicode
    properties: a scan of many word starts runs about 1.5 times as fast."""
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


class Twins:
    """A pattern and its ascii_twin (compiled when first asked for): `on(plain)` is the one to
    run on a text, `plain` being is_plain_ascii(text)."""

    __slots__ = ("pattern", "_twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self._twin = pattern, None

    def on(self, plain: bool) -> re.Pattern[str]:
        if not plain:
            return self.pattern
        if self._twin is None:
            self._twin = ascii_twin(self.pattern)
        return self._twin


class Gated:
    """A pattern looked for in a span of one text from the first place one of its heads
    (clause_scans.word_gate) stands there, or not at all: one search of the text's word bytes
    (scanner.word_bytes), from space to space, skips what the pattern would try character by
    character. In a span of a few dozen characters this costs less than listing every head
    (clause_scans.SpanScans.search)."""

    __slots__ = ("pattern", "gate")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        from .clause_scans import word_gate  # (clause_scans builds its gates with word_trie)

        self.pattern, self.gate = pattern, word_gate(pattern)

    def search(self, scans, start: int, end: int) -> re.Match[str] | None:
        """pattern.search(scans.text, start, end); `scans` (clause_scans.SpanScans) holds the
        text and its word bytes. No match starts before the first head, at offset i of the
        text where the word bytes have ' head' at offset i."""
        if self.gate is None:
            return self.pattern.search(scans.text, start, end)
        head = self.gate.search(scans.word_bytes, start, end + 1)
        return self.pattern.search(scans.text, head.start(), end) if head else None


class NeedingWords:
    """A pattern looked for in a span of a few dozen characters (around a day word: dates.py)
    only if one of the words that each of its matches holds stands there: looking for them in
    the word bytes skips from space to space, where the pattern (a \\b first) is tried at
    every character."""

    def __init__(self, pattern: re.Pattern[str], words: str) -> None:
        self.twins = Twins(pattern)  # also as the re.ASCII twin, for plain ASCII text
        # the words as the word bytes hold them (scanner.word_bytes): in a match each stands
        # after a word boundary and before white space, both spaces there
        self.words = re.compile(f" (?:{words}) ".encode("ascii"))

    def search(self, scans, start: int, end: int, plain: bool) -> re.Match[str] | None:
        """pattern.search(scans.text, start, end); `scans` (clause_scans.SpanScans) holds the
        text and its word bytes. (Offset i of the text is offset i + 1 of the word bytes: a
        word starting at `start` has its space at `start`.)"""
        if not self.words.search(scans.word_bytes, start, end + 1):
            return None
        return self.twins.on(plain).search(scans.text, start, end)


def lowered(folded: str) -> str:
    """The folded text in lower case, with the same length (odd characters left as they are)."""
    lower = folded.lower()
    if len(lower) == len(folded):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
