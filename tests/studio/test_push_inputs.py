"""What push reads: .txt documents as they are, records grouped into tasks with predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import DataError
from eventgold.schema import Provenance, default_table
from eventgold.studio import load_documents
from eventgold.studio.config import studio_config
from eventgold.studio.convert import document_task
from eventgold.testing import RecordBuilder, record_json

TABLE = default_table()


def test_txt_documents_keep_their_exact_text_and_stem_id(tmp_path: Path) -> None:
    raw = "Troops 🚀 moved.\r\nRussia vetoed it.\n"
    path = tmp_path / "001_abc.txt"
    path.write_bytes(raw.encode("utf-8"))
    (doc,) = load_documents([path], TABLE)
    assert doc.record.document.id == "001_abc"
    assert doc.record.document.text == raw
    assert doc.predictions == ()
    task = document_task(doc.record, studio_config(TABLE), doc.predictions)
    assert task["data"]["text"] == raw and task["predictions"] == []


def test_rule_records_become_predictions_of_the_same_task(tmp_path: Path) -> None:
    text = "Russia vetoed the resolution."
    (tmp_path / "d1.txt").write_text(text, encoding="utf-8", newline="")
    builder = RecordBuilder(text, "d1")
    prov = Provenance(origin="rule", rule_id="gpe", score=0.9, rules_version="core-2.0.0")
    builder.mention("Russia", "GPE", normalized="RUS", provenance=prov)
    rules = tmp_path / "rules.jsonl"
    rules.write_text(json.dumps(record_json(builder.build())) + "\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path / "d1.txt", rules], TABLE)
    assert len(doc.predictions) == 1
    task = document_task(doc.record, studio_config(TABLE), doc.predictions)
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "core-2.0.0" and prediction["score"] == 0.9


def test_same_id_with_another_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "d1.txt").write_text("one text", encoding="utf-8")
    (tmp_path / "b" / "d1.txt").write_text("another text", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_documents([tmp_path / "a" / "d1.txt", tmp_path / "b" / "d1.txt"], TABLE)
    assert caught.value.problems[0].code == "EG521"


def test_same_text_under_two_ids_is_refused_with_the_reason_and_the_fix(tmp_path: Path) -> None:
    """The task key is the text's sha256: two ids over one text cannot be two tasks."""
    text = "Russia vetoed the resolution.\n"
    (tmp_path / "wire-1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "wire-2.txt").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_documents([tmp_path / "wire-1.txt", tmp_path / "wire-2.txt"], TABLE)
    (problem,) = caught.value.problems
    assert problem.code == "EG521" and problem.file == str(tmp_path / "wire-2.txt")
    assert "'wire-2'" in problem.message and "'wire-1'" in problem.message
    assert str(tmp_path / "wire-1.txt") in problem.message  # where the first one came from
    assert "sha256" in problem.message
    assert problem.hint is not None and "De-duplicate" in problem.hint
    assert "eventgold gold dedup" in problem.hint


def test_cli_push_of_identical_texts_explains_before_connecting(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Same words.", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "studio",
            "push",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--project",
            "p",
            "--url",
            "http://127.0.0.1:9",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "EG521" in result.output and "De-duplicate" in result.output
    assert "Traceback" not in result.output


def test_invalid_records_are_refused_before_anything_is_sent(tmp_path: Path) -> None:
    record = record_json(RecordBuilder("Russia vetoed.", "d1").build())
    record["document"]["sha256"] = "0" * 64
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_documents([path], TABLE)
    problem = caught.value.problems[0]
    assert problem.code == "EG204" and problem.file == str(path) and problem.line == 1
