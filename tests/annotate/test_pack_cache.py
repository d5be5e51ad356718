"""A rule pack is read and checked once per process for the same content and table."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from eventgold.annotate import Annotator, load_pack
from eventgold.annotate import packs as packs_module
from eventgold.annotate.packs import RulePack
from eventgold.errors import DataError, Problem
from eventgold.schema import SchemaTable, default_table


def _pack(tmp_path: Path, trigger_word: str = "deploy") -> dict[str, object]:
    return {
        "name": "cache-test",
        "version": "0.1.0",
        # Unique per test: the cache lives as long as the process.
        "description": str(tmp_path),
        "mentions": [
            {"id": "m.troops", "label": "MILITARY_UNIT", "pattern": [{"LOWER": "troops"}]}
        ],
        "triggers": [
            {"id": "t.deploy", "event": "deployment", "pattern": [{"LEMMA": trigger_word}]}
        ],
    }


def _write(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the packs that went through the semantic check."""
    seen: list[str] = []
    check: Callable[[RulePack, SchemaTable], list[Problem]] = packs_module.check_pack

    def counting(pack: RulePack, table: SchemaTable) -> list[Problem]:
        seen.append(pack.name)
        return check(pack, table)

    monkeypatch.setattr(packs_module, "check_pack", counting)
    return seen


def test_check_then_annotator_checks_the_pack_once(tmp_path: Path, checks: list[str]) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path))
    table = default_table()
    checked = Annotator.check(path, table)
    annotator = Annotator(path, table)
    assert checks == ["cache-test"]
    assert annotator.pack == checked
    assert annotator.pack.rules_version == "cache-test-0.1.0"


def test_each_call_gets_its_own_copy(tmp_path: Path) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path))
    first = load_pack(path, default_table())
    first.triggers.clear()
    first.description = "changed by a caller"
    again = load_pack(path, default_table())
    assert [t.id for t in again.triggers] == ["t.deploy"]
    assert again.description == str(tmp_path)


def test_a_changed_file_is_read_again(tmp_path: Path, checks: list[str]) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path, "deploy"))
    assert load_pack(path, default_table()).triggers[0].pattern == [{"LEMMA": "deploy"}]
    # Same path, same size, rewritten at once: only the content tells the two apart.
    _write(path, _pack(tmp_path, "send"))
    assert load_pack(path, default_table()).triggers[0].pattern == [{"LEMMA": "send"}]
    assert len(checks) == 2


def test_a_file_changed_into_a_bad_pack_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path))
    load_pack(path, default_table())
    bad = _pack(tmp_path)
    bad["triggers"] = [{"id": "t.coup", "event": "coup", "pattern": [{"LOWER": "coup"}]}]
    _write(path, bad)
    with pytest.raises(DataError) as info:
        load_pack(path, default_table())
    [problem] = info.value.problems
    assert (problem.code, problem.path, problem.file) == ("EG402", "$.triggers[0].event", str(path))


def test_a_bad_pack_fails_every_time_with_the_same_problems(tmp_path: Path) -> None:
    bad = _pack(tmp_path)
    bad["mentions"] = [{"id": "m.ship", "label": "SHIP", "pattern": [{"LOWER": "ship"}]}]
    path = _write(tmp_path / "pack.yaml", bad)
    found = []
    for _ in range(2):
        with pytest.raises(DataError) as info:
            load_pack(path, default_table())
        found.append([p.to_dict() for p in info.value.problems])
    assert found[0] == found[1] and found[0][0]["code"] == "EG404"


def test_another_table_is_checked_again(tmp_path: Path, checks: list[str]) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path))
    table = default_table()
    load_pack(path, table)
    renamed = dataclasses.replace(table, name="other")
    with pytest.raises(DataError) as info:
        load_pack(path, renamed)  # the pack names schema eventgold
    assert info.value.problems[0].code == "EG402"
    load_pack(path, table)
    assert len(checks) == 2


def test_same_content_under_another_name_is_not_checked_again(
    tmp_path: Path, checks: list[str]
) -> None:
    data = _pack(tmp_path)
    load_pack(_write(tmp_path / "a.yaml", data), default_table())
    copy = load_pack(_write(tmp_path / "b.yaml", data), default_table())
    assert checks == ["cache-test"] and copy.name == "cache-test"


def test_a_pack_that_disappears_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "pack.yaml", _pack(tmp_path))
    load_pack(path, default_table())
    path.unlink()
    with pytest.raises(DataError) as info:
        load_pack(path, default_table())
    assert info.value.problems[0].message == f"no rule pack at {path}"
