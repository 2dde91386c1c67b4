"""feeds.yaml: the configured sources, the topic, claimant aliases and finding thresholds.

Validated with pydantic on load. A bad file stops with one line naming the file, the line
and the field, before anything starts. Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.config_path import (
    CONFIG_ENV,
    DEFAULT_CONFIG_NAME,
    ConfigError,
    find_config_path,
    read_config_bytes,
)

__all__ = [
    "CONFIG_ENV", "DEFAULT_CONFIG_NAME", "Config", "ConfigError", "FilesConfig",
    "FindingsConfig", "HttpConfig", "SourceConfig", "TopicConfig", "find_config_path",
    "load_config", "parse_config", "source_row",
]  # fmt: skip

_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_INTERVAL_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Politeness to servers we do not run: no feed elsewhere is polled more often than this. A
# local file, or a feed on this machine (a test server), may be polled down to once a second.
MIN_INTERVAL_S = 60
MIN_LOCAL_INTERVAL_S = 1
_LOOPBACK_HOSTS = ("localhost", "127.", "[::1]")


class _DatesAsTextLoader(yaml.SafeLoader):
    """Leaves dates as text, so that pydantic checks them and names the line."""


_DatesAsTextLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(_Strict):
    name: str = Field(min_length=1)
    url: str | None = None
    path: str | None = None
    interval: str = "30m"
    full_article: bool = False
    enabled: bool = True
    language: str | None = None
    date: dt.date | None = None  # the date of a local file source
    dates: dict[str, dt.date] = {}  # per file name, for a folder of local files

    @field_validator("interval")
    @classmethod
    def _interval_is_readable(cls, value: str) -> str:
        if not _INTERVAL.match(value):
            raise ValueError("interval must be a number and a unit: 90s, 15m, 1h or 1d")
        return value.strip()

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("url must start with http:// or https://")
        return value

    @model_validator(mode="after")
    def _url_or_path(self) -> SourceConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("a source needs exactly one of `url` or `path`")
        return self

    @model_validator(mode="after")
    def _interval_is_polite(self) -> SourceConfig:
        if self.interval_seconds < self.min_interval_seconds:
            raise ValueError(
                f"interval {self.interval} is too short: at least {MIN_INTERVAL_S}s for a feed"
                f" (at least {MIN_LOCAL_INTERVAL_S}s for a file or a feed on this machine)"
            )
        return self

    @property
    def min_interval_seconds(self) -> int:
        host = re.sub(r"^https?://([^/?#]*@)?", "", self.url or "").lower()
        local = self.url is None or host.startswith(_LOOPBACK_HOSTS)
        return MIN_LOCAL_INTERVAL_S if local else MIN_INTERVAL_S

    @property
    def interval_seconds(self) -> int:
        number, unit = _INTERVAL.match(self.interval).groups()
        return int(number) * _INTERVAL_SECONDS[unit]


class FindingsConfig(_Strict):
    jump_share: float = Field(0.05, gt=0, lt=10)
    window_days: int = Field(7, ge=0, le=365)


class HttpConfig(_Strict):
    """Limits on every request to a feed or an article page."""

    timeout: float = Field(20.0, gt=0, le=300)  # seconds for a whole response
    max_size_mb: float = Field(5.0, gt=0, le=100)  # a larger body is cut off
    per_host: int = Field(2, ge=1, le=16)  # concurrent requests to one host
    poll_timeout: float = Field(40.0, gt=0, le=3600)  # seconds for a whole poll, articles too


class FilesConfig(_Strict):
    """Limits on local files."""

    max_size_mb: float = Field(5.0, gt=0, le=1000)  # a larger file is skipped, with a reason

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * 1_000_000)


class TopicConfig(_Strict):
    name: str = "Political prisoners"
    place: str = "Venezuela"  # the place the dashboard opens on
    terms: list[str] = []  # extra terms that select items worth reading
    aliases: dict[str, str] = {}  # claimant alias -> normalised name


class Config(_Strict):
    sources: list[SourceConfig] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _names_are_unique(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        names = [source.name for source in sources]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"two sources are named {repeated[0]!r}; names must differ")
        return sources

    topic: TopicConfig = TopicConfig()
    findings: FindingsConfig = FindingsConfig()
    http: HttpConfig = HttpConfig()
    files: FilesConfig = FilesConfig()
    snapshots: str = "snapshots"  # folder for `e` and `export` without a path
    bell: bool = False

    # Set after loading: the folder relative paths are read against.
    base_dir: Path = Path(".")

    def resolve(self, relative: str) -> Path:
        path = Path(relative).expanduser()
        return path if path.is_absolute() else self.base_dir / path


def load_config(path: str | Path, data: bytes | None = None) -> Config:
    """feeds.yaml at `path`, validated; `data` if given is the file's bytes, read before."""
    path = Path(path)
    try:
        text = (read_config_bytes(path) if data is None else data).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read ({error})") from None
    return parse_config(text, name=str(path), base_dir=path.resolve().parent)


def parse_config(text: str, *, name: str = "feeds.yaml", base_dir: Path = Path(".")) -> Config:
    try:
        node = yaml.compose(text)
        data = yaml.load(text, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: not valid YAML ({problem})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping with a `sources:` list")
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe_validation(error, node, name)) from None
    return config.model_copy(update={"base_dir": base_dir})


def _describe_validation(error: ValidationError, node: yaml.Node, name: str) -> str:
    first = error.errors()[0]
    location = [part for part in first["loc"] if not isinstance(part, str) or part[0] != "["]
    field = ".".join(str(part) for part in location) or "(top level)"
    line = _line_of(node, location)
    where = f"{name}:{line}" if line else name
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    return f"{where}: {field}: {message}"


def _line_of(node: yaml.Node | None, location: list) -> int | None:
    """The 1-based line of the YAML node at `location`, or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in location:
        key, node = _child(node, part)
        if node is None:
            break
        line = (key or node).start_mark.line + 1
    return line


def _child(node: yaml.Node | None, part) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of `part` inside a mapping or sequence node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None, None


def source_row(source: SourceConfig) -> dict:
    """The source as storage registers it: name, kind, location, enabled."""
    kind = "feed" if source.url else "files"
    return {
        "name": source.name,
        "kind": kind,
        "location": source.url or source.path,
        "enabled": source.enabled,
    }
