"""Which build of the pre-annotation hot path is running: compiled or pure Python.

``make compiled`` (``tools/build_compiled.py``) compiles the modules below with mypyc (the
same sources run unchanged as pure Python otherwise) and builds the token loops in C,
:data:`KERNEL` (Cython; without it their Python references run).
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


KERNEL = "eventgold.annotate.kernel"


def compiled_modules() -> list[str]:
    """The hot modules that were loaded from a compiled extension, and the kernel if built."""
    found = []
    for name in HOT_MODULES:
        path = str(getattr(importlib.import_module(name), "__file__", "") or "")
        if path.endswith(tuple(EXTENSION_SUFFIXES)):
            found.append(name)
    from eventgold.annotate.native import kernel  # None when absent or set aside

    if kernel is not None:
        found.append(KERNEL)
    return found


def build_name() -> str:
    """``"compiled"``, ``"pure Python"`` or ``"partly compiled"``."""
    count = len(compiled_modules())
    if count == len(HOT_MODULES) + 1:  # every mypyc module and the kernel
        return "compiled"
    return "pure Python" if count == 0 else "partly compiled"
