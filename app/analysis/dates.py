"""Day numbers for ISO dates, so windows and gaps are integer arithmetic."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=65536)
def day_number(iso: str | None) -> int | None:
    """The proleptic ordinal of an ISO date ("2026-02-20", or a timestamp); None if unreadable."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None
