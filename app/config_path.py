"""Where feeds.yaml is, and the error a bad one stops with: what the command line needs
before any configuration is read (app/config.py reads it, with yaml and pydantic, which a
command that reads none need not import)."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "TALLYWATCH_CONFIG"
DEFAULT_CONFIG_NAME = "feeds.yaml"


class ConfigError(Exception):
    """A feeds.yaml that cannot be used, with a one-line message."""


def find_config_path(explicit: str | None) -> Path:
    """--config, then $TALLYWATCH_CONFIG, then ./feeds.yaml."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME
    return Path(chosen)
