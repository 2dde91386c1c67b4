"""A large document opens at once: only the paragraphs around the focused figure are built,
and more as the watcher scrolls or moves to a figure far away."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.tui.app import TallywatchApp
from app.tui.document_screen import DocumentScreen
from app.tui.document_view import WINDOW
from storage import figures_of_document, open_database, save_document
from tests.conftest import seeds_only_config

PARAGRAPHS = 20_000  # about 1.6 MB of text


def figure_in(text: str, paragraph: int, value: int, line: str) -> dict:
    start = text.index(line) + line.index(str(value))
    return {
        "value": value, "qualifier": "exact", "low": value, "high": value, "metric": "held",
        "subject": "political prisoners", "place": "Venezuela", "claimant": "Foro Penal",
        "as_of": "2026-02-20", "period_start": None, "stale": False, "sentence": line,
        "start": start, "end": start + len(str(value)),
    }  # fmt: skip


def store_large_document(db_path: Path) -> int:
    lines = [f"Paragraph {n}: the court heard another case in Caracas." for n in range(PARAGRAPHS)]
    first, far = "Foro Penal says 644 political prisoners remain.", "Foro Penal says 711 are held."
    lines[10], lines[19_000] = first, far
    text = "\n\n".join(lines)
    document = {
        "source": "big/large.txt", "source_name": "Big", "title": "A very long page",
        "text": text, "date": "2026-02-20", "date_basis": "configured", "language": "en",
    }  # fmt: skip
    conn = open_database(db_path)
    figures = [figure_in(text, 10, 644, first), figure_in(text, 19_000, 711, far)]
    save_document(conn, document, figures, "hash-large")
    (document_id,) = conn.execute("SELECT id FROM documents").fetchone()
    conn.close()
    return document_id


async def until(condition, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the condition never held"
        await asyncio.sleep(0.05)


async def test_a_large_document_builds_only_what_is_near(tmp_path) -> None:
    db_path = tmp_path / "large.db"
    document_id = store_large_document(db_path)
    conn = open_database(db_path)
    first, far = figures_of_document(conn, document_id)
    conn.close()
    app = TallywatchApp(db_path=db_path, config=seeds_only_config(), poll_on_start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_document(document_id, first["id"])
        await until(lambda: isinstance(app.screen, DocumentScreen))
        await pilot.pause()
        view = app.screen.view
        assert len(view.query(".paragraph")) <= WINDOW
        assert "644 political prisoners" in str(view.focused_paragraph.render())
        await pilot.press("n")  # the figure 19,000 paragraphs further: the window moves there
        await until(lambda: view.focused_paragraph is not None)
        assert view.focused_figure["id"] == far["id"]
        assert "711 are held" in str(view.focused_paragraph.render())
        assert len(view.query(".paragraph")) <= WINDOW
        before = view.window
        await pilot.press("end")  # scrolled to the end of what is built: more is built
        await until(lambda: view.window[1] > before[1])
        assert view.window[0] == before[0]
