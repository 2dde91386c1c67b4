"""Document dates, period starts, language and settings of the extractor."""

from __future__ import annotations

import pytest

from app.extract import (
    ExtractionSettings,
    detect_language,
    extract_figures,
    stated_document_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2026-02-06 Gradually, cracks are starting to appear.", "2026-02-06"),
        ("Published: 6 February 2026\nFamilies wait outside El Helicoide.", "2026-02-06"),
        ("Updated on February 6, 2026\nThe amnesty law was approved.", "2026-02-06"),
        (
            "CARACAS, 6 de febrero de 2026 (EFE) - El Foro Penal contabiliza 700 presos.",
            "2026-02-06",
        ),
        ("Fecha: 19 de febrero de 2026\nLa Asamblea aprobó la ley.", "2026-02-19"),
        ("The law, signed on Thursday, reverses decades of denials since January 3.", None),
        ("Venezuela has not enacted an amnesty since 2007.", None),
        ("", None),
    ],
)
def test_stated_document_date(text, expected):
    assert stated_document_date(text) == expected


def test_language():
    assert detect_language("Según el Foro Penal, en Venezuela hay 800 presos políticos.") == "es"
    assert detect_language("According to Foro Penal, there are 800 political prisoners.") == "en"
    assert detect_language("") == "en"


@pytest.mark.parametrize(
    ("text", "date", "start"),
    [
        ("Foro Penal has counted 300 releases since January 8.", "2026-02-20", "2026-01-08"),
        ("Foro Penal has counted 300 releases since December.", "2026-02-20", "2025-12-01"),
        ("Foro Penal has counted 300 releases since December 2024.", "2026-02-20", "2024-12-01"),
        (
            "Foro Penal contabiliza 300 excarcelaciones desde el 8 de enero.",
            "2026-01-30",
            "2026-01-08",
        ),
        ("Foro Penal has counted 300 releases since January 8.", None, None),
    ],
)
def test_period_start_is_resolved_against_the_document_date(text, date, start):
    (figure,) = extract_figures(text, date)
    assert figure.period_start == start
    assert figure.as_of == date


def test_settings_extend_aliases_topic_and_place():
    text = "The Rights Monitor says 120 dissidents remain jailed."
    assert extract_figures(text) != []  # 'dissident' is a built-in topic term
    settings = ExtractionSettings(
        aliases={"rights monitor": "Rights Monitor Org"}, default_place="Nicaragua"
    )
    (figure,) = extract_figures(text, "2026-02-20", settings)
    assert figure.claimant == "Rights Monitor Org"
    assert figure.place == "Nicaragua"
    off_topic = "The club says 120 fans remain inside the stadium."
    assert extract_figures(off_topic) == []
    custom = ExtractionSettings(topic_terms=("stadium",))
    assert extract_figures("The club says 120 people were detained at the stadium.", None, custom)
