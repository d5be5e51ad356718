# Types of the C extension built from kernel.pyx (the compiled build only).
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from spacy.tokens import Doc

TEST_IN_SET: int
TEST_NOT_IN_SET: int
TEST_CALL: int
QUANTIFIERS: tuple[int, int, int, int]
ANCHOR_USES: tuple[int, int, int]

class TokenTest:
    def __init__(self, parts: Sequence[tuple[int, int, object]]) -> None: ...

class Pattern:
    def __init__(
        self, rule_id: str, elements: list[tuple[int, TokenTest]], anchor: int, use: int
    ) -> None: ...

class Group:
    def __init__(
        self, before: int, after: int, direct: tuple[str, ...], patterns: list[Pattern]
    ) -> None: ...

class Kernel:
    def __init__(
        self,
        groups: list[Group],
        anchors: list[tuple[int, dict[int, list[int]]]],
        everywhere: list[Pattern],
        n_columns: int,
    ) -> None: ...
    def match(
        self,
        values: list[list[int]],
        rows: list[tuple[int, ...]],
        row_place: dict[int, int],
        sentence_of: list[int],
        starts: list[int],
        ends: list[int],
        found: set[tuple[str, int, int]],
    ) -> None: ...

def sentence_bounds(sent_start: list[int]) -> tuple[list[int], list[int], list[int]]: ...

NOT_START: int

def sentence_starts(
    orth_space: np.ndarray[Any, Any],
    ends: np.ndarray[Any, Any],
    trailing: np.ndarray[Any, Any],
    has_line_break: Callable[[int], bool],
) -> np.ndarray[Any, Any]: ...

class LemmaTable:
    def __init__(self, lemma_of: dict[int, int]) -> None: ...
    def lemmas(self, lowers: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]: ...

SPACY_BUILT_WITH: str
READABLE: frozenset[int]

def doc_array(doc: Doc, attrs: list[int]) -> np.ndarray[Any, Any] | None: ...

WRITABLE: frozenset[int]

def doc_set(doc: Doc, attrs: list[int], values: np.ndarray[Any, Any]) -> bool: ...
