"""How good the pre-annotation rules were, judged against the adjudicated gold.

The predictions pulled back from Label Studio (records with ``annotation.source == "rules"``)
are what annotators started from. Scoring them against the adjudicated record of the same
document tells, per rule (``provenance.rule_id``): its precision, its coverage of the gold
items of the types it predicts, and how annotators corrected its output:

* ``span``: the annotators kept the item with the same type but moved its boundaries,
* ``type``: same span, another type,
* ``deleted``: nothing of that type overlaps it in the gold.

Rules sorted by ``corrected`` (most first) are the ones to fix first; gold items no rule
predicted are counted per type as ``missed``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventgold.evaluate import (
    RuleScore,
    align_spans,
    evaluate_records,
    mention_key,
    spans_match,
    trigger_key,
)
from eventgold.gold.annotators import annotator_of
from eventgold.schema import DocumentRecord


@dataclass
class RuleQuality(RuleScore):
    """A rule's score against the gold, and how annotators corrected what it got wrong."""

    corrections: Counter[str] = field(default_factory=Counter)  # span / type / deleted

    @property
    def corrected(self) -> int:
        return self.fired - self.correct

    def to_dict(self) -> dict[str, Any]:
        score = super().to_dict()
        identity = {key: score.pop(key) for key in ("rule_id", "kind", "fired", "correct")}
        return {
            **identity,
            "corrected": self.corrected,
            "corrections": {k: self.corrections[k] for k in ("span", "type", "deleted")},
            **score,  # gold, precision, coverage
        }


@dataclass
class RuleQualityReport:
    documents: int  # documents with both predictions and gold
    rules_versions: list[str]
    rules: list[RuleQuality]  # most corrected first
    missed: dict[str, int]  # "mention:GPE" -> gold items no prediction matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "rules_versions": self.rules_versions,
            "rules": [r.to_dict() for r in self.rules],
            "missed": dict(sorted(self.missed.items())),
        }


def _corrections(gold: DocumentRecord, pred: DocumentRecord) -> dict[tuple[str, str], Counter[str]]:
    """(rule id, kind) -> how its unmatched predictions were corrected."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for kind, gold_keys, items in (
        (
            "mention",
            [mention_key(m) for m in gold.mentions],
            [(mention_key(m), m.provenance) for m in pred.mentions],
        ),
        (
            "trigger",
            [trigger_key(e) for e in gold.events],
            [(trigger_key(e), e.provenance) for e in pred.events],
        ),
    ):
        matched = {j for _, j in align_spans(gold_keys, [k for k, _ in items], "strict")}
        for j, (key, provenance) in enumerate(items):
            if j in matched or provenance is None or provenance.rule_id is None:
                continue
            if any(spans_match(key, g, "overlap") for g in gold_keys):
                how = "span"
            elif any((g.start, g.end) == (key.start, key.end) for g in gold_keys):
                how = "type"
            else:
                how = "deleted"
            out.setdefault((provenance.rule_id, kind), Counter())[how] += 1
    return out


def rule_quality(
    predictions: Iterable[DocumentRecord], gold: Sequence[DocumentRecord]
) -> RuleQualityReport:
    """Per-rule quality of ``predictions`` (rule output) against adjudicated ``gold``."""
    gold_ids = {r.document.id for r in gold}
    # One prediction per document: the first in id order (pulled predictions are one per task).
    preds: dict[str, DocumentRecord] = {}
    for record in sorted(predictions, key=lambda r: (r.document.id, annotator_of(r))):
        if record.document.id in gold_ids:
            preds.setdefault(record.document.id, record)
    versions = sorted(
        {
            r.annotation.rules_version
            for r in preds.values()
            if r.annotation and r.annotation.rules_version
        }
    )
    if not preds:
        return RuleQualityReport(0, versions, [], {})
    scored_gold = [r for r in gold if r.document.id in preds]
    evaluation = evaluate_records(scored_gold, preds.values(), "strict")
    corrections: dict[tuple[str, str], Counter[str]] = {}
    gold_by_id = {r.document.id: r for r in scored_gold}
    for doc_id, pred in preds.items():
        for key, counts in _corrections(gold_by_id[doc_id], pred).items():
            corrections.setdefault(key, Counter()).update(counts)
    rules = [
        RuleQuality(
            s.rule_id,
            s.kind,
            s.fired,
            s.correct,
            s.gold,
            corrections.get((s.rule_id, s.kind), Counter()),
        )
        for s in evaluation.rules()
    ]
    rules.sort(key=lambda r: (-r.corrected, r.kind, r.rule_id))
    missed = {
        f"{kind}:{label}": counts.fn
        for kind, score in (("mention", evaluation.mentions), ("trigger", evaluation.triggers))
        for label, counts in score.by_label.items()
        if counts.fn
    }
    return RuleQualityReport(len(preds), versions, rules, missed)
