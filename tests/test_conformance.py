"""The conformance suite: every fixture in tests/conformance/ through the library and the CLI.

A fixture is ``{description, data, valid, errors}``: ``data`` is one record, or a list of
records validated together as the lines of one JSONL file; ``errors`` lists the expected error
codes (with repeats). Reading fixtures give the file content instead: ``raw`` (text) or
``raw_hex`` (bytes), with an optional ``suffix`` (default ``.jsonl``) and
``max_record_bytes`` (a smaller record size limit).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import CODES, EXIT_INVALID
from eventgold.schema import default_table, table_models
from eventgold.validate import read_items, validate_items, validate_paths

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "conformance").glob("*.json"))
ALLOWED_KEYS = {"description", "data", "valid", "errors", "raw", "raw_hex", "suffix"}
ALLOWED_KEYS |= {"max_record_bytes", "note"}


def load(path: Path) -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return fixture


def write_input(fixture: dict[str, Any], folder: Path) -> Path:
    path = folder / ("input" + fixture.get("suffix", ".jsonl"))
    if "raw" in fixture:
        path.write_bytes(fixture["raw"].encode("utf-8"))
    elif "raw_hex" in fixture:
        path.write_bytes(bytes.fromhex(fixture["raw_hex"]))
    else:
        records = fixture["data"] if isinstance(fixture["data"], list) else [fixture["data"]]
        lines = [json.dumps(record, ensure_ascii=False) for record in records]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_there_are_enough_fixtures_and_they_are_well_formed() -> None:
    assert len(FIXTURES) >= 40
    for path in FIXTURES:
        fixture = load(path)
        assert set(fixture) <= ALLOWED_KEYS, path.name
        assert {"description", "data", "valid", "errors"} <= set(fixture), path.name
        assert fixture["valid"] == (not fixture["errors"]), path.name
        assert all(code in CODES for code in fixture["errors"]), path.name


def test_every_code_validate_can_emit_has_a_fixture() -> None:
    covered = {code for path in FIXTURES for code in load(path)["errors"]}
    # Usage and environment codes (missing path, bad option: exit 2 or 3) are not about data;
    # test_validate_cli covers the path ones.
    emittable = {
        code
        for code, entry in CODES.items()
        if code[:3] in ("EG0", "EG1", "EG2") and entry.exit_code == EXIT_INVALID
    }
    assert emittable - covered == set()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_library(path: Path, tmp_path: Path) -> None:
    fixture = load(path)
    file = write_input(fixture, tmp_path)
    if "max_record_bytes" in fixture:
        items = read_items([str(file)], max_record_bytes=fixture["max_record_bytes"])
        report = validate_items(items, [str(file)])
    else:
        report = validate_paths([file])
    assert sorted(p.code for p in report.problems) == fixture["errors"], fixture["description"]
    assert report.ok == fixture["valid"]
    for problem in report.problems:
        assert problem.file == str(file)
        assert problem.line is not None and problem.line >= 1
        assert problem.path.startswith("$")
        assert problem.message


@pytest.mark.parametrize(
    "path", [p for p in FIXTURES if "max_record_bytes" not in load(p)], ids=lambda p: p.stem
)
def test_cli(path: Path, tmp_path: Path) -> None:
    fixture = load(path)
    file = write_input(fixture, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(file), "--format", "json"])
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if fixture["valid"] else 1), result.output
    report = json.loads(result.stdout)
    assert sorted(p["code"] for p in report["problems"]) == fixture["errors"]


def _records(fixture: dict[str, Any]) -> list[Any]:
    if "data" not in fixture or fixture["data"] is None:
        return []
    return fixture["data"] if isinstance(fixture["data"], list) else [fixture["data"]]


@pytest.fixture(scope="module")
def json_schema_validator() -> jsonschema.Draft202012Validator:
    table = default_table()
    schema_file = ROOT / "schema" / "event-schema" / f"{table.version}.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", [p for p in FIXTURES if _records(load(p))], ids=lambda p: p.stem)
def test_json_schema_and_pydantic_agree(
    path: Path, json_schema_validator: jsonschema.Draft202012Validator
) -> None:
    """The exported JSON Schema (python jsonschema) and the pydantic models accept the same."""
    adapter = table_models(default_table()).record
    for record in _records(load(path)):
        by_schema = json_schema_validator.is_valid(record)
        try:
            adapter.validate_python(record)
            by_models = True
        except ValidationError:
            by_models = False
        assert by_schema == by_models, (path.stem, record if not by_schema else "")
