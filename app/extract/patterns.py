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


def lowered(folded: str) -> str:
    """The folded text in lower case, with the same length (odd characters left as they are)."""
    lower = folded.lower()
    if len(lower) == len(folded):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
