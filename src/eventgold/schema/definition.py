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
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from eventgold.errors import DataError, Problem, UsageError

NAME_RE = r"^[a-z][a-z0-9_]*$"
MENTION_TYPE_RE = r"^[A-Z][A-Z0-9_]*$"
SEMVER_RE = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
NORMALIZATIONS = ("name", "place", "date", "quantity", "money")


class DefinitionKeyError(ValueError):
    """A problem with one key of the file; ``key`` is its path (for the line number).

    A ``relative`` key continues the path of the model that raised it (a key of one attribute).
    """

    def __init__(self, key: tuple[str, ...], message: str, *, relative: bool = False) -> None:
        super().__init__(message)
        self.key = key
        self.relative = relative


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MentionTypeDef(_Strict):
    description: str = ""
    normalization: str = Field("name", pattern="^(" + "|".join(NORMALIZATIONS) + ")$")


CompatibleGroups = tuple[tuple[str, ...], ...]
"""Groups of attribute values that can describe one real-world event (see AttributeDef)."""


def compatible_group_errors(groups: CompatibleGroups, values: tuple[str, ...]) -> list[str]:
    """What is wrong with ``groups`` as compatible groups of ``values`` (empty: nothing)."""
    errors = []
    seen: set[str] = set()
    for group in groups:
        if len(set(group)) < 2 or len(set(group)) != len(group):
            errors.append(f"compatible group {list(group)} needs two or more different values")
        unknown = [v for v in group if v not in values]
        if unknown:
            errors.append(f"compatible group {list(group)} names unknown value(s) {unknown}")
        twice = sorted(seen & set(group))
        if twice:
            errors.append(f"value(s) {twice} in more than one compatible group")
        seen |= set(group)
    return errors


class AttributeDef(_Strict):
    description: str = ""
    values: tuple[str, ...] = Field(min_length=1)
    default: str | None = None
    compatible: CompatibleGroups = Field(
        (),
        description="Groups of values that can describe one real-world event, e.g. the stages "
        "ordered, under_way and arrived of one deployment. Cross-document linking never joins "
        "events whose type-specific values are not compatible; a value in no group is compatible "
        "only with itself. Records are not affected.",
    )
    link_penalty: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Common attributes only: how much two events whose values are not "
        "compatible lose from their cross-document link score (default 0: the attribute does "
        "not count).",
    )

    @model_validator(mode="after")
    def _default_is_a_value(self) -> AttributeDef:
        if len(set(self.values)) != len(self.values):
            raise ValueError("values must be unique")
        for value in self.values:
            if not re.match(NAME_RE, value):
                raise ValueError(f"value {value!r} must be lower_snake_case")
        if self.default is not None and self.default not in self.values:
            raise ValueError(f"default {self.default!r} is not one of the values")
        errors = compatible_group_errors(self.compatible, self.values)
        if errors:
            raise DefinitionKeyError(("compatible",), "; ".join(errors), relative=True)
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
    attribute_compatible: dict[str, CompatibleGroups] = Field(
        default_factory=dict,
        description="Compatible groups for the values added in attribute_values; each group "
        "holds at least one added value and may join base values that are compatible already.",
    )
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
    common_attribute_compatible: dict[str, CompatibleGroups] = Field(
        default_factory=dict,
        description="Compatible groups for the values added in common_attribute_values "
        "(as attribute_compatible of extend_event_types).",
    )
    event_types: dict[str, EventTypeDef] = Field(default_factory=dict)
    extend_event_types: dict[str, EventTypeExtension] = Field(default_factory=dict)
    # Where each key sits in the source file, so that later checks (clashes with the base,
    # unknown mention types) can name the line too. Filled by parse_definition.
    _lines: dict[tuple[str, ...], int] = PrivateAttr(default_factory=dict)

    def line_of(self, *key: str) -> int | None:
        """1-based line of the key path (or of its nearest parent) in the source file."""
        return _nearest_line(self._lines, key) if self._lines else None

    @model_validator(mode="after")
    def _names_are_well_formed(self) -> Definition:
        for mtype in self.mention_types:
            if not re.match(MENTION_TYPE_RE, mtype):
                raise DefinitionKeyError(
                    ("mention_types", mtype), f"mention type {mtype!r} must be UPPER_SNAKE_CASE"
                )
        for etype, edef in self.event_types.items():
            if not re.match(NAME_RE, etype):
                raise DefinitionKeyError(
                    ("event_types", etype), f"event type {etype!r} must be lower_snake_case"
                )
            for role in edef.roles:
                if not re.match(NAME_RE, role):
                    raise DefinitionKeyError(
                        ("event_types", etype, "roles", role),
                        f"role {role!r} of {etype} must be lower_snake_case",
                    )
            clash = set(edef.attributes) & set(self.common_attributes)
            if clash:
                raise DefinitionKeyError(
                    ("event_types", etype, "attributes", sorted(clash)[0]),
                    f"{etype} redefines common attribute(s) {sorted(clash)}",
                )
        self._link_penalty_only_on_common_attributes()
        if self.extends is None:
            for key in (
                "common_attribute_values",
                "common_attribute_compatible",
                "extend_event_types",
            ):
                if getattr(self, key):
                    raise DefinitionKeyError(
                        (key,), f"{key} is only allowed in an extension (with 'extends')"
                    )
        return self

    def _link_penalty_only_on_common_attributes(self) -> None:
        # Type-specific values that are not compatible never link: a penalty would be ignored.
        sections = [("event_types", name, e.attributes) for name, e in self.event_types.items()]
        sections += [
            ("extend_event_types", name, e.attributes)
            for name, e in self.extend_event_types.items()
        ]
        for section, etype, attributes in sections:
            for attr, adef in attributes.items():
                if adef.link_penalty is not None:
                    raise DefinitionKeyError(
                        (section, etype, "attributes", attr, "link_penalty"),
                        f"link_penalty is for common attributes; {etype}.{attr} values that are "
                        "not compatible never link",
                    )


