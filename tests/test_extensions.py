"""Project extensions: the example extension end to end, and bad definition files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import DataError, EventgoldError
from eventgold.schema import REGISTRY, active_table, default_table, load_extension
from eventgold.schema.definition import definition_json_schema, load_definition
from eventgold.schema.registry import DEFINITIONS_DIR
from eventgold.testing import RecordBuilder, record_json, synthetic_record
from eventgold.validate import validate_paths, validate_record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "extension"
EXT_FILE = EXAMPLE / "acme-events-0.3.0.yaml"
OLD_EXT_FILE = EXAMPLE / "acme-events-0.2.0.yaml"
BASE_FILE = DEFINITIONS_DIR / "eventgold-1.0.0.yaml"
BASE_JSON = ROOT / "schema" / "event-schema" / "1.0.0.json"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, output


# ------------------------------------------------------------------ the example, end to end


def test_example_records_validate_with_the_project_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(EXAMPLE)  # eventgold.toml here names the extension
    code, out = run("validate", "records.jsonl")
    assert code == 0, out
    assert "valid: 2 record(s)" in out


def test_example_records_validate_with_schema_ext() -> None:
    code, out = run("validate", "--schema-ext", str(EXT_FILE), str(EXAMPLE / "records.jsonl"))
    assert code == 0, out


def test_extension_records_without_the_extension_say_how_to_load_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(REGISTRY, "tables", dict(REGISTRY.tables))
    REGISTRY.tables.pop(("acme-events", "0.3.0"), None)
    monkeypatch.chdir(ROOT)
    code, out = run("validate", str(EXAMPLE / "records.jsonl"))
    assert code == 1
    assert "EG110" in out and "--schema-ext" in out and "eventgold.toml" in out


def test_the_extension_table_has_the_additions_and_the_base() -> None:
    table = load_extension(EXT_FILE)
    base = default_table()
    assert (table.name, table.version, table.base) == (
        "acme-events",
        "0.3.0",
        ("eventgold", "1.0.0"),
    )
    assert set(table.event_types) == set(base.event_types) | {"ceasefire"}
    assert set(table.mention_types) == set(base.mention_types) | {"ARMED_GROUP"}
    deployment = table.event_types["deployment"]
    assert set(deployment.roles) == set(base.event_types["deployment"].roles) | {"commander"}
    assert "ARMED_GROUP" in deployment.roles["deployed"].types
    assert deployment.attributes["status"].values[-1] == "rotated"
    assert table.common_attributes["modality"].values[-1] == "rumoured"
    assert table.event_types["ceasefire"].roles["parties"].min == 2
    # the base table is untouched
    assert "commander" not in base.event_types["deployment"].roles
    assert "rumoured" not in base.common_attributes["modality"].values


def test_records_are_stamped_with_the_extension_name_and_version() -> None:
    table = active_table(EXT_FILE)
    record = synthetic_record(7, table=table, events=12)
    assert (record["schema_name"], record["schema_version"]) == ("acme-events", "0.3.0")
    assert "ceasefire" in {e["type"] for e in record["events"]}
    assert validate_record(record) == []
    built = RecordBuilder("Qatar mediated.", "x", table=table).build()
    assert (built.schema_name, built.schema_version) == ("acme-events", "0.3.0")


def _ceasefire(parties: int) -> dict[str, Any]:
    table = load_extension(EXT_FILE)
    b = RecordBuilder("Israel and Hamas agreed a truce.", "cf-1", table=table)
    ids = [b.mention("Israel", "GPE", normalized="ISR"), b.mention("Hamas", "ARMED_GROUP")]
    b.event("ceasefire", "truce", {"parties": ids[:parties]}, stage="agreed")
    return record_json(b.build())


def test_extension_rules_are_enforced() -> None:
    assert validate_record(_ceasefire(2)) == []
    assert [p.code for p in validate_record(_ceasefire(1))] == ["EG209"]
    as_base = _ceasefire(2) | {"schema_name": "eventgold", "schema_version": "1.0.0"}
    codes = {p.code for p in validate_record(as_base)}
    assert codes == {"EG210", "EG215"}  # ceasefire and ARMED_GROUP are not in the base


def test_export_writes_the_extension_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, out = run("schema", "export", "--out-dir", str(tmp_path))
    assert code == 0, out
    path = tmp_path / "acme-events-0.3.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/acme-events/0.3.0.json")
    assert schema["x-eventgold"]["base"] == {"name": "eventgold", "version": "1.0.0"}
    assert "CeasefireEvent" in schema["$defs"]
    validator = jsonschema.Draft202012Validator(schema)
    for line in (EXAMPLE / "records.jsonl").read_text(encoding="utf-8").splitlines():
        assert validator.is_valid(json.loads(line))
    base_record = json.loads((EXAMPLE / "records.jsonl").read_text().splitlines()[0])
    base_record["events"][0]["type"] = "truce"
    assert not validator.is_valid(base_record)


def test_show_reflects_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, out = run("schema", "show", "--type", "ceasefire")
    assert code == 0
    assert "acme-events 0.3.0" in out
    assert "mediator" in out and "collapsed" in out and "rumoured" in out


# ------------------------------------------------------------------ schema check and extensions


def test_check_between_extension_versions_is_compatible() -> None:
    code, out = run("schema", "check", str(OLD_EXT_FILE), str(EXT_FILE))
    assert code == 0, out
    assert "added role 'mediator'" in out
    assert "added mention type 'ARMED_GROUP'" in out


def test_check_base_against_extension_is_compatible() -> None:
    code, out = run("schema", "check", str(BASE_FILE), str(EXT_FILE), "--format", "json")
    assert code == 0, out
    report = json.loads(out)
    assert report["breaking"] == 0
    assert report["new"] == "acme-events@0.3.0"


def test_check_refuses_a_later_extension_version_that_removes(tmp_path: Path) -> None:
    data = yaml.safe_load(EXT_FILE.read_text(encoding="utf-8"))
    data["version"] = "0.4.0"
    del data["event_types"]["ceasefire"]["roles"]["mediator"]
    newer = tmp_path / "acme-events-0.4.0.yaml"
    newer.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out = run("schema", "check", str(EXT_FILE), str(newer))
    assert code == 1
    assert "EG301" in out and "removed role 'mediator'" in out


def test_check_an_extension_schema_that_lost_base_definitions(tmp_path: Path) -> None:
    """An exported extension schema that removes or narrows its base is refused (EG312)."""
    code, _ = run("schema", "export", "--schema-ext", str(EXT_FILE), "--out-dir", str(tmp_path))
    assert code == 0
    exported = tmp_path / "acme-events-0.3.0.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    deployment = data["x-eventgold"]["event_types"]["deployment"]
    del deployment["roles"]["origin"]
    deployment["roles"]["destination"]["max"] = 1
    exported.write_text(json.dumps(data), encoding="utf-8")
    for extra in ([], ["--allow-major"]):
        code, out = run("schema", "check", str(BASE_JSON), str(exported), *extra)
        assert code == 1
        assert "EG312" in out
        assert "acme-events@0.3.0 may only add to its base eventgold@1.0.0" in out
        assert "removed role 'origin'" in out and "max changed from unbounded to 1" in out


# ------------------------------------------------------------------ bad definition files

EXT_HEAD = "name: acme-bad\nversion: 0.1.0\nextends: {name: eventgold, version: 1.0.0}\n"


def _ceasefire_def(role_line: str) -> str:
    return EXT_HEAD + "event_types:\n  ceasefire:\n    roles:\n" + role_line


BAD_FILES = {
    "unknown key": (
        EXT_HEAD + "event_types:\n  ceasefire:\n    rolez:\n      parties: {types: [GPE]}\n",
        "EG310",
        6,
        "unknown key 'rolez'",
    ),
    "role without allowed types": (
        _ceasefire_def("      parties: {types: []}\n"),
        "EG310",
        7,
        "event_types.ceasefire.roles.parties.types",
    ),
    "role without a types key": (
        _ceasefire_def("      parties: {min: 2}\n"),
        "EG310",
        7,
        "parties.types: Field required",
    ),
    "min greater than max": (
        _ceasefire_def("      parties: {types: [GPE], min: 3, max: 2}\n"),
        "EG310",
        7,
        "min (3) is greater than max (2)",
    ),
    "unknown mention type": (
        _ceasefire_def("      parties: {types: [GPE, TANK]}\n"),
        "EG310",
        7,
        "unknown mention type(s) ['TANK']",
    ),
    "clash with a base event type": (
        EXT_HEAD + "event_types:\n  sanction:\n    roles:\n      imposer: {types: [GPE]}\n",
        "EG312",
        5,
        "event type 'sanction' of eventgold@1.0.0 redefined without role(s)",
    ),
    "clash with a base mention type": (
        EXT_HEAD + "mention_types:\n  GPE: {normalization: place}\n",
        "EG311",
        5,
        "mention type 'GPE' already exists in eventgold@1.0.0",
    ),
    "narrowing a base role": (
        EXT_HEAD + "extend_event_types:\n  deployment:\n    roles:\n"
        "      deployer: {types: [GPE], max: 1}\n",
        "EG312",
        7,
        "drops allowed mention type(s) ['ORG', 'PERSON']",
    ),
    "existing attribute value": (
        EXT_HEAD + "extend_event_types:\n  deployment:\n    attribute_values:\n"
        "      status: [arrived]\n",
        "EG311",
        7,
        "value of deployment.status 'arrived' already exists",
    ),
    "extending a type the base lacks": (
        EXT_HEAD
        + "extend_event_types:\n  election:\n    roles:\n      winner: {types: [PERSON]}\n",
        "EG310",
        5,
        "no event type 'election' in eventgold@1.0.0",
    ),
    "YAML syntax error": (
        EXT_HEAD + "event_types:\n  ceasefire:\n    roles: {parties: [GPE\n",
        "EG310",
        None,
        "YAML syntax error",
    ),
    "duplicate key": (
        _ceasefire_def("      parties: {types: [GPE]}\n      parties: {types: [ORG]}\n"),
        "EG310",
        8,
        "duplicate key",
    ),
    "not semver": (
        "name: acme-bad\nversion: '0.3'\nextends: {name: eventgold, version: 1.0.0}\n",
        "EG310",
        2,
        "version",
    ),
    "bad role name": (
        _ceasefire_def("      Parties: {types: [GPE]}\n"),
        "EG310",
        7,
        "must be lower_snake_case",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_definition_files_name_file_line_and_key(tmp_path: Path, name: str) -> None:
    text, code, line, needle = BAD_FILES[name]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventgoldError) as caught:
        load_extension(path)
    problems = caught.value.problems
    assert any(p.code == code and needle in p.message for p in problems), problems
    problem = next(p for p in problems if needle in p.message)
    assert problem.file == str(path.resolve())
    if line is not None:
        assert problem.line == line, problem
    else:
        assert problem.line is not None
    # and on the command line: no traceback, the file:line and the message
    exit_code, out = run("schema", "show", "--schema-ext", str(path))
    assert exit_code == 1
    assert f"{path.resolve()}:{problem.line}" in out and code in out


def test_unknown_base_version_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ext.yaml"
    path.write_text(EXT_HEAD.replace("1.0.0", "0.9.0"), encoding="utf-8")
    code, out = run("schema", "show", "--schema-ext", str(path))
    assert code == 2 and "EG110" in out and "eventgold@0.9.0" in out


def test_missing_extension_file_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("validate", "--schema-ext", str(tmp_path / "nope.yaml"), str(BASE_JSON))
    assert code == 2 and "EG006" in out


# ------------------------------------------------------------------ the meta-schema


def test_definition_files_validate_against_the_meta_schema() -> None:
    committed = json.loads((ROOT / "schema" / "definition.schema.json").read_text())
    assert committed == definition_json_schema()
    validator = jsonschema.Draft202012Validator(committed)
    for path in (BASE_FILE, EXT_FILE, OLD_EXT_FILE):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], path
        load_definition(path)  # and the loader agrees
    bad = yaml.safe_load(BAD_FILES["unknown key"][0])
    assert not validator.is_valid(bad)
    with pytest.raises(DataError):
        load_definition_text(BAD_FILES["role without allowed types"][0])


def load_definition_text(text: str) -> None:
    from eventgold.schema.definition import parse_definition

    parse_definition(text, "<test>")


def test_validate_paths_library_with_extension() -> None:
    load_extension(EXT_FILE)
    report = validate_paths([EXAMPLE / "records.jsonl"])
    assert report.ok, report.summary()


# ------------------------------------------------------------------ every consumer reads the table


def test_label_studio_config_reflects_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    code, xml = run("studio", "config")
    assert code == 0, xml
    for name in ("ceasefire", "ARMED_GROUP", "mediator", "parties", "commander", "rumoured"):
        assert name in xml, name
    code, _ = run("studio", "config", "--schema-ext", str(BASE_FILE.parent / "none.yaml"))
    assert code == 2  # a missing extension file is a usage error, not a silent fallback


def test_label_studio_config_without_extension_has_none_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    code, xml = run("studio", "config")
    assert code == 0
    assert "ceasefire" not in xml and "ARMED_GROUP" not in xml and "deployment" in xml


def test_brat_annotation_conf_reflects_the_extension() -> None:
    from eventgold.gold.exporters import annotation_conf

    conf = annotation_conf(load_extension(EXT_FILE))
    entities = conf.split("[entities]")[1].split("[relations]")[0].split()
    assert "ARMED_GROUP" in entities
    ceasefire = next(line for line in conf.splitlines() if line.startswith("ceasefire\t"))
    assert "parties" in ceasefire and "ARMED_GROUP" in ceasefire and "mediator" in ceasefire
    deployment = next(line for line in conf.splitlines() if line.startswith("deployment\t"))
    assert "commander" in deployment
    assert "rumoured" in conf and "rotated" in conf
    assert "ceasefire" not in annotation_conf(default_table())


def test_schema_reference_page_reflects_the_extension() -> None:
    from eventgold.schema.reference import schema_reference_markdown

    page = schema_reference_markdown(load_extension(EXT_FILE))
    assert "acme-events 0.3.0 (extends eventgold 1.0.0)" in page
    for name in ("ceasefire", "ARMED_GROUP", "mediator", "commander", "rumoured", "collapsed"):
        assert name in page, name
