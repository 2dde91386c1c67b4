"""`lazy`: functools.cached_property without its lock. Python 3.11's takes a lock on every
first read (3.12 dropped it), and the extractor computes several such values for each of
thousands of short texts, each object read by one thread only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class lazy(Generic[T]):  # noqa: N801 (named like the decorator it replaces)
    """A value computed on first read and stored in the instance's __dict__, where later
    reads find it without calling the descriptor (it defines no __set__)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
