"""Shared fixtures: the repository's seeds and config, temporary databases, the command line
in this process or as a process of its own."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from app.config import Config, load_config

# Property tests judge what the code answers, not how fast: on a busy machine one example can
# take longer than hypothesis' 200 ms deadline, which says nothing of the code.
settings.register_profile("tallywatch", deadline=None)
settings.load_profile("tallywatch")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FEEDS_YAML = REPO / "feeds.yaml"

# Seed dates as DOMAIN.md gives them (feeds.yaml records the same).
SEED_DATES = {
    "004_c835abbf319986af.txt": "2026-01-30",
    "003_eadbc283e73a1a12.txt": "2026-02-06",
    "001_503fa3718ef54111.txt": "2026-02-19",
    "000_9f45dbe3429fb4d4.txt": "2026-02-20",
    "002_e4358a0f01eaf296.txt": "2026-02-20",
}


def seeds_only_config() -> Config:
    """The shipped feeds.yaml without its real feeds: no test reaches beyond loopback."""
    config = load_config(FEEDS_YAML)
    return config.model_copy(update={"sources": [s for s in config.sources if s.path]})


def seeded_app(tmp_path: Path, name: str, texts: dict[str, str] | None = None, **options):
    """A dashboard on a new database holding the seeds (and `texts`, file name -> text), its
    scheduler off. The caller has made the repository the working folder (seeds/ is relative)."""
    from app.ingest.passes import ingest_paths
    from app.tui.app import TallywatchApp
    from storage import open_database

    config = options.pop("config", None) or seeds_only_config()
    paths = ["seeds"]
    if texts:
        extra = tmp_path / "extra"
        extra.mkdir()
        for file_name, text in texts.items():
            (extra / file_name).write_text(text, encoding="utf-8")
        paths.append(str(extra))
    db = tmp_path / f"{name}.db"
    conn = open_database(db)
    ingest_paths(conn, paths, config)
    conn.close()
    return TallywatchApp(db_path=db, config=config, poll_on_start=False, **options)


@pytest.fixture
def seeds_only_yaml(tmp_path: Path) -> Path:
    """A feeds.yaml file like the shipped one, but with only the seeds (by absolute path)."""
    data = yaml.safe_load(FEEDS_YAML.read_text(encoding="utf-8"))
    data["sources"] = [
        {**source, "path": str(REPO / source["path"])}
        for source in data["sources"]
        if "path" in source
    ]
    path = tmp_path / "feeds.seeds.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tallywatch.db"


@dataclass
class CliResult:
    """What a run of the command line gave, as `subprocess.CompletedProcess` names it."""

    returncode: int
    stdout: str
    stderr: str


def clean_environment(env: dict | None) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    environment.update(env or {})
    return environment


@pytest.fixture
def run_cli():
    """Run `tallywatch ARGS` in this process, in `cwd` (default: the repository): the same
    entry point a user's process runs, without the second of starting Python for each call."""

    def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> CliResult:
        from app.cli import main

        out, err = io.StringIO(), io.StringIO()
        with (
            pytest.MonkeyPatch.context() as patch,
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            for name in [name for name in os.environ if name.startswith("TALLYWATCH_")]:
                patch.delenv(name)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            patch.chdir(cwd)
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 2
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def run_cli_process():
    """Run `python -m app ARGS` as a separate process, for exit codes and other processes."""

    def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            cwd=cwd,
            env=clean_environment(env),
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


# The seven figures of the design card: (seed file, value, metric, qualifier, claimant).
# The claimant of 379 is "the authorities", however the extractor names them.
CARD_FIGURES = [
    ("004_c835abbf319986af.txt", 711, "held", "exact", "Foro Penal"),
    ("000_9f45dbe3429fb4d4.txt", 644, "held", "at_least", "Foro Penal"),
    ("000_9f45dbe3429fb4d4.txt", 600, "held", "more_than", "Foro Penal"),
    ("001_503fa3718ef54111.txt", 600, "held", "more_than", "Foro Penal"),
    ("000_9f45dbe3429fb4d4.txt", 448, "released", "exact", "Foro Penal"),
    ("001_503fa3718ef54111.txt", 448, "held", "exact", "Foro Penal"),
    ("002_e4358a0f01eaf296.txt", 379, "amnestied", "exact", "authorities"),
    ("003_eadbc283e73a1a12.txt", 340, "released", "at_least", "Foro Penal"),
    ("004_c835abbf319986af.txt", 302, "released", "exact", "Foro Penal"),
]


def has_card_figure(figures, card) -> bool:
    """Whether `figures` (dicts with a `source` path) hold the card figure `card`."""
    file, value, metric, qualifier, claimant = card
    return any(
        str(f["source"]).endswith(file)
        and f["value"] == value
        and f["metric"] == metric
        and f["qualifier"] == qualifier
        and claimant.lower() in f["claimant"].lower()
        for f in figures
    )
