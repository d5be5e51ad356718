"""Which build of the pre-annotation hot path is running: compiled (mypyc) or pure Python.

The modules below are compiled by ``make compiled`` (``tools/build_compiled.py``, the mypyc
hook in ``pyproject.toml``); the same sources run unchanged as pure Python otherwise.
"""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES

HOT_MODULES = (
    "eventgold.annotate.engine",
    "eventgold.annotate.events",
    "eventgold.annotate.index",
    "eventgold.annotate.mentions",
    "eventgold.annotate.normalize",
    "eventgold.annotate.patterns",
    "eventgold.annotate.sentences",
)


def compiled_modules() -> list[str]:
    """The hot modules that were loaded from a compiled extension."""
    found = []
    for name in HOT_MODULES:
        path = str(getattr(importlib.import_module(name), "__file__", "") or "")
        if path.endswith(tuple(EXTENSION_SUFFIXES)):
            found.append(name)
    return found


def build_name() -> str:
    """``"compiled"``, ``"pure Python"`` or ``"partly compiled"``."""
    count = len(compiled_modules())
    if count == len(HOT_MODULES):
        return "compiled"
    return "pure Python" if count == 0 else "partly compiled"