def _line_map(
    node: yaml.Node,
    path: tuple[str, ...],
    out: dict[tuple[str, ...], int],
    duplicates: list[tuple[tuple[str, ...], int]],
) -> None:
    out.setdefault(path, node.start_mark.line + 1)  # a key's own line, not its value's
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:  # YAML loaders silently keep the last one: refuse instead
                duplicates.append(((*path, key), key_node.start_mark.line + 1))
            seen.add(key)
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, str(index)), out, duplicates)


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
    duplicates: list[tuple[tuple[str, ...], int]] = []
    _line_map(node, (), lines, duplicates)
    if duplicates:
        raise DataError(
            [
                Problem(
                    "EG310", f"{'.'.join(key)}: duplicate key", "$." + ".".join(key), file, line
                )
                for key, line in duplicates
            ]
        )
    try:
        definition = Definition.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(str(part) for part in err["loc"])
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, DefinitionKeyError):
                loc = (*loc, *cause.key) if cause.relative else cause.key
            key = ".".join(loc) or "(top level)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown key {loc[-1]!r}"
            problems.append(
                Problem("EG310", f"{key}: {message}", "$." + key, file, _nearest_line(lines, loc))
            )
        raise DataError(problems) from None
    definition._lines.update(lines)
    return definition


def load_definition(path: str | Path) -> Definition:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(Problem("EG006", f"no such file: {path}", "$", str(path))) from None
    except UnicodeDecodeError:
        raise DataError(Problem("EG002", "definition is not UTF-8", "$", str(path))) from None
    return parse_definition(text, str(path))


DEFINITION_SCHEMA_ID = "https://eventgold.dev/schema/definition.schema.json"


def definition_json_schema() -> dict[str, Any]:
    """The meta-schema of definition files (base or extension) as JSON Schema 2020-12.

    Generated from :class:`Definition`, which is what :func:`load_definition` enforces; editors
    (e.g. VS Code's YAML extension) can use it to complete and check definition files.
    """
    generated = Definition.model_json_schema(ref_template="#/$defs/{model}")
    defs = generated.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": DEFINITION_SCHEMA_ID,
        **generated,
        "$defs": dict(sorted(defs.items())),
    }
