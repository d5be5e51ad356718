"""Compare two annotations of one document: predictions against gold, or annotator against annotator.

:func:`compare_records` aligns mentions, events and arguments (:mod:`.matching`) and counts
true/false positives per item kind and type. The comparison keeps its alignments so callers
(attribute agreement, adjudication, rule reports) reuse them instead of aligning again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventgold.errors import DataError, Problem
from eventgold.evaluate.counts import Score
from eventgold.evaluate.matching import (
    ArgumentKey,
    MatchMode,
    align_arguments,
    align_events,
    align_mentions,
    argument_keys,
)
from eventgold.schema import DocumentRecord, Event

ATTRIBUTION = "attribution"  # scored like an attribute: the aligned source mention


@dataclass
class Accuracy:
    """Agreement of a value on aligned items: how many of ``total`` have the same value."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class RuleTally:
    """What one rule predicted in a set of documents and how much of it was right."""

    kind: str  # "mention" or "trigger"
    fired: int = 0
    correct: int = 0
    types: Counter[str] = field(default_factory=Counter)  # predicted type -> count

    def add(self, other: RuleTally) -> None:
        self.fired += other.fired
        self.correct += other.correct
        self.types.update(other.types)


@dataclass
class Comparison:
    """Counts and alignments of one gold/predicted document pair."""

    document: str
    mode: MatchMode
    mention_map: dict[str, str]  # gold mention id -> predicted mention id
    event_map: dict[str, str]  # gold event id -> predicted event id
    mentions: Score = field(default_factory=Score)  # by mention type
    triggers: Score = field(default_factory=Score)  # by event type
    arguments: Score = field(default_factory=Score)  # by "event_type.role"
    attributes: Score = field(default_factory=Score)  # by attribute name (value must match)
    attribute_accuracy: dict[str, Accuracy] = field(default_factory=dict)  # on aligned events
    normalized: Score = field(default_factory=Score)  # by mention type (value must match)
    normalized_accuracy: dict[str, Accuracy] = field(default_factory=dict)  # on aligned mentions
    rules: dict[tuple[str, str], RuleTally] = field(default_factory=dict)  # (rule_id, kind)
    # The matched attribute value pairs, by attribute name: the input of kappa/alpha.
    attribute_pairs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def _check_same_text(gold: DocumentRecord, pred: DocumentRecord) -> None:
    if gold.document.sha256 != pred.document.sha256:
        raise DataError(
            Problem(
                "EG701",
                f"document {gold.document.id!r} has a different text in the predictions "
                "(sha256 differs), so offsets cannot be compared",
                "$.document.sha256",
            )
        )


def compare_records(gold: DocumentRecord, pred: DocumentRecord, mode: MatchMode) -> Comparison:
    """Score ``pred`` against ``gold`` (two annotations of the same document text)."""
    _check_same_text(gold, pred)
    mention_map = align_mentions(gold.mentions, pred.mentions, mode)
    event_map = align_events(gold.events, pred.events, mode)
    out = Comparison(gold.document.id, mode, mention_map, event_map)
    _count_mentions(out, gold, pred)
    _count_triggers(out, gold, pred)
    _count_arguments(out, gold, pred)
    _count_attributes(out, gold, pred)
    _count_normalized(out, gold, pred)
    _count_rules(out, pred)
    return out


def _count_mentions(out: Comparison, gold: DocumentRecord, pred: DocumentRecord) -> None:
    matched_pred = set(out.mention_map.values())
    for m in gold.mentions:
        if m.id in out.mention_map:
            out.mentions.count(m.type, tp=1)
        else:
            out.mentions.count(m.type, fn=1)
    for m in pred.mentions:
        if m.id not in matched_pred:
            out.mentions.count(m.type, fp=1)


def _count_triggers(out: Comparison, gold: DocumentRecord, pred: DocumentRecord) -> None:
    matched_pred = set(out.event_map.values())
    for e in gold.events:
        if e.id in out.event_map:
            out.triggers.count(e.type, tp=1)
        else:
            out.triggers.count(e.type, fn=1)
    for e in pred.events:
        if e.id not in matched_pred:
            out.triggers.count(e.type, fp=1)


