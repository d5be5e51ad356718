"""Classify the differences between two schema versions as breaking or compatible.

Inputs are exported JSON Schema files (which embed the resolved table under
``x-eventgold``) or definition files (base or extension). Breaking: a removed mention type,
event type, role, attribute, attribute value or allowed role type, a narrowed cardinality, a
new required field or a removed property. Compatible: the reverse additions and widenings, and
any change of which attribute values are compatible or of a link penalty: those only steer
cross-document linking, so every record valid before stays valid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema.dynamic import json_schema, table_to_dict
from eventgold.schema.registry import _table_from_file

Severity = Literal["breaking", "compatible"]


@dataclass(frozen=True)
class Change:
    severity: Severity
    path: str
    message: str


@dataclass(frozen=True)
class LoadedSchema:
    name: str
    version: str
    table: dict[str, Any]
    json_schema: dict[str, Any]


class _Loose(BaseModel):
    # Newer exports may add keys; only the shape the comparison reads is checked.
    model_config = ConfigDict(extra="ignore", strict=True)


class _EmbeddedValues(_Loose):
    values: list[str]
    # Exports written before compatible groups and link penalties existed have neither.
    compatible: list[list[str]] = Field(default_factory=list)
    link_penalty: float = 0.0


class _EmbeddedRole(_Loose):
    types: list[str]
    min: int = Field(ge=0)
    max: int | None


class _EmbeddedEventType(_Loose):
    roles: dict[str, _EmbeddedRole]
    attributes: dict[str, _EmbeddedValues]


class _EmbeddedTable(_Loose):
    """The ``x-eventgold`` table as :func:`table_to_dict` writes it."""

    name: str
    version: str = Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+")
    mention_types: dict[str, dict[str, Any]]
    common_attributes: dict[str, _EmbeddedValues]
    event_types: dict[str, _EmbeddedEventType]


def _embedded_table(data: dict[str, Any], file: str) -> dict[str, Any]:
    try:
        _EmbeddedTable.model_validate(data)
    except ValidationError as exc:
        raise DataError(
            [
                Problem(
                    "EG303",
                    f"x-eventgold table: {err['msg']}",
                    ".".join(["$.x-eventgold", *(str(part) for part in err["loc"])]),
                    file,
                )
                for err in exc.errors()
            ]
        ) from None
    return data


def load_schema_file(path: str | Path) -> LoadedSchema:
    """Load an exported JSON Schema or a definition file for comparison."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(Problem("EG006", f"no such file: {path}", "$", str(path)))
    if path.suffix in (".yaml", ".yml"):
        # Only compared: not registered, so checking a candidate version never changes which
        # versions validate and upgrade know.
        table = _table_from_file(path.resolve())
        return LoadedSchema(table.name, table.version, table_to_dict(table), json_schema(table))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(Problem("EG303", f"not a JSON file: {exc}", "$", str(path))) from None
    if not isinstance(data, dict) or not isinstance(data.get("x-eventgold"), dict):
        raise DataError(
            Problem(
                "EG303", "not an eventgold JSON Schema (no 'x-eventgold' table)", "$", str(path)
            )
        )
    embedded = _embedded_table(data["x-eventgold"], str(path))
    return LoadedSchema(str(embedded["name"]), str(embedded["version"]), embedded, data)


def _values_diff(old: list[str], new: list[str], path: str, what: str, out: list[Change]) -> None:
    for value in old:
        if value not in new:
            out.append(Change("breaking", path, f"removed {what} {value!r}"))
    for value in new:
        if value not in old:
            out.append(Change("compatible", path, f"added {what} {value!r}"))


def _keys_diff(
    old: dict[str, Any], new: dict[str, Any], path: str, what: str, out: list[Change]
) -> list[str]:
    for key in old:
        if key not in new:
            out.append(Change("breaking", f"{path}.{key}", f"removed {what} {key!r}"))
    for key in new:
        if key not in old:
            out.append(Change("compatible", f"{path}.{key}", f"added {what} {key!r}"))
    return [key for key in old if key in new]


def _compatibility_diff(
    old: dict[str, Any], new: dict[str, Any], path: str, out: list[Change]
) -> None:
    """Pairs of values (present in both) whose compatibility for linking changed."""

    def compatible(attr: dict[str, Any], a: str, b: str) -> bool:
        return any(a in group and b in group for group in attr.get("compatible", ()))

    kept = [v for v in old["values"] if v in new["values"]]
    for index, a in enumerate(kept):
        for b in kept[index + 1 :]:
            before, after = compatible(old, a, b), compatible(new, a, b)
            if before != after:
                now = "now compatible" if after else "no longer compatible"
                out.append(Change("compatible", path, f"values {a!r} and {b!r} {now} (linking)"))
    old_penalty, new_penalty = old.get("link_penalty", 0.0), new.get("link_penalty", 0.0)
    if old_penalty != new_penalty:
        out.append(
            Change("compatible", path, f"link_penalty changed from {old_penalty} to {new_penalty}")
        )


def _attributes_diff(
    old: dict[str, Any], new: dict[str, Any], path: str, out: list[Change]
) -> None:
    for name in _keys_diff(old, new, path, "attribute", out):
        _values_diff(old[name]["values"], new[name]["values"], f"{path}.{name}", "value", out)
        _compatibility_diff(old[name], new[name], f"{path}.{name}", out)


