"""Rule packs are data: loading validates them against the schema table and names the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventgold.annotate import DEFAULT_PACK, check_pack, load_pack
from eventgold.annotate.packs import RulePack
from eventgold.errors import DataError
from eventgold.schema import default_table


def _pack(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "test",
        "version": "0.1.0",
        "schema": "eventgold",
        "mentions": [
            {"id": "m.troops", "label": "MILITARY_UNIT", "pattern": [{"LOWER": "troops"}]}
        ],
        "triggers": [
            {"id": "t.deploy", "event": "deployment", "pattern": [{"LEMMA": "deploy"}]},
        ],
        "events": {"deployment": {"slots": {"deployer": [{"where": "subject"}]}}},
    }
    base.update(changes)
    return base


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _problems(tmp_path: Path, data: object) -> list[tuple[str, str, str]]:
    with pytest.raises(DataError) as info:
        load_pack(_write(tmp_path, data), default_table())
    for p in info.value.problems:
        assert p.file is not None and p.file.endswith("pack.yaml")
    return [(p.code, p.path, p.message) for p in info.value.problems]


def test_default_pack_is_valid_against_the_table() -> None:
    pack = load_pack(DEFAULT_PACK, default_table())
    assert check_pack(pack, default_table()) == []
    assert pack.rules_version == f"core-{pack.version}"
    table = default_table()
    # Every event type of the table has triggers and argument slots in the core pack.
    assert {t.event for t in pack.triggers} == set(table.event_types)
    assert set(pack.events) == set(table.event_types)


def test_minimal_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(_write(tmp_path, _pack()), default_table())
    assert isinstance(pack, RulePack)
    assert [t.id for t in pack.triggers] == ["t.deploy"]


def test_unknown_event_type_names_the_rule(tmp_path: Path) -> None:
    data = _pack(triggers=[{"id": "t.coup", "event": "coup", "pattern": [{"LOWER": "coup"}]}])
    [(code, path, message)] = _problems(tmp_path, data)
    assert code == "EG402" and path == "$.triggers[0].event"
    assert "t.coup" in message and "coup" in message


def test_unknown_role_is_reported(tmp_path: Path) -> None:
    data = _pack(events={"deployment": {"slots": {"general": [{"where": "subject"}]}}})
    [(code, path, _)] = _problems(tmp_path, data)
    assert (code, path) == ("EG403", "$.events.deployment.slots.general")


def test_slot_type_outside_the_role_types(tmp_path: Path) -> None:
    slots = {"deployer": [{"where": "subject", "types": ["WEAPON"]}]}
    data = _pack(events={"deployment": {"slots": slots}})
    [(code, path, message)] = _problems(tmp_path, data)
    assert code == "EG404" and path.endswith("deployer[0].types") and "WEAPON" in message


def test_unknown_mention_label_names_the_rule(tmp_path: Path) -> None:
    data = _pack(mentions=[{"id": "m.ship", "label": "SHIP", "pattern": [{"LOWER": "ship"}]}])
    [(code, _, message)] = _problems(tmp_path, data)
    assert code == "EG404" and "m.ship" in message


def test_invalid_spacy_pattern_names_the_rule(tmp_path: Path) -> None:
    bad = [{"LOWER": {"IN": "not-a-list"}}]
    data = _pack(triggers=[{"id": "t.bad", "event": "deployment", "pattern": bad}])
    [(code, path, message)] = _problems(tmp_path, data)
    assert code == "EG405" and path == "$.triggers[0].pattern" and "t.bad" in message


def test_duplicate_rule_id(tmp_path: Path) -> None:
    trig = {"id": "m.troops", "event": "deployment", "pattern": [{"LEMMA": "deploy"}]}
    [(code, path, message)] = _problems(tmp_path, _pack(triggers=[trig]))
    assert code == "EG406" and path == "$.triggers[0].id" and "m.troops" in message


def test_attribute_value_not_in_table(tmp_path: Path) -> None:
    trig = {
        "id": "t.veto",
        "event": "un_action",
        "pattern": [{"LEMMA": "veto"}],
        "attributes": {"action": "shout"},
    }
    [(code, _, message)] = _problems(tmp_path, _pack(triggers=[trig]))
    assert code == "EG407" and "shout" in message and "t.veto" in message


def test_structure_errors_carry_the_json_path(tmp_path: Path) -> None:
    data = _pack(triggers=[{"id": "t.x", "event": "deployment", "pattern": [], "colour": "red"}])
    problems = _problems(tmp_path, data)
    assert ("EG401", "$.triggers[0].colour") in [(c, p) for c, p, _ in problems]


def test_yaml_boolean_words_are_caught(tmp_path: Path) -> None:
    # YAML 1.1 reads a bare `on` as true: the loader refuses it instead of matching "True".
    path = tmp_path / "pack.yaml"
    text = yaml.safe_dump(_pack()).replace(
        "slots:\n", "slots:\n      target: [{where: after, words: [on]}]\n", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_pack(path, default_table())
    assert any(p.code == "EG401" and "words" in p.path for p in info.value.problems)


def test_missing_and_unparsable_files(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_pack(tmp_path / "nope.yaml", default_table())
    assert info.value.problems[0].code == "EG401"
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_pack(broken, default_table())
    assert info.value.problems[0].code == "EG401"
