"""``eventgold schema``: check (breaking vs compatible), show, export, and the upgraders."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.schema import REGISTRY, json_schema_text, upgrade_record, upgrader
from eventgold.schema.definition import Definition
from eventgold.schema.registry import DEFINITIONS_DIR
from eventgold.schema.table import table_from_definition
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_record

BASE_FILE = DEFINITIONS_DIR / "eventgold-1.0.0.yaml"
Mutation = Callable[[dict[str, Any]], None]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, output


def base_definition() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE_FILE.read_text(encoding="utf-8"))
    return data


def variant(folder: Path, mutate: Mutation, version: str = "1.1.0") -> Path:
    """A definition file: the shipped one, changed by ``mutate``, as ``version``."""
    data = copy.deepcopy(base_definition())
    mutate(data)
    data["version"] = version
    path = folder / f"eventgold-{version}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def as_json_schema(definition_file: Path) -> Path:
    """Export a definition file's JSON Schema (what `schema check` compares in CI)."""
    defn = Definition.model_validate(yaml.safe_load(definition_file.read_text(encoding="utf-8")))
    path = definition_file.with_suffix(".json")
    path.write_text(json_schema_text(table_from_definition(defn)), encoding="utf-8")
    return path


def roles(data: dict[str, Any], etype: str) -> dict[str, Any]:
    result: dict[str, Any] = data["event_types"][etype]["roles"]
    return result


def drop_value(attribute: dict[str, Any], value: str) -> None:
    """Remove a value as a definition author would: from the values and compatible groups."""
    attribute["values"].remove(value)
    groups = [[v for v in group if v != value] for group in attribute.get("compatible", ())]
    attribute["compatible"] = [group for group in groups if len(group) > 1]


def drop_mention_type(data: dict[str, Any], name: str) -> None:
    data["mention_types"].pop(name)
    for edef in data["event_types"].values():
        for role, rdef in list(edef["roles"].items()):
            rdef["types"] = [t for t in rdef["types"] if t != name]
            if not rdef["types"]:
                del edef["roles"][role]


BREAKING: dict[str, tuple[Mutation, str]] = {
    "removed event type": (lambda d: d["event_types"].pop("sanction"), "removed event type"),
    "removed role": (lambda d: roles(d, "deployment").pop("origin"), "removed role 'origin'"),
    "removed mention type": (
        lambda d: drop_mention_type(d, "ISSUE"),
        "removed mention type 'ISSUE'",
    ),
    "removed enum value": (
        lambda d: d["common_attributes"]["modality"]["values"].remove("requested"),
        "removed value 'requested'",
    ),
    "removed type-specific value": (
        lambda d: drop_value(d["event_types"]["un_action"]["attributes"]["action"], "veto"),
        "removed value 'veto'",
    ),
    "removed allowed mention type": (
        lambda d: roles(d, "deployment")["deployer"]["types"].remove("PERSON"),
        "removed allowed mention type 'PERSON'",
    ),
    "narrowed max": (
        lambda d: roles(d, "deployment")["destination"].update(max=1),
        "max changed from unbounded to 1",
    ),
    "raised min": (lambda d: roles(d, "sanction")["imposer"].update(min=1), "min raised from 0"),
}
COMPATIBLE: dict[str, tuple[Mutation, str]] = {
    "new event type": (
        lambda d: d["event_types"].update(
            ceasefire={"roles": {"parties": {"types": ["GPE", "ORG"]}}}
        ),
        "added event type 'ceasefire'",
    ),
    "new role": (
        lambda d: roles(d, "sanction").update(mediator={"types": ["ORG"]}),
        "added role 'mediator'",
    ),
    "new enum value": (
        lambda d: d["common_attributes"]["tense"]["values"].append("habitual"),
        "added value 'habitual'",
    ),
    "widened max": (
        lambda d: roles(d, "deployment")["deployer"].pop("max"),
        "max changed from 1 to unbounded",
    ),
    "new mention type": (
        lambda d: d["mention_types"].update(VEHICLE={"normalization": "name"}),
        "added mention type 'VEHICLE'",
    ),
}


