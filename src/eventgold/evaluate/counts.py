"""Precision/recall/F1 counters: the one arithmetic every score in eventgold uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counts:
    """True positives, false positives and false negatives of one comparison.

    ``tp`` counts matched pairs (one-to-one), so precision and recall share it.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        # Nothing predicted and nothing expected is a perfect score, not 0/0.
        return self.tp / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        denominator = self.predicted + self.gold
        return 2 * self.tp / denominator if denominator else 1.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    """A total and the same counts broken down by a label (type, role, attribute value)."""

    total: Counts = field(default_factory=Counts)
    by_label: dict[str, Counts] = field(default_factory=dict)

    def count(self, label: str, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        delta = Counts(tp, fp, fn)
        self.total.add(delta)
        self.by_label.setdefault(label, Counts()).add(delta)

    def add(self, other: Score) -> None:
        self.total.add(other.total)
        for label, counts in other.by_label.items():
            self.by_label.setdefault(label, Counts()).add(counts)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.total.to_dict(),
            "by_type": {label: c.to_dict() for label, c in sorted(self.by_label.items())},
        }


def sum_scores(scores: Iterable[Score]) -> Score:
    out = Score()
    for score in scores:
        out.add(score)
    return out


def merge_score_maps(target: dict[str, Score], other: Mapping[str, Score]) -> None:
    for name, score in other.items():
        target.setdefault(name, Score()).add(score)
