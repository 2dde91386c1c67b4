"""The one rule for when a source is polled next after failures (app/ingest/backoff.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.ingest.backoff import after_failure, stored_wait, waiting_until

ENDED = datetime(2026, 1, 1, 12, 0, 0, 250_000, tzinfo=UTC)


def test_the_backoff_doubles_with_each_failure_within_its_jitter() -> None:
    state = {"failures": 0, "next_poll": None}
    waits = []
    for _ in range(4):
        state = after_failure(state, ENDED, 60, None)
        waits.append((datetime.fromisoformat(state["next_poll"]) - ENDED).total_seconds())
        assert state["retry_after"] is None
    assert state["failures"] == 4
    for failures, wait in enumerate(waits, start=1):
        assert 0.8 * 60 * 2 ** (failures - 1) - 1 <= wait <= 1.2 * 60 * 2 ** (failures - 1)


def test_a_retry_after_is_rounded_up_and_longer_than_the_backoff_wins() -> None:
    state = after_failure({"failures": 0, "next_poll": None}, ENDED, 60, 600.5)
    assert state["retry_after"] == "2026-01-01T12:10:01+00:00"  # never a moment early
    assert state["next_poll"] == state["retry_after"] == stored_wait(state)


def test_poll_now_while_failing_keeps_the_backoff_but_not_past_a_retry_after() -> None:
    failing = {"failures": 3, "next_poll": "2026-01-01T14:00:00+00:00", "retry_after": None}
    forced = after_failure(failing, ENDED, 60, None, force=True)
    assert forced == {"failures": 3, "retry_after": None, "next_poll": failing["next_poll"]}
    assert after_failure(failing, ENDED, 60, None)["failures"] == 4  # a scheduled poll grows it
    assert waiting_until(failing, ENDED) == failing["next_poll"]
    assert waiting_until(failing, ENDED, force=True) is None
    asked = {**failing, "retry_after": "2026-01-01T13:00:00+00:00"}
    assert waiting_until(asked, ENDED, force=True) == asked["retry_after"]
    assert stored_wait(asked) == failing["next_poll"]


def test_a_backoff_is_stored_to_the_millisecond_and_holds_to_it() -> None:
    # Cut to the second, a 1.6 s backoff could come after 1 s: no longer than the one before.
    state = after_failure({"failures": 1, "next_poll": None}, ENDED, 1, None)
    planned = datetime.fromisoformat(state["next_poll"])
    assert 1.6 <= (planned - ENDED).total_seconds() <= 2.4
    assert waiting_until(state, planned - timedelta(milliseconds=5)) == state["next_poll"]
    assert waiting_until(state, planned) is None
