"""The extractor is pure: it imports no storage, screen, network or database code and opens no
files."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "app" / "extract"
FORBIDDEN = ("storage", "app.tui", "textual", "httpx", "sqlite3", "sqlite_utils", "feedparser")


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_extract_imports_nothing_impure_and_opens_nothing():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module in imported_modules(tree):
            assert not any(module == f or module.startswith(f + ".") for f in FORBIDDEN), (
                f"{path.name} imports {module}"
            )
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                assert name not in ("open", "read_text", "read_bytes"), f"{path.name} reads files"
