"""`tallywatch watch`: the scheduler without the dashboard, one log line per poll.

Ctrl-C or SIGTERM stops the scheduling, lets the polls in progress end after their current
item (each item and each poll is written in its own transaction), then exits.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.ingest.poll import PollResult
from app.ingest.schedule import PollScheduler
from app.untrusted_text import SafeStream, visible

if TYPE_CHECKING:
    from app.config import Config


def poll_line(result: PollResult) -> str:
    """One line per poll: when, which source, what it did, when it polls next."""
    if result.status == "ok":
        said = (
            f"ok{f' HTTP {result.http_status}' if result.http_status else ''}:"
            f" {result.items_seen} seen, {result.new} new, {result.changed} changed,"
            f" {result.figures_added} figures"
        )
        if result.warning:
            said += f" (warning: {result.warning})"
    else:
        said = f"{result.status}: {result.error}"
    line = f"{result.ended}  {result.source}: {said}; next poll {result.next_poll or '?'}"
    return visible(line, keep_lines=False)  # names, URLs and errors quote feed text


def run_watch(db_path: Path, config: Config, out: TextIO | None = None) -> int:
    out = SafeStream(out or sys.stdout)
    try:
        asyncio.run(_watch(db_path, config, out))
    except KeyboardInterrupt:  # a second Ctrl-C while stopping
        return 130
    return 0


async def _watch(db_path: Path, config: Config, out: TextIO) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stopping.set)

    def log(result: PollResult) -> None:
        print(poll_line(result), file=out, flush=True)

    scheduler = PollScheduler(db_path, config, on_poll_finished=log)
    scheduler.start()
    enabled = sum(1 for source in config.sources if source.enabled)
    print(f"watching {enabled} sources; Ctrl-C to stop", file=out, flush=True)
    try:
        await stopping.wait()
    finally:
        print("stopping: letting the polls in progress finish…", file=out, flush=True)
        await scheduler.aclose()
        print("stopped", file=out, flush=True)
