"""The event schema: definition files, the types/roles table, models, versions, JSON Schema."""

from eventgold.schema.dynamic import json_schema, json_schema_text, table_models
from eventgold.schema.models import (
    AnnotationInfo,
    ClusterMember,
    Document,
    DocumentRecord,
    Event,
    EventClusterRecord,
    Mention,
    Provenance,
    Record,
    Source,
    Span,
    new_document,
    record_json,
    text_sha256,
)
from eventgold.schema.registry import (
    REGISTRY,
    active_table,
    default_table,
    load_extension,
    upgrade_record,
    upgrader,
)
from eventgold.schema.table import Attribute, EventType, MentionType, Role, SchemaTable

__all__ = [
    "REGISTRY",
    "AnnotationInfo",
    "Attribute",
    "ClusterMember",
    "Document",
    "DocumentRecord",
    "Event",
    "EventClusterRecord",
    "EventType",
    "Mention",
    "MentionType",
    "Provenance",
    "Record",
    "Role",
    "SchemaTable",
    "Source",
    "Span",
    "active_table",
    "default_table",
    "json_schema",
    "json_schema_text",
    "load_extension",
    "new_document",
    "record_json",
    "table_models",
    "text_sha256",
    "upgrade_record",
    "upgrader",
]