@pytest.mark.parametrize("name", BREAKING)
def test_breaking_changes_exit_1(tmp_path: Path, name: str) -> None:
    mutate, expected = BREAKING[name]
    old = as_json_schema(variant(tmp_path, lambda d: None, "1.0.0"))
    new = as_json_schema(variant(tmp_path, mutate))
    code, out = run("schema", "check", str(old), str(new))
    assert code == 1
    assert "breaking" in out and expected in out
    assert "EG301" in out


@pytest.mark.parametrize("name", COMPATIBLE)
def test_compatible_changes_exit_0(tmp_path: Path, name: str) -> None:
    mutate, expected = COMPATIBLE[name]
    old = as_json_schema(variant(tmp_path, lambda d: None, "1.0.0"))
    new = as_json_schema(variant(tmp_path, mutate))
    code, out = run("schema", "check", str(old), str(new), "--format", "json")
    assert code == 0, out
    report = json.loads(out)
    assert report["breaking"] == 0 and not report["refused"]
    messages = [c["message"] for c in report["changes"]]
    assert any(expected in m for m in messages), messages
    assert all(c["severity"] == "compatible" for c in report["changes"])


def test_definition_files_can_be_compared_directly(tmp_path: Path) -> None:
    new = variant(tmp_path, BREAKING["removed role"][0])
    code, out = run("schema", "check", str(BASE_FILE), str(new))
    assert code == 1
    assert "removed role 'origin'" in out


def test_major_bump_accepts_breaking_change_with_allow_major(tmp_path: Path) -> None:
    new = as_json_schema(variant(tmp_path, BREAKING["removed event type"][0], "2.0.0"))
    old = Path("schema/event-schema/1.0.0.json").resolve()
    assert run("schema", "check", str(old), str(new))[0] == 1
    assert run("schema", "check", str(old), str(new), "--allow-major")[0] == 0
    minor = as_json_schema(variant(tmp_path, BREAKING["removed event type"][0], "1.1.0"))
    assert run("schema", "check", str(old), str(minor), "--allow-major")[0] == 1


def _edit_json_schema(path: Path, edit: Callable[[dict[str, Any]], None], out: Path) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_new_required_field_is_breaking_new_optional_is_compatible(tmp_path: Path) -> None:
    old = as_json_schema(variant(tmp_path, lambda d: None, "1.0.0"))

    def required(data: dict[str, Any]) -> None:
        document = data["$defs"]["Document"]
        document["properties"]["country"] = {"type": "string"}
        document["required"].append("country")

    def optional(data: dict[str, Any]) -> None:
        data["$defs"]["Document"]["properties"]["country"] = {"type": "string"}

    new = _edit_json_schema(old, required, tmp_path / "required.json")
    code, out = run("schema", "check", str(old), str(new))
    assert code == 1 and "new required field 'country'" in out
    new = _edit_json_schema(old, optional, tmp_path / "optional.json")
    code, out = run("schema", "check", str(old), str(new))
    assert code == 0 and "new optional field 'country'" in out


