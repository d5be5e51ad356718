"""The Label Studio JSON that eventgold writes (TypedDicts) and reads (lenient pydantic models).

Written: tasks with ``data``/``meta``/``predictions`` and annotation results, in the shape the
1.23 editor itself produces. Read: the full JSON export. Label Studio adds fields between
versions, so the read models ignore unknown keys; everything eventgold relies on is typed.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from eventgold.schema import Provenance, Source

KEY_FIELD = "eventgold_key"  # data.<KEY_FIELD> = document sha256: the idempotency key
DOC_ID_FIELD = "eventgold_doc_id"
META_KEY = "eventgold"


# ---------------------------------------------------------------- written (wire dicts)


class SpanValueDict(TypedDict, total=False):
    start: int
    end: int
    text: str | list[str]
    labels: list[str]
    choices: list[str]


class ExtensionDict(TypedDict):
    provenance: dict[str, Any] | None


class RegionResultDict(TypedDict, total=False):
    id: str
    from_name: str
    to_name: str
    type: str
    value: SpanValueDict
    eventgold: ExtensionDict


class RelationResultDict(TypedDict):
    type: Literal["relation"]
    from_id: str
    to_id: str
    direction: Literal["right"]
    labels: list[str]


ResultDict = RegionResultDict | RelationResultDict


class PredictionDict(TypedDict, total=False):
    model_version: str
    score: float
    result: list[ResultDict]


class TaskDict(TypedDict):
    data: dict[str, str]
    meta: dict[str, Any]
    predictions: list[PredictionDict]


# ---------------------------------------------------------------- our metadata in task.meta


class DocumentMeta(BaseModel):
    """What a task remembers of its document besides the text (``task.meta.eventgold``)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    sha256: str
    published: str | None = None
    source: Source | None = None
    lang: str = "en"
    schema_id: str | None = Field(None, description="name@version the task was pushed with")


class RegionExtension(BaseModel):
    """``result[i].eventgold`` on prediction regions: the rule provenance of the region."""

    model_config = ConfigDict(extra="forbid")

    provenance: Provenance | None = None


# ---------------------------------------------------------------- read (export)


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RegionValue(_Lenient):
    start: int | None = None
    end: int | None = None
    text: str | list[str] | None = None
    labels: list[str] | None = None
    choices: list[str] | None = None


class ResultItem(_Lenient):
    """One item of an annotation or prediction ``result``: a region part or a relation."""

    id: str | None = None
    type: str
    from_name: str | None = None
    to_name: str | None = None
    value: RegionValue | None = None
    from_id: str | None = None
    to_id: str | None = None
    direction: str | None = None
    labels: list[str] | None = None
    eventgold: RegionExtension | None = None


class CompletedBy(_Lenient):
    id: int
    email: str | None = None


class LsAnnotation(_Lenient):
    id: int | None = None
    result: list[Any] = Field(default_factory=list)
    completed_by: CompletedBy | int | None = None
    lead_time: float | None = None
    ground_truth: bool = False
    was_cancelled: bool = False
    created_at: str | None = None
    updated_at: str | None = None


class LsPrediction(_Lenient):
    id: int | None = None
    result: list[Any] = Field(default_factory=list)
    model_version: str | None = None
    score: float | None = None


class LsTask(_Lenient):
    id: int
    data: dict[str, Any]
    meta: dict[str, Any] | None = None
    annotations: list[LsAnnotation] = Field(default_factory=list)
    predictions: list[LsPrediction | int] = Field(default_factory=list)
