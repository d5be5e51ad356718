"""Accuracy of the core pack against hand gold (regression guard for docs/rules.md figures).

Seed gold: the issue's targets (trigger F1 >= 0.85, argument F1 >= 0.6, strict). Held-out:
sentences written before the rules were tuned (tests/data/heldout_gold.jsonl).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgold.annotate import Annotator
from eventgold.evaluate import evaluate_records
from eventgold.schema import DocumentRecord
from eventgold.validate import iter_valid_records

ROOT = Path(__file__).resolve().parents[2]


def _gold(*paths: Path) -> list[DocumentRecord]:
    return [
        DocumentRecord.model_validate(value)
        for value in iter_valid_records([str(p) for p in paths])
        if value.get("kind") == "document"
    ]


def _scores(annotator: Annotator, gold: list[DocumentRecord]) -> tuple[float, float, float]:
    pred = list(annotator.annotate_stream(r.document for r in gold))
    result = evaluate_records(gold, pred, "strict")
    return result.mentions.total.f1, result.triggers.total.f1, result.arguments.total.f1


def test_seed_gold_targets(annotator: Annotator) -> None:
    gold = _gold(*sorted((ROOT / "seeds" / "gold").glob("0*.jsonl")))
    assert len(gold) == 2
    _, triggers, arguments = _scores(annotator, gold)
    assert triggers >= 0.85
    assert arguments >= 0.6


def test_heldout_sentences(annotator: Annotator) -> None:
    gold = _gold(ROOT / "tests" / "data" / "heldout_gold.jsonl")
    assert len(gold) >= 30
    mentions, triggers, arguments = _scores(annotator, gold)
    assert mentions >= 0.85
    assert triggers >= 0.85
    assert arguments >= 0.75


@pytest.mark.parametrize("name", ["000_6672ba51e3dc3b7d", "001_49c6d8f7d69bca89"])
def test_seed_predictions_keep_the_gold_text(annotator: Annotator, name: str) -> None:
    [gold] = _gold(ROOT / "seeds" / "gold" / f"{name}.jsonl")
    [pred] = list(annotator.annotate_stream([gold.document]))
    assert pred.document.sha256 == gold.document.sha256
