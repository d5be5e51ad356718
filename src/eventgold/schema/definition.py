"""The definition file: event types, roles, attributes and mention types as data.

A definition is either a base schema (``eventgold-1.0.0.yaml``, shipped) or a project
extension that names its base (``extends: {name: eventgold, version: 1.0.0}``) and may only
add to it. :func:`load_definition` validates a file against the models below (the
definition's own meta-schema) and reports problems with file, line and key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from eventgold.errors import DataError, Problem, UsageError

NAME_RE = r"^[a-z][a-z0-9_]*$"
MENTION_TYPE_RE = r"^[A-Z][A-Z0-9_]*$"
SEMVER_RE = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
NORMALIZATIONS = ("name", "place", "date", "quantity", "money")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MentionTypeDef(_Strict):
    description: str = ""
    normalization: str = Field("name", pattern="^(" + "|".join(NORMALIZATIONS) + ")$")


class AttributeDef(_Strict):
    description: str = ""
    values: tuple[str, ...] = Field(min_length=1)
    default: str | None = None

    @model_validator(mode="after")
    def _default_is_a_value(self) -> AttributeDef:
        if len(set(self.values)) != len(self.values):
            raise ValueError("values must be unique")
        for value in self.values:
            if not re.match(NAME_RE, value):
                raise ValueError(f"value {value!r} must be lower_snake_case")
        if self.default is not None and self.default not in self.values:
            raise ValueError(f"default {self.default!r} is not one of the values")
        return self


class RoleDef(_Strict):
    description: str = ""
    types: tuple[str, ...] = Field(min_length=1)
    min: int = Field(0, ge=0)
    max: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _min_le_max(self) -> RoleDef:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class EventTypeDef(_Strict):
    description: str = ""
    mappings: dict[str, str] = Field(default_factory=dict)
    roles: dict[str, RoleDef] = Field(default_factory=dict)
    attributes: dict[str, AttributeDef] = Field(default_factory=dict)


class EventTypeExtension(_Strict):
    """Additions to a base event type: new roles, attributes or attribute values."""

    roles: dict[str, RoleDef] = Field(default_factory=dict)
    attributes: dict[str, AttributeDef] = Field(default_factory=dict)
    attribute_values: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    role_types: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class BaseRef(_Strict):
    name: str
    version: str = Field(pattern=SEMVER_RE)


class Definition(_Strict):
    """A whole definition file (base or extension)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(pattern=SEMVER_RE)
    description: str = ""
    extends: BaseRef | None = None
    codebooks: dict[str, str] = Field(default_factory=dict)
    mention_types: dict[str, MentionTypeDef] = Field(default_factory=dict)
    common_attributes: dict[str, AttributeDef] = Field(default_factory=dict)
    common_attribute_values: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    event_types: dict[str, EventTypeDef] = Field(default_factory=dict)
    extend_event_types: dict[str, EventTypeExtension] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _names_are_well_formed(self) -> Definition:
        for mtype in self.mention_types:
            if not re.match(MENTION_TYPE_RE, mtype):
                raise ValueError(f"mention type {mtype!r} must be UPPER_SNAKE_CASE")
        for etype, edef in self.event_types.items():
            if not re.match(NAME_RE, etype):
                raise ValueError(f"event type {etype!r} must be lower_snake_case")
            for role in edef.roles:
                if not re.match(NAME_RE, role):
                    raise ValueError(f"role {role!r} of {etype} must be lower_snake_case")
            clash = set(edef.attributes) & set(self.common_attributes)
            if clash:
                raise ValueError(f"{etype} redefines common attribute(s) {sorted(clash)}")
        if self.extends is None:
            for key in ("common_attribute_values", "extend_event_types"):
                if getattr(self, key):
                    raise ValueError(f"{key} is only allowed in an extension (with 'extends')")
        return self


def _line_map(node: yaml.Node, path: tuple[str, ...], out: dict[tuple[str, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, str(index)), out)


def _nearest_line(lines: dict[tuple[str, ...], int], loc: tuple[str, ...]) -> int | None:
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def parse_definition(text: str, file: str) -> Definition:
    """Parse and validate definition text; problems name the file, line and key."""
    try:
        node = yaml.compose(text)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(
            Problem("EG310", f"YAML syntax error: {problem}", "$", file, line)
        ) from None
    if not isinstance(data, dict) or node is None:
        raise DataError(Problem("EG310", "a definition file must be a YAML mapping", "$", file, 1))
    lines: dict[tuple[str, ...], int] = {}
    _line_map(node, (), lines)
    try:
        return Definition.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(str(part) for part in err["loc"])
            key = ".".join(loc) or "(top level)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown key {loc[-1]!r}"
            problems.append(
                Problem("EG310", f"{key}: {message}", "$." + key, file, _nearest_line(lines, loc))
            )
        raise DataError(problems) from None


def load_definition(path: str | Path) -> Definition:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(Problem("EG006", f"no such file: {path}", "$", str(path))) from None
    except UnicodeDecodeError:
        raise DataError(Problem("EG002", "definition is not UTF-8", "$", str(path))) from None
    return parse_definition(text, str(path))
