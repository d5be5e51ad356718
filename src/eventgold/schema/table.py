"""The one types/roles/attributes table that every part of eventgold reads.

A :class:`SchemaTable` is a resolved definition: a base definition, optionally with one
project extension applied on top. Validators, the Label Studio config, the docs, the brat
``annotation.conf`` and the rules all read it; nothing else lists types, roles or values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from eventgold.errors import DataError, Problem
from eventgold.schema.definition import AttributeDef, Definition, EventTypeDef, RoleDef


@dataclass(frozen=True)
class Role:
    name: str
    types: tuple[str, ...]
    min: int = 0
    max: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Attribute:
    name: str
    values: tuple[str, ...]
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class EventType:
    name: str
    roles: dict[str, Role]
    attributes: dict[str, Attribute]
    description: str = ""
    mappings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MentionType:
    name: str
    normalization: str
    description: str = ""


@dataclass(frozen=True)
class SchemaTable:
    """Resolved schema: what records of ``name`` ``version`` may contain."""

    name: str
    version: str
    mention_types: dict[str, MentionType]
    common_attributes: dict[str, Attribute]
    event_types: dict[str, EventType]
    description: str = ""
    codebooks: dict[str, str] = field(default_factory=dict)
    base: tuple[str, str] | None = None  # (name, version) of the base when an extension

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def attributes_of(self, event_type: str) -> dict[str, Attribute]:
        """Common attributes followed by the type-specific ones."""
        return {**self.common_attributes, **self.event_types[event_type].attributes}

    @cached_property
    def role_names(self) -> tuple[str, ...]:
        names: dict[str, None] = {}
        for etype in self.event_types.values():
            names.update(dict.fromkeys(etype.roles))
        return tuple(names)

    def __hash__(self) -> int:
        return hash(self.id)


def _role(name: str, rdef: RoleDef) -> Role:
    return Role(name, tuple(rdef.types), rdef.min, rdef.max, rdef.description)


def _attribute(name: str, adef: AttributeDef) -> Attribute:
    return Attribute(name, tuple(adef.values), adef.default, adef.description)


def _event_type(name: str, edef: EventTypeDef) -> EventType:
    return EventType(
        name,
        {r: _role(r, d) for r, d in edef.roles.items()},
        {a: _attribute(a, d) for a, d in edef.attributes.items()},
        edef.description,
        dict(edef.mappings),
    )


def _check_mention_types(table_types: set[str], roles: dict[str, Role], where: str) -> list[str]:
    errors = []
    for role in roles.values():
        unknown = sorted(set(role.types) - table_types)
        if unknown:
            errors.append(f"{where}.roles.{role.name}: unknown mention type(s) {unknown}")
    return errors


def table_from_definition(defn: Definition, file: str = "<definition>") -> SchemaTable:
    """Build a table from a base definition (no ``extends``)."""
    if defn.extends is not None:
        raise ValueError("use apply_extension for an extension definition")
    table = SchemaTable(
        name=defn.name,
        version=defn.version,
        mention_types={
            m: MentionType(m, d.normalization, d.description) for m, d in defn.mention_types.items()
        },
        common_attributes={a: _attribute(a, d) for a, d in defn.common_attributes.items()},
        event_types={e: _event_type(e, d) for e, d in defn.event_types.items()},
        description=defn.description,
        codebooks=dict(defn.codebooks),
    )
    _raise_if_inconsistent(table, file)
    return table


def _raise_if_inconsistent(table: SchemaTable, file: str) -> None:
    errors: list[str] = []
    for etype in table.event_types.values():
        errors += _check_mention_types(set(table.mention_types), etype.roles, etype.name)
    if errors:
        raise DataError([Problem("EG310", msg, "$.event_types", file) for msg in errors])


def apply_extension(base: SchemaTable, ext: Definition, file: str = "<extension>") -> SchemaTable:
    """Return ``base`` with ``ext`` added. An extension may only add, never remove or narrow."""
    assert ext.extends is not None
    problems: list[Problem] = []

    def clash(kind: str, names: set[str], key: str) -> None:
        for name in sorted(names):
            problems.append(
                Problem(
                    "EG311",
                    f"{kind} {name!r} already exists in {base.id}; an extension may only add",
                    f"$.{key}.{name}",
                    file,
                )
            )

    if (ext.extends.name, ext.extends.version) != (base.name, base.version):
        problems.append(
            Problem(
                "EG311",
                f"extension extends {ext.extends.name}@{ext.extends.version}, not {base.id}",
                "$.extends",
                file,
            )
        )
    clash("mention type", set(ext.mention_types) & set(base.mention_types), "mention_types")
    clash(
        "common attribute",
        set(ext.common_attributes) & set(base.common_attributes),
        "common_attributes",
    )
    clash("event type", set(ext.event_types) & set(base.event_types), "event_types")

    mention_types = dict(base.mention_types)
    mention_types.update(
        {m: MentionType(m, d.normalization, d.description) for m, d in ext.mention_types.items()}
    )
    common = dict(base.common_attributes)
    common.update({a: _attribute(a, d) for a, d in ext.common_attributes.items()})
    for attr, values in ext.common_attribute_values.items():
        if attr not in common:
            problems.append(
                Problem(
                    "EG310",
                    f"no common attribute {attr!r} to add values to",
                    f"$.common_attribute_values.{attr}",
                    file,
                )
            )
            continue
        old = common[attr]
        clash(f"value of {attr}", set(values) & set(old.values), f"common_attribute_values.{attr}")
        common[attr] = Attribute(attr, old.values + tuple(values), old.default, old.description)

    event_types = dict(base.event_types)
    for name, edef in ext.event_types.items():
        event_types[name] = _event_type(name, edef)
    for name, add in ext.extend_event_types.items():
        if name not in base.event_types:
            problems.append(
                Problem(
                    "EG310",
                    f"no event type {name!r} in {base.id} to extend",
                    f"$.extend_event_types.{name}",
                    file,
                )
            )
            continue
        old_type = base.event_types[name]
        roles = dict(old_type.roles)
        clash(f"role of {name}", set(add.roles) & set(roles), f"extend_event_types.{name}.roles")
        roles.update({r: _role(r, d) for r, d in add.roles.items()})
        for role, types in add.role_types.items():
            if role not in old_type.roles:
                problems.append(
                    Problem(
                        "EG310",
                        f"{name} has no role {role!r}",
                        f"$.extend_event_types.{name}.role_types.{role}",
                        file,
                    )
                )
                continue
            old_role = roles[role]
            roles[role] = Role(
                role,
                old_role.types + tuple(t for t in types if t not in old_role.types),
                old_role.min,
                old_role.max,
                old_role.description,
            )
        attrs = dict(old_type.attributes)
        clash(
            f"attribute of {name}",
            set(add.attributes) & (set(attrs) | set(common)),
            f"extend_event_types.{name}.attributes",
        )
        attrs.update({a: _attribute(a, d) for a, d in add.attributes.items()})
        for attr, values in add.attribute_values.items():
            if attr not in attrs:
                problems.append(
                    Problem(
                        "EG310",
                        f"{name} has no attribute {attr!r}",
                        f"$.extend_event_types.{name}.attribute_values",
                        file,
                    )
                )
                continue
            old_attr = attrs[attr]
            attrs[attr] = Attribute(
                attr, old_attr.values + tuple(values), old_attr.default, old_attr.description
            )
        event_types[name] = EventType(name, roles, attrs, old_type.description, old_type.mappings)
    if problems:
        raise DataError(problems)
    table = SchemaTable(
        name=ext.name,
        version=ext.version,
        mention_types=mention_types,
        common_attributes=common,
        event_types=event_types,
        description=ext.description or base.description,
        codebooks={**base.codebooks, **ext.codebooks},
        base=(base.name, base.version),
    )
    _raise_if_inconsistent(table, file)
    return table
