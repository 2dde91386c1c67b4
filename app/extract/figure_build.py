"""make_figure: a Figure built without its frozen dataclass __init__, which sets each of its
17 fields through object.__setattr__ (a sixth of the cost of a figure's last steps)."""

from __future__ import annotations

from dataclasses import fields

from app.model import Figure

_FIELD_NAMES = tuple(field.name for field in fields(Figure))
_new = object.__new__


def make_figure(**values) -> Figure:
    """Figure(**values), with every field given in the order the class declares them. The
    same object as __init__ makes (Figure has no __post_init__ nor __slots__: its fields are
    its __dict__, in that order); a field missing, extra or out of order is a TypeError."""
    if tuple(values) != _FIELD_NAMES:
        raise TypeError(f"Figure fields expected in order: {_FIELD_NAMES}")
    figure = _new(Figure)
    figure.__dict__.update(values)
    return figure
