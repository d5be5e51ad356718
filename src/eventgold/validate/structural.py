"""Structural validation: the record against the table's JSON Schema.

The fast path asks the Rust ``jsonschema_rs`` validator of the exported JSON Schema whether a
record is valid. Only for an invalid record do we compute precise problems, from the strict
pydantic models the JSON Schema is generated from (their errors carry exact locations, even
inside the event-type union), mapped to stable codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jsonschema_rs
from pydantic import ValidationError

from eventgold.errors import Problem
from eventgold.schema import SchemaTable, json_schema, table_models

JsonPathPart = str | int


def json_path(parts: Sequence[JsonPathPart]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass(frozen=True)
class StructuralValidator:
    table: SchemaTable
    fast: Any  # jsonschema_rs validator

    def is_valid(self, record: Any) -> bool:
        return bool(self.fast.is_valid(record))

    def problems(self, record: Any) -> list[Problem]:
        """Precise problems of an invalid record (empty if it is valid)."""
        try:
            table_models(self.table).record.validate_python(record)
        except ValidationError as exc:
            return [self._problem(err) for err in exc.errors(include_url=False)]
        return []

    def _problem(self, err: Any) -> Problem:
        loc = self._strip_tags(list(err["loc"]))
        kind = err["type"]
        parent = loc[-2] if len(loc) >= 2 else None
        field = loc[-1] if loc else None
        code = "EG105"
        message = err["msg"]
        if kind == "missing":
            code, message = "EG101", f"missing required field {field!r}"
        elif kind == "extra_forbidden":
            code, message = "EG102", f"unknown field {field!r}"
            if parent == "arguments":
                code, message = "EG207", f"role {field!r} is not defined for this event type"
            elif parent == "attributes":
                code, message = "EG216", f"attribute {field!r} is not defined for this event type"
        elif kind == "literal_error":
            code, message = "EG104", f"value {err['input']!r} not allowed: {err['msg']}"
            if parent == "attributes":
                code = "EG216"
            elif field == "type" and len(loc) >= 3 and loc[-3] == "mentions":
                code, message = "EG215", f"unknown mention type {err['input']!r}"
            elif field == "kind":
                code = "EG111"
        elif kind == "union_tag_invalid":
            if loc and loc[0] == "events":
                loc = [*loc, "type"]
                code = "EG210"
                message = f"unknown event type {err['ctx']['tag']!r}; known: {err['ctx']['expected_tags']}"
            else:
                loc = [*loc, "kind"]
                code = "EG111"
                message = f"unknown record kind {err['ctx']['tag']!r}"
        elif kind == "union_tag_not_found":
            missing = err["ctx"]["discriminator"].strip("'")
            code, message = "EG101", f"missing required field {missing!r}"
            loc = [*loc, missing]
        elif kind.endswith("_type") or kind in {"model_attributes_type", "is_instance_of"}:
            code, message = "EG103", f"wrong type ({type(err['input']).__name__}): {err['msg']}"
        elif kind == "too_short" and loc == ["members"]:
            code, message = "EG224", f"a cluster links at least two events: {err['msg']}"
        if loc == ["schema_version"] and kind == "string_pattern_mismatch":
            code, message = "EG110", f"schema_version {err['input']!r} is not a semantic version"
        return Problem(code, message, json_path(loc))

    def _strip_tags(self, loc: list[Any]) -> list[JsonPathPart]:
        """Drop the discriminator tags pydantic inserts into union locations."""
        if loc and loc[0] in ("document", "event_cluster"):
            loc = loc[1:]
        out: list[JsonPathPart] = []
        for index, part in enumerate(loc):
            if (
                index >= 2
                and loc[index - 2] == "events"
                and isinstance(loc[index - 1], int)
                and part in self.table.event_types
            ):
                continue
            out.append(part)
        return out


@lru_cache(maxsize=16)
def structural_validator(table: SchemaTable) -> StructuralValidator:
    schema = json_schema(table)
    fast = jsonschema_rs.validator_for(schema)
    return StructuralValidator(table, fast)
