"""The command line as a user runs it: real database files, one-line errors.

Most tests call the entry point in this process; a few run real processes, for the exit
statuses, the console script and what importing the command line loads.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CARD_FIGURES, REPO, clean_environment, has_card_figure

DOMAIN_FIELDS = {
    "id", "value", "qualifier", "low", "high", "metric", "subject", "place", "claimant",
    "as_of", "period_start", "date_basis", "source", "title", "sentence", "start", "end",
    "part_of", "subgroup", "mentions",
}  # fmt: skip


def assert_one_line_error(result) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tallywatch: ")


def test_ingest_seeds_then_figures_json(run_cli, db_path) -> None:
    ingested = run_cli("--db", str(db_path), "ingest", "seeds")
    assert ingested.returncode == 0, ingested.stderr
    assert "5 documents (5 new" in ingested.stdout
    printed = run_cli("--db", str(db_path), "figures", "--json")
    figures = json.loads(printed.stdout)
    assert figures and all(set(figure) == DOMAIN_FIELDS for figure in figures)
    for card in CARD_FIGURES:
        assert has_card_figure(figures, card), card
    # The seeds are dated by feeds.yaml, or by the text where it states a date.
    bases = {figure["source"].rsplit("/", 1)[-1]: figure["date_basis"] for figure in figures}
    assert bases["003_eadbc283e73a1a12.txt"] == "stated"
    assert bases["004_c835abbf319986af.txt"] == "configured"
    text = (REPO / "seeds" / "000_9f45dbe3429fb4d4.txt").read_text(encoding="utf-8")
    for figure in figures:
        if figure["source"].endswith("000_9f45dbe3429fb4d4.txt"):
            assert str(figure["value"]) in text[figure["start"] : figure["end"]].replace(",", "")


def test_ingesting_twice_stores_nothing_twice(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    again = run_cli("--db", str(db_path), "ingest", "seeds")
    assert "5 unchanged" in again.stdout
    assert "0 figures stored" in again.stdout
    first = json.loads(run_cli("--db", str(db_path), "figures", "--json").stdout)
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM figures").fetchone()[0]
    assert count == len(first)


def test_ingest_with_no_paths_reads_the_configured_sources(run_cli, db_path, seeds_only_yaml):
    result = run_cli("--db", str(db_path), "--config", str(seeds_only_yaml), "ingest")
    assert result.returncode == 0, result.stderr
    assert "seeds/004_c835abbf319986af.txt" in result.stdout


def test_export_writes_a_snapshot_sqlite3_can_count(run_cli, db_path, tmp_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    out = tmp_path / "snap.db"
    result = run_cli("--db", str(db_path), "export", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM figures").fetchone()[0]
    assert sqlite3.connect(out).execute("SELECT count(*) FROM figures").fetchone()[0] == stored


def test_db_can_come_from_the_environment(run_cli, db_path) -> None:
    run_cli("ingest", "seeds", env={"TALLYWATCH_DB": str(db_path)})
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM figures").fetchone()[0] > 0


def test_a_bad_file_fails_alone(run_cli, db_path, tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Foro Penal says at least 644 political prisoners remain.")
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(6_000_000)  # over the size limit for a local file
    result = run_cli("--db", str(db_path), "ingest", str(folder), str(tmp_path / "absent.txt"))
    assert result.returncode == 1
    assert "huge.txt: larger than 5 MB" in result.stderr
    assert "absent.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert "new       " in result.stdout and "good.txt" in result.stdout


@pytest.mark.parametrize(
    ("config_text", "expected"),
    [
        (None, "no such file"),
        ("sources: [\n", "feeds.yaml:2: not valid YAML"),
        ("sources:\n  - name: x\n    path: s\n    colour: red\n", "sources.0.colour: unknown key"),
    ],
)
def test_bad_config_is_one_line_and_writes_nothing(run_cli, tmp_path, config_text, expected):
    if config_text is not None:
        (tmp_path / "feeds.yaml").write_text(config_text)
    db = tmp_path / "t.db"
    result = run_cli("--db", str(db), "--config", str(tmp_path / "feeds.yaml"), "ingest")
    assert_one_line_error(result)
    assert expected in result.stderr
    assert not db.exists()


def test_not_a_tallywatch_database(run_cli, tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all\n")
    result = run_cli("--db", str(path), "ingest", "seeds")
    assert_one_line_error(result)
    assert "not a tallywatch database" in result.stderr
    assert path.read_text() == "not a database at all\n"


def test_locked_database(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    sqlite3.connect(db_path).execute("UPDATE documents SET content_hash = 'x'").connection.commit()
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cli("--db", str(db_path), "ingest", "seeds")
    finally:
        holder.rollback()
        holder.close()
    assert_one_line_error(result)
    assert "locked" in result.stderr


def test_figures_on_a_missing_database(run_cli, tmp_path) -> None:
    result = run_cli("--db", str(tmp_path / "absent.db"), "figures")
    assert_one_line_error(result)
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_the_figures_table_for_spreadsheets(run_cli, db_path, tmp_path, fmt) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    out = tmp_path / f"figures.{fmt}"
    result = run_cli("--db", str(db_path), "export", str(out), "--format", fmt)
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported)) if fmt == "csv" else json.load(exported)
    stored = json.loads(run_cli("--db", str(db_path), "figures", "--json").stdout)
    assert len(rows) == len(stored)
    assert set(rows[0]) >= DOMAIN_FIELDS

    def shown(value) -> str:  # CSV writes no value (a vague amount) as an empty cell
        return "" if value is None else str(value)

    assert {shown(row["value"]) for row in rows} == {shown(f["value"]) for f in stored}


def test_reparse_reads_stored_documents_again(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    unchanged = run_cli("--db", str(db_path), "reparse")
    assert "5 documents read again, 0 with new figures" in unchanged.stdout
    with sqlite3.connect(db_path) as conn:  # as an older extractor might have stored it
        conn.execute("UPDATE figures SET metric = 'other', claimant = 'x' WHERE value = 711")
    result = run_cli("--db", str(db_path), "reparse")
    assert "1 with new figures" in result.stdout
    figures = json.loads(run_cli("--db", str(db_path), "figures", "--json").stdout)
    (figure,) = [f for f in figures if f["value"] == 711]
    assert (figure["metric"], figure["claimant"]) == ("held", "Foro Penal")


def test_a_configured_folder_given_as_a_path_keeps_its_source_name(run_cli, db_path) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    names = sqlite3.connect(db_path).execute("SELECT DISTINCT source_name FROM documents")
    assert names.fetchall() == [("Seed articles",)]  # as the dashboard's scheduler names it


def test_figures_as_a_table_for_people(run_cli, db_path) -> None:
    empty = run_cli("--db", str(db_path), "ingest", "/nonexistent")
    assert empty.returncode == 1
    assert "no figures stored yet" in run_cli("--db", str(db_path), "figures").stdout
    run_cli("--db", str(db_path), "ingest", "seeds")
    lines = run_cli("--db", str(db_path), "figures").stdout.splitlines()
    assert lines[0].split() == ["id", "as", "of", "figure", "metric", "baseline", "claimant",
                                "source"]  # fmt: skip
    assert any("≥644" in line and "Foro Penal" in line for line in lines)


# -- real processes ----------------------------------------------------------------------------


def test_the_console_script_ingests_and_prints(db_path) -> None:
    script = Path(sys.executable).with_name("tallywatch")
    run = {"cwd": REPO, "env": clean_environment(None), "capture_output": True, "text": True}
    ingested = subprocess.run([script, "--db", str(db_path), "ingest", "seeds"], **run)
    assert ingested.returncode == 0, ingested.stderr
    assert "5 documents (5 new" in ingested.stdout
    printed = subprocess.run([script, "--db", str(db_path), "figures", "--json"], **run)
    assert printed.returncode == 0, printed.stderr
    assert has_card_figure(json.loads(printed.stdout), CARD_FIGURES[0])


def test_exit_statuses_of_a_process(run_cli_process, tmp_path) -> None:
    db = str(tmp_path / "t.db")
    assert run_cli_process("--db", db, "ingest", "seeds").returncode == 0
    failed = run_cli_process("--db", db, "ingest", str(tmp_path / "absent.txt"))
    assert failed.returncode == 1
    assert "absent.txt: no such file or folder" in failed.stderr
    not_ours = tmp_path / "notes.db"
    not_ours.write_text("not a database at all\n")
    refused = run_cli_process("--db", str(not_ours), "figures")
    assert refused.returncode == 2
    assert_one_line_error(refused)
    usage = run_cli_process("--db", db, "no-such-command")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


# Libraries a command may load when it needs them, but that importing app.cli must not (nor
# `figures`, which reads no feeds.yaml: yaml and pydantic load only to read one).
HEAVY = ("httpx", "feedparser", "trafilatura", "html_text", "lxml", "justext", "apscheduler",
         "textual", "textual_plotext", "rich", "yaml", "pydantic", "platformdirs")  # fmt: skip
LOADED = """
import json, sys
def loaded(): return sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy}))
import app.cli
after_import = loaded()
app.cli.main(["--db", {db!r}, "figures"])
after_figures = loaded()
app.cli.main(["--db", {db!r}, "ingest", "seeds"])
print(json.dumps([after_import, after_figures, loaded()]), file=sys.stderr)
"""


def test_importing_the_command_line_loads_no_network_feed_html_or_screen_library(
    run_cli, db_path
) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")
    code = LOADED.format(heavy=HEAVY, db=str(db_path))
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=clean_environment(None),
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    after_import, after_figures, after_ingest = json.loads(result.stderr.strip().splitlines()[-1])
    assert after_import == []
    assert after_figures == []  # reading the database needs none of them
    assert {"httpx", "feedparser"} <= set(after_ingest)  # the check sees them when loaded
    assert {"yaml", "pydantic"} <= set(after_ingest)  # reading feeds.yaml


# What the dashboard's first paint does without: polling (HTTP, feeds, the scheduler: loaded in
# the sources' thread after the first read; the extractor, loaded by the forkserver in its own
# process), the analysis (with the first read, in its worker), plotext (with the first drawing)
# and the screens not yet opened; and yaml and pydantic (a feeds.yaml the database does not
# know is validated by a child process meanwhile).
LATER = ("httpx", "feedparser", "apscheduler", "textual_plotext", "plotext", "app.analysis",
         "app.extract", "app.ingest.extraction_pool", "app.ingest.reparse",
         "app.tui.document_screen", "app.tui.comparison_screen",
         "app.tui.sources_screen", "yaml", "pydantic")  # fmt: skip
PREPARED = """
import json, sys
from pathlib import Path
import app.cli.dashboard
if __name__ == "__main__":
    app.cli.dashboard.prepare_dashboard(Path({db!r}), Path({config!r}))
    print(json.dumps(sorted(name for name in {later!r} if name in sys.modules)))
