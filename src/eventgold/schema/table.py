"""The one types/roles/attributes table that every part of eventgold reads.

A :class:`SchemaTable` is a resolved definition: a base definition, optionally with one
project extension applied on top. Validators, the Label Studio config, the docs, the brat
``annotation.conf`` and the rules all read it; nothing else lists types, roles or values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from eventgold.errors import DataError, Problem
from eventgold.schema.definition import (
    AttributeDef,
    CompatibleGroups,
    Definition,
    EventTypeDef,
    RoleDef,
    compatible_group_errors,
)


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
    # Groups of values that can describe one real-world event (cross-document linking).
    compatible: CompatibleGroups = ()
    # Common attributes: score lost by a link between events with incompatible values.
    link_penalty: float = 0.0

    def compatible_values(self, a: str, b: str) -> bool:
        """Whether values ``a`` and ``b`` can describe one real-world event."""
        return a == b or any(a in group and b in group for group in self.compatible)

    def with_added_values(
        self, values: tuple[str, ...], groups: CompatibleGroups = ()
    ) -> tuple[Attribute, list[str]]:
        """This attribute with ``values`` added, and what is wrong with the added ``groups``.

        An added value is compatible only with itself unless a group says otherwise. A group
        must hold an added value and may join base values only when they are compatible
        already: the base's own values keep the relations the base gave them.
        """
        all_values = self.values + tuple(values)
        errors = compatible_group_errors(groups, all_values)
        merged = [set(group) for group in self.compatible]
        for group in groups:
            base = [v for v in group if v in self.values]
            if len(base) == len(group):
                errors.append(
                    f"compatible group {list(group)} adds no new value; the base fixes which "
                    "of its own values are compatible"
                )
            elif len(base) > 1 and not all(
                self.compatible_values(base[0], other) for other in base[1:]
            ):
                errors.append(
                    f"compatible group {list(group)} would make base values {base} compatible"
                )
            touching = [m for m in merged if m & set(group)]
            merged = [m for m in merged if not m & set(group)]
            merged.append(set(group).union(*touching))
        ordered = tuple(tuple(v for v in all_values if v in m) for m in merged)
        return replace(self, values=all_values, compatible=ordered), errors


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

    def mention_types_normalized_as(self, kind: str) -> frozenset[str]:
        """Mention types whose normalized value is of ``kind`` (place, date, quantity, ...)."""
        return frozenset(m.name for m in self.mention_types.values() if m.normalization == kind)

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
    return Attribute(
        name,
        tuple(adef.values),
        adef.default,
        adef.description,
        tuple(tuple(group) for group in adef.compatible),
        adef.link_penalty or 0.0,
    )


def _event_type(name: str, edef: EventTypeDef) -> EventType:
    return EventType(
        name,
        {r: _role(r, d) for r, d in edef.roles.items()},
        {a: _attribute(a, d) for a, d in edef.attributes.items()},
        edef.description,
        dict(edef.mappings),
    )


def _located(code: str, message: str, path: str, file: str, defn: Definition) -> Problem:
    """A problem at ``path`` (``$.a.b``) of the definition file, with its line."""
    key = tuple(part for part in path.removeprefix("$").split(".") if part)
    return Problem(code, message, path, file, defn.line_of(*key))


def _narrowing(old: Role, new: RoleDef) -> list[str]:
    """How a redefinition of ``old`` would remove or narrow it (empty: it only widens)."""
    out = []
    lost = [t for t in old.types if t not in new.types]
    if lost:
        out.append(f"drops allowed mention type(s) {lost}")
    if new.min > old.min:
        out.append(f"raises min from {old.min} to {new.min}")
    if new.max is not None and (old.max is None or new.max < old.max):
        out.append(f"lowers max from {old.max or 'unbounded'} to {new.max}")
    return out


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
    _raise_if_inconsistent(table, file, defn)
    return table


def _raise_if_inconsistent(table: SchemaTable, file: str, defn: Definition | None = None) -> None:
    errors: list[str] = []
    for etype in table.event_types.values():
        errors += _check_mention_types(set(table.mention_types), etype.roles, etype.name)
    if errors:
        problems = []
        for msg in errors:
            where = msg.split(":")[0].split(".")  # event_type.roles.role
            section = "event_types" if defn is None or where[0] in defn.event_types else None
            section = section or "extend_event_types"
            key = (section, *where)
            line = defn.line_of(*key) if defn is not None else None
            problems.append(Problem("EG310", msg, "$." + ".".join(key), file, line))
        raise DataError(problems)


def apply_extension(base: SchemaTable, ext: Definition, file: str = "<extension>") -> SchemaTable:
    """Return ``base`` with ``ext`` added. An extension may only add, never remove or narrow."""
    assert ext.extends is not None
    problems: list[Problem] = []

    def clash(kind: str, names: set[str], key: str, advice: str = "") -> None:
        for name in sorted(names):
            problems.append(
                _located(
                    "EG311",
                    f"{kind} {name!r} already exists in {base.id}; an extension may only add{advice}",
                    f"$.{key}.{name}",
                    file,
                    ext,
                )
            )

    if (ext.extends.name, ext.extends.version) != (base.name, base.version):
        problems.append(
            _located(
                "EG311",
                f"extension extends {ext.extends.name}@{ext.extends.version}, not {base.id}",
                "$.extends",
                file,
                ext,
            )
        )
    clash("mention type", set(ext.mention_types) & set(base.mention_types), "mention_types")
    clash(
        "common attribute",
        set(ext.common_attributes) & set(base.common_attributes),
        "common_attributes",
    )
    for name in sorted(set(ext.event_types) & set(base.event_types)):
        removed = sorted(set(base.event_types[name].roles) - set(ext.event_types[name].roles))
        if removed:
            problems.append(
                _located(
                    "EG312",
                    f"event type {name!r} of {base.id} redefined without role(s) {removed}: "
                    "an extension may only add; use extend_event_types to add to it",
                    f"$.event_types.{name}",
                    file,
                    ext,
                )
            )
        else:
            clash(
                "event type",
                {name},
                "event_types",
                "; use extend_event_types to add roles or values to it",
            )

    mention_types = dict(base.mention_types)
    mention_types.update(
        {m: MentionType(m, d.normalization, d.description) for m, d in ext.mention_types.items()}
    )
    common = dict(base.common_attributes)
    common.update({a: _attribute(a, d) for a, d in ext.common_attributes.items()})
    for attr, values in ext.common_attribute_values.items():
        if attr not in common:
            problems.append(
                _located(
                    "EG310",
                    f"no common attribute {attr!r} to add values to",
                    f"$.common_attribute_values.{attr}",
                    file,
                    ext,
                )
            )
            continue
        old = common[attr]
        clash(f"value of {attr}", set(values) & set(old.values), f"common_attribute_values.{attr}")
        common[attr], errors = old.with_added_values(
            values, ext.common_attribute_compatible.get(attr, ())
        )
        path = f"$.common_attribute_compatible.{attr}"
        problems += [_located("EG310", f"{attr}: {e}", path, file, ext) for e in errors]
    for attr in sorted(set(ext.common_attribute_compatible) - set(ext.common_attribute_values)):
        problems.append(
            _located(
                "EG310",
                f"common_attribute_compatible.{attr}: no values of {attr!r} added by this "
                "extension (common_attribute_values) to group",
                f"$.common_attribute_compatible.{attr}",
                file,
                ext,
            )
        )

    event_types = dict(base.event_types)
    for name, edef in ext.event_types.items():
        event_types[name] = _event_type(name, edef)
        clash(
            f"attribute of {name}: common attribute",
            set(edef.attributes) & set(base.common_attributes),
            f"event_types.{name}.attributes",
        )
    for name, add in ext.extend_event_types.items():
        if name not in base.event_types:
            problems.append(
                _located(
                    "EG310",
                    f"no event type {name!r} in {base.id} to extend",
                    f"$.extend_event_types.{name}",
                    file,
                    ext,
                )
            )
            continue
        old_type = base.event_types[name]
        roles = dict(old_type.roles)
        for role in sorted(set(add.roles) & set(roles)):
            narrowing = _narrowing(roles[role], add.roles[role])
            if narrowing:
                problems.append(
                    _located(
                        "EG312",
                        f"role {name}.{role} of {base.id} redefined: {'; '.join(narrowing)}. "
                        "An extension may only add or widen (role_types adds mention types)",
                        f"$.extend_event_types.{name}.roles.{role}",
                        file,
                        ext,
                    )
                )
            else:
                clash(
                    f"role of {name}",
                    {role},
                    f"extend_event_types.{name}.roles",
                    "; use role_types to allow more mention types",
                )
        roles.update({r: _role(r, d) for r, d in add.roles.items()})
        for role, types in add.role_types.items():
            if role not in old_type.roles:
                problems.append(
                    _located(
                        "EG310",
                        f"{name} has no role {role!r}",
                        f"$.extend_event_types.{name}.role_types.{role}",
                        file,
                        ext,
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
                    _located(
                        "EG310",
                        f"{name} has no attribute {attr!r}",
                        f"$.extend_event_types.{name}.attribute_values",
                        file,
                        ext,
                    )
                )
                continue
            old_attr = attrs[attr]
            clash(
                f"value of {name}.{attr}",
                set(values) & set(old_attr.values),
                f"extend_event_types.{name}.attribute_values.{attr}",
            )
            attrs[attr], errors = old_attr.with_added_values(
                values, add.attribute_compatible.get(attr, ())
            )
            path = f"$.extend_event_types.{name}.attribute_compatible.{attr}"
            problems += [_located("EG310", f"{name}.{attr}: {e}", path, file, ext) for e in errors]
        for attr in sorted(set(add.attribute_compatible) - set(add.attribute_values)):
            problems.append(
                _located(
                    "EG310",
                    f"{name}.attribute_compatible.{attr}: no values of {attr!r} added by this "
                    "extension (attribute_values) to group",
                    f"$.extend_event_types.{name}.attribute_compatible.{attr}",
                    file,
                    ext,
                )
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
    _raise_if_inconsistent(table, file, ext)
    return table
