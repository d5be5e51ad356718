"""Several records of one document (one per annotator) are valid; true repeats are not."""

from __future__ import annotations

import json
from pathlib import Path

from eventgold.schema import AnnotationInfo
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_paths


def _record(annotator: str | None) -> dict[str, object]:
    builder = RecordBuilder("Russia vetoed the resolution.", doc_id="doc-1")
    russia = builder.mention("Russia", "GPE", normalized="RUS")
    builder.event("un_action", "vetoed", {"actor": [russia]}, action="veto", tense="past")
    record = builder.build()
    if annotator is not None:
        record = record.model_copy(
            update={"annotation": AnnotationInfo(source="labelstudio", annotator=annotator)}
        )
    return record_json(record)


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_one_record_per_annotator_is_valid(tmp_path: Path) -> None:
    path = _write(tmp_path / "pulled.jsonl", [_record("ann1@example.com"), _record("ann2@x.org")])
    report = validate_paths([path])
    assert report.ok, report.problems


def test_same_document_and_annotator_twice_is_a_duplicate(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [_record("ann1@example.com")])
    second = _write(tmp_path / "b.jsonl", [_record("ann1@example.com")])
    report = validate_paths([first, second])
    assert [p.code for p in report.problems] == ["EG226"]
    assert report.problems[0].file == str(second)


def test_unannotated_repeats_are_duplicates(tmp_path: Path) -> None:
    path = _write(tmp_path / "docs.jsonl", [_record(None), _record(None)])
    assert [p.code for p in validate_paths([path]).problems] == ["EG226"]
