"""Where feeds.yaml is, and the error a bad one stops with: what the command line needs
before any configuration is read (app/config.py reads it, with yaml and pydantic, which a
command that reads none need not import, nor the dashboard before its first paint when the
file is one it validated before)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_ENV = "TALLYWATCH_CONFIG"
DEFAULT_CONFIG_NAME = "feeds.yaml"


class ConfigError(Exception):
    """A feeds.yaml that cannot be used, with a one-line message."""


def find_config_path(explicit: str | None) -> Path:
    """--config, then $TALLYWATCH_CONFIG, then ./feeds.yaml."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME
    return Path(chosen)


def read_config_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file (give --config or create feeds.yaml)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error})") from None


def config_digest(data: bytes) -> str:
    """What tells a feeds.yaml from any other: a digest of its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class KnownConfig:
    """A feeds.yaml validated before, byte for byte, and its topic, which the database
    remembers: the dashboard opens on that topic and reads the file in full after its first
    paint (yaml and pydantic take a fifth of its start)."""

    path: Path
    place: str | None
    name: str
