"""Bad Label Studio exports: precise errors naming task, annotation and region; nothing written."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import DataError
from eventgold.schema import default_table
from eventgold.studio import convert_export, parse_export
from eventgold.studio.config import studio_config
from eventgold.studio.convert import document_task, record_results
from eventgold.testing import RecordBuilder

TABLE = default_table()
CONFIG = studio_config(TABLE)
TASK_ID, ANNOTATION_ID = 41, 77
TEXT = "Troops 🚀 moved to Kursk on Tuesday.\r\nRussia vetoed the resolution, Moscow said."


def gold_record():  # type: ignore[no-untyped-def]
    b = RecordBuilder(TEXT, "doc-bad")
    kursk = b.mention("Kursk", "GPE", normalized="RU-KRS")
    troops = b.mention("Troops", "MILITARY_UNIT")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    moscow = b.mention("Moscow", "GPE", normalized="RUS")
    b.event(
        "deployment", "moved", {"destination": [kursk], "deployed": [troops]}, status="under_way"
    )
    b.event("un_action", "vetoed", {"actor": [russia]}, attribution=moscow, action="veto")
    return b.build()


def export() -> list[dict[str, Any]]:
    record = gold_record()
    bare = record.model_copy(update={"mentions": [], "events": []})
    task = dict(document_task(bare, CONFIG))
    annotation = {
        "id": ANNOTATION_ID,
        "completed_by": {"id": 3, "email": "ann@example.com"},
        "result": record_results(record, CONFIG),
        "lead_time": 12.5,
        "ground_truth": True,
        "was_cancelled": False,
        "created_at": "2026-11-23T10:00:00Z",
        "updated_at": "2026-11-23T10:05:00Z",
    }
    second = {**copy.deepcopy(annotation), "id": ANNOTATION_ID + 1, "ground_truth": False}
    return [{"id": TASK_ID, **task, "annotations": [annotation, second], "predictions": []}]


def region(result: list[dict[str, Any]], region_id: str, kind: str = "labels") -> dict[str, Any]:
    return next(r for r in result if r.get("id") == region_id and r["type"] == kind)


def relation_to_missing(result: list[dict[str, Any]]) -> None:
    result.append(
        {
            "type": "relation",
            "from_id": "e1",
            "to_id": "ghost",
            "direction": "right",
            "labels": ["origin"],
        }
    )


def region_outside(result: list[dict[str, Any]]) -> None:
    region(result, "m1")["value"].update(start=500, end=505)


def unknown_label(result: list[dict[str, Any]]) -> None:
    region(result, "m2")["value"]["labels"] = ["SPACESHIP"]


def text_mismatch(result: list[dict[str, Any]]) -> None:
    region(result, "m3")["value"]["text"] = "Ukraine"


def missing_from_id(result: list[dict[str, Any]]) -> None:
    relation = next(r for r in result if r["type"] == "relation")
    del relation["from_id"]


def attribute_on_wrong_type(result: list[dict[str, Any]]) -> None:
    choice = region(result, "e1", "choices")
    choice["from_name"] = "un_action_action"
    choice["value"]["choices"] = ["veto"]


CASES: list[tuple[Callable[[list[dict[str, Any]]], None], str, str | None]] = [
    (relation_to_missing, "EG508", "ghost"),
    (region_outside, "EG504", "m1"),
    (unknown_label, "EG506", "m2"),
    (text_mismatch, "EG505", "m3"),
    (missing_from_id, "EG509", None),
    (attribute_on_wrong_type, "EG513", "e1"),
]


def bad_export(mutate: Callable[[list[dict[str, Any]]], None]) -> list[dict[str, Any]]:
    data = export()
    mutate(data[0]["annotations"][0]["result"])
    return data


def test_the_valid_export_converts() -> None:
    result = convert_export(parse_export(json.dumps(export()).encode(), "x"), TABLE)
    assert len(result.records) == 2
    first = result.records[0]
    assert first.mentions == [
        m.model_copy(update={"provenance": first.mentions[0].provenance})
        for m in gold_record().mentions
    ]
    assert first.annotation is not None
    assert (first.annotation.annotator, first.annotation.task_id) == ("ann@example.com", TASK_ID)
    assert (first.annotation.annotation_id, first.annotation.lead_time) == (ANNOTATION_ID, 12.5)
    assert first.annotation.ground_truth is True
    assert first.annotation.completed_at == "2026-11-23T10:05:00Z"


@pytest.mark.parametrize(
    ("mutate", "code", "region_id"), CASES, ids=lambda c: getattr(c, "__name__", str(c))
)
def test_bad_export_names_task_annotation_and_region(
    mutate: Callable[[list[dict[str, Any]]], None], code: str, region_id: str | None
) -> None:
    data = json.dumps(bad_export(mutate)).encode()
    with pytest.raises(DataError) as caught:
        convert_export(parse_export(data, "export.json"), TABLE)
    problems = caught.value.problems
    assert [p.code for p in problems] == [code]
    problem = problems[0]
    assert f"task {TASK_ID} annotation {ANNOTATION_ID}" in problem.message
    assert problem.extra["task_id"] == TASK_ID and problem.extra["annotation_id"] == ANNOTATION_ID
    if region_id is not None:
        assert f"region {region_id!r}" in problem.message
        assert problem.extra["region_id"] == region_id
    assert problem.path.startswith("$[0].annotations[0].result[")


@pytest.mark.parametrize(
    ("mutate", "code", "region_id"), CASES, ids=lambda c: getattr(c, "__name__", str(c))
)
def test_cli_fails_with_exit_1_and_writes_nothing(
    tmp_path: Path, mutate: Callable[[list[dict[str, Any]]], None], code: str, region_id: str | None
) -> None:
    source = tmp_path / "export.json"
    source.write_text(json.dumps(bad_export(mutate)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["studio", "pull", "--from-export", str(source), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert code in result.output and f"task {TASK_ID} annotation {ANNOTATION_ID}" in result.output
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert not (tmp_path / "out.jsonl.report.json").exists()


def test_lenient_skips_the_bad_annotation_and_reports_it(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text(json.dumps(bad_export(relation_to_missing)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["studio", "pull", "--from-export", str(source), "-o", str(out), "--lenient"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["annotation"]["annotation_id"] for r in records] == [ANNOTATION_ID + 1]
    report = json.loads((tmp_path / "out.jsonl.report.json").read_text(encoding="utf-8"))
    assert report["skipped"] == [
        {
            "task_id": TASK_ID,
            "kind": "annotation",
            "item_id": ANNOTATION_ID,
            "problems": [
                {
                    "code": "EG508",
                    "message": f"task {TASK_ID} annotation {ANNOTATION_ID} region 'ghost': "
                    "relation 'e1' -> 'ghost' points to missing region 'ghost'",
                    "path": "$[0].annotations[0].result["
                    + str(len(export()[0]["annotations"][0]["result"]))
                    + "]",
                }
            ],
        }
    ]


def test_truncated_export_is_refused(tmp_path: Path) -> None:
    raw = json.dumps(export()).encode()
    source = tmp_path / "export.json"
    source.write_bytes(raw[: len(raw) // 2])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["studio", "pull", "--from-export", str(source), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "EG501" in result.output and "truncated" in result.output
    assert not out.exists()


def test_text_edited_in_label_studio_is_refused() -> None:
    data = export()
    data[0]["data"]["text"] = TEXT.replace("Kursk", "Kursk!")
    with pytest.raises(DataError) as caught:
        convert_export(parse_export(json.dumps(data).encode(), "x"), TABLE)
    assert {p.code for p in caught.value.problems} == {"EG503"}


def test_prediction_ids_only_export_is_explained() -> None:
    data = export()
    data[0]["predictions"] = [5]
    with pytest.raises(DataError) as caught:
        convert_export(parse_export(json.dumps(data).encode(), "x"), TABLE)
    assert "only_id" in caught.value.problems[0].message


def test_utf16_offsets_from_another_producer_are_repaired_and_reported() -> None:
    from eventgold.studio.offsets import codepoint_to_utf16

    data = export()
    for item in data[0]["annotations"][0]["result"]:
        value = item.get("value")
        if value and "start" in value:
            value["start"] = codepoint_to_utf16(TEXT, value["start"])
            value["end"] = codepoint_to_utf16(TEXT, value["end"])
    result = convert_export(parse_export(json.dumps(data).encode(), "x"), TABLE)
    assert result.records[0].mentions == result.records[1].mentions
    assert {r.region_id for r in result.repairs} >= {"m1", "m3", "e1"}
    assert all(r.reading == "utf16" for r in result.repairs)
