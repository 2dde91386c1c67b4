"""The topic gate: a document yields figures only if it speaks of political detention.

Cheap and document-wide; each figure is then tied to the topic by its own counted noun and
verb (subjects.py, metrics.py). feeds.yaml `topic_terms` extends the built-in terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.text_folding import fold

from .patterns import word_trie

# Stems, matched at the start of a word: 'politic' covers political, politically, políticos.
_BUILTIN_TERMS = (
    "politic",
    "prisoners of conscience",
    "presos de conciencia",
    "arbitrary detention",
    "arbitrarily detained",
    "detenciones arbitrarias",
    "amnest",
    "amnist",
    "pardon",
    "indult",
    "excarcel",
    "foro penal",
    "human rights",
    "derechos humanos",
    "protest",
    "opposition",
    "opositor",
    "dissident",
    "disident",
    "activist",
    "activista",
    "crackdown",
    "represi",
    "repress",
    "regime",
    "regimen",
    "junta",
    "journalist",
    "periodist",
    "election",
    "eleccion",
    "manifestant",
    "precautionary measures",
    "medidas cautelares",
    "prisoner swap",
    "prisoner exchange",
    "canje de presos",
    "intercambio de presos",
    "wrongfully detained",
    "hostage",
    "rehen",
    "opponent",
)


@lru_cache(maxsize=16)
def topic_pattern(extra_terms: tuple[str, ...]) -> re.Pattern[str]:
    terms = {fold(term.strip()).lower() for term in (*_BUILTIN_TERMS, *extra_terms) if term}
    return re.compile(rf"(?<![\w]){word_trie(terms)}")


def is_on_topic(lower: str, extra_terms: tuple[str, ...] = ()) -> bool:
    """Whether the lower-cased, folded text names any of the topic's terms."""
    return topic_pattern(tuple(extra_terms)).search(lower) is not None
