"""One-to-one alignment of spans, mentions and events between two annotations of one text.

Used for scoring predictions against gold (:mod:`eventgold.evaluate.compare`) and for
agreement between annotators (``eventgold.gold.agreement``): both need the same notion of
"the same item".

Modes:

* ``strict``: same ``start``, ``end`` and label (mention type or event type).
* ``overlap``: spans share at least one code point and the label is the same.

Alignment is one-to-one so a true positive is one pair and precision and recall share
the same count. Candidates are taken greedily: exact matches first, then larger overlaps,
then by position, which makes the result deterministic and independent of input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from eventgold.schema import Event, Mention

MatchMode = Literal["strict", "overlap"]
MODES: tuple[MatchMode, ...] = ("strict", "overlap")


@dataclass(frozen=True)
class SpanKey:
    """A labelled span: what alignment looks at."""

    start: int
    end: int
    label: str = ""


def spans_match(a: SpanKey, b: SpanKey, mode: MatchMode) -> bool:
    if a.label != b.label:
        return False
    if mode == "strict":
        return a.start == b.start and a.end == b.end
    return a.start < b.end and b.start < a.end


def _overlap(a: SpanKey, b: SpanKey) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def align_spans(
    gold: Sequence[SpanKey], pred: Sequence[SpanKey], mode: MatchMode
) -> list[tuple[int, int]]:
    """Pairs ``(gold index, pred index)`` of a one-to-one alignment, sorted by gold index."""
    candidates: list[tuple[int, int, int, int, int]] = []
    pred_by_label: dict[str, list[int]] = {}
    for j, p in enumerate(pred):
        pred_by_label.setdefault(p.label, []).append(j)
    for i, g in enumerate(gold):
        for j in pred_by_label.get(g.label, ()):
            p = pred[j]
            if spans_match(g, p, mode):
                exact = g.start == p.start and g.end == p.end
                # Sort key: exact first, larger overlap first, then positions (deterministic).
                candidates.append(
                    (0 if exact else 1, -_overlap(g, p), abs(g.start - p.start), i, j)
                )
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def mention_key(mention: Mention, *, typed: bool = True) -> SpanKey:
    return SpanKey(mention.start, mention.end, mention.type if typed else "")


def trigger_key(event: Event) -> SpanKey:
    return SpanKey(event.trigger.start, event.trigger.end, event.type)


def align_mentions(
    gold: Sequence[Mention], pred: Sequence[Mention], mode: MatchMode
) -> dict[str, str]:
    """Gold mention id -> aligned predicted mention id (same type, span per ``mode``)."""
    pairs = align_spans([mention_key(m) for m in gold], [mention_key(m) for m in pred], mode)
    return {gold[i].id: pred[j].id for i, j in pairs}


def align_events(gold: Sequence[Event], pred: Sequence[Event], mode: MatchMode) -> dict[str, str]:
    """Gold event id -> aligned predicted event id (same event type, trigger span per ``mode``)."""
    pairs = align_spans([trigger_key(e) for e in gold], [trigger_key(e) for e in pred], mode)
    return {gold[i].id: pred[j].id for i, j in pairs}


@dataclass(frozen=True)
class ArgumentKey:
    """One argument: event, role and the argument mention's span (its type is implied by role)."""

    event: str
    role: str
    span: SpanKey


def argument_keys(event: Event, mentions: dict[str, Mention]) -> list[ArgumentKey]:
    out = []
    for role, ids in sorted(event.arguments.items()):
        for mention_id in ids:
            mention = mentions.get(mention_id)
            if mention is not None:
                out.append(ArgumentKey(event.id, role, mention_key(mention, typed=False)))
    return out


def align_arguments(
    gold: Sequence[ArgumentKey],
    pred: Sequence[ArgumentKey],
    event_map: dict[str, str],
    mode: MatchMode,
) -> list[tuple[int, int]]:
    """Pairs of arguments whose events are aligned, with the same role and matching spans."""
    pairs: list[tuple[int, int]] = []
    for gold_event, pred_event in sorted(event_map.items()):
        gold_idx = [i for i, a in enumerate(gold) if a.event == gold_event]
        pred_idx = [j for j, a in enumerate(pred) if a.event == pred_event]
        # Role is the label: spans only match within the same role.
        local = align_spans(
            [SpanKey(gold[i].span.start, gold[i].span.end, gold[i].role) for i in gold_idx],
            [SpanKey(pred[j].span.start, pred[j].span.end, pred[j].role) for j in pred_idx],
            mode,
        )
        pairs.extend((gold_idx[a], pred_idx[b]) for a, b in local)
    return sorted(pairs)
