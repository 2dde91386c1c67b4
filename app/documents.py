"""The document: one article or file's text with where it came from and its date."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

DATE_BASES = ("published", "stated", "configured", "inferred", "first_seen")


@dataclass(frozen=True)
class Document:
    source: str  # the URL, or the file path as configured
    source_name: str  # the feeds.yaml source it came through
    title: str
    text: str
    date: str | None  # ISO date of the document
    date_basis: str  # one of DATE_BASES
    language: str | None = None
    identity: str | None = None  # a local file's resolved path; a URL is its own identity

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
