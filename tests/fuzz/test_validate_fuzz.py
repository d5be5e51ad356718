"""Fuzzing validate against the exported JSON Schema (schema/event-schema/1.0.0.json).

The reference is python-jsonschema on the committed schema file, an implementation independent
of the Rust validator and the pydantic models validate uses. Properties:

* validate never raises, whatever JSON (or bytes) it is given;
* on records hypothesis-jsonschema generates from the schema, validate reports no structural
  problem, and a record it passes loads into the typed models downstream tools use;
* on mutated records, validate's structural verdict equals the reference's, and an invalid
  record always gets at least one precise problem (not a generic fallback).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fuzz_support import from_schema, load_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.schema import default_table, table_models
from eventgold.validate import validate_paths, validate_record
from eventgold.validate.structural import structural_validator

SCHEMA = load_schema()
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
TABLE = default_table()
STRUCTURAL_CODES = {"EG008", "EG101", "EG102", "EG103", "EG104", "EG105", "EG110", "EG111"}
# Modest by default (CI time); EVENTGOLD_FUZZ_EXAMPLES=2000 for a deep run.
FUZZ = settings(
    max_examples=int(os.environ.get("EVENTGOLD_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _pin_schema(record: dict[str, Any]) -> dict[str, Any]:
    # The JSON Schema allows any schema_name/version string; validate resolves the table by
    # them, so pin them to the schema under test (both stay schema-valid).
    record["schema_name"], record["schema_version"] = TABLE.name, TABLE.version
    return record


def _is_unicode(value: Any) -> bool:
    """No lone surrogates: the record can be written as UTF-8 at all."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


schema_records = from_schema(SCHEMA).map(_pin_schema)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _slots(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a dict key or list element inside ``value``."""
    out: list[tuple[Any, ...]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        out.append((*path, key))
        out.extend(_slots(child, (*path, key)))
    return out


def _parent(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        value = value[key]
    return value


@st.composite
def mutated_records(draw: st.DrawFn) -> dict[str, Any]:
    record = copy.deepcopy(draw(schema_records))
    for _ in range(draw(st.integers(1, 3))):
        slots = [s for s in _slots(record) if s[0] not in ("schema_name", "schema_version")]
        if not slots:
            break
        path = draw(st.sampled_from(slots))
        parent = _parent(record, path)
        operation = draw(st.sampled_from(["delete", "replace", "add_key"]))
        if operation == "delete":
            del parent[path[-1]]
        elif operation == "replace":
            parent[path[-1]] = draw(json_values)
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(min_size=1, max_size=8))] = draw(json_values)
    return record


@FUZZ
@given(schema_records)
def test_schema_valid_records_have_no_structural_problem(record: dict[str, Any]) -> None:
    assert REFERENCE.is_valid(record)
    problems = validate_record(record)
    structural = [p for p in problems if p.code in STRUCTURAL_CODES]
    assert not structural, [str(p) for p in structural]
    assert structural_validator(TABLE).is_valid(record)
    if not problems:
        table_models(TABLE).record.validate_python(record)


@FUZZ
@given(mutated_records())
def test_structural_verdict_agrees_with_json_schema(record: dict[str, Any]) -> None:
    expected = REFERENCE.is_valid(record)
    assert structural_validator(TABLE).is_valid(record) == expected
    problems = validate_record(record)
    if expected:
        assert not [p for p in problems if p.code in STRUCTURAL_CODES]
    else:
        precise = structural_validator(TABLE).problems(record)
        assert precise, "JSON Schema says invalid but the models found no problem"
        assert problems


@FUZZ
@given(value=st.one_of(json_values, mutated_records()))
def test_validate_never_crashes_on_any_json_line(
    value: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "input.jsonl"
    # ensure_ascii keeps lone surrogates as escapes: valid JSON text, not valid Unicode.
    path.write_text(json.dumps(value) + "\n", encoding="utf-8")
    report = validate_paths([path])
    assert report.records == 1
    if not (isinstance(value, dict) and REFERENCE.is_valid(value) and _is_unicode(value)):
        assert not report.ok


@FUZZ
@given(data=st.binary(max_size=300))
def test_validate_never_crashes_on_any_bytes(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "input.jsonl"
    Path(path).write_bytes(data)
    report = validate_paths([path])
    assert not report.ok or report.records >= 1
