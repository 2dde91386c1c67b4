"""make_figure builds the same Figure as its dataclass __init__, and refuses fields that are
missing, extra or out of order."""

from dataclasses import fields, replace

import pytest

from app.extract.figure_build import make_figure
from app.model import Figure, replaced

VALUES = {
    "value": 379, "qualifier": "exact", "low": None, "high": None, "metric": "held",
    "subject": "political prisoners", "place": "Venezuela", "claimant": "Foro Penal",
    "as_of": "2026-02-01", "period_start": None, "sentence": "379 political prisoners",
    "start": 0, "end": 3, "stale": False, "part_of_start": None, "subgroup": None,
    "mentions": ((10, 13),),
}  # fmt: skip


def test_same_figure_as_init():
    made, built = make_figure(**VALUES), Figure(**VALUES)
    assert made == built and hash(made) == hash(built)
    assert list(vars(made).items()) == list(vars(built).items())
    assert made.as_row() == built.as_row() and repr(made) == repr(built)


def test_every_field_is_listed():
    assert tuple(VALUES) == tuple(field.name for field in fields(Figure))


@pytest.mark.parametrize(
    "values",
    [
        {k: v for k, v in VALUES.items() if k != "mentions"},
        {**VALUES, "extra": 1},
        dict(reversed(VALUES.items())),
    ],
)
def test_refuses_other_fields(values):
    with pytest.raises(TypeError):
        make_figure(**values)


def test_replaced_is_replace():
    figure = make_figure(**VALUES)
    changed = replaced(figure, mentions=((20, 23),), part_of_start=5)
    expected = replace(Figure(**VALUES), mentions=((20, 23),), part_of_start=5)
    assert changed == expected and hash(changed) == hash(expected)
    assert list(vars(changed).items()) == list(vars(expected).items())
    assert figure.mentions == ((10, 13),)  # the figure itself is unchanged
    with pytest.raises(TypeError):
        replaced(figure, extra=1)
