"""The Label Studio JSON that eventgold writes (TypedDicts) and reads (checked, typed).

Written: tasks with ``data``/``meta``/``predictions`` and annotation results, in the shape the
1.23 editor itself produces. Read: the full JSON export. Label Studio adds fields between
versions, so the read models ignore unknown keys; everything eventgold relies on is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
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


# Result items are checked by hand: an export holds ~40-200 items per task, and pydantic
# validation of each one dominated the pull time (~27 us per item against ~2 us here).


class ItemError(ValueError):
    """A result item that is not a Label Studio text region or relation."""


@dataclass(frozen=True)
class RegionValue:
    start: int | None = None
    end: int | None = None
    text: str | list[str] | None = None
    labels: list[str] | None = None
    choices: list[str] | None = None


@dataclass(frozen=True)
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


def _optional_str(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # some producers write numeric region ids
    raise ItemError(f"{key}: expected a string, got {type(value).__name__}")


def _optional_int(raw: dict[str, Any], key: str) -> int | None:
    value = raw.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ItemError(f"value.{key}: expected an integer offset, got {value!r}")


def _optional_strings(raw: dict[str, Any], key: str, where: str = "") -> list[str] | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ItemError(f"{where}{key}: expected a list of strings")


def _region_value(raw: Any) -> RegionValue | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ItemError("value: expected an object")
    text = raw.get("text")
    if not (text is None or isinstance(text, str)):
        text = _optional_strings(raw, "text", "value.")
    return RegionValue(
        start=_optional_int(raw, "start"),
        end=_optional_int(raw, "end"),
        text=text,
        labels=_optional_strings(raw, "labels", "value."),
        choices=_optional_strings(raw, "choices", "value."),
    )


def parse_result_item(raw: Any) -> ResultItem:
    """Check and type one result item; raises :class:`ItemError` naming the bad field."""
    if not isinstance(raw, dict):
        raise ItemError("result item is not an object")
    kind = raw.get("type")
    if not isinstance(kind, str):
        raise ItemError("type: missing or not a string")
    extension = raw.get("eventgold")
    if extension is not None and not isinstance(extension, dict):
        raise ItemError("eventgold: expected an object")
    return ResultItem(
        type=kind,
        id=_optional_str(raw, "id"),
        from_name=_optional_str(raw, "from_name"),
        to_name=_optional_str(raw, "to_name"),
        value=_region_value(raw.get("value")),
        from_id=_optional_str(raw, "from_id"),
        to_id=_optional_str(raw, "to_id"),
        direction=_optional_str(raw, "direction"),
        labels=_optional_strings(raw, "labels"),
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
