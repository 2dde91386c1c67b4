"""Local sources: a text file, or a folder of them, read into documents.

Files are read as bytes and decoded here; the extractor only ever sees text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ".md"}
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class LocalFile:
    """A file's text, with the path as the user configured or gave it."""

    source: str  # the path as configured, e.g. "seeds/000_….txt"
    text: str


@dataclass(frozen=True)
class ReadProblem:
    source: str
    message: str


def read_local_path(configured: str, resolved: Path) -> Iterator[LocalFile | ReadProblem]:
    """Yield each text file under `resolved` (a file or a folder), or a problem per bad file.

    One unreadable file never stops the others.
    """
    if resolved.is_dir():
        files = sorted(p for p in resolved.iterdir() if p.is_file() and _is_text(p))
        if not files:
            yield ReadProblem(configured, "no text files (.txt, .md) in this folder")
        for path in files:
            yield _read(f"{configured.rstrip('/')}/{path.name}", path)
    elif resolved.exists():
        yield _read(configured, resolved)
    else:
        yield ReadProblem(configured, "no such file or folder")


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and not path.name.startswith(".")


def _read(source: str, path: Path) -> LocalFile | ReadProblem:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ReadProblem(source, f"larger than {MAX_FILE_BYTES // 1_000_000} MB; skipped")
        data = path.read_bytes()
    except OSError as error:
        return ReadProblem(source, f"cannot read ({error.strerror or error})")
    return LocalFile(source, decode_text(data))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which decodes any byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
