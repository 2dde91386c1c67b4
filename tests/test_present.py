"""How a person reads the state of the sources in the dashboard's header."""

from __future__ import annotations

from datetime import UTC, datetime

from app.present import describe_health

NOW = datetime(2026, 2, 20, 15, 0, tzinfo=UTC)


def source(next_poll: str | None, failing: bool = False) -> dict:
    """A row as storage.polls.source_health gives it (the fields the header reads)."""
    return {
        "enabled": True,
        "failing": failing,
        "last_poll_end": "2026-02-20T14:55:00+00:00",
        "next_poll": next_poll,
    }


def test_the_next_poll_is_the_soonest_to_come() -> None:
    health = [source("2026-02-20T15:30:00+00:00"), source("2026-02-20T15:10:00+00:00")]
    assert describe_health(health, now=NOW).endswith("next " + _local("2026-02-20T15:10:00"))


def test_a_next_poll_whose_time_has_passed_is_due_not_in_the_past() -> None:
    health = [source("2026-02-20T13:25:00+00:00"), source("2026-02-20T15:30:00+00:00")]
    assert describe_health(health, now=NOW).endswith("next poll due")


def _local(utc: str) -> str:
    return datetime.fromisoformat(utc + "+00:00").astimezone().strftime("%H:%M")
