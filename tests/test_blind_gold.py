"""The blind evaluation set (tests/data/blind): reproducible, valid, and what it claims to be.

The set measures how the pre-annotator generalizes to unseen news, so these tests check the
data, never the pre-annotator's scores on it (those are recorded in benchmarks/README.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from eventgold.schema import DocumentRecord, default_table
from eventgold.validate import validate_paths

BLIND = Path(__file__).resolve().parent / "data" / "blind"
GOLD = BLIND / "blind_gold.jsonl"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_gold_build", BLIND / "make_blind.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [DocumentRecord.model_validate_json(line) for line in lines]


def test_gold_validates() -> None:
    report = validate_paths([GOLD])
    assert report.ok, [p.to_dict() for p in report.problems]
    assert report.records == len(GOLD.read_text(encoding="utf-8").splitlines())


def test_committed_files_equal_the_generator_output(tmp_path: Path) -> None:
    _load_generator().main(tmp_path)
    produced = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in BLIND.iterdir() if p.suffix in {".txt", ".jsonl"})
    assert produced == committed
    for name in produced:
        assert (BLIND / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"{name} is stale: run .venv/bin/python tests/data/blind/make_blind.py"
        )


def test_texts_are_the_txt_files_verbatim(records: list[DocumentRecord]) -> None:
    for record in records:
        raw = (BLIND / f"{record.document.id}.txt").read_bytes().decode("utf-8")
        assert record.document.text == raw
        assert record.document.published is not None, "every blind document has a dateline"


def test_documents_are_news_sized(records: list[DocumentRecord]) -> None:
    assert len(records) >= 12
    for record in records:
        assert 60 <= len(record.document.text.split()) <= 250, record.document.id


def test_set_covers_types_negatives_and_encodings(records: list[DocumentRecord]) -> None:
    table = default_table()
    assert {e.type for r in records for e in r.events} == set(table.event_types)
    assert any(not r.events for r in records), "a document of hard negatives only"
    polarity = {e.attributes["polarity"] for r in records for e in r.events}
    modality = {e.attributes["modality"] for r in records for e in r.events}
    assert "negative" in polarity
    assert {"hypothetical", "planned", "reported", "alleged", "requested"} <= modality
    texts = [r.document.text for r in records]
    assert sum("\r\n" in t for t in texts) == 1
    assert any(any(ord(c) > 0xFFFF for c in t) for t in texts)
    assert any(any(127 < ord(c) <= 0xFFFF and c.isalpha() for c in t) for t in texts)


def test_records_are_hand_annotations_with_all_common_attributes(
    records: list[DocumentRecord],
) -> None:
    common = set(default_table().common_attributes)
    for record in records:
        assert record.annotation is not None and record.annotation.source == "hand"
        for item in [*record.mentions, *record.events]:
            assert item.provenance is not None and item.provenance.origin == "annotator"
        for event in record.events:
            assert common <= set(event.attributes), (record.document.id, event.id)
