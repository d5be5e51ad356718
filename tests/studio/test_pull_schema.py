"""Pull reads a task with the schema it was pushed with, or refuses (EG517), never mis-reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import DataError
from eventgold.schema import SchemaTable, active_table, default_table
from eventgold.studio import convert_export, parse_export
from eventgold.studio.config import studio_config
from eventgold.studio.convert import document_task, record_results
from eventgold.testing import RecordBuilder

EXTENSION = (
    Path(__file__).resolve().parents[2] / "examples" / "extension" / "acme-events-0.3.0.yaml"
)
TEXT = "Russia moved troops to Kursk on Tuesday."


def task_export(pushed_with: str | None) -> list[dict[str, Any]]:
    """One task whose annotation uses only base labels, pushed with ``pushed_with``."""
    b = RecordBuilder(TEXT, "doc-1")
    kursk = b.mention("Kursk", "GPE", normalized="RU-KRS")
    troops = b.mention("troops", "MILITARY_UNIT")
    b.event(
        "deployment", "moved", {"destination": [kursk], "deployed": [troops]}, status="under_way"
    )
    record = b.build()
    config = studio_config(default_table())
    task: dict[str, Any] = dict(document_task(record.model_copy(update={"events": []}), config))
    if pushed_with is None:
        del task["meta"]["eventgold"]["schema_id"]
    else:
        task["meta"]["eventgold"]["schema_id"] = pushed_with
    annotation = {"id": 9, "completed_by": 3, "result": record_results(record, config)}
    return [{"id": 41, **task, "annotations": [annotation], "predictions": []}]


def convert(export: list[dict[str, Any]], table: SchemaTable, **kwargs: Any):  # type: ignore[no-untyped-def]
    return convert_export(parse_export(json.dumps(export).encode(), "e.json"), table, **kwargs)


def test_same_schema_and_unmarked_tasks_are_read() -> None:
    for pushed_with in ("eventgold@1.0.0", None):
        result = convert(task_export(pushed_with), default_table())
        assert len(result.records) == 1 and not result.skipped


@pytest.mark.parametrize("pushed_with", ["eventgold@9.0.0", "acme-events@0.3.0", "other@1.0.0"])
def test_task_of_another_schema_is_refused(pushed_with: str) -> None:
    with pytest.raises(DataError) as caught:
        convert(task_export(pushed_with), default_table())
    (problem,) = caught.value.problems
    assert problem.code == "EG517"
    assert "task 41" in problem.message and pushed_with in problem.message
    assert "eventgold@1.0.0" in problem.message
    assert problem.path == "$[0].meta.eventgold.schema_id"
    assert problem.hint is not None and "--schema-ext" in problem.hint


def test_lenient_skips_and_reports_the_task() -> None:
    result = convert(task_export("acme-events@0.3.0"), default_table(), lenient=True)
    assert result.records == []
    (skipped,) = result.skipped
    assert (skipped.task_id, skipped.kind) == (41, "task")
    assert skipped.problems[0].code == "EG517"


def test_an_extension_reads_tasks_of_the_table_it_extends() -> None:
    table = active_table(EXTENSION)
    result = convert(task_export("eventgold@1.0.0"), table)
    (record,) = result.records
    assert (record.schema_name, record.schema_version) == ("acme-events", "0.3.0")
    assert [e.type for e in record.events] == ["deployment"]


def test_cli_names_the_schema_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text(json.dumps(task_export("acme-events@0.3.0")), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    pull = ["studio", "pull", "--from-export", str(source), "-o", str(out)]
    result = CliRunner().invoke(app, pull)
    assert result.exit_code == 1, result.output
    assert "EG517" in result.output and "acme-events@0.3.0" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]
    result = CliRunner().invoke(app, [*pull, "--schema-ext", str(EXTENSION)])
    assert result.exit_code == 0, result.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["schema_name"] == "acme-events"
