"""The house rules of the layout, checked on the source: data flows one way.

- storage/ imports nothing from app/;
- only app/tui/ imports Textual;
- the extractor and the analysis are pure: no I/O modules, no file reads, no storage, no
  screen;
- the sources hand over documents: they import neither storage nor the extractor nor ingest;
- only storage/ speaks SQL;
- every module stays under MAX_LINES lines.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

SCREEN_MODULES = {"textual", "textual_plotext"}
IO_MODULES = {
    "sqlite3", "sqlite_utils", "httpx", "socket", "urllib", "http", "requests", "feedparser",
    "trafilatura", "io", "os", "pathlib", "shutil", "subprocess", "storage", "textual",
    "textual_plotext", "apscheduler",
}  # fmt: skip


def python_files(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def top_level(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


FILE_READS = {"open", "read_text", "read_bytes"}


def calls_open(path: Path) -> bool:
    """Whether the module opens or reads a file: `open(...)`, `x.open()`, `x.read_text()`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            if name in FILE_READS:
                return True
    return False


@pytest.mark.parametrize("path", python_files("storage"), ids=lambda p: p.name)
def test_storage_imports_nothing_from_app(path: Path) -> None:
    assert "app" not in top_level(imported_modules(path))


def test_only_app_tui_imports_textual() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("app", "storage")
        for path in python_files(folder)
        if "tui" not in path.relative_to(REPO).parts
        and top_level(imported_modules(path)) & SCREEN_MODULES
    ]
    assert offenders == []


@pytest.mark.parametrize("package", ["app/extract", "app/analysis"])
def test_extractor_and_analysis_do_no_io(package: str) -> None:
    files = python_files(package)
    if package == "app/extract":
        assert files, "the extractor package exists"
    for path in files:
        modules = imported_modules(path)
        assert not top_level(modules) & IO_MODULES, f"{path.name} imports {modules & IO_MODULES}"
        assert not {m for m in modules if m.startswith("app.tui")}, path.name
        assert not calls_open(path), f"{path.name} calls open()"


def test_the_rules_catch_a_violation(tmp_path: Path) -> None:
    # The checks above would pass vacuously if the parsing missed imports.
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlite3\nfrom textual.app import App\nopen('x')\n")
    assert top_level(imported_modules(sample)) == {"sqlite3", "textual"}
    assert calls_open(sample)
    for reading in ("document.read_text()", "document.read_bytes()", "document.open()"):
        sample.write_text(f"{reading}\n")
        assert calls_open(sample), reading
    sample.write_text("text.strip()\n")
    assert not calls_open(sample)


def test_sources_hand_over_documents_and_nothing_more() -> None:
    offenders = {
        path.name: sorted(modules)
        for path in python_files("app/sources")
        if (modules := {m for m in imported_modules(path) if m.split(".")[0] == "storage"
                        or m.startswith(("app.extract", "app.ingest"))})
    }  # fmt: skip
    assert python_files("app/sources")
    assert offenders == {}


SQL = re.compile(
    r"\b(SELECT\s[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER|VIRTUAL)|PRAGMA\s|BEGIN\s+IMMEDIATE)\b"
)
EXECUTE = {"execute", "executemany", "executescript"}


def speaks_sql(path: Path) -> list[str]:
    """What in a module is SQL: a string that reads as a statement, or a call of execute()."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL.search(node.value):
                found.append(node.value[:40])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in EXECUTE:
            found.append(f"{node.func.attr}() on line {node.lineno}")
    return found


def test_only_storage_speaks_sql() -> None:
    offenders = {
        str(path.relative_to(REPO)): found
        for path in python_files("app")
        if (found := speaks_sql(path))
    }
    assert offenders == {}


def test_the_sql_rule_catches_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    for code in (
        'q = "SELECT name FROM sources WHERE enabled"',
        "conn.execute(query)",
        'q = "INSERT OR IGNORE INTO items VALUES (?)"',
    ):
        sample.write_text(code + "\n")
        assert speaks_sql(sample), code
    sample.write_text('note = "Select the figures from the table; update the view"\n')
    assert speaks_sql(sample) == []
    assert speaks_sql(REPO / "storage" / "polls.py")


MAX_LINES = 300


def test_every_module_stays_short() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for folder in ("app", "storage")
        for path in python_files(folder)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_LINES
    }
    assert long == {}, f"modules of {MAX_LINES} lines or more: {long}"