def _cardinality_diff(
    old: dict[str, Any], new: dict[str, Any], path: str, out: list[Change]
) -> None:
    old_max = old.get("max")
    new_max = new.get("max")
    if new["min"] > old["min"]:
        out.append(Change("breaking", path, f"min raised from {old['min']} to {new['min']}"))
    elif new["min"] < old["min"]:
        out.append(Change("compatible", path, f"min lowered from {old['min']} to {new['min']}"))
    if old_max != new_max:
        narrowed = new_max is not None and (old_max is None or new_max < old_max)
        out.append(
            Change(
                "breaking" if narrowed else "compatible",
                path,
                f"max changed from {old_max or 'unbounded'} to {new_max or 'unbounded'}",
            )
        )


def table_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    _keys_diff(old["mention_types"], new["mention_types"], "$.mention_types", "mention type", out)
    _attributes_diff(old["common_attributes"], new["common_attributes"], "$.common_attributes", out)
    for etype in _keys_diff(
        old["event_types"], new["event_types"], "$.event_types", "event type", out
    ):
        o, n = old["event_types"][etype], new["event_types"][etype]
        base = f"$.event_types.{etype}"
        for role in _keys_diff(o["roles"], n["roles"], base + ".roles", "role", out):
            path = f"{base}.roles.{role}"
            _values_diff(
                o["roles"][role]["types"],
                n["roles"][role]["types"],
                path,
                "allowed mention type",
                out,
            )
            _cardinality_diff(o["roles"][role], n["roles"][role], path, out)
        _attributes_diff(o["attributes"], n["attributes"], base + ".attributes", out)
    return out


def _structure(schema: dict[str, Any]) -> dict[str, tuple[set[str], set[str]]]:
    """Per $defs model: (properties, required)."""
    out = {}
    for name, definition in schema.get("$defs", {}).items():
        if isinstance(definition, dict) and "properties" in definition:
            out[name] = (set(definition["properties"]), set(definition.get("required", ())))
    return out


def structure_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Field-level changes of models present in both schemas (new required = breaking)."""
    out: list[Change] = []
    old_s, new_s = _structure(old), _structure(new)
    for model in sorted(set(old_s) & set(new_s)):
        (old_props, old_req), (new_props, new_req) = old_s[model], new_s[model]
        path = f"$.$defs.{model}"
        for prop in sorted(old_props - new_props):
            out.append(Change("breaking", f"{path}.{prop}", f"removed field {prop!r}"))
        for prop in sorted(new_req - old_req):
            out.append(Change("breaking", f"{path}.{prop}", f"new required field {prop!r}"))
        for prop in sorted((new_props - old_props) - new_req):
            out.append(Change("compatible", f"{path}.{prop}", f"new optional field {prop!r}"))
        for prop in sorted((old_req - new_req) & new_props):
            out.append(Change("compatible", f"{path}.{prop}", f"field {prop!r} became optional"))
    return out


@dataclass(frozen=True)
class CompatReport:
    old: LoadedSchema
    new: LoadedSchema
    changes: list[Change]

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.severity == "breaking"]

    @property
    def major_bumped(self) -> bool:
        return int(self.new.version.split(".")[0]) > int(self.old.version.split(".")[0])

    def refused(self, allow_major: bool = False) -> bool:
        """Whether CI must refuse the change: anything breaking, unless ``allow_major`` and
        the major version was bumped. A major bump excuses breaking changes between versions
        of one schema, never an extension removing or narrowing its base."""
        excused = allow_major and self.major_bumped and not extends_old(self)
        return bool(self.breaking) and not excused


def _dedupe(changes: list[Change]) -> list[Change]:
    seen: set[tuple[str, str]] = set()
    out = []
    for change in changes:
        key = (change.path, change.message)
        if key not in seen:
            seen.add(key)
            out.append(change)
    return out


def check_compatibility(old_path: str | Path, new_path: str | Path) -> CompatReport:
    old, new = load_schema_file(old_path), load_schema_file(new_path)
    changes = table_changes(old.table, new.table)
    # Types/roles/attributes are compared on the table; compare the fixed models structurally.
    changes += [
        c
        for c in structure_changes(old.json_schema, new.json_schema)
        if not c.path.split(".")[2].endswith(("Arguments", "Attributes"))
    ]
    return CompatReport(old, new, _dedupe(changes))


def extends_old(report: CompatReport) -> bool:
    """True when the new schema is an extension built on exactly the old one."""
    base = report.new.table.get("base")
    return isinstance(base, dict) and (base.get("name"), base.get("version")) == (
        report.old.name,
        report.old.version,
    )


def breaking_problems(report: CompatReport) -> list[Problem]:
    if extends_old(report):
        # An extension compared with its own base: anything breaking means it removed or
        # narrowed a base definition, which extensions may never do (no major bump helps).
        return [
            Problem(
                "EG312",
                f"{report.new.name}@{report.new.version} may only add to its base "
                f"{report.old.name}@{report.old.version}, but it {change.message}",
                change.path,
            )
            for change in report.breaking
        ]
    return [Problem("EG301", change.message, change.path) for change in report.breaking]
