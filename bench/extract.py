"""Throughput of the figure extractor, in MB of article text per second on one core.

Builds about 4 MB of articles from the seeds: whole articles as published, their figure-free
paragraphs included, nothing padded. The seeds are dense in figures (about one per 1,300
characters), more than most news, so the figure is a conservative one. Each copy has its
three-digit counts shifted by the copy's number (thousands like '2,000' and years untouched),
so no two documents are the same and nothing can be served from a cache. Every document is
extracted as the app would; the best of three timed passes (the one least disturbed by other
work on the machine) gives `mb_per_s=X`.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract import extract_figures  # noqa: E402

TARGET_BYTES = 4_000_000
DATE = "2026-02-20"
PASSES = 3
_COUNT_RE = re.compile(r"(?<![\d,.])\d{3}(?![\d]|[,.]\d)")  # '448', not '2,000' or '18,842'


def corpus() -> list[str]:
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    documents, size, copy = [], 0, 0
    while size < TARGET_BYTES:
        for text in seeds:
            varied = _COUNT_RE.sub(lambda m, c=copy: str(int(m[0]) + c), text)
            documents.append(varied)
            size += len(varied.encode("utf-8"))
        copy += 1
    return documents


def main() -> None:
    documents = corpus()
    assert len(set(documents)) == len(documents), "every document must be different"
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    extract_figures(documents[0], DATE)  # compile the patterns outside the timing
    timings, figures = [], 0
    for _ in range(PASSES):
        started = time.perf_counter()
        figures = sum(len(extract_figures(document, DATE)) for document in documents)
        timings.append(time.perf_counter() - started)
    elapsed = min(timings)
    print(
        f"documents={len(documents)} figures={figures} mb={megabytes:.2f} "
        f"s={elapsed:.2f} s_worst={max(timings):.2f}"
    )
    print(f"mb_per_s={megabytes / elapsed:.2f}")


if __name__ == "__main__":
    main()
