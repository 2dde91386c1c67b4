"""The extraction pool's helper processes: the forkserver its workers are forked from, and
multiprocessing's resource tracker.

Kept apart from extraction_pool.py so that the dashboard can start the tracker before Textual
takes over standard error without importing the extractor and feedparser first (they would
hold up its first paint).
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import resource_tracker

# What a forkserver imports once, so that each worker it forks starts with them loaded (and
# with what the extractor builds at its first document: forkserver_warm_up.py).
PRELOADED = [
    "app.ingest.extraction_pool",
    "app.sources.feed_items",
    "app.ingest.forkserver_warm_up",
]


def pool_context():
    """The multiprocessing context the extraction pool's workers are started from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    return context


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker now, while standard error is still the
    terminal's: under the dashboard Textual replaces sys.stderr with an object whose fileno()
    is invalid, and the tracker cannot be started then ('bad value(s) in fds_to_keep'). The
    forkserver is not given standard error: it starts with the pool's first work, so that its
    import of the extractor (a few tenths of a second of CPU) does not compete with the first
    paint."""
    resource_tracker.ensure_running()
