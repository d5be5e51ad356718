"""Property: the three structural validators agree on mutated records, and validate never crashes.

The fast path (jsonschema_rs on the exported schema) decides validity; the pydantic models
explain problems; python ``jsonschema`` is the reference reader of the published file. A record
one accepts and another refuses would give either a crash in the semantic checks or a vague
problem, so random mutations of a valid record must get the same verdict from all three.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eventgold.errors import CODES
from eventgold.schema import default_table, table_models
from eventgold.testing import synthetic_record
from eventgold.validate import validate_record

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "event-schema" / "1.0.0.json").read_text(encoding="utf-8"))
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
FAST = jsonschema_rs.validator_for(SCHEMA)
MODELS = table_models(default_table()).record
BASE = synthetic_record(0, mentions=12, events=5, text_chars=600)

Path_ = tuple[str | int, ...]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([0.0, 3.0, -1.0, 1e300])
    | st.text(max_size=8)
    | st.sampled_from(["", "GPE", "deployment", "1.0.0", "m1", "e1", "a b", "0" * 64]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += paths(child, (*prefix, index))
    return out


ALL_PATHS = [p for p in paths(BASE) if p]


def mutate(record: dict[str, Any], path: Path_, how: str, value: Any) -> dict[str, Any]:
    record = copy.deepcopy(record)
    parent: Any = record
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "add_key" and isinstance(parent[last], dict):
        parent[last]["unexpected"] = value
    return record


def verdict_of_models(record: Any) -> bool:
    try:
        MODELS.validate_python(record)
    except ValidationError:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(ALL_PATHS),
    how=st.sampled_from(["replace", "replace", "delete", "add_key"]),
    value=json_values,
)
def test_validators_agree_and_validate_never_crashes(path: Path_, how: str, value: Any) -> None:
    record = mutate(BASE, path, how, value)
    reference = REFERENCE.is_valid(record)
    assert FAST.is_valid(record) == reference
    assert verdict_of_models(record) == reference
    problems = validate_record(record)  # must not raise, whatever the mutation
    assert all(p.code in CODES and p.path.startswith("$") for p in problems)
    if not reference:
        assert problems, "a structurally invalid record must have problems"
        assert all(
            p.code != "EG105" or p.message != "record violates the JSON Schema" for p in problems
        )
