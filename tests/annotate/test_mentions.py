"""Overlap resolution among mention candidates: the longest span wins, then priority, score
and position; candidates that do not overlap are all kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventgold.annotate.mentions import Found, _resolve_overlaps


def _reference(found: list[Found]) -> list[Found]:
    """Greedy over all candidates in rank order (what the cluster-wise version must equal)."""
    ranked = sorted(found, key=lambda f: (f.start - f.end, -f.priority, -f.score, f.start))
    kept: list[Found] = []
    for cand in ranked:
        if all(cand.end <= k.start or k.end <= cand.start for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda f: f.start)


@st.composite
def candidates(draw: st.DrawFn) -> list[Found]:
    out = []
    for k in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, 20))
        end = start + draw(st.integers(1, 5))
        priority = draw(st.integers(0, 1))
        score = draw(st.sampled_from([0.5, 0.8, 0.9]))
        out.append(Found(start, end, draw(st.sampled_from("AB")), f"r{k}", score, priority))
    return out


@settings(max_examples=500, deadline=None)
@given(candidates())
def test_resolution_is_the_greedy_by_rank(found: list[Found]) -> None:
    kept = _resolve_overlaps(found)
    assert [id(f) for f in kept] == [id(f) for f in _reference(found)]


def test_the_longer_span_wins_and_separate_spans_stay() -> None:
    short = Found(0, 1, "GPE", "a", 0.9, 1)
    long = Found(0, 2, "ORG", "b", 0.5)
    apart = Found(3, 4, "GPE", "c", 0.8)
    assert _resolve_overlaps([short, apart, long]) == [long, apart]