def _count_arguments(out: Comparison, gold: DocumentRecord, pred: DocumentRecord) -> None:
    gold_mentions, pred_mentions = gold.mention_by_id(), pred.mention_by_id()
    gold_args: list[ArgumentKey] = []
    gold_types: list[str] = []
    for e in gold.events:
        keys = argument_keys(e, gold_mentions)
        gold_args += keys
        gold_types += [e.type] * len(keys)
    pred_args: list[ArgumentKey] = []
    pred_types: list[str] = []
    for e in pred.events:
        keys = argument_keys(e, pred_mentions)
        pred_args += keys
        pred_types += [e.type] * len(keys)
    pairs = align_arguments(gold_args, pred_args, out.event_map, out.mode)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    for i, arg in enumerate(gold_args):
        label = f"{gold_types[i]}.{arg.role}"
        if i in matched_gold:
            out.arguments.count(label, tp=1)
        else:
            out.arguments.count(label, fn=1)
    for j, arg in enumerate(pred_args):
        if j not in matched_pred:
            out.arguments.count(f"{pred_types[j]}.{arg.role}", fp=1)


def _attribute_values(event: Event, mention_map: dict[str, str] | None) -> dict[str, str]:
    """Attributes plus the attribution; gold attribution ids are mapped into the prediction."""
    values = dict(event.attributes)
    if event.attribution is not None:
        values[ATTRIBUTION] = (
            event.attribution
            if mention_map is None
            else mention_map.get(event.attribution, f"unaligned:{event.attribution}")
        )
    return values


def _count_attributes(out: Comparison, gold: DocumentRecord, pred: DocumentRecord) -> None:
    pred_events = {e.id: e for e in pred.events}
    matched_pred: set[str] = set()
    for g in gold.events:
        g_values = _attribute_values(g, out.mention_map)
        p_id = out.event_map.get(g.id)
        if p_id is None:
            for name in g_values:
                out.attributes.count(name, fn=1)
            continue
        matched_pred.add(p_id)
        p_values = _attribute_values(pred_events[p_id], None)
        for name in sorted(set(g_values) | set(p_values)):
            g_value, p_value = g_values.get(name), p_values.get(name)
            accuracy = out.attribute_accuracy.setdefault(name, Accuracy())
            accuracy.total += 1
            if g_value == p_value:
                accuracy.correct += 1
                out.attributes.count(name, tp=1)
            else:
                if g_value is not None:
                    out.attributes.count(name, fn=1)
                if p_value is not None:
                    out.attributes.count(name, fp=1)
            if g_value is not None and p_value is not None and name != ATTRIBUTION:
                out.attribute_pairs.setdefault(name, []).append((g_value, p_value))
    for p in pred.events:
        if p.id not in matched_pred:
            for name in _attribute_values(p, None):
                out.attributes.count(name, fp=1)


def _count_normalized(out: Comparison, gold: DocumentRecord, pred: DocumentRecord) -> None:
    pred_mentions = pred.mention_by_id()
    matched_pred: set[str] = set()
    for g in gold.mentions:
        p_id = out.mention_map.get(g.id)
        p = pred_mentions[p_id] if p_id is not None else None
        p_value = p.normalized if p is not None else None
        if p is not None:
            matched_pred.add(p.id)
            if g.normalized is not None:
                accuracy = out.normalized_accuracy.setdefault(g.type, Accuracy())
                accuracy.total += 1
                accuracy.correct += int(g.normalized == p_value)
        if g.normalized is not None and g.normalized == p_value:
            out.normalized.count(g.type, tp=1)
            continue
        if g.normalized is not None:
            out.normalized.count(g.type, fn=1)
        if p_value is not None:
            out.normalized.count(g.type, fp=1)
    for p in pred.mentions:
        if p.id not in matched_pred and p.normalized is not None:
            out.normalized.count(p.type, fp=1)


def _count_rules(out: Comparison, pred: DocumentRecord) -> None:
    matched_mentions = set(out.mention_map.values())
    matched_events = set(out.event_map.values())
    items: list[tuple[str, str, str, Any]] = [
        ("mention", m.id, m.type, m.provenance) for m in pred.mentions
    ] + [("trigger", e.id, e.type, e.provenance) for e in pred.events]
    for kind, item_id, item_type, provenance in items:
        if provenance is None or provenance.rule_id is None:
            continue
        tally = out.rules.setdefault((provenance.rule_id, kind), RuleTally(kind))
        tally.fired += 1
        tally.types[item_type] += 1
        matched = matched_mentions if kind == "mention" else matched_events
        tally.correct += int(item_id in matched)
