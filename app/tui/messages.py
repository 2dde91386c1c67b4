"""The messages the app posts about polls and the sources' health, for itself and its screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # polling's modules load with the scheduler, after the first paint
    from app.ingest.poll import PollResult


@dataclass
class PollFinished(Message):
    result: PollResult


@dataclass
class HealthLoaded(Message, bubble=False):
    """The sources' health and their recent polls, read again. Posted to the app, which
    passes it on to each screen that shows them (it does not bubble back up)."""

    health: list[dict]
    polls: list[dict]
