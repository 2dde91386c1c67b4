"""Stored times (ISO, UTC) as a watcher reads them: in the local time zone, briefly."""

from __future__ import annotations

from datetime import datetime


def short_time(iso: str | None, *, now: datetime | None = None) -> str:
    """`2026-02-20T18:15:03+00:00` -> `19:15` today, else `2026-02-20 19:15`, local time."""
    if not iso:
        return "never"
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:16]
    today = (now or datetime.now()).astimezone().date()
    return moment.strftime("%H:%M" if moment.date() == today else "%Y-%m-%d %H:%M")
