"""One fact, one figure: the headline's '379' and the body's '379' are one figure.

Figures of one document that state the same value with the same qualifier and meaning (and,
for a breakdown, the same group of the same total) are one figure, kept at its most explicit
mention: attributed before unattributed, with a baseline before without, the longer subject
and sentence before the shorter, the earlier before the later. The others become its `mentions`.
Restated with another qualifier or meaning, it stays a figure of its own.
"""

from __future__ import annotations

from app.model import UNATTRIBUTED, Figure, replaced


def merge_repeated(figures: list[Figure], backrefs: frozenset[int] = frozenset()) -> list[Figure]:
    """The figures with repeated mentions folded into one, in order of where they start.
    `backrefs` are the starts of figures that name one stated before ('the 127 given by
    Sosa'): such a figure joins the earlier figure of its value whatever its qualifier."""
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        fact, head = _fact(figure)
        groups.setdefault(_heads_agree(groups, fact, head), []).append(figure)
    if backrefs:  # (most documents name no figure stated before)
        _join_back_references(groups, backrefs)
    if len(groups) == len(figures):
        return figures
    kept: list[Figure] = []
    moved: dict[int, int] = {}  # start of a dropped mention -> start of the figure kept
    for same in groups.values():
        if len(same) == 1:
            kept.append(same[0])  # stated once: nothing to choose nor to fold
            continue
        best = max(same, key=lambda f: (f.start not in backrefs, *_explicitness(f)))
        others = tuple((f.start, f.end) for f in same if f is not best)
        moved.update({start: best.start for start, _ in others})
        kept.append(replaced(best, mentions=others) if others else best)
    if moved:  # a part of a dropped mention is a part of the figure kept
        kept = [
            replaced(f, part_of_start=moved[f.part_of_start]) if f.part_of_start in moved else f
            for f in kept
        ]
    return sorted(kept, key=lambda f: (f.start, f.end))


def _join_back_references(groups: dict[tuple, list[Figure]], backrefs: frozenset[int]) -> None:
    """Move each group made only of back-references into a group of the same value and
    metric stated elsewhere in the document."""
    for key in [k for k, same in groups.items() if all(f.start in backrefs for f in same)]:
        value, metric = key[0][0], key[0][4] if len(key[0]) > 4 else None
        target = next(
            (
                k
                for k in groups
                if k != key and len(k[0]) > 4 and (k[0][0], k[0][4]) == (value, metric)
            ),
            None,
        )
        if target is not None:
            groups[target].extend(groups.pop(key))


def _fact(figure: Figure) -> tuple[tuple, str]:
    """What a figure states, and the head noun of what it counts ('' when it names none)."""
    if figure.part_of_start is not None and figure.subgroup is None:
        return (figure.start,), ""  # an unnamed member of a list is a fact of its own
    fact = (
        figure.value, figure.low, figure.high, figure.qualifier, figure.metric,
        figure.subgroup, figure.part_of_start, figure.stale,
    )  # fmt: skip
    return fact, figure.subject.lower().rsplit(None, 1)[-1] if figure.subject.strip() else ""


def _heads_agree(groups: dict[tuple, list[Figure]], fact: tuple, head: str) -> tuple:
    """The group a figure joins: '16 new prisoners' is not '16 people', but 'otras 850 han
    sido detenidas' (no noun) is '850 las personas detenidas'."""
    for key in groups:
        if key[0] == fact and (not head or not key[1] or key[1] == head):
            return key
    return fact, head


def _explicitness(figure: Figure) -> tuple:
    return (
        figure.claimant != UNATTRIBUTED,
        figure.period_start is not None,
        len(figure.subject),
        len(figure.sentence),  # the body's sentence says more than the headline
        -figure.start,
    )
