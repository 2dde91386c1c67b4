"""The matches of a pattern in a span of one text (a clause, a sentence), as finditer finds
them, tried only where a match can start.

Most scans look for words ('said', 'according to', an alias): every match starts a word with
one of a few known heads ('sa', 'accor'). The heads are read from the pattern itself, a
regex on the text's word bytes (scanner.word_bytes: a literal space first, so the engine
skips to word starts at memchr speed) finds where they stand (in a short text, in the whole
text once), and the pattern is matched only there. Those places hold every start finditer
could find (a superset), so matching each in order, skipping those inside the last match,
finds exactly what finditer finds. A pattern whose heads cannot be read is scanned as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from re import _constants as sre  # the regex parser's modules (Python 3.11 and later)
from re import _parser as sre_parse

from .patterns import word_trie

SHORT_TEXT = 2_000  # characters: a text this short is read nearly whole anyway
_WORD_CHARACTER = list(sre_parse.parse(r"\w").data)  # what '(?<![\w])' looks behind for
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_OPTIONAL = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_MAX_HEADS = 2_000  # heads a gate may list (a few character classes in a row multiply them)


class SpanScans:
    """The scans of one text, by pattern. `word_bytes` is scanner.word_bytes of its lower-cased
    form (same offsets)."""

    def __init__(self, text: str, word_bytes: bytes, same_words: SpanScans | None = None) -> None:
        self.text, self.word_bytes = text, word_bytes
        self.short = len(text) <= SHORT_TEXT
        # by id(pattern), in a short text: (the pattern, where its heads stand in the whole
        # text, None if it has no gate). The pattern is held, so its id is not reused. Where
        # heads stand depends on the word bytes alone: scans of another form of the same text
        # (`same_words`: its lower-cased or its folded form) share them.
        self._whole: dict[int, tuple[re.Pattern[str], list[int] | None]] = (
            {} if same_words is None else same_words._whole
        )

    def find_heads(self, heads: HeadScan) -> list[list[int] | None] | None:
        """In a short text, where the heads of all of `heads`' patterns stand, found at once
        (the scans of their patterns need them all, and one scan of the word bytes costs
        about what each pattern's own scan costs); HeadScan.find's list, or None in a long
        text."""
        if not self.short:
            return None
        found = heads.find(self.word_bytes)
        # (one update from zips: a loop of stores costs twice as much)
        where = zip(heads.patterns, found, strict=False)  # (found lists words' heads too)
        self._whole.update(zip(heads.ids, where, strict=True))
        return found

    def find(self, pattern: re.Pattern[str], start: int, end: int) -> list[re.Match[str]]:
        """list(pattern.finditer(text, start, end))."""
        if self.short:  # the common case, inline: most patterns' heads stand nowhere near
            known = self._whole.get(id(pattern))
            if known is None:
                known = self._whole_heads(pattern)
            heads = known[1]
            if heads is not None:
                if not heads or heads[-1] < start or heads[0] >= end:
                    return []
                heads = heads[bisect_left(heads, start) : bisect_left(heads, end)]
        else:
            heads = self._heads_in(pattern, start, end)
        if heads is None:
            return list(pattern.finditer(self.text, start, end))
        found: list[re.Match[str]] = []
        covered = start
        for at in heads:
            if at >= covered:
                match = pattern.match(self.text, at, end)
                if match:
                    found.append(match)
                    covered = match.end()
        return found

    def search(self, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
        """pattern.search(text, start, end)."""
        heads = self._heads_in(pattern, start, end)  # (one span, seldom more)
        if heads is None:
            return pattern.search(self.text, start, end)
        for at in heads:
            match = pattern.match(self.text, at, end)
            if match:
                return match
        return None

    def _whole_heads(self, pattern) -> tuple[re.Pattern[str], list[int] | None]:
        """Where the pattern's heads stand in the whole (short) text, found once."""
        gate = _gate_of(pattern)
        heads = None if gate is None else [m.start() for m in gate.finditer(self.word_bytes)]
        known = self._whole[id(pattern)] = (pattern, heads)
        return known

    def _heads_in(self, pattern, start: int, end: int) -> list[int] | None:
        """Where the pattern's heads stand in text[start:end], in order; None for a pattern
        with no word gate. (A head at offset i of the text is ' head' at i here.)"""
        gate = _gate_of(pattern)
        if gate is None:
            return None
        return [m.start() for m in gate.finditer(self.word_bytes, start, end + 1)]


def _gate_of(pattern: re.Pattern[str]) -> re.Pattern[bytes] | None:
    known = _GATES.get(id(pattern))
    if known is None or known[0] is not pattern:  # an id may be a new pattern's
        known = _remember(pattern)
    return known[1]


_MAX_GATES = 256
_GATES: dict[int, tuple[re.Pattern[str], re.Pattern[bytes] | None]] = {}  # by id(pattern)


def _remember(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[bytes] | None]:
    """The pattern and its word_gate, kept by the pattern's id (hashing a pattern hashes its
    whole compiled code)."""
    if len(_GATES) > _MAX_GATES:
        _GATES.clear()  # alias tables come and go with the settings
    known = _GATES[id(pattern)] = (pattern, word_gate(pattern))
    return known


@lru_cache(maxsize=64)
def word_gate(pattern: re.Pattern[str]) -> re.Pattern[bytes] | None:
    """' ' before any head of the pattern, on word bytes; None if its heads cannot be read."""
    heads = word_heads(pattern)
    if heads is None:
        return None
    # a look-ahead: a head of several words ('ha excarcelado') must not hide a head that
    # starts inside it ('excarcela')
    return re.compile(f" (?={word_trie(heads)})".encode("ascii"))


@lru_cache(maxsize=64)
def word_heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The heads of the pattern, as word bytes; None if they cannot be read."""
    if pattern.flags & re.IGNORECASE:
        return None  # (a case-blind match may start with a non-ASCII letter: 'K' for 'k')
    try:  # the parser's output is no public API: a shape not foreseen leaves a pattern ungated
        items = list(sre_parse.parse(pattern.pattern, pattern.flags).data)
        if not _starts_a_word(items):
            return None
        heads, _ = _heads(items)
    except (TypeError, ValueError, IndexError, AttributeError, re.error):
        return None
    if not all(head[:1].isalnum() for head in heads):
        return None  # a match may start with no word, or with a character that is no letter
    return frozenset(heads)


class HeadScan:
    """Where the heads of several patterns stand in a text, found in one scan: the scan of a
    gate costs mostly its steps from word to word, about the same for the heads of one
    pattern as for all. One gate finds where any head stands and the longest head there
    (a trie tries the longer way first); the heads that stand there are that head and those
    of its prefixes that are heads, which tell whose they are."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...], words: tuple = ()) -> None:
        """`words`: sets of heads of no pattern (as they stand in word bytes), found too."""
        self.patterns = patterns
        self.ids = [id(pattern) for pattern in patterns]  # (the patterns are held: ids stay)
        heads = [*(word_heads(pattern) for pattern in patterns), *words]
        every = set().union(*(found for found in heads if found))
        # (a look-ahead, as word_gate's, which keeps the head found)
        self._gate = re.compile(f" (?=({word_trie(every)}))".encode("ascii")) if every else None
        # head -> the indexes of the patterns that have it or one of its prefixes as a head
        self._owners = {
            head.encode("ascii"): [
                index
                for index, found in enumerate(heads)
                if found and any(head[:length] in found for length in range(1, len(head) + 1))
            ]
            for head in every
        }
        self._ungated = [index for index, found in enumerate(heads) if found is None]
        self._sets = len(heads)

    def find(self, word_bytes: bytes) -> list[list[int] | None]:
        """For each pattern, then each set of `words`, where its heads stand (as word_gate
        finds them); None for a pattern with no gate."""
        found: list[list[int] | None] = [[] for _ in range(self._sets)]
        for match in self._gate.finditer(word_bytes) if self._gate else ():
            for index in self._owners[match[1]]:
                found[index].append(match.start())
        for index in self._ungated:
            found[index] = None
        return found


def _starts_a_word(items: list) -> bool:
    """Whether every match of the parsed items asserts first that no word character stands
    before it ('\\b' or '(?<![\\w])', in each alternative)."""
    if not items:
        return False
    op, value = items[0]
    if (op, value) == (sre.AT, sre.AT_BOUNDARY):
        return True
    if op is sre.ASSERT_NOT and value[0] == -1:
        return list(value[1].data) == _WORD_CHARACTER
    branches = _branches(op, value)
    return bool(branches) and all(_starts_a_word(branch) for branch in branches)


def _heads(items: list) -> tuple[set[str], bool]:
    """Strings of word bytes one of which starts every match of the parsed items, and whether
    each is all that its match holds (then what follows the items may lengthen them)."""
    heads = {""}
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue  # '\b', look-arounds: they take no character
        chars = _byte_choices(op, value)
        if chars is not None and len(heads) * len(chars) <= _MAX_HEADS:
            heads = {head + char for head in heads for char in chars}
            continue
        if op in _OPTIONAL and value[:2] == (0, 1):  # '(?:human )?': taken or not
            tails, whole = _heads(list(value[2].data))
            if not whole or len(heads) * (len(tails) + 1) > _MAX_HEADS:
                return heads, False
            heads = {head + tail for head in heads for tail in (*tails, "")}
            continue
        branches = _branches(op, value)
        found = [_heads(branch) for branch in branches or ()]
        tails = set().union(*(tails for tails, _ in found))
        if not found or not all(all(tails) for tails, _ in found):
            return heads, False
        if len(heads) * len(tails) > _MAX_HEADS:
            return heads, False
        heads = {head + tail for head in heads for tail in tails}
        if not all(whole for _, whole in found):
            return heads, False
    return heads, True


def _branches(op, value) -> list[list] | None:
    """The alternatives of a group or an alternation, as lists of parsed items."""
    if op is sre.BRANCH:
        return [list(branch.data) for branch in value[1]]
    if op is sre.SUBPATTERN and not (value[1] or value[2]):  # a group with no flags of its own
        return [list(value[3].data)]
    return None


def _byte_choices(op, value) -> list[str] | None:
    """What an item matches, as word bytes: an ASCII letter or digit (lower-cased) stays, any
    other character is a space there; None unless it matches one of a few characters."""
    codes = [value] if op is sre.LITERAL else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        codes = [code for _, code in value]
    if not codes:
        return None
    chars = (chr(code) for code in codes)
    return list({char.lower() if char.isascii() and char.isalnum() else " " for char in chars})
