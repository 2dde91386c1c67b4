"""What a watcher's feeds.yaml can tune in the extractor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType


@dataclass(frozen=True)
class ExtractionSettings:
    # alias text (any case) -> canonical claimant name; extends the built-in table
    aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # extra topic terms; a document mentioning none of the topic's terms yields no figures
    topic_terms: tuple[str, ...] = ()
    # the place to assume when neither the sentence nor the document names a country
    default_place: str | None = None

    @cached_property  # writes the instance's __dict__ directly, which a frozen dataclass allows
    def _key(self) -> tuple:
        aliases = tuple(sorted((str(k), str(v)) for k, v in self.aliases.items()))
        return aliases, tuple(self.topic_terms)

    def cache_key(self) -> tuple:
        """A hashable digest of the settings, for caching the patterns built from them (read
        once per settings: every document asks for it)."""
        return self._key
