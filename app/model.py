"""The domain's nouns: the document a source hands over, and the figure a text states.

A Document is what every source produces and the extractor reads; a Figure is what the
extractor produces and the analysis consumes. Storage keeps figures as rows with the same
field names (plus `id` and the document's fields).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Literal, TypeVar

Qualifier = Literal[
    "exact", "at_least", "more_than", "about", "at_most", "fewer_than", "range", "vague"
]
Metric = Literal["held", "released", "arrested", "amnestied", "cases_total", "other"]

QUALIFIERS: tuple[str, ...] = Qualifier.__args__
METRICS: tuple[str, ...] = Metric.__args__

UNATTRIBUTED = "unattributed"  # the claimant of a figure no one in the text is said to state

DATE_BASES = ("published", "stated", "configured", "inferred", "first_seen")


def given_date(*, published: str | None, configured: str | None) -> tuple[str | None, str]:
    """The date a source was told, with its basis: the page's or feed's own, else the one in
    feeds.yaml, else none yet (`first_seen`, until the text says better on ingest)."""
    if published:
        return published, "published"
    if configured:
        return configured, "configured"
    return None, "first_seen"


@dataclass(frozen=True)
class Document:
    """One article or file's text with where it came from and its date."""

    source: str  # the URL, or the file path as configured
    source_name: str  # the feeds.yaml source it came through
    title: str
    text: str
    date: str | None  # ISO date of the document
    date_basis: str  # one of DATE_BASES
    language: str | None = None  # as configured, else detected on ingest
    identity: str | None = None  # a local file's resolved path; a URL is its own identity

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Figure:
    """A stated figure, located in its document's text by `start:end`."""

    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    metric: str
    subject: str
    place: str | None
    claimant: str
    as_of: str | None  # ISO date the figure describes
    period_start: str | None  # ISO date a cumulative count starts from, or None
    sentence: str
    start: int  # character offsets of the figure's text in the document
    end: int
    stale: bool = False  # the text itself calls it an earlier, outdated estimate
    # A breakdown ("95 are women" of "807 political prisoners") names the figure it is a part
    # of by that figure's `start` in the same document, and the part's group in the text's words.
    part_of_start: int | None = None
    subgroup: str | None = None
    # The other places in the document that state the same figure: (start, end) offsets.
    mentions: tuple[tuple[int, int], ...] = ()

    def as_row(self) -> dict:
        # Shallow, unlike asdict (which deep-copies): every field is a scalar or a tuple of
        # tuples, none can be changed through the row; a poll makes tens of thousands.
        return {name: getattr(self, name) for name in _FIELD_NAMES}


_FIELD_NAMES = tuple(field.name for field in fields(Figure))


Record = TypeVar("Record", Document, Figure)
_FIELDS = {kind: frozenset(field.name for field in fields(kind)) for kind in (Document, Figure)}


def replaced(record: Record, **changes) -> Record:
    """dataclasses.replace(record, **changes) at a tenth of its cost: replace walks the fields
    and calls the frozen __init__, which sets each through object.__setattr__ (a document
    dated and a figure merged with its mentions, thousands a poll). Neither class has
    __slots__ nor __post_init__, so its fields are its __dict__, in order: that copied with
    the changes is the object replace makes. A change to no field is a TypeError, as there."""
    unknown = changes.keys() - _FIELDS[type(record)]
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)}")
    copy = object.__new__(type(record))
    copy.__dict__.update(vars(record), **changes)
    return copy
