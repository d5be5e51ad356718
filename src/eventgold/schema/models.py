"""Typed pydantic v2 models of eventgold records: what library code reads and writes.

Type, role and attribute *names* are plain strings here because they come from the schema
table (:mod:`eventgold.schema.table`); :mod:`eventgold.schema.dynamic` builds the strict
table-specific models from which the JSON Schema is generated, and :mod:`eventgold.validate`
checks records against the table.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$"
# [0-9], not \d: \d matches any Unicode digit in Python and Rust regexes but only ASCII ones
# in ECMA-262, so the pydantic models and JSON Schema validators would disagree.
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _integral_float_to_int(value: Any) -> Any:
    """JSON Schema counts 1.0 as an integer; accept it too so both paths agree."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


JsonInt = Annotated[int, BeforeValidator(_integral_float_to_int)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]
# Field before the validator: otherwise pydantic exports ``ge`` instead of JSON Schema ``minimum``.
Offset = Annotated[int, Field(ge=0), BeforeValidator(_integral_float_to_int)]


class StrictModel(BaseModel):
    """Base of every record model: strict types, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Source(StrictModel):
    url: str | None = None
    publisher: str | None = None
    title: str | None = None


class Document(StrictModel):
    id: Id
    text: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: Source | None = None
    published: str | None = Field(
        None, pattern=DATE_PATTERN, description="ISO date; anchors relative dates"
    )
    lang: str = Field("en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


class Provenance(StrictModel):
    """Who or what produced a mention, event or cluster."""

    origin: Literal["rule", "annotator", "adjudicated", "projected", "linker"]
    rule_id: str | None = None
    score: float | None = Field(None, ge=0.0, le=1.0)
    annotators: list[str] = Field(default_factory=list)
    rules_version: str | None = None


class Span(StrictModel):
    start: Offset
    end: Offset
    text: str


class AnnotationInfo(StrictModel):
    """Who produced a whole record and where it came from (e.g. one Label Studio annotation)."""

    source: Literal["hand", "rules", "labelstudio", "adjudication", "projection"]
    annotator: str | None = None
    task_id: JsonInt | None = None
    annotation_id: JsonInt | None = None
    completed_at: str | None = None
    lead_time: float | None = None
    ground_truth: bool = False
    rules_version: str | None = None


class Mention(StrictModel):
    """An entity, value or time span. ``text == document.text[start:end]`` (code points)."""

    id: Id
    start: Offset
    end: Offset
    text: str
    type: str
    normalized: str | None = None
    provenance: Provenance | None = None


class Event(StrictModel):
    """One event: a trigger span, role -> mention ids, attributes, attribution."""

    id: Id
    type: str
    trigger: Span
    arguments: dict[str, list[Id]] = Field(default_factory=dict)
    attributes: dict[str, str]
    attribution: Id | None = None
    provenance: Provenance | None = None


class DocumentRecord(StrictModel):
    """One document with its mentions and events: the unit of every eventgold file."""

    kind: Literal["document"] = "document"
    schema_name: str
    schema_version: str = Field(pattern=SEMVER_PATTERN)
    document: Document
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    annotation: AnnotationInfo | None = None

    def mention_by_id(self) -> dict[str, Mention]:
        return {m.id: m for m in self.mentions}


class ClusterMember(StrictModel):
    document: Id
    event: Id


class EventClusterRecord(StrictModel):
    """Links events in different documents that report the same real-world event."""

    kind: Literal["event_cluster"] = "event_cluster"
    schema_name: str
    schema_version: str = Field(pattern=SEMVER_PATTERN)
    id: Id
    event_type: str
    members: list[ClusterMember] = Field(min_length=2)
    score: float | None = Field(None, ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None


Record = DocumentRecord | EventClusterRecord
RECORD_ADAPTER: TypeAdapter[Record] = TypeAdapter(
    Annotated[DocumentRecord | EventClusterRecord, Field(discriminator="kind")]
)


def record_json(record: Record) -> dict[str, Any]:
    """The JSON form eventgold writes every record in: ``None`` fields omitted."""
    return record.model_dump(mode="json", exclude_none=True)


def new_document(
    doc_id: str,
    text: str,
    *,
    published: str | None = None,
    source: Source | None = None,
    lang: str = "en",
) -> Document:
    """A :class:`Document` with its sha256 computed from ``text``."""
    return Document(
        id=doc_id,
        text=text,
        sha256=text_sha256(text),
        published=published,
        source=source,
        lang=lang,
    )


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
