"""Compatible attribute values and link penalties: data in the definition file, read by the linker.

The definition file says which values of an attribute can describe one real-world event (an
ordered and an arrived deployment) and how much a difference in a common attribute costs a
cross-document link. These tests change that data and check that the linker, extensions, the
exported table, the reference page and `schema check` follow it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import EventgoldError
from eventgold.gold.link import LinkConfig, event_views, score_event_pair
from eventgold.schema import SchemaTable, default_table, json_schema, load_extension
from eventgold.schema.definition import Definition
from eventgold.schema.reference import schema_reference_markdown
from eventgold.schema.registry import DEFINITIONS_DIR
from eventgold.schema.table import table_from_definition
from eventgold.testing import RecordBuilder

BASE_FILE = DEFINITIONS_DIR / "eventgold-1.0.0.yaml"
TEXT = "Germany sent troops to Lithuania."
EXT_HEAD = "name: acme-compat\nversion: 0.1.0\nextends: {name: eventgold, version: 1.0.0}\n"


def base_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE_FILE.read_text(encoding="utf-8"))
    return data


def table_of(data: dict[str, Any]) -> SchemaTable:
    return table_from_definition(Definition.model_validate(data))


def deployment(doc_id: str, table: SchemaTable, **attrs: str):  # type: ignore[no-untyped-def]
    b = RecordBuilder(TEXT, doc_id, published="2024-04-08", table=table)
    who = b.mention("Germany", "GPE", normalized="DEU")
    where = b.mention("Lithuania", "GPE", normalized="LTU")
    b.event("deployment", "sent", {"deployer": [who], "destination": [where]}, **attrs)
    return event_views(b.build(), table)[0]


def link(table: SchemaTable, a: dict[str, str], b: dict[str, str]):  # type: ignore[no-untyped-def]
    return score_event_pair(
        deployment("a", table, **a), deployment("b", table, **b), table, LinkConfig()
    )


def extension(tmp_path: Path, body: str) -> SchemaTable:
    path = tmp_path / "ext.yaml"
    path.write_text(EXT_HEAD + body, encoding="utf-8")
    return load_extension(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return result.exit_code, output


# ------------------------------------------------------------------ the linker reads the table


def test_the_linker_follows_the_groups_of_the_definition() -> None:
    shipped = default_table()
    assert link(shipped, {"status": "arrived"}, {"status": "withdrawn"}) is None
    data = base_data()
    status = data["event_types"]["deployment"]["attributes"]["status"]
    status["compatible"] = [["arrived", "withdrawn"]]
    changed = table_of(data)
    joined = link(changed, {"status": "arrived"}, {"status": "withdrawn"})
    assert joined is not None
    assert "status compatible (arrived ~ withdrawn)" in joined.evidence
    # ... and the stages of one deployment are no longer compatible in the changed table
    assert link(shipped, {"status": "arrived"}, {"status": "ordered"}) is not None
    assert link(changed, {"status": "arrived"}, {"status": "ordered"}) is None


def test_common_attribute_penalties_come_from_the_definition() -> None:
    shipped = default_table()
    same = link(shipped, {}, {})
    negated = link(shipped, {}, {"polarity": "negative"})
    other_modality = link(shipped, {}, {"modality": "planned"})
    assert same is not None and negated is not None and other_modality is not None
    assert "polarity differs" in negated.evidence
    assert negated.score == pytest.approx(same.score - 0.2, abs=1e-4)
    assert other_modality.score == same.score  # modality has no link penalty
    data = base_data()
    data["common_attributes"]["polarity"]["link_penalty"] = 0.5
    data["common_attributes"]["modality"]["link_penalty"] = 0.3
    data["common_attributes"]["modality"]["compatible"] = [["asserted", "reported"]]
    changed = table_of(data)
    base = link(changed, {}, {})
    assert base is not None
    negated = link(changed, {}, {"polarity": "negative"})
    planned = link(changed, {"modality": "asserted"}, {"modality": "planned"})
    reported = link(changed, {"modality": "asserted"}, {"modality": "reported"})
    assert negated is not None and negated.score == pytest.approx(base.score - 0.5, abs=1e-4)
    assert planned is not None and "modality differs" in planned.evidence
    assert planned.score == pytest.approx(base.score - 0.3, abs=1e-4)
    assert reported is not None and reported.score == base.score


# ------------------------------------------------------------------ extensions


def test_an_added_value_is_compatible_only_with_itself_by_default(tmp_path: Path) -> None:
    table = extension(
        tmp_path, "extend_event_types:\n  deployment:\n    attribute_values: {status: [rotated]}\n"
    )
    status = table.event_types["deployment"].attributes["status"]
    assert (
        status.compatible
        == default_table().event_types["deployment"].attributes["status"].compatible
    )
    assert link(table, {"status": "rotated"}, {"status": "arrived"}) is None
    assert link(table, {"status": "rotated"}, {"status": "rotated"}) is not None


def test_an_extension_can_join_its_value_to_a_base_group(tmp_path: Path) -> None:
    table = extension(
        tmp_path,
        "extend_event_types:\n  deployment:\n    attribute_values: {status: [rotated, recalled]}\n"
        "    attribute_compatible: {status: [[rotated, arrived], [recalled, withdrawn]]}\n",
    )
    status = table.event_types["deployment"].attributes["status"]
    assert status.compatible == (
        ("ordered", "under_way", "arrived", "rotated"),
        ("withdrawn", "recalled"),
    )
    joined = link(table, {"status": "ordered"}, {"status": "rotated"})
    assert joined is not None and "status compatible (ordered ~ rotated)" in joined.evidence
    assert link(table, {"status": "rotated"}, {"status": "recalled"}) is None


def test_an_extension_common_attribute_carries_its_groups_and_penalty(tmp_path: Path) -> None:
    table = extension(
        tmp_path,
        "common_attributes:\n  certainty:\n    values: [low, medium, high]\n"
        "    compatible: [[medium, high]]\n    link_penalty: 0.25\n",
    )
    base = link(table, {"certainty": "high"}, {"certainty": "high"})
    close = link(table, {"certainty": "high"}, {"certainty": "medium"})
    far = link(table, {"certainty": "high"}, {"certainty": "low"})
    assert base is not None and close is not None and far is not None
    assert close.score == base.score
    assert "certainty differs" in far.evidence
    assert far.score == pytest.approx(base.score - 0.25, abs=1e-4)


BAD = {
    "group joining two base groups": (
        "extend_event_types:\n  deployment:\n    attribute_values: {status: [rotated]}\n"
        "    attribute_compatible: {status: [[rotated, arrived, withdrawn]]}\n",
        "would make base values ['arrived', 'withdrawn'] compatible",
        7,
    ),
    "group of base values only": (
        "extend_event_types:\n  deployment:\n    attribute_values: {status: [rotated]}\n"
        "    attribute_compatible: {status: [[arrived, withdrawn]]}\n",
        "adds no new value",
        7,
    ),
    "groups without added values": (
        "extend_event_types:\n  deployment:\n    attribute_compatible: {status: [[ordered, x]]}\n",
        "no values of 'status' added by this extension",
        6,
    ),
    "common groups without added values": (
        "common_attribute_compatible:\n  modality: [[asserted, reported]]\n",
        "no values of 'modality' added by this extension",
        5,
    ),
    "unknown value in a group": (
        "event_types:\n  truce:\n    roles: {parties: {types: [GPE]}}\n    attributes:\n"
        "      stage: {values: [agreed, broken], compatible: [[agreed, signed]]}\n",
        "names unknown value(s) ['signed']",
        8,
    ),
    "value in two groups": (
        "common_attributes:\n  certainty:\n    values: [low, medium, high]\n"
        "    compatible: [[low, medium], [medium, high]]\n",
        "value(s) ['medium'] in more than one compatible group",
        7,
    ),
    "one-value group": (
        "common_attributes:\n  certainty:\n    values: [low, high]\n    compatible: [[low]]\n",
        "needs two or more different values",
        7,
    ),
    "link penalty on a type-specific attribute": (
        "event_types:\n  truce:\n    roles: {parties: {types: [GPE]}}\n    attributes:\n"
        "      stage:\n        values: [agreed, broken]\n        link_penalty: 0.2\n",
        "link_penalty is for common attributes",
        10,
    ),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_groups_name_file_line_and_key(tmp_path: Path, name: str) -> None:
    body, needle, line = BAD[name]
    path = tmp_path / "ext.yaml"
    path.write_text(EXT_HEAD + body, encoding="utf-8")
    with pytest.raises(EventgoldError) as caught:
        load_extension(path)
    problems = [p for p in caught.value.problems if needle in p.message]
    assert problems, caught.value.problems
    assert problems[0].code == "EG310"
    assert problems[0].file == str(path.resolve()) and problems[0].line == line, problems[0]
    code, out = run("schema", "show", "--schema-ext", str(path))
    assert code == 1 and f"{path.resolve()}:{line}" in out


# ------------------------------------------------------------------ exported table, docs, check


def test_the_exported_table_and_the_reference_page_show_the_groups() -> None:
    table = default_table()
    exported = json_schema(table)["x-eventgold"]
    status = exported["event_types"]["deployment"]["attributes"]["status"]
    assert status["compatible"] == [["ordered", "under_way", "arrived"]]
    assert exported["common_attributes"]["polarity"]["link_penalty"] == 0.2
    page = schema_reference_markdown(table)
    assert "`ordered` ~ `under_way` ~ `arrived`; any other value only with itself" in page
    assert "each value only with itself; penalty 0.2" in page


def _variant(tmp_path: Path, data: dict[str, Any], version: str) -> Path:
    data = copy.deepcopy(data)
    data["version"] = version
    path = tmp_path / f"eventgold-{version}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_schema_check_reports_changed_groups_as_compatible(tmp_path: Path) -> None:
    data = base_data()
    old = _variant(tmp_path, data, "1.0.0")
    status = data["event_types"]["deployment"]["attributes"]["status"]
    status["compatible"] = [["ordered", "under_way"]]
    data["common_attributes"]["genericity"]["link_penalty"] = 0.3
    new = _variant(tmp_path, data, "1.1.0")
    code, out = run("schema", "check", str(old), str(new), "--format", "json")
    assert code == 0, out
    messages = [c["message"] for c in json.loads(out)["changes"]]
    assert "values 'ordered' and 'arrived' no longer compatible (linking)" in messages
    assert "values 'under_way' and 'arrived' no longer compatible (linking)" in messages
    assert "link_penalty changed from 0.1 to 0.3" in messages
    code, out = run("schema", "check", str(new), str(old), "--format", "json")
    changes = json.loads(out)["changes"]
    assert code == 0 and all(c["severity"] == "compatible" for c in changes)
    assert "values 'ordered' and 'arrived' now compatible (linking)" in [
        c["message"] for c in changes
    ]


def test_schema_check_reads_exports_written_before_groups_existed(tmp_path: Path) -> None:
    exported = json_schema(default_table())
    for attr in exported["x-eventgold"]["common_attributes"].values():
        del attr["compatible"], attr["link_penalty"]
    for etype in exported["x-eventgold"]["event_types"].values():
        for attr in etype["attributes"].values():
            del attr["compatible"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(exported), encoding="utf-8")
    code, out = run("schema", "check", str(old), str(BASE_FILE), "--format", "json")
    assert code == 0, out
    messages = [c["message"] for c in json.loads(out)["changes"]]
    assert "values 'ordered' and 'arrived' now compatible (linking)" in messages
    assert "link_penalty changed from 0.0 to 0.2" in messages
