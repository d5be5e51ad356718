"""The compiled build's C extension (:mod:`eventgold.annotate.kernel`), or None.

Imported here once for every module with a C loop: the compiled build (``make compiled``)
has it, a pure-Python install runs each loop's Python reference instead.
"""

from __future__ import annotations

try:
    from eventgold.annotate import kernel
except ImportError:  # pragma: no cover - depends on the build
    kernel = None  # type: ignore[assignment]

__all__ = ["kernel"]
