"""The compiled build's C extension (:mod:`eventgold.annotate.kernel`), or None.

Imported here once for every module with a C loop: the compiled build (``make compiled``)
has it, a pure-Python install runs each loop's Python reference instead. An extension that
no longer fits the installed spaCy or numpy (upgraded after the build: Cython's import-time
check of their types raises ValueError) is set aside with a warning; the Python references
give the same output.
"""

from __future__ import annotations

import warnings

try:
    from eventgold.annotate import kernel
except ImportError:  # pragma: no cover - depends on the build
    kernel = None  # type: ignore[assignment]
except ValueError as error:  # "spacy.tokens.doc.Doc size changed, may indicate binary ..."
    warnings.warn(
        f"eventgold's compiled token loops do not fit the installed packages ({error}); "
        "running the pure-Python loops. Rebuild with `make compiled`.",
        RuntimeWarning,
        stacklevel=2,
    )
    kernel = None  # type: ignore[assignment]

__all__ = ["kernel"]
