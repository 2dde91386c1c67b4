"""The house rules of the layout, checked on the source: data flows one way.

- storage/ imports nothing from app/;
- only app/tui/ imports Textual;
- the extractor and the analysis are pure: no I/O modules, no file reads, no storage, no
  screen.
"""

from __future__ import annotations

import ast
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