def test_identical_schemas_have_no_changes() -> None:
    committed = "schema/event-schema/1.0.0.json"
    code, out = run("schema", "check", committed, committed, "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []


@pytest.mark.parametrize(
    ("content", "code"),
    [("not json", "EG303"), ('{"type": "object"}', "EG303")],
)
def test_check_refuses_files_that_are_not_schemas(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    exit_code, out = run("schema", "check", str(path), "schema/event-schema/1.0.0.json")
    assert exit_code == 1 and code in out


def test_check_missing_file_is_usage_error(tmp_path: Path) -> None:
    code, out = run("schema", "check", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 2 and "EG006" in out


def test_checking_a_candidate_does_not_register_it(tmp_path: Path) -> None:
    before = dict(REGISTRY.tables)
    run("schema", "check", str(BASE_FILE), str(variant(tmp_path, lambda d: None, "7.0.0")))
    assert REGISTRY.latest() == "1.0.0"
    assert set(REGISTRY.tables) == set(before)


# ---------------------------------------------------------------- show / export


def test_show_lists_every_type_role_and_value() -> None:
    code, out = run("schema", "show")
    assert code == 0
    data = base_definition()
    for etype, edef in data["event_types"].items():
        assert etype in out
        for role in edef["roles"]:
            assert role in out
        for attr in edef.get("attributes", {}).values():
            assert all(value in out for value in attr["values"])


def test_show_one_type_as_json() -> None:
    code, out = run("schema", "show", "--type", "sanction", "--json")
    assert code == 0
    shown = json.loads(out)
    assert list(shown["event_types"]) == ["sanction"]
    assert set(shown["event_types"]["sanction"]["roles"]) == set(
        base_definition()["event_types"]["sanction"]["roles"]
    )


def test_show_unknown_type_is_usage_error() -> None:
    code, out = run("schema", "show", "--type", "election")
    assert code == 2 and "EG210" in out and "deployment" in out


def test_export_writes_the_committed_schema(tmp_path: Path) -> None:
    code, out = run("schema", "export", "--out-dir", str(tmp_path))
    assert code == 0 and "wrote" in out
    written = tmp_path / "1.0.0.json"
    committed = Path(__file__).resolve().parent.parent / "schema/event-schema/1.0.0.json"
    assert written.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    assert json.loads(written.read_text())["$id"].endswith("/eventgold/1.0.0.json")


# ---------------------------------------------------------------- upgraders (test-only 1.1.0)


@pytest.fixture
def version_1_1(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test-only eventgold 1.1.0 (renamed value, new required attribute) and its upgrader."""
    monkeypatch.setattr(REGISTRY, "tables", dict(REGISTRY.tables))
    monkeypatch.setattr(REGISTRY, "upgraders", dict(REGISTRY.upgraders))
    data = base_definition()
    data["version"] = "1.1.0"
    status = data["event_types"]["deployment"]["attributes"]["status"]
    for values in (status["values"], *status["compatible"]):
        values[values.index("under_way")] = "in_progress"
    data["common_attributes"]["reliability"] = {"values": ["unknown", "low", "high"]}
    REGISTRY.add_table(table_from_definition(Definition.model_validate(data)))

    @upgrader("1.0.0", "1.1.0")
    def rename_under_way_add_reliability(record: dict[str, Any]) -> dict[str, Any]:
        for event in record.get("events", ()):
            attributes = event["attributes"]
            if attributes.get("status") == "under_way":
                attributes["status"] = "in_progress"
            attributes.setdefault("reliability", "unknown")
        return record

    yield


def old_record() -> dict[str, Any]:
    b = RecordBuilder(
        "Russia is moving troops to Kursk.", "doc-up", table=REGISTRY.table("eventgold", "1.0.0")
    )
    russia = b.mention("Russia", "GPE", normalized="RUS")
    troops = b.mention("troops", "MILITARY_UNIT")
    b.event(
        "deployment", "moving", {"deployer": [russia], "deployed": [troops]}, status="under_way"
    )
    return record_json(b.build())


@pytest.mark.usefixtures("version_1_1")
def test_upgrader_migrates_records_to_the_new_version() -> None:
    record = old_record()
    assert validate_record(record) == []
    moved = copy.deepcopy(record)
    moved["schema_version"] = "1.1.0"
    assert {p.code for p in validate_record(moved)} == {"EG101", "EG216"}
    upgraded = upgrade_record(record)
    assert upgraded["schema_version"] == "1.1.0"
    assert upgraded["events"][0]["attributes"]["status"] == "in_progress"
    assert validate_record(upgraded) == []


@pytest.mark.usefixtures("version_1_1")
def test_schema_upgrade_command(tmp_path: Path) -> None:
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(old_record()) + "\n", encoding="utf-8")
    target = tmp_path / "new.jsonl"
    code, out = run("schema", "upgrade", str(source), "--output", str(target))
    assert code == 0, out
    upgraded = json.loads(target.read_text(encoding="utf-8"))
    assert upgraded["schema_version"] == "1.1.0"
    assert validate_record(upgraded) == []


@pytest.mark.usefixtures("version_1_1")
def test_no_upgrade_path_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(old_record()) + "\n", encoding="utf-8")
    target = tmp_path / "new.jsonl"
    code, out = run("schema", "upgrade", str(source), "-o", str(target), "--to", "0.9.0")
    assert code == 1 and "EG302" in out
    assert not target.exists()


def test_upgrade_to_same_version_is_identity() -> None:
    record = old_record()
    assert upgrade_record(copy.deepcopy(record), "1.0.0") == record
