"""Fuzzing support: the exported JSON Schema and hypothesis-jsonschema working on it.

hypothesis-jsonschema 0.23.1 (the latest release) drives objects through a private Hypothesis
helper, ``many``, with a ``.more()`` method that newer Hypothesis releases replaced by
``with many(...) as elements: for _ in elements:``. The adapter below offers the old
``more()``/``reject()`` protocol on top of the new one, and is only installed when
Hypothesis lacks it, so the upstream strategy (and its shrinking) is used unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import hypothesis_jsonschema._from_schema as hjs_from_schema
from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import from_schema

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMA_FILE = ROOT / "schema" / "event-schema" / "1.0.0.json"
_DONE = object()


class _LegacyMany:
    """``many`` with the ``more()`` loop protocol hypothesis-jsonschema expects."""

    def __init__(self, data: Any, **sizes: Any) -> None:
        self._many = conjecture_utils.many(data, **sizes)
        self._steps: Any = None

    def more(self) -> bool:
        if self._steps is None:
            self._many.__enter__()
            self._steps = iter(self._many)
        if next(self._steps, _DONE) is _DONE:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


if not hasattr(conjecture_utils.many, "more"):
    hjs_from_schema.cu = SimpleNamespace(many=_LegacyMany)  # type: ignore[attr-defined]


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


__all__ = ["from_schema", "load_schema"]
