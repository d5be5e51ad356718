"""Event clusters in the gold dataset: hand clusters in the committed export, linker clusters
through a build, both valid with their documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgold.evaluate.coref import evaluate_event_clusters
from eventgold.gold.build import BuildOptions, build_gold
from eventgold.gold.dedup import near_duplicate_groups
from eventgold.gold.io import Inputs, read_inputs
from eventgold.gold.link import link_records
from eventgold.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent
SEED_RECORDS = sorted((ROOT / "seeds" / "gold").glob("0*.jsonl"))
EXPORT = ROOT / "exports" / "jsonl"


def test_committed_export_carries_the_seed_clusters() -> None:
    exported = read_inputs([EXPORT])
    hand = read_inputs([ROOT / "seeds" / "gold" / "clusters.jsonl"]).clusters
    assert {c.id for c in exported.clusters} == {c.id for c in hand}
    assert validate_paths([EXPORT]).ok


def test_linker_on_the_exported_gold_agrees_with_its_clusters() -> None:
    exported = read_inputs([EXPORT])
    proposed = link_records(exported.documents, near_duplicates=near_duplicate_groups)
    scores = evaluate_event_clusters(exported.documents, exported.clusters, proposed)
    assert scores.with_singletons.conll_f1 >= 0.8


@pytest.mark.slow
def test_build_exports_linker_clusters(tmp_path: Path) -> None:
    seeds = read_inputs(SEED_RECORDS)
    proposed = link_records(seeds.documents, near_duplicates=near_duplicate_groups)
    result = build_gold(
        Inputs(documents=seeds.documents, clusters=proposed),
        tmp_path / "dataset",
        BuildOptions(formats=("jsonl",)),
    )
    assert result.dropped_clusters == []
    exported = read_inputs([tmp_path / "dataset" / "jsonl"]).clusters
    assert len(exported) == len(proposed)
    assert all(c.provenance and c.provenance.origin == "linker" for c in exported)
    assert validate_paths([tmp_path / "dataset"]).ok
