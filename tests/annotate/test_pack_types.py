"""The mention types the engine treats specially are rule-pack data, checked against the table.

`person_type` (what titles anchor; canonical names without the title; short forms resolved to
the full name) and `counted_types` (nouns that give a quantity before them its unit) are named in
the pack, not in code: a pack that names other types changes the behaviour, a pack that names
unknown types is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventgold.annotate import DEFAULT_PACK, Annotator, load_pack
from eventgold.errors import DataError
from eventgold.schema import DocumentRecord, default_table, new_document

TEXT = (
    "Foreign Minister Ana Lopez arrived. Ms. Lopez said Ruritania sent about 3,000 troops "
    "to the border."
)


def _core() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _normalized(record: DocumentRecord, mention_type: str) -> dict[str, str | None]:
    return {m.text: m.normalized for m in record.mentions if m.type == mention_type}


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("person_type", "PEOPLE", "$.person_type"),
        ("counted_types", ["MILITARY_UNIT", "SHIP"], "$.counted_types"),
    ],
)
def test_unknown_types_are_refused_with_their_path(
    tmp_path: Path, key: str, value: object, path: str
) -> None:
    data = _core()
    data[key] = value
    with pytest.raises(DataError) as info:
        load_pack(_write(tmp_path, data), default_table())
    problems = [(p.code, p.path) for p in info.value.problems]
    assert problems == [("EG404", path)]


def test_the_pack_decides_which_types_are_people_and_counted(
    annotator: Annotator, tmp_path: Path
) -> None:
    shipped = annotator.annotate(new_document("t", TEXT, published="2024-03-06"))
    assert _normalized(shipped, "PERSON") == {
        "Foreign Minister Ana Lopez": "Ana Lopez",
        "Ms. Lopez": "Ana Lopez",
    }
    assert _normalized(shipped, "QUANTITY") == {"about 3,000": "~3000 troops"}

    data = _core()
    data["person_type"] = None
    data["counted_types"] = ["WEAPON"]
    other = Annotator(_write(tmp_path, data))
    record = other.annotate(new_document("t", TEXT, published="2024-03-06"))
    people = _normalized(record, "PERSON")
    assert people and all(value is None for value in people.values())  # no title-stripped names
    assert _normalized(record, "QUANTITY") == {"about 3,000": "~3000"}  # troops count no more
