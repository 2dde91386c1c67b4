"""Local sources: a text or HTML file, or a folder of them, read into documents.

Files are read as bytes and decoded here; the extractor only ever sees text. An HTML file
gives its main text and date through trafilatura, like an article page. Every pass reads the
files again: storage keeps only what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.sources.articles import NoArticle, extract_article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class LocalFile:
    """A file's text, with the path as the user configured or gave it."""

    source: str  # the path as configured, e.g. "seeds/000_….txt"
    text: str
    title: str | None = None  # an HTML page's own title
    published: str | None = None  # an HTML page's own date


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
            yield ReadProblem(configured, "no text or HTML files (.txt, .md, .html) in this folder")
        for path in files:
            yield _read(f"{configured.rstrip('/')}/{path.name}", path)
    elif resolved.exists():
        yield _read(configured, resolved)
    else:
        yield ReadProblem(configured, "no such file or folder")


def _is_text(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES | HTML_SUFFIXES and not path.name.startswith(".")


def _read(source: str, path: Path) -> LocalFile | ReadProblem:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ReadProblem(source, f"larger than {MAX_FILE_BYTES // 1_000_000} MB; skipped")
        data = path.read_bytes()
    except OSError as error:
        return ReadProblem(source, f"cannot read ({error.strerror or error})")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _read_html(source, data)
    return LocalFile(source, decode_text(data))


def _read_html(source: str, data: bytes) -> LocalFile | ReadProblem:
    try:
        article = extract_article(data)
    except NoArticle as problem:
        return ReadProblem(source, str(problem))
    return LocalFile(source, article.text, article.title, article.date)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which decodes any byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
