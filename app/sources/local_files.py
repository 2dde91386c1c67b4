"""Local sources: a text or HTML file, or a folder of them, read into documents.

Files are read as bytes and decoded here; the extractor only ever sees text. An HTML file
gives its main text and date through trafilatura, like an article page. Every pass reads the
files again: storage keeps only what changed. A file is known by its resolved path, so any
spelling of it is the same document. Files over the size limit, and binary files (an
executable or random bytes named .txt), are refused with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.sources.articles import NoArticle, extract_article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_FILE_BYTES = 5_000_000  # the default of `files: {max_size_mb: 5}`
_SNIFF_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BINARY_SHARE = 0.02  # of control or undecodable characters at the start of a text file


@dataclass(frozen=True)
class LocalFile:
    """A file's text, with the path as the user configured or gave it."""

    source: str  # the path as configured, e.g. "seeds/000_….txt"
    text: str
    title: str | None = None  # an HTML page's own title
    published: str | None = None  # an HTML page's own date
    identity: str | None = None  # the resolved path: one document whatever the spelling


@dataclass(frozen=True)
class ReadProblem:
    source: str
    message: str


def read_local_path(
    configured: str, resolved: Path, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[LocalFile | ReadProblem]:
    """Yield each text file under `resolved` (a file or a folder), or a problem per bad file.

    One unreadable file never stops the others.
    """
    if resolved.is_dir():
        files = sorted(p for p in resolved.iterdir() if p.is_file() and _is_text(p))
        if not files:
            yield ReadProblem(configured, "no text or HTML files (.txt, .md, .html) in this folder")
        for path in files:
            yield _read(f"{configured.rstrip('/')}/{path.name}", path, max_bytes)
    elif resolved.exists():
        yield _read(configured, resolved, max_bytes)
    else:
        yield ReadProblem(configured, "no such file or folder")


def _is_text(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES | HTML_SUFFIXES and not path.name.startswith(".")


def _read(source: str, path: Path, max_bytes: int) -> LocalFile | ReadProblem:
    try:
        if path.stat().st_size > max_bytes:
            limit = f"{max_bytes / 1_000_000:g} MB"
            return ReadProblem(source, f"larger than {limit} (files: max_size_mb); skipped")
        data = path.read_bytes()
        identity = str(path.resolve())
    except OSError as error:
        return ReadProblem(source, f"cannot read ({error.strerror or error})")
    if looks_binary(data):
        return ReadProblem(source, "not a text file (binary content); skipped")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _read_html(source, data, identity)
    return LocalFile(source, decode_text(data), identity=identity)


def _read_html(source: str, data: bytes, identity: str) -> LocalFile | ReadProblem:
    try:
        article = extract_article(data)
    except NoArticle as problem:
        return ReadProblem(source, str(problem))
    return LocalFile(source, article.text, article.title, article.date, identity)


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or more than a few control or undecodable characters at the start: no
    text file, in any encoding we read, looks like that."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return True
    text = decode_text(head).rstrip("\ufffd")  # a cut multi-byte character at the end is fine
    odd = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bool(text) and odd / len(text) > _BINARY_SHARE


def decode_text(data: bytes) -> str:
    """UTF-16 with its BOM, UTF-8 (with or without BOM), else Windows-1252 (any byte)."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
