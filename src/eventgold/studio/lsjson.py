"""The Label Studio JSON that eventgold writes (TypedDicts) and reads (checked, typed).

Written: tasks with ``data``/``meta``/``predictions`` and annotation results, in the shape the
1.23 editor itself produces. Read: the full JSON export. Label Studio adds fields between
versions, so the read models ignore unknown keys; everything eventgold relies on is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from eventgold.schema import Source

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


# ---------------------------------------------------------------- read (export)


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


# Result items are checked by hand: an export holds ~40-200 items per task, and pydantic
# validation of each one dominated the pull time (~27 us per item against ~2 us here).


class ItemError(ValueError):
    """A result item that is not a Label Studio text region or relation."""


@dataclass(slots=True)
class RegionValue:
    start: int | None = None
    end: int | None = None
    text: str | list[str] | None = None
    labels: list[str] | None = None
    choices: list[str] | None = None


@dataclass(slots=True)
class ResultItem:
    """One item of an annotation or prediction ``result``: a region part or a relation."""

    type: str
    id: str | None = None
    from_name: str | None = None
    to_name: str | None = None
    value: RegionValue | None = None
    from_id: str | None = None
    to_id: str | None = None
    direction: str | None = None
    labels: list[str] | None = None
    extension: dict[str, Any] | None = None  # the ``eventgold`` key of prediction regions
    has_extension: bool = False


def _text_field(value: Any, key: str) -> str | None:
    if value is None or type(value) is str:
        return value
    if type(value) is int:
        return str(value)  # some producers write numeric region ids
    raise ItemError(f"{key}: expected a string, got {type(value).__name__}")


def _strings(value: Any, key: str) -> list[str] | None:
    if value is None:
        return None
    if type(value) is list and all(type(v) is str for v in value):
        return value
    raise ItemError(f"{key}: expected a list of strings")


def _offset(value: Any, key: str) -> int | None:
    if value is None or type(value) is int:
        return value
    raise ItemError(f"{key}: expected an integer offset, got {value!r}")


def _region_value(raw: Any) -> RegionValue | None:
    if raw is None:
        return None
    if type(raw) is not dict:
        raise ItemError("value: expected an object")
    get = raw.get
    text = get("text")
    if text is not None and type(text) is not str:
        text = _strings(text, "value.text")
    return RegionValue(
        _offset(get("start"), "value.start"),
        _offset(get("end"), "value.end"),
        text,
        _strings(get("labels"), "value.labels"),
        _strings(get("choices"), "value.choices"),
    )


def parse_result_item(raw: Any) -> ResultItem:
    """Check and type one result item; raises :class:`ItemError` naming the bad field.

    Written for speed (exact type checks, no per-field helpers on the common path): an export
    holds tens of thousands of items.
    """
    if type(raw) is not dict:
        raise ItemError("result item is not an object")
    get = raw.get
    kind = get("type")
    if type(kind) is not str:
        raise ItemError("type: missing or not a string")
    extension = get("eventgold")
    if extension is not None and type(extension) is not dict:
        raise ItemError("eventgold: expected an object")
    if kind == "relation":
        return ResultItem(
            kind,
            _text_field(get("id"), "id"),
            from_id=_text_field(get("from_id"), "from_id"),
            to_id=_text_field(get("to_id"), "to_id"),
            direction=_text_field(get("direction"), "direction"),
            labels=_strings(get("labels"), "labels"),
        )
    return ResultItem(
        kind,
        _text_field(get("id"), "id"),
        _text_field(get("from_name"), "from_name"),
        _text_field(get("to_name"), "to_name"),
        _region_value(get("value")),
        extension=extension,
        has_extension="eventgold" in raw,
    )


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
