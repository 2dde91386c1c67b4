"""Which feed items are worth reading: those whose title or summary says a topic term.

Matched without case or accents ("presos politicos" finds "presos políticos"), at the start
of a word. With no terms configured, every item passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.text_folding import fold


def folded(text: str) -> str:
    """Lower case without accents: the extractor's folding, so both match the same words."""
    return fold(text).casefold()


class TopicFilter:
    def __init__(self, terms: Iterable[str]) -> None:
        words = sorted({folded(term.strip()) for term in terms if term.strip()}, key=len)
        alternatives = "|".join(re.escape(word) for word in reversed(words))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})") if words else None

    def matches(self, *texts: str) -> bool:
        if self._pattern is None:
            return True
        return any(self._pattern.search(folded(text)) for text in texts if text)
