"""Projected annotations go to Label Studio as predictions and come back with their provenance."""

from __future__ import annotations

import json
from typing import Any

from eventgold.gold.project import project_record
from eventgold.schema import DocumentRecord, default_table
from eventgold.studio.config import studio_config
from eventgold.studio.convert import (
    ProvenancePolicy,
    ResultSource,
    document_task,
    results_to_content,
)
from eventgold.studio.lsjson import LsTask
from eventgold.studio.push import group_documents
from eventgold.testing import RecordBuilder

CONFIG = studio_config(default_table())
SOURCE = "Russia vetoed a resolution to extend the mandate. The Security Council met on Tuesday."
TARGET = "The Safety Council met on Tuesday. Russia vetoed a decision to increase the mandate."


def _projected() -> tuple[DocumentRecord, DocumentRecord]:
    b = RecordBuilder(SOURCE, "src")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    council = b.mention("Security Council", "ORG", normalized="UN Security Council")
    b.event("un_action", "vetoed", {"actor": [russia], "body": [council]}, action="veto")
    target = RecordBuilder(TARGET, "tgt").build()
    return target, project_record(b.build(), target).record


def _over_the_wire(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def test_projected_record_becomes_a_prediction_and_round_trips() -> None:
    target, projected = _projected()
    [push] = group_documents([(target, "target.txt"), (projected, "projected.jsonl:1")])
    assert push.predictions == (projected,)
    task = _over_the_wire(document_task(push.record, CONFIG, push.predictions))
    [prediction] = task["predictions"]
    assert prediction["score"] < 1.0  # the changed "Safety Council" lowers the mean score
    ls_task = LsTask.model_validate({"id": 1, **task, "annotations": []})
    content = results_to_content(
        ls_task.predictions[0].result,  # type: ignore[union-attr]
        TARGET,
        CONFIG,
        ResultSource(1, "prediction", 1, "$[0].predictions[0].result"),
        ProvenancePolicy(None, use_extension=True, fill_default_attributes=False),
    )
    assert content.problems == []
    assert content.mentions == projected.mentions
    assert content.events == projected.events
    assert {m.provenance.origin for m in content.mentions if m.provenance} == {"projected"}
