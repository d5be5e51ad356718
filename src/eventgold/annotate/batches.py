"""Fixed-size batches of a stream (``itertools.batched`` of Python 3.12, as lists)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order (the last may be shorter); ``size`` >= 1."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
