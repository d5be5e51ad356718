"""Span offsets between Label Studio and eventgold.

eventgold offsets are Unicode code points into the raw text (Python ``str`` indices, ``\\r``
and ``\\n`` each count one). The Label Studio 1.23 editor writes the same, but the server stores
whatever a producer sends, and older editors and JavaScript/Java producers have written UTF-16
code units, or offsets into the text with ``\\r\\n`` folded to ``\\n``. :func:`resolve_span`
takes a region's ``start``/``end``/``text`` and finds the reading under which the offsets point
at that text, so such regions are repaired instead of silently shifted.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Reading = Literal["codepoint", "utf16", "codepoint-lf", "utf16-lf"]


@dataclass(frozen=True)
class ResolvedSpan:
    start: int  # code points into the raw text
    end: int
    reading: Reading  # how the producer counted; "codepoint" means nothing was repaired

    @property
    def repaired(self) -> bool:
        return self.reading != "codepoint"


def _is_astral(char: str) -> bool:
    return ord(char) > 0xFFFF


class OffsetMap:
    """Converts other offset conventions of one text to raw code-point offsets.

    Built lazily per text: most regions match as code points and never need it.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _astral_positions(self) -> list[int]:
        """Code-point positions of characters outside the BMP (two UTF-16 units each)."""
        return [i for i, ch in enumerate(self.text) if _is_astral(ch)]

    @cached_property
    def _crlf_positions(self) -> list[int]:
        """Raw positions of the ``\\r`` of every ``\\r\\n``."""
        text = self.text
        out = []
        start = text.find("\r\n")
        while start != -1:
            out.append(start)
            start = text.find("\r\n", start + 2)
        return out

    @cached_property
    def lf_text(self) -> str:
        return self.text.replace("\r\n", "\n")

    @cached_property
    def _lf_astral_positions(self) -> list[int]:
        return [i for i, ch in enumerate(self.lf_text) if _is_astral(ch)]

    @cached_property
    def _folded_lf_positions(self) -> list[int]:
        """Where each ``\\n`` of a ``\\r\\n`` sits once the pairs are folded."""
        return [p - i for i, p in enumerate(self._crlf_positions)]

    def utf16_to_codepoint(self, offset: int, *, folded: bool = False) -> int | None:
        """The code-point offset of UTF-16 ``offset``; None inside a surrogate pair or past the end.

        ``folded``: count in the text with ``\\r\\n`` folded to ``\\n``.
        """
        astral = self._lf_astral_positions if folded else self._astral_positions
        length = len(self.lf_text) if folded else len(self.text)
        # The k-th astral character at code point p starts at UTF-16 unit p + k.
        cp = offset
        for k, position in enumerate(astral):
            if position + k < offset:
                if position + k + 1 == offset:
                    return None  # points at the low surrogate
                cp = offset - (k + 1)
            else:
                break
        return cp if 0 <= cp <= length else None

    def lf_to_raw(self, offset: int) -> int:
        """Raw code-point offset of ``offset`` counted in the text with ``\\r\\n`` folded."""
        # Each folded pair before the offset removed one character.
        return offset + bisect_right(self._folded_lf_positions, offset - 1)

    def has_astral(self) -> bool:
        return bool(self._astral_positions)

    def has_crlf(self) -> bool:
        return bool(self._crlf_positions)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """UTF-16 code units before code point ``offset`` (what JavaScript's ``length`` counts)."""
    return offset + sum(1 for ch in text[:offset] if _is_astral(ch))


def _same_text(actual: str, expected: str) -> bool:
    return actual == expected or actual.replace("\r\n", "\n") == expected.replace("\r\n", "\n")


def _candidates(
    omap: OffsetMap, start: int, end: int
) -> list[tuple[Reading, int | None, int | None]]:
    out: list[tuple[Reading, int | None, int | None]] = []
    if omap.has_astral():
        out.append(("utf16", omap.utf16_to_codepoint(start), omap.utf16_to_codepoint(end)))
    if omap.has_crlf():
        out.append(("codepoint-lf", omap.lf_to_raw(start), omap.lf_to_raw(end)))
        if omap.has_astral():
            s16 = omap.utf16_to_codepoint(start, folded=True)
            e16 = omap.utf16_to_codepoint(end, folded=True)
            out.append(
                (
                    "utf16-lf",
                    None if s16 is None else omap.lf_to_raw(s16),
                    None if e16 is None else omap.lf_to_raw(e16),
                )
            )
    return out


def resolve_span(
    omap: OffsetMap, start: int, end: int, expected: str | None
) -> ResolvedSpan | None:
    """Raw code-point offsets for a region, or None when no reading fits.

    With ``expected`` (the region's ``text``) every reading is tried and the first whose slice
    equals it wins, code points first. Without it only the code-point reading is checked
    (it must lie within the text): there is nothing to detect a shift against.
    """
    text = omap.text
    if not 0 <= start < end <= len(text):
        if expected is None:
            return None
    elif expected is None or _same_text(text[start:end], expected):
        return ResolvedSpan(start, end, "codepoint")
    if expected is None:
        return None
    for reading, s, e in _candidates(omap, start, end):
        if s is None or e is None or not 0 <= s < e <= len(text):
            continue
        if _same_text(text[s:e], expected):
            return ResolvedSpan(s, e, reading)
    return None
