"""The collector settings of a long run: applied inside the block, restored after, and
reference cycles are still collected."""

from __future__ import annotations

import gc
import weakref

from eventgold.annotate.collector import YOUNG_THRESHOLD, long_run


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_long_run_freezes_and_restores_the_collector() -> None:
    before = gc.get_threshold()
    survivor = [object()]  # alive before the block: frozen by it
    with long_run():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert survivor


def test_cycles_made_inside_a_long_run_are_collected() -> None:
    with long_run():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        ref = weakref.ref(first)
        del first, second
        gc.collect()
        assert ref() is None


def test_settings_are_restored_when_the_run_fails() -> None:
    before = gc.get_threshold()
    try:
        with long_run(1234):
            assert gc.get_threshold()[0] == 1234
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
