"""The finding: what the analysis raises, with its points and one plain sentence.

Its `key` depends only on its kind and its points' identities (value, claimant, date, ...),
never on figure ids or on other findings, so the same data gives the same keys and a new
figure adds findings without renaming the old ones.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from app.analysis.messages import brief_of, message_of
from app.analysis.points import Point

KINDS = ("jump", "disagreement", "meaning_clash", "stale")


class Finding(NamedTuple):
    """A NamedTuple: a busy database raises tens of thousands; words are made on demand."""

    kind: str  # one of KINDS
    points: tuple[Point, ...]  # in the order the message names them

    @property
    def key(self) -> str:
        identities = "|".join(repr(point.identity) for point in self.points)
        digest = hashlib.sha1(f"{self.kind}|{identities}".encode()).hexdigest()
        return f"{self.kind}-{digest[:12]}"

    @property
    def as_of(self) -> str | None:
        """The latest date among its points: when the finding could first be raised."""
        dates = [point.as_of for point in self.points if point.as_of]
        return max(dates) if dates else None

    @property
    def figures(self) -> list[int]:
        return sorted({figure for point in self.points for figure in point.figures})

    @property
    def documents(self) -> list[int]:
        return sorted({document for point in self.points for document in point.documents})

    @property
    def sources(self) -> list[str]:
        seen: dict[str, None] = {}
        for point in self.points:
            seen.update(dict.fromkeys(point.sources))
        return list(seen)

    @property
    def message(self) -> str:
        return message_of(self)

    @property
    def brief(self) -> str:
        """One short line for a list; `message` is the full account."""
        return brief_of(self)


def in_order(findings: list[Finding]) -> list[Finding]:
    """Oldest first, so new data mostly appends; then by kind; then as the rules raised them
    (each rule walks the series in a fixed order, so the same data gives the same order)."""
    rank = {kind: number for number, kind in enumerate(KINDS)}
    ordered = sorted(
        (finding.as_of or "", rank[finding.kind], number) for number, finding in enumerate(findings)
    )
    return [findings[number] for _as_of, _rank, number in ordered]