"""


def test_the_dashboard_loads_only_its_screen_before_its_first_paint(
    run_cli, db_path, tmp_path, seeds_only_yaml
) -> None:
    run_cli("--db", str(db_path), "ingest", "seeds")  # stamped with this extractor's version
    script = tmp_path / "prepared.py"
    script.write_text(PREPARED.format(config=str(seeds_only_yaml), db=str(db_path), later=LATER))

    def loaded_before_the_screen() -> list[str]:
        result = subprocess.run([sys.executable, str(script)], cwd=REPO,
                                env=clean_environment(None), capture_output=True, text=True,
                                timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.splitlines()[-1])

    def validated_digest() -> str | None:
        with sqlite3.connect(db_path) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'validated_topic'").fetchone()
        conn.close()
        return json.loads(row[0])["digest"] if row else None

    def digest_of_the_file() -> str:
        return hashlib.sha256(seeds_only_yaml.read_bytes()).hexdigest()

    # A new feeds.yaml: validated before the screen, by a child (app/config_check.py)
    assert loaded_before_the_screen() == []
    assert validated_digest() == digest_of_the_file()
    assert loaded_before_the_screen() == []  # the same file again: read after the first paint
    seeds_only_yaml.write_text(seeds_only_yaml.read_text() + "\n# changed\n")
    assert validated_digest() != digest_of_the_file()
    assert loaded_before_the_screen() == []  # edited: validated by a child again
    assert validated_digest() == digest_of_the_file()
    with sqlite3.connect(db_path) as conn:  # as if stored by an older extractor
        conn.execute("DELETE FROM meta WHERE key = 'extractor_version'")
    conn.close()
    assert "app.extract" in loaded_before_the_screen()  # read again: the check sees it
