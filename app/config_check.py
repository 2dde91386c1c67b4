"""feeds.yaml validated in a child process, on the other core, while the dashboard loads.

A feeds.yaml the database has not seen validated (a new file, or an edited one) is checked
before the screen takes over, so that a bad one stops in one line. Loading yaml and pydantic
to check it takes about as long as loading the screen, so a child
(`python -m app.config_check PATH DIGEST`) checks it meanwhile: it reads the file, makes sure
these are the very bytes the dashboard hashed, validates them and prints one JSON line, the
topic or the problem. Whatever goes wrong with the child itself (it cannot start, dies, says
nothing usable, or the file changed between the two reads), the caller validates the file
itself, as it always did: `ConfigCheck.verdict()` then answers None.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.config_path import ConfigError, KnownConfig, config_digest, read_config_bytes

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # where the child finds `app`
CHECK_TIMEOUT_S = 60.0  # a child that takes longer is given up; the caller checks instead


class ConfigCheck:
    """A child validating the feeds.yaml at `path` whose bytes have `digest`."""

    def __init__(self, path: Path, digest: str) -> None:
        self.path, self.digest = path, digest
        self._child = _start(path, digest)

    def verdict(self) -> KnownConfig | None:
        """The file as validated, with its topic, when it is valid; raises ConfigError with the
        one-line problem when it is not; None when the child could not tell."""
        if self._child is None:
            return None
        try:
            said, _ = self._child.communicate(timeout=CHECK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()
            return None
        topic = _read_verdict(said)
        return None if topic is None else KnownConfig(self.path, *topic)


def _start(path: Path, digest: str) -> subprocess.Popen | None:
    # PYTHONPATH: the child imports this package even from a checkout that is not installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )}  # fmt: skip
    command = [sys.executable, "-m", "app.config_check", str(path), digest]
    quiet = subprocess.DEVNULL
    try:
        return subprocess.Popen(command, env=env, stdin=quiet, stdout=subprocess.PIPE, stderr=quiet)
    except OSError:
        return None


def _read_verdict(said: bytes) -> tuple[str | None, str] | None:
    """(place, name) from the child's line; raises ConfigError for its problem."""
    try:
        verdict = json.loads(said.decode("utf-8").strip().splitlines()[-1])
    except (UnicodeDecodeError, ValueError, IndexError):
        return None  # it died, or printed something else
    if not isinstance(verdict, dict):
        return None
    if isinstance(verdict.get("problem"), str):
        raise ConfigError(verdict["problem"])
    if isinstance(verdict.get("name"), str) and "place" in verdict:
        return verdict["place"], verdict["name"]
    return None  # "changed", or anything else: the caller reads the file itself


def check(path: Path, digest: str) -> dict:
    """In the child: what it prints for the file at `path` (see the module's docstring)."""
    from app.config import load_config  # the part that takes the time

    try:
        data = read_config_bytes(path)
        if config_digest(data) != digest:
            return {"changed": True}
        config = load_config(path, data)
    except ConfigError as error:
        return {"problem": str(error)}
    return {"place": config.topic.place, "name": config.topic.name}


if __name__ == "__main__":
    print(json.dumps(check(Path(sys.argv[1]), sys.argv[2])), flush=True)
