"""One way to write each thing for a person, the same on the command line and on screen: a
figure (`≥644` in tables, "at least 644" in sentences), a day, a stored time, a source's health.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

# Each qualifier as a table writes it, and as a sentence says it.
_PREFIX = {"at_least": "≥", "more_than": ">", "about": "~", "at_most": "≤", "fewer_than": "<"}
_WORDS = {
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "at_most": "up to ",
    "fewer_than": "fewer than ",
    "vague": "some ",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_value(figure: Mapping) -> str:
    """`711`, `≥644`, `>600`, `~650`, `600–700`; a vague amount shows its band."""
    qualifier, value = figure["qualifier"], figure["value"]
    low, high = figure.get("low"), figure.get("high")
    if qualifier == "range" and low is not None and high is not None:
        return f"{low:,}–{high:,}"
    if qualifier == "vague":
        if value is not None:
            return f"~{value:,}?"
        return f"{low or 0:,}–{high:,}?" if high is not None else f"{low or 0:,}+?"
    if value is None:
        return "?"
    return f"{_PREFIX.get(qualifier, '')}{value:,}"


def format_period(figure: Mapping) -> str:
    start = figure.get("period_start")
    return f"since {start}" if start else ""


def describe(figure: Mapping) -> str:
    """One line: `Foro Penal: ≥644 held, 2026-02-20`."""
    since = f" {format_period(figure)}" if figure.get("period_start") else ""
    return (
        f"{figure['claimant']}: {format_value(figure)} {figure['metric']}{since},"
        f" {figure.get('as_of') or 'undated'}"
    )


def counted(number: int, noun: str) -> str:
    """ "1 figure", "18 figures", "1,204 figures"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def spoken_value(qualifier: str, value: int | None, low: int | None, high: int | None) -> str:
    """The figure as a sentence says it: "711", "more than 600", "about 650", "200 to 999"."""
    if qualifier == "range" or value is None:
        return spoken_span(low, high)
    return f"{_WORDS.get(qualifier, '')}{value}"


def spoken_span(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "an unstated number"
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low} to {high}"


def day(iso: str | None, with_year: bool = False) -> str:
    """ "30 Jan" (or "30 Jan 2026"); an undated figure says so."""
    if not iso:
        return "undated"
    try:
        parsed = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    text = f"{parsed.day} {MONTHS[parsed.month - 1]}"
    return f"{text} {parsed.year}" if with_year else text


def short_time(iso: str | None, *, now: datetime | None = None) -> str:
    """A stored time (ISO, UTC) in the local time zone, briefly: `2026-02-20T18:15:03+00:00`
    -> `19:15` today, else `2026-02-20 19:15`."""
    if not iso:
        return "never"
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:16]
    today = (now or datetime.now()).astimezone().date()
    return moment.strftime("%H:%M" if moment.date() == today else "%Y-%m-%d %H:%M")


# -- a source's health: one rule for "ok", for the command line, the header and the screen --

HEALTH_STATES = ("disabled", "not polled yet", "failing", "ok")


def health_state(source: Mapping) -> str:
    """One of HEALTH_STATES, from a row of storage.polls.source_health."""
    if not source["enabled"]:
        return "disabled"
    if source["last_poll_end"] is None:
        return "not polled yet"
    return "failing" if source["failing"] else "ok"


def health_counts(health: list[Mapping]) -> dict[str, int]:
    """How many enabled sources are in each state."""
    counts = dict.fromkeys(HEALTH_STATES[1:], 0)
    for source in health:
        if source["enabled"]:
            counts[health_state(source)] += 1
    return counts


def health_summary(health: list[Mapping]) -> str:
    """`1 ok, 9 failing, 2 not polled yet` over the enabled sources."""
    counts = health_counts(health)
    parts = [f"{counts['ok']} ok"]
    parts += [
        f"{counts[state]} {state}" for state in ("failing", "not polled yet") if counts[state]
    ]
    return ", ".join(parts)


def describe_health(health: list[dict], now: datetime | None = None) -> str:
    """`1 ok, 9 failing (s) · polled 18:15 · next 18:45`: the dashboard's header. A next poll
    whose time has passed (a stored wait from before the dashboard started) is due now."""
    enabled = [source for source in health if source["enabled"]]
    if not enabled:
        return "no sources"
    ended = [source["last_poll_end"] for source in enabled if source["last_poll_end"]]
    upcoming = [source["next_poll"] for source in enabled if source["next_poll"]]
    counts = health_counts(enabled)
    ok, failing = counts["ok"], counts["failing"]
    parts = [
        f"{ok} ok, {failing} failing (s)" if failing else f"{ok} ok",
        f"polled {short_time(max(ended))}" if ended else "not polled yet",
        _next_poll(min(upcoming), now) if upcoming else "",
    ]
    return " · ".join(part for part in parts if part)


def _next_poll(iso: str, now: datetime | None) -> str:
    try:
        passed = datetime.fromisoformat(iso) <= (now or datetime.now(UTC))
    except (TypeError, ValueError):  # unreadable, or a time without its zone
        passed = False
    return "next poll due" if passed else f"next {short_time(iso, now=now)}"


def database_words(problem: str) -> str:
    """A database problem in two words, for the header (the notification has it all)."""
    for word in ("locked", "read-only"):
        if word in problem:
            return f"⚠ database {word}"
    return "⚠ database error"


def dashboard_subtitle(
    db_problem: str | None, total: int | None, claimant: str | None, text: str, health: str
) -> str:
    """A database problem, the count and what filters it, then the sources' health: the
    header cuts what does not fit (the place is on the headline strip)."""
    parts = [database_words(db_problem)] if db_problem else []
    if total is not None:
        parts.append(counted(total, "figure"))
    if claimant:
        parts.append(f"claimant: {claimant}")
    if text:
        parts.append(f"filter: {text!r}")
    parts.append(health)
    return " · ".join(parts)
