"""When a source may be polled next: its interval, or a backoff after failures, or what the
server asked for with Retry-After. Times are ISO text in UTC, as storage keeps them."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

MAX_BACKOFF_S = 86_400  # a source failing for days is still tried daily
JITTER = 0.2  # ±20%, so that sources that failed together do not return together


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def iso_ms(moment: datetime) -> str:
    """To the millisecond: a backoff of 1.6 s stored as a whole second would come 0.6 s early."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def iso_not_before(moment: datetime) -> str:
    """`moment` rounded up to the whole second: a stored wait never ends early."""
    if moment.microsecond:
        moment = moment.replace(microsecond=0) + timedelta(seconds=1)
    return iso(moment)


def backoff_s(interval_s: int, failures: int, rng: random.Random | None = None) -> float:
    """The wait after `failures` (≥ 1) failed polls in a row: the interval, doubled each time."""
    doubled = interval_s * 2 ** min(max(failures - 1, 0), 16)
    wait = max(interval_s, min(doubled, MAX_BACKOFF_S))
    return wait * (rng or random).uniform(1 - JITTER, 1 + JITTER)


def after_failure(
    state: Mapping, ended: datetime, interval_s: int, retry_after_s: float | None, *, force=False
) -> dict:
    """A source's `failures`, `retry_after` and `next_poll` (ISO) after a failed poll that
    ended at `ended`: the backoff, or what the server asked for when that is longer."""
    failures = (state["failures"] or 0) + 1
    planned = state["next_poll"]
    ahead = planned and datetime.fromisoformat(planned) > ended
    if force and failures > 1 and ahead and not retry_after_s:
        # "Poll now" while a source is failing (offline, say) tries once more without
        # growing the backoff: the automatic poll stays when it was.
        return {"failures": failures - 1, "retry_after": None,
                "next_poll": planned}  # fmt: skip
    wait = backoff_s(interval_s, failures)
    if not retry_after_s:
        return {"failures": failures, "retry_after": None,
                "next_poll": iso_ms(ended + timedelta(seconds=wait))}  # fmt: skip
    return {
        "failures": failures,
        "retry_after": iso_not_before(ended + timedelta(seconds=retry_after_s)),
        "next_poll": iso_not_before(ended + timedelta(seconds=max(wait, retry_after_s))),
    }


def stored_wait(state: Mapping) -> str | None:
    """When a source may be polled next, as stored (ISO): the later of its planned poll (the
    interval, or a backoff) and a server's Retry-After; None if neither is stored."""
    times = [time for time in (state.get("next_poll"), state.get("retry_after")) if time]
    return max(times, key=datetime.fromisoformat) if times else None


def waiting_until(state: Mapping | None, now: datetime, *, force: bool = False) -> str | None:
    """The ISO time before which the source must not be polled, or None if it may be now.

    A server's Retry-After always holds; the backoff after failures holds unless forced (a
    user's "poll now"). A healthy source's own interval is the scheduler's business.
    """
    if not state:
        return None
    backing_off = state.get("failures") and not force
    wait = stored_wait(state) if backing_off else state.get("retry_after")
    return wait if wait and datetime.fromisoformat(wait) > now else None
