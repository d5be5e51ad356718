"""Projected annotations pushed to a real local Label Studio as predictions, then pulled back."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgold.gold.io import read_inputs
from eventgold.gold.project import project_record
from eventgold.schema import default_table
from eventgold.studio import pull_project, push_documents
from eventgold.studio.push import group_documents

from .conftest import LiveStudio

pytestmark = [pytest.mark.studio, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TABLE = default_table()


def test_projected_record_round_trips_as_a_prediction(live_studio: LiveStudio) -> None:
    seeds = {
        r.document.id: r for r in read_inputs(sorted(ROOT.glob("seeds/gold/0*.jsonl"))).documents
    }
    source, target = seeds["000_6672ba51e3dc3b7d"], seeds["001_49c6d8f7d69bca89"]
    bare = target.model_copy(update={"mentions": [], "events": [], "annotation": None})
    projected = project_record(source, bare).record
    assert projected.mentions and projected.events

    client = live_studio.client()
    documents = group_documents([(bare, "target"), (projected, "projection")])
    report = push_documents(client, documents, "projection", TABLE)
    assert (report.imported_tasks, report.imported_predictions) == (1, 1)

    result = pull_project(client, "projection", TABLE)
    assert result.skipped == [] and result.repairs == []
    [pulled] = result.records
    assert pulled.document == target.document
    assert pulled.mentions == projected.mentions  # spans, normalized values, projected provenance
    assert pulled.events == projected.events
    assert {m.provenance.origin for m in pulled.mentions if m.provenance} == {"projected"}
