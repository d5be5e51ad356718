"""The demo's annotators and the committed ``exports/`` (offline; the live run is in tests/studio)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eventgold.demo import (
    REVIEWER,
    SECOND_ANNOTATOR,
    as_pulled,
    second_annotator_copy,
    submissions,
)
from eventgold.demo.exports import build_demo_exports, demo_inputs
from eventgold.evaluate import evaluate_records
from eventgold.gold.io import read_inputs
from eventgold.schema import DocumentRecord
from eventgold.testing import record_json
from eventgold.validate import validate_paths, validate_record

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "seeds" / "gold"


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def gold() -> list[DocumentRecord]:
    return read_inputs([SEED_GOLD]).documents


def test_second_copy_is_valid_and_disagrees_in_every_way(gold: list[DocumentRecord]) -> None:
    for record in gold:
        copy = second_annotator_copy(record)
        assert validate_record(record_json(copy)) == []
        assert copy.annotation is not None and copy.annotation.annotator == SECOND_ANNOTATOR
        strict = evaluate_records([record], [copy], "strict")
        overlap = evaluate_records([record], [copy], "overlap")
        # missed and trimmed mentions, a missed event, flipped modality: all visible
        assert 0.8 < strict.mentions.total.f1 < 1.0
        assert overlap.mentions.total.f1 > strict.mentions.total.f1
        assert strict.triggers.total.recall < 1.0 and strict.triggers.total.precision == 1.0
        assert (
            strict.attribute_accuracy["modality"].correct
            < strict.attribute_accuracy["modality"].total
        )


def test_second_copy_is_deterministic(gold: list[DocumentRecord]) -> None:
    for record in gold:
        assert record_json(second_annotator_copy(record)) == record_json(
            second_annotator_copy(record)
        )


def test_submissions_pair_a_reviewer_with_a_second_annotator(gold: list[DocumentRecord]) -> None:
    subs = submissions(gold)
    assert len(subs) == 2 * len(gold)
    assert {(s.annotator, s.ground_truth) for s in subs} == {
        (REVIEWER, True),
        (SECOND_ANNOTATOR, False),
    }
    pulled = as_pulled(subs[0])
    assert pulled.annotation is not None and pulled.annotation.source == "labelstudio"
    assert all(m.provenance and m.provenance.annotators == [REVIEWER] for m in pulled.mentions)


def test_reviewer_wins_adjudication(gold: list[DocumentRecord], tmp_path: Path) -> None:
    result = build_demo_exports(SEED_GOLD, tmp_path / "exports")
    assert {d.method for d in result.adjudication.documents} == {"reviewer"}
    built = {r.document.id: r for r in result.records}
    for record in gold:
        score = evaluate_records([record], [built[record.document.id]], "strict")
        assert score.mentions.total.f1 == 1.0 and score.arguments.total.f1 == 1.0
    assert result.agreement.annotators == sorted([REVIEWER, SECOND_ANNOTATOR])


def test_committed_exports_are_the_demo_build(tmp_path: Path) -> None:
    """`make demo` rebuilds exports/ from what it pulls; the committed folder must be that
    build (regenerate with `python -m eventgold.demo.exports` or `make generate`)."""
    out = tmp_path / "exports"
    build_demo_exports(SEED_GOLD, out)
    committed = ROOT / "exports"
    assert tree(committed) == tree(out), "run: python -m eventgold.demo.exports"
    assert validate_paths([committed]).ok


def test_demo_inputs_keep_the_seed_clusters() -> None:
    inputs = demo_inputs(SEED_GOLD)
    assert inputs.clusters == read_inputs([SEED_GOLD]).clusters
    assert len(inputs.documents) == 2 * len(read_inputs([SEED_GOLD]).documents)


def test_demo_refuses_missing_inputs_before_starting_anything(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventgold.cli.main import app

    state_dir = tmp_path / "studio"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(app, ["demo", "--seeds", str(empty), "--state-dir", str(state_dir)])
    assert result.exit_code == 2
    assert "EG005" in result.output and "no .txt documents" in result.output
    assert "Traceback" not in result.output
    assert not state_dir.exists()  # no server was started
