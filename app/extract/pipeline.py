"""extract_figures: from a document's text to its stated figures, each with its provenance."""

from __future__ import annotations

import re

from app.model import Figure
from app.text_folding import fold

from .language import detect_language
from .mentions import merge_repeated
from .numbers import NUMBER_WORDS, find_mentions
from .patterns import lowered
from .reader import Reader
from .scanner import scan
from .settings import ExtractionSettings
from .topic import is_on_topic


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
    reader = Reader(text, folded, lower, document_date, settings, hits)
    mentions = find_mentions(folded, lower, text, lang, hits)
    figures: list[Figure] = []
    for mention in mentions:
        figure = reader.figure(mention, figures[-1] if figures else None)
        if figure is not None:
            figures.append(figure)
    figures.sort(key=lambda f: (f.start, f.end))
    seen, repeated = set(), set()
    for figure in figures:  # only a value stated twice can be a back-reference
        (repeated if figure.value in seen else seen).add(figure.value)
    backrefs = {f.start for f in figures if f.value in repeated and _refers_back(lower, f)}
    return merge_repeated(figures, backrefs=backrefs)


# 'el número de 127 excarcelados dado por Sosa', 'the 379': a figure stated before, named again
_BACK_REFERENCE_RE = re.compile(
    r"\b(?:el numero de|la cifra de|the number of|the figure of|the|los|las|those|esos|esas"
    r"|estos|estas)\s+$"
)


def _refers_back(lower: str, figure: Figure) -> bool:
    return figure.qualifier == "exact" and bool(
        _BACK_REFERENCE_RE.search(lower, max(0, figure.start - 20), figure.start)
    )
