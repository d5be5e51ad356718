"""Garbage-collector settings for a long pre-annotation run.

A loaded annotator is hundreds of thousands of long-lived objects (vocabulary, gazetteers,
compiled rules, date parser tables), and a run allocates millions of short-lived containers.
CPython's cyclic collector walks every tracked object at each full collection, so with the
default settings collecting cost about 6% of a CLI run and found almost nothing: the
annotator makes few reference cycles. :func:`long_run` moves what is loaded so far out of the
collector's sight (``gc.freeze``) and lets more allocations pass between young-generation
collections; cycles are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000  # allocations between young-generation collections (CPython: 700)


def tune_for_long_run(young_threshold: int = YOUNG_THRESHOLD) -> None:
    """Freeze the objects alive now and collect the young generation less often (for a
    process that does nothing else, such as a pool worker)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(young_threshold, middle, old)


@contextmanager
def long_run(young_threshold: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """:func:`tune_for_long_run` for the duration of the block; the settings are restored after."""
    before = gc.get_threshold()
    tune_for_long_run(young_threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
