"""The document date inferred from the text (infer_document_date), on the seeds and on the
cases its rule names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extract import infer_document_date
from tests.conftest import SEED_DATES as DOMAIN_DATES  # the seeds' dates, as DOMAIN.md gives
from tests.conftest import SEEDS

# What the rule gives when the watcher first saw each seed the day after DOMAIN.md's date.
SEEN_NEXT_DAY = {
    "000_9f45dbe3429fb4d4.txt": "2026-02-19",  # after February 8, the Thursday before
    "001_503fa3718ef54111.txt": "2026-02-19",  # the Thursday before
    "002_e4358a0f01eaf296.txt": None,  # 'a day earlier': no date, no weekday
    "003_eadbc283e73a1a12.txt": "2026-02-06",  # its date line
    "004_c835abbf319986af.txt": "2026-01-30",  # after 8 January, the Friday before
}
# Without a reference the year of 'February 8' is the latest the text names (2024 in 000).
NO_REFERENCE = {
    "000_9f45dbe3429fb4d4.txt": "2024-02-08",
    "001_503fa3718ef54111.txt": None,  # a weekday alone
    "002_e4358a0f01eaf296.txt": None,
    "003_eadbc283e73a1a12.txt": "2026-02-06",
    "004_c835abbf319986af.txt": "2025-01-10",
}


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


@pytest.mark.parametrize("name", sorted(DOMAIN_DATES))
def test_seeds_first_seen_the_next_day(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    seen = (day(DOMAIN_DATES[name]) + dt.timedelta(days=1)).isoformat()
    inferred = infer_document_date(text, seen)
    assert inferred == SEEN_NEXT_DAY[name]
    if inferred is not None:
        assert abs((day(inferred) - day(DOMAIN_DATES[name])).days) <= 1


@pytest.mark.parametrize("name", sorted(DOMAIN_DATES))
def test_seeds_without_reference(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert infer_document_date(text) == NO_REFERENCE[name]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("", None, None),
        ("Nothing dated here.", "2026-02-21", None),
        # a weekday alone: the latest such day on or before the reference
        ("The Assembly approved the bill on Thursday.", "2026-02-21T09:30:00", "2026-02-19"),
        ("La Asamblea aprobó la ley el jueves.", "2026-02-19", "2026-02-19"),
        ("The Assembly approved the bill on Thursday.", None, None),
        # an explicit date, its year from the reference
        ("He left prison on February 8.", "2026-02-21", "2026-02-08"),
        ("Salió de prisión el 8 de febrero.", "2026-02-21", "2026-02-08"),
        ("He left prison on February 8.", "2026-01-05", "2025-02-08"),
        # the date, then the weekday after it (no reference: the first one on or after)
        ("Freed on February 8, 2026, he spoke on Thursday.", None, "2026-02-12"),
        ("Liberado el 8 de febrero de 2026, habló el jueves.", None, "2026-02-12"),
        ("Freed on February 8, he spoke on Thursday. Since 2026 ...", None, "2026-02-12"),
        # a reference far later keeps the weekday after the explicit date
        ("Freed on February 8, he spoke on Thursday.", "2026-02-10", "2026-02-12"),
        # the latest explicit date wins; future dates (after the reference) do not count
        ("The January 3 attack; releases since January 8.", "2026-02-21", "2026-01-08"),
        ("Approved on 2026-02-19, in force from March 5.", "2026-02-20", "2026-02-19"),
        # 'next Friday' is no date of publication; 'may 3' is a verb and a number
        ("Prisoners may 3 times appeal. A vote is due next Friday.", "2026-02-21", None),
        ("La votación será el próximo viernes.", "2026-02-21", None),
        ("Released in May 3 years ago... on May 3, 2025.", None, "2025-05-03"),
        # impossible days are no dates
        ("Signed on February 30.", "2026-03-10", None),
        ("Signed on February 29.", "2026-03-10", "2024-02-29"),
        # a known event the text names without its year: its bare days follow it
        (
            "Foro Penal counted 1,900 prisoners until October 7; 1,700 were arrested after "
            "July 29, the day after the presidential elections.",
            "2026-11-27",
            "2024-10-07",
        ),
        (
            "Tras las elecciones del pasado 28 de julio fueron detenidos 100; el pasado 6 de "
            "enero habló el ministro; el balance va del 29 de abril al 5 de mayo.",
            "2026-11-27",
            "2025-05-05",
        ),
    ],
)
def test_rule(text, reference, expected):
    assert infer_document_date(text, reference) == expected


# No deadline or speed check: on a busy machine slowness is no failure of the rule.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=200),
    reference=st.one_of(st.none(), st.dates().map(dt.date.isoformat), st.text(max_size=12)),
)
def test_never_raises(text, reference):
    inferred = infer_document_date(text, reference)
    assert inferred is None or dt.date.fromisoformat(inferred)
