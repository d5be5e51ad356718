"""Score a set of predicted records against a set of gold records (``eventgold evaluate``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventgold.errors import DataError, Problem
from eventgold.evaluate.compare import Accuracy, Comparison, RuleTally, compare_records
from eventgold.evaluate.counts import Score
from eventgold.evaluate.matching import MODES, MatchMode
from eventgold.schema import DocumentRecord

KINDS = ("mentions", "triggers", "arguments", "attributes", "normalized")


@dataclass
class RuleScore:
    """How good one pre-annotation rule is: judged by its output against the gold."""

    rule_id: str
    kind: str  # "mention" or "trigger"
    fired: int
    correct: int
    gold: int  # gold items of the kinds and types this rule predicts

    @property
    def precision(self) -> float:
        return self.correct / self.fired if self.fired else 0.0

    @property
    def coverage(self) -> float:
        """Share of the gold items of this rule's types that the rule found."""
        return self.correct / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "kind": self.kind,
            "fired": self.fired,
            "correct": self.correct,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "coverage": round(self.coverage, 4),
        }


@dataclass
class Evaluation:
    """Scores of predictions against gold over many documents, in one matching mode."""

    mode: MatchMode
    documents: int = 0
    mentions: Score = field(default_factory=Score)
    triggers: Score = field(default_factory=Score)
    arguments: Score = field(default_factory=Score)
    attributes: Score = field(default_factory=Score)
    attribute_accuracy: dict[str, Accuracy] = field(default_factory=dict)
    normalized: Score = field(default_factory=Score)
    normalized_accuracy: dict[str, Accuracy] = field(default_factory=dict)
    rule_tallies: dict[tuple[str, str], RuleTally] = field(default_factory=dict)
    missing_predictions: list[str] = field(default_factory=list)  # gold docs nobody predicted
    unscored_predictions: list[str] = field(default_factory=list)  # predicted docs not in gold

    def add(self, comparison: Comparison) -> None:
        self.documents += 1
        for kind in KINDS:
            getattr(self, kind).add(getattr(comparison, kind))
        for target, source in (
            (self.attribute_accuracy, comparison.attribute_accuracy),
            (self.normalized_accuracy, comparison.normalized_accuracy),
        ):
            for name, accuracy in source.items():
                target.setdefault(name, Accuracy()).add(accuracy)
        for key, tally in comparison.rules.items():
            self.rule_tallies.setdefault(key, RuleTally(tally.kind)).add(tally)

    def rules(self) -> list[RuleScore]:
        """Per-rule precision and coverage, sorted by kind then rule id."""
        gold_by_kind = {"mention": self.mentions, "trigger": self.triggers}
        out = []
        for (rule_id, kind), tally in sorted(self.rule_tallies.items(), key=lambda kv: kv[0][::-1]):
            by_type = gold_by_kind[kind].by_label
            gold = sum(by_type[t].gold for t in tally.types if t in by_type)
            out.append(RuleScore(rule_id, kind, tally.fired, tally.correct, gold))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "documents": self.documents,
            **{kind: getattr(self, kind).to_dict() for kind in KINDS},
            "attribute_accuracy": {
                k: v.to_dict() for k, v in sorted(self.attribute_accuracy.items())
            },
            "normalized_accuracy": {
                k: v.to_dict() for k, v in sorted(self.normalized_accuracy.items())
            },
            "rules": [r.to_dict() for r in self.rules()],
            "missing_predictions": self.missing_predictions,
            "unscored_predictions": self.unscored_predictions,
        }


def _by_id(records: Iterable[DocumentRecord], side: str) -> dict[str, DocumentRecord]:
    out: dict[str, DocumentRecord] = {}
    for record in records:
        doc_id = record.document.id
        if doc_id in out:
            raise DataError(
                Problem(
                    "EG702",
                    f"document {doc_id!r} appears twice in the {side} records",
                    "$.document.id",
                )
            )
        out[doc_id] = record
    return out


def _empty_prediction(gold: DocumentRecord) -> DocumentRecord:
    return DocumentRecord(
        schema_name=gold.schema_name, schema_version=gold.schema_version, document=gold.document
    )


def evaluate_records(
    gold: Iterable[DocumentRecord], pred: Iterable[DocumentRecord], mode: MatchMode = "strict"
) -> Evaluation:
    """Score ``pred`` against ``gold``; documents are paired by id.

    A gold document without a prediction counts as an empty prediction (all false
    negatives); predicted documents absent from the gold are listed, not scored.
    """
    if mode not in MODES:
        raise ValueError(f"unknown match mode {mode!r}")
    gold_docs, pred_docs = _by_id(gold, "gold"), _by_id(pred, "predicted")
    if gold_docs and pred_docs and not set(gold_docs) & set(pred_docs):
        raise DataError(
            Problem(
                "EG703",
                "the gold and predicted records share no document id",
                "$.document.id",
                hint="Predict on the gold documents: ids are the .txt file stems.",
            )
        )
    evaluation = Evaluation(mode)
    for doc_id in sorted(gold_docs):
        record = pred_docs.get(doc_id)
        if record is None:
            evaluation.missing_predictions.append(doc_id)
            record = _empty_prediction(gold_docs[doc_id])
        evaluation.add(compare_records(gold_docs[doc_id], record, mode))
    evaluation.unscored_predictions = sorted(set(pred_docs) - set(gold_docs))
    return evaluation
