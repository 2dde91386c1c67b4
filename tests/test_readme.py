"""The README speaks to people who cloned the project: it names no file outside it, and its
Layout section matches the tree."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def layout_paths() -> list[str]:
    section = README.split("## Layout\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^    (\S+)\s", section, flags=re.MULTILINE)


def test_the_readme_names_no_file_outside_the_repository() -> None:
    assert "../" not in README


def test_the_layout_names_what_is_there() -> None:
    paths = layout_paths()
    assert "app/ingest/" in paths and "storage/" in paths
    assert [path for path in paths if not (REPO / path).exists()] == []


def test_every_package_of_the_house_is_in_the_layout() -> None:
    packages = {f"{p.parent.relative_to(REPO)}/" for p in REPO.glob("app/*/__init__.py")}
    modules = {str(p.relative_to(REPO)) for p in REPO.glob("app/*.py") if p.stem[0] != "_"}
    assert (packages | modules | {"storage/"}) - set(layout_paths()) == set()
