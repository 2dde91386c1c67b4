"""Words in a sentence that say what it counts (released, held, ...), for a number whose own
words do not: the nearest cue to the number, or the last one of a sentence's opening.

The word patterns here have no IGNORECASE: callers pass the scans of the lower-cased folded
text (clause_scans.SpanScans: the cue words are matched only where they stand).
"""

from __future__ import annotations

import re

from .clause_scans import SpanScans

# Words that say what a sentence counts, for a number whose own words do not.
_CUE_RE = re.compile(
    r"\b(?:(?P<amnestied>amnest\w*|pardon\w*|amnist\w+|indult\w+|libertad plena|full freedom)"
    r"|(?P<released>releas\w*|freed|set free|walked free|excarcel\w+|liberad\w+|liberaci\w+"
    r"|libertad condicional|medidas cautelares|medidas sustitutivas|parole)"
    r"|(?P<arrested>arrest\w*|detenciones|detention of|rounded up|capturad\w+|aprehendid\w+)"
    r"|(?P<held>political prisoners?|presos? politicos?|presas? politicas?|prisoners?|detainees"
    r"|detenidos|detenidas|encarcelad\w+|incarcerated|imprisoned|jailed|in custody|behind bars"
    r"|tras las rejas|privad\w+ de (?:su )?libertad|remain\w* (?:in|behind)|permanecen|held"
    r"|remain\w* (?:detained|held|imprisoned|jailed)"
    r"|presas|presos))\b"
)
_CUE_GROUPS = ("amnestied", "released", "arrested", "held")


def sentence_metric(scans: SpanScans, sentence: tuple[int, int], offset: int) -> str | None:
    """The metric the sentence's own words suggest for a number at `offset`: the nearest cue
    before it, else the first after it."""
    best = None
    for match in scans.find(_CUE_RE, sentence[0], sentence[1]):
        if match.start() < offset:
            best = match
        else:
            best = best or match
            break
    if best is None:
        return None
    groups = best.groupdict()
    return next(name for name in _CUE_GROUPS if groups.get(name))


def cue_before(scans: SpanScans, start: int, offset: int) -> str | None:
    """The metric the last cue word in the text's [start:offset] names, if any."""
    cues = scans.find(_CUE_RE, start, offset)
    if not cues:
        return None
    last = cues[-1]
    groups = last.groupdict()
    return next(name for name in _CUE_GROUPS if groups.get(name))
