"""Strict, table-specific record models and the JSON Schema generated from them.

The mention type enum, the per-event-type arguments (one list field per role) and the
attributes (enums of the table's values) are created from a :class:`SchemaTable`, so an
extension changes the JSON Schema with no code change. Event models form a union
discriminated by ``type``; records a union discriminated by ``kind``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, TypeAdapter, create_model

from eventgold.schema.models import (
    SEMVER_PATTERN,
    AnnotationInfo,
    Document,
    EventClusterRecord,
    Id,
    Offset,
    Provenance,
    Span,
    StrictModel,
)
from eventgold.schema.registry import BASE_NAME
from eventgold.schema.table import Attribute, SchemaTable

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_BASE = "https://eventgold.dev/schema"


@dataclass(frozen=True)
class TableModels:
    table: SchemaTable
    events: dict[str, type[BaseModel]]
    document_record: type[BaseModel]
    record: TypeAdapter[Any]


def _literal(values: tuple[str, ...]) -> Any:
    return Literal[values]


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


@lru_cache(maxsize=16)
def table_models(table: SchemaTable) -> TableModels:
    """Create (once per table) the strict models for ``table``."""
    mention_fields: dict[str, Any] = {
        "id": (Id, ...),
        "start": (Offset, ...),
        "end": (Offset, ...),
        "text": (str, ...),
        "type": (_literal(tuple(table.mention_types)), ...),
        "normalized": (str | None, None),
        "provenance": (Provenance | None, None),
    }
    mention = create_model("Mention", __base__=StrictModel, **mention_fields)
    events: dict[str, type[BaseModel]] = {}
    for etype in table.event_types.values():
        camel = _camel(etype.name)
        role_fields: dict[str, Any] = {
            role: (list[Id], Field(default_factory=list)) for role in etype.roles
        }
        arguments = create_model(f"{camel}Arguments", __base__=StrictModel, **role_fields)
        attr_fields: dict[str, Any] = {}
        for attr in table.common_attributes.values():
            attr_fields[attr.name] = (_literal(attr.values), ...)
        for attr in etype.attributes.values():
            attr_fields[attr.name] = (_literal(attr.values) | None, None)
        attributes = create_model(f"{camel}Attributes", __base__=StrictModel, **attr_fields)
        event_fields: dict[str, Any] = {
            "id": (Id, ...),
            "type": (_literal((etype.name,)), ...),
            "trigger": (Span, ...),
            "arguments": (arguments, Field(default_factory=arguments)),
            "attributes": (attributes, ...),
            "attribution": (Id | None, None),
            "provenance": (Provenance | None, None),
        }
        events[etype.name] = create_model(f"{camel}Event", __base__=StrictModel, **event_fields)
    event: Any = (
        Annotated[Union[tuple(events.values())], Field(discriminator="type")]  # noqa: UP007
        if len(events) > 1
        else next(iter(events.values()))
    )
    record_fields: dict[str, Any] = {
        "kind": (_literal(("document",)), ...),
        "schema_name": (str, ...),
        "schema_version": (Annotated[str, Field(pattern=SEMVER_PATTERN)], ...),
        "document": (Document, ...),
        "mentions": (list[mention], Field(default_factory=list)),
        "events": (list[event], Field(default_factory=list)),
        "annotation": (AnnotationInfo | None, None),
    }
    document_record = create_model("DocumentRecord", __base__=StrictModel, **record_fields)
    cluster_fields: dict[str, Any] = {"kind": (_literal(("event_cluster",)), ...)}
    cluster = create_model("EventClusterRecord", __base__=EventClusterRecord, **cluster_fields)
    record: TypeAdapter[Any] = TypeAdapter(
        Annotated[Union[document_record, cluster], Field(discriminator="kind")]  # noqa: UP007
    )
    return TableModels(table, events, document_record, record)


def schema_id(table: SchemaTable) -> str:
    return f"{SCHEMA_ID_BASE}/{table.name}/{table.version}.json"


def schema_file_name(name: str, version: str) -> str:
    """``1.0.0.json`` for the base schema, ``<name>-<version>.json`` for an extension: the
    name of its exported JSON Schema file (``schema/event-schema/`` in this repository)."""
    return f"{version}.json" if name == BASE_NAME else f"{name}-{version}.json"


def json_schema(table: SchemaTable) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one record (document or event cluster) of ``table``.

    The resolved table is embedded under ``x-eventgold`` so that ``schema check`` can compare
    two published schema files type by type.
    """
    generated = table_models(table).record.json_schema(ref_template="#/$defs/{model}")
    _refuse_trailing_newline(generated)
    defs = generated.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": schema_id(table),
        "title": f"{table.name} {table.version} record",
        "description": table.description,
        **generated,
        "$defs": dict(sorted(defs.items())),
        "x-eventgold": table_to_dict(table),
    }
    return out


def _refuse_trailing_newline(node: Any) -> None:
    r"""Make anchored patterns refuse a trailing newline in every regex dialect.

    In ECMA-262 (JSON Schema's dialect) and Rust, ``$`` matches only at the end of the string,
    but in Python's ``re`` also before a final newline, so python ``jsonschema`` would accept
    ``"m1\n"`` as an id that pydantic and jsonschema_rs refuse. None of our anchored patterns
    allows a newline anywhere, so ``not: {pattern: "\n"}`` changes nothing for conforming
    validators and makes Python's agree.
    """
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and "not" not in node:
            node["not"] = {"pattern": "\n"}
        for child in node.values():
            _refuse_trailing_newline(child)
    elif isinstance(node, list):
        for child in node:
            _refuse_trailing_newline(child)


def json_schema_text(table: SchemaTable) -> str:
    return json.dumps(json_schema(table), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _attribute_dict(attr: Attribute) -> dict[str, Any]:
    return {
        "values": list(attr.values),
        "default": attr.default,
        "compatible": [list(group) for group in attr.compatible],
    }


def table_to_dict(table: SchemaTable) -> dict[str, Any]:
    """A plain, stable JSON form of the table (embedded in the JSON Schema)."""
    return {
        "name": table.name,
        "version": table.version,
        "base": None if table.base is None else {"name": table.base[0], "version": table.base[1]},
        "mention_types": {
            m.name: {"normalization": m.normalization, "description": m.description}
            for m in table.mention_types.values()
        },
        "common_attributes": {
            a.name: {**_attribute_dict(a), "link_penalty": a.link_penalty}
            for a in table.common_attributes.values()
        },
        "event_types": {
            e.name: {
                "roles": {
                    r.name: {"types": list(r.types), "min": r.min, "max": r.max}
                    for r in e.roles.values()
                },
                "attributes": {a.name: _attribute_dict(a) for a in e.attributes.values()},
                "mappings": e.mappings,
            }
            for e in table.event_types.values()
        },
    }
