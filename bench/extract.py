"""Throughput of the figure extractor, in MB of article text per second on one core.

Builds about 4 MB of articles from the seeds (each copy with its numbers shifted, so no two
documents are the same), extracts every document as the app would, and prints `mb_per_s=X`.
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


def corpus() -> list[str]:
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    documents, size, copy = [], 0, 0
    while size < TARGET_BYTES:
        for text in seeds:
            varied = re.sub(r"\b\d{3}\b", lambda m, c=copy: str(int(m[0]) + c % 50), text)
            documents.append(varied)
            size += len(varied.encode("utf-8"))
        copy += 1
    return documents


def main() -> None:
    documents = corpus()
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    extract_figures(documents[0], DATE)  # compile the patterns outside the timing
    started = time.perf_counter()
    figures = sum(len(extract_figures(document, DATE)) for document in documents)
    elapsed = time.perf_counter() - started
    print(f"documents={len(documents)} figures={figures} mb={megabytes:.2f} s={elapsed:.2f}")
    print(f"mb_per_s={megabytes / elapsed:.2f}")


if __name__ == "__main__":
    main()
