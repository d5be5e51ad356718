"""Offset readings: code points, UTF-16 units, CRLF-folded text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventgold.studio.offsets import OffsetMap, codepoint_to_utf16, resolve_span

TEXT = "Troops 🚀 moved to Kursk 🇷🇺 today.\r\nRussia vetoed it."


def test_code_points_match_without_repair() -> None:
    start = TEXT.index("Kursk")
    span = resolve_span(OffsetMap(TEXT), start, start + 5, "Kursk")
    assert span is not None and (span.start, span.end, span.repaired) == (18, 23, False)


def test_utf16_offsets_after_emoji_are_repaired() -> None:
    # The facts note example: Kursk is [18, 23) in code points, [19, 24) in UTF-16.
    assert codepoint_to_utf16(TEXT, 18) == 19
    span = resolve_span(OffsetMap(TEXT), 19, 24, "Kursk")
    assert span is not None and (span.start, span.end, span.reading) == (18, 23, "utf16")


def test_crlf_folded_offsets_are_repaired() -> None:
    folded = TEXT.replace("\r\n", "\n")
    start = folded.index("Russia")
    span = resolve_span(OffsetMap(TEXT), start, start + 6, "Russia")
    assert span is not None
    assert TEXT[span.start : span.end] == "Russia"
    assert span.reading == "codepoint-lf"


def test_utf16_over_folded_text_is_repaired() -> None:
    folded = TEXT.replace("\r\n", "\n")
    cp = folded.index("vetoed")
    u16 = codepoint_to_utf16(folded, cp)
    span = resolve_span(OffsetMap(TEXT), u16, u16 + 6, "vetoed")
    assert span is not None and TEXT[span.start : span.end] == "vetoed"
    assert span.reading == "utf16-lf"


def test_mismatch_and_out_of_range_give_none() -> None:
    omap = OffsetMap(TEXT)
    assert resolve_span(omap, 0, 6, "Russia") is None
    assert resolve_span(omap, 0, 999, None) is None
    assert resolve_span(omap, 5, 5, None) is None


def test_offset_inside_a_surrogate_pair_is_not_a_reading() -> None:
    omap = OffsetMap("a🚀b")
    assert omap.utf16_to_codepoint(2) is None  # between the two halves of 🚀
    assert omap.utf16_to_codepoint(3) == 2


@given(st.text(min_size=1, max_size=40), st.data())
def test_any_span_written_in_utf16_resolves_to_its_code_points(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    surface = text[start:end]
    span = resolve_span(
        OffsetMap(text), codepoint_to_utf16(text, start), codepoint_to_utf16(text, end), surface
    )
    assert span is not None
    # Another occurrence may match first only if it reads as exactly the same text.
    assert text[span.start : span.end].replace("\r\n", "\n") == surface.replace("\r\n", "\n")
