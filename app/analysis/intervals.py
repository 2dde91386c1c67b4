"""The interval a stated figure allows, from its qualifier.

    exact       [v, v]
    at_least    [v, open)
    more_than   [v + 1, open)
    at_most     [stored low or open, v]
    fewer_than  [stored low or open, v - 1]
    about, range, vague: the stored low and high (the extractor fills them); an `about`
        without them gets v +/- 10 %, a value-less `vague` without them is open at both ends.

An open end is None. Counts are whole people, so "more than 600" starts at 601.
"""

from __future__ import annotations

ABOUT_SHARE = 0.05  # the fallback band of an "about" figure stored without low and high

Interval = tuple[int | None, int | None]


def interval_of(qualifier: str, value: int | None, low: int | None, high: int | None) -> Interval:
    if value is None:
        return low, high
    if qualifier == "exact":
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "at_most":
        return low, value
    if qualifier == "fewer_than":
        return low, value - 1
    if low is None and high is None:
        return _fallback(qualifier, value)
    return low, high


def _fallback(qualifier: str, value: int) -> Interval:
    if qualifier == "about":
        return round(value * (1 - ABOUT_SHARE)), round(value * (1 + ABOUT_SHARE))
    return value, value


def overlap(a: Interval, b: Interval) -> bool:
    """Whether some count satisfies both intervals."""
    return _reaches(a[0], b[1]) and _reaches(b[0], a[1])


def narrower(inner: Interval, outer: Interval) -> bool:
    """Whether `inner` lies inside `outer` and says strictly more."""
    inside = _lower_le(outer[0], inner[0]) and _upper_le(inner[1], outer[1])
    return inside and inner != outer


def _reaches(low: int | None, high: int | None) -> bool:
    return low is None or high is None or low <= high


def _lower_le(a: int | None, b: int | None) -> bool:
    """a <= b for two lower ends, where None is minus infinity."""
    return a is None or (b is not None and a <= b)


def _upper_le(a: int | None, b: int | None) -> bool:
    """a <= b for two upper ends, where None is plus infinity."""
    return b is None or (a is not None and a <= b)
