"""Records <-> Label Studio task and result JSON. Pure functions: no I/O, no SDK.

Push side: a :class:`DocumentRecord` becomes a task (``data.text``, the document key, the
document metadata in ``meta``) and its mentions/events become a result list: one ``labels``
region per mention (control ``mention``) and per event trigger (control ``trigger``), the
region id being the mention/event id; per-region ``choices`` for event attributes and a
per-region ``textarea`` for normalized values share the region's id; arguments and
attribution are ``relation`` items from the trigger to the mention.

Pull side: :func:`results_to_content` reads such a list back, whoever wrote it (the editor,
an ML backend, a script), checks every region against the task text and the schema, repairs
offsets written in UTF-16 units or over CRLF-folded text, and reports each problem with the
task, annotation/prediction and region it concerns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from eventgold.errors import Problem
from eventgold.schema import DocumentRecord, Event, Mention, Provenance
from eventgold.schema.models import ID_PATTERN
from eventgold.studio.config import (
    ATTRIBUTION_RELATION,
    MENTION_CONTROL,
    NORMALIZED_CONTROL,
    TEXT_NAME,
    TRIGGER_CONTROL,
    StudioConfig,
)
from eventgold.studio.lsjson import (
    DOC_ID_FIELD,
    KEY_FIELD,
    META_KEY,
    DocumentMeta,
    ExtensionDict,
    ItemError,
    PredictionDict,
    RegionResultDict,
    RelationResultDict,
    ResultDict,
    ResultItem,
    SpanValueDict,
    TaskDict,
    parse_result_item,
)
from eventgold.studio.offsets import OffsetMap, Reading, resolve_span

UNKNOWN_MODEL_VERSION = "unknown"
_ID_RE = re.compile(ID_PATTERN)

# ---------------------------------------------------------------------------- push side


def document_meta(record: DocumentRecord) -> DocumentMeta:
    doc = record.document
    return DocumentMeta(
        id=doc.id,
        sha256=doc.sha256,
        published=doc.published,
        source=doc.source,
        lang=doc.lang,
        schema_id=f"{record.schema_name}@{record.schema_version}",
    )


def model_version_of(record: DocumentRecord) -> str:
    """The prediction's model_version: the rules version the record was produced with."""
    if record.annotation is not None and record.annotation.rules_version:
        return record.annotation.rules_version
    for provenance in _provenances(record):
        if provenance.rules_version:
            return provenance.rules_version
    return UNKNOWN_MODEL_VERSION


def _provenances(record: DocumentRecord) -> list[Provenance]:
    items = [m.provenance for m in record.mentions] + [e.provenance for e in record.events]
    return [p for p in items if p is not None]


def _span_value(start: int, end: int, text: str) -> SpanValueDict:
    return {"start": start, "end": end, "text": text}


def _region(region_id: str, control: str, kind: str, value: SpanValueDict) -> RegionResultDict:
    return {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT_NAME,
        "type": kind,
        "value": value,
    }


def _extension(provenance: Provenance | None) -> ExtensionDict:
    return {
        "provenance": None
        if provenance is None
        else provenance.model_dump(mode="json", exclude_none=True)
    }


def record_results(
    record: DocumentRecord, config: StudioConfig, *, with_provenance: bool = False
) -> list[ResultDict]:
    """The Label Studio result list of a record's mentions and events.

    ``with_provenance`` adds each region's provenance under ``eventgold`` (for predictions,
    so pulled prediction records keep their rule ids and scores).
    """
    out: list[ResultDict] = []
    for m in record.mentions:
        labels = _region(m.id, MENTION_CONTROL, "labels", _span_value(m.start, m.end, m.text))
        labels["value"]["labels"] = [m.type]
        if with_provenance:
            labels["eventgold"] = _extension(m.provenance)
        out.append(labels)
        if m.normalized is not None:
            norm = _region(m.id, NORMALIZED_CONTROL, "textarea", {"start": m.start, "end": m.end})
            norm["value"]["text"] = [m.normalized]
            out.append(norm)
    relations: list[ResultDict] = []
    for e in record.events:
        t = e.trigger
        trigger = _region(e.id, TRIGGER_CONTROL, "labels", _span_value(t.start, t.end, t.text))
        trigger["value"]["labels"] = [e.type]
        if with_provenance:
            trigger["eventgold"] = _extension(e.provenance)
        out.append(trigger)
        for name, value in e.attributes.items():
            control = config.attribute_control(e.type, name)
            if control is None:
                raise ValueError(f"event {e.id}: no control for attribute {name!r} of {e.type}")
            choice = _region(e.id, control.name, "choices", _span_value(t.start, t.end, t.text))
            choice["value"]["choices"] = [value]
            out.append(choice)
        for role, mention_ids in e.arguments.items():
            relations.extend(_relation(e.id, mid, role) for mid in mention_ids)
        if e.attribution is not None:
            relations.append(_relation(e.id, e.attribution, ATTRIBUTION_RELATION))
    return out + relations


def _relation(from_id: str, to_id: str, label: str) -> RelationResultDict:
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": "right",
        "labels": [label],
    }


def prediction_of(record: DocumentRecord, config: StudioConfig) -> PredictionDict:
    """A prediction for the task of ``record``: model_version = rules version."""
    prediction: PredictionDict = {
        "model_version": model_version_of(record),
        "result": record_results(record, config, with_provenance=True),
    }
    scores = [p.score for p in _provenances(record) if p.score is not None]
    if scores:
        prediction["score"] = round(fmean(scores), 6)
    return prediction


def document_task(
    record: DocumentRecord, config: StudioConfig, predictions: Sequence[DocumentRecord] = ()
) -> TaskDict:
    """The task for ``record``'s document; ``predictions`` are records over the same text."""
    doc = record.document
    return {
        "data": {TEXT_NAME: doc.text, KEY_FIELD: doc.sha256, DOC_ID_FIELD: doc.id},
        "meta": {META_KEY: document_meta(record).model_dump(mode="json", exclude_none=True)},
        "predictions": [prediction_of(p, config) for p in predictions],
    }


# ---------------------------------------------------------------------------- pull side


@dataclass(frozen=True)
class ResultSource:
    """Where a result list sits in an export: named in every problem about it."""

    task_id: int
    kind: Literal["annotation", "prediction"]
    item_id: int | None
    path: str  # JSON path of the result list, e.g. $[3].annotations[0].result
    file: str | None = None

    @property
    def label(self) -> str:
        return f"task {self.task_id} {self.kind} {self.item_id}"

    def problem(
        self, code: str, message: str, *, region: str | None = None, index: int | None = None
    ) -> Problem:
        where = self.label + (f" region {region!r}" if region is not None else "")
        extra: dict[str, Any] = {"task_id": self.task_id, f"{self.kind}_id": self.item_id}
        if region is not None:
            extra["region_id"] = region
        path = self.path if index is None else f"{self.path}[{index}]"
        return Problem(code, f"{where}: {message}", path, self.file, extra=extra)


@dataclass(frozen=True)
class Repair:
    """A region whose offsets were written in another convention and were converted."""

    task_id: int
    kind: str
    item_id: int | None
    region_id: str
    reading: Reading
    start: int
    end: int


@dataclass
class Content:
    """Mentions and events read from one result list, or the problems that prevent it."""

    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Region:
    region_id: str
    record_id: str
    control: str
    label: str
    start: int
    end: int
    index: int
    provenance: Provenance | None
    normalized: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    arguments: dict[str, list[str]] = field(default_factory=dict)
    attribution: str | None = None


@dataclass(frozen=True)
class ProvenancePolicy:
    """How pulled items get their provenance."""

    default: Provenance | None
    use_extension: bool  # predictions keep the provenance pushed with them
    fill_default_attributes: bool  # annotators need not click the default of each attribute


def record_id_for(region_id: str) -> str:
    """A mention/event id for a region id (editor ids may start with ``_`` or ``-``)."""
    if _ID_RE.match(region_id) and len(region_id) <= 200:
        return region_id
    return "r" + re.sub(r"[^A-Za-z0-9_.:@/-]", "_", region_id)[:199]


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    loc = ".".join(str(part) for part in first["loc"])
    return f"{loc or 'item'}: {first['msg']}"


_PROVENANCE_CACHE: dict[str, Provenance] = {}
_MENTIONS = TypeAdapter(list[Mention])
_EVENTS = TypeAdapter(list[Event])
_REGION_CODES = frozenset({"EG502", "EG504", "EG505", "EG506", "EG507", "EG515"})


class _Reader:
    """Reads one result list; collects problems instead of stopping at the first."""

    def __init__(
        self,
        text: str,
        config: StudioConfig,
        source: ResultSource,
        policy: ProvenancePolicy,
        omap: OffsetMap | None,
    ) -> None:
        self.text = text
        self.config = config
        self.source = source
        self.policy = policy
        self.omap = omap or OffsetMap(text)
        self.content = Content()
        self.regions: dict[str, _Region] = {}
        self.record_ids: set[str] = set()
        # Regions already reported as bad: what refers to them is not reported again.
        self.bad_regions: set[str] = set()

    def fail(
        self, code: str, message: str, *, region: str | None = None, index: int | None = None
    ) -> None:
        if region is not None and code in _REGION_CODES:
            self.bad_regions.add(region)
        self.content.problems.append(self.source.problem(code, message, region=region, index=index))

    def read(self, items: Sequence[Any]) -> Content:
        parts: list[tuple[int, ResultItem]] = []
        relations: list[tuple[int, ResultItem]] = []
        for index, raw in enumerate(items):
            region_id = raw.get("id") if isinstance(raw, dict) else None
            try:
                item = parse_result_item(raw)
            except ItemError as exc:
                self.fail(
                    "EG502",
                    f"result item is not a Label Studio region: {exc}",
                    region=str(region_id) if region_id is not None else None,
                    index=index,
                )
                continue
            if item.type == "relation":
                relations.append((index, item))
            elif item.from_name in (MENTION_CONTROL, TRIGGER_CONTROL):
                self._region(index, item)
            elif item.from_name == NORMALIZED_CONTROL or item.from_name in (
                self.config.control_by_name
            ):
                parts.append((index, item))
            else:
                self.fail(
                    "EG514",
                    f"unknown control {item.from_name!r} (type {item.type!r})",
                    region=item.id,
                    index=index,
                )
        for index, item in parts:
            self._part(index, item)
        for index, item in relations:
            self._relation(index, item)
        if not self.content.problems:
            self._build()
        return self.content

    def _region(self, index: int, item: ResultItem) -> None:
        rid = item.id
        control = str(item.from_name)
        if rid is None:
            self.fail("EG502", "region has no id", index=index)
            return
        if item.type != "labels" or item.value is None:
            self.fail(
                "EG502",
                f"{control} region must be a 'labels' item with a value",
                region=rid,
                index=index,
            )
            return
        if rid in self.regions:
            self.fail("EG515", f"region id {rid!r} labeled twice", region=rid, index=index)
            return
        labels = item.value.labels or []
        if len(labels) != 1:
            self.fail(
                "EG507",
                f"region has {len(labels)} labels {labels}; expected one",
                region=rid,
                index=index,
            )
            return
        label = labels[0]
        allowed = (
            self.config.mention_types if control == MENTION_CONTROL else self.config.event_types
        )
        if label not in allowed:
            self.fail(
                "EG506",
                f"label {label!r} is not a {control} label of {self.config.table.id} "
                f"(known: {', '.join(allowed)})",
                region=rid,
                index=index,
            )
            return
        start, end = item.value.start, item.value.end
        if start is None or end is None:
            self.fail("EG502", "region has no start/end", region=rid, index=index)
            return
        expected = item.value.text if isinstance(item.value.text, str) else None
        span = resolve_span(self.omap, start, end, expected)
        if span is None:
            if not 0 <= start < end <= len(self.text):
                self.fail(
                    "EG504",
                    f"region [{start}, {end}) is outside the text ({len(self.text)} code points)",
                    region=rid,
                    index=index,
                )
            else:
                self.fail(
                    "EG505",
                    f"region text {expected!r} is not at [{start}, {end}) "
                    f"(text there: {self.text[start:end]!r}), in code points, UTF-16 units "
                    "or CRLF-folded offsets",
                    region=rid,
                    index=index,
                )
            return
        if span.repaired:
            self.content.repairs.append(
                Repair(
                    self.source.task_id,
                    self.source.kind,
                    self.source.item_id,
                    rid,
                    span.reading,
                    span.start,
                    span.end,
                )
            )
        record_id = record_id_for(rid)
        if record_id in self.record_ids:
            self.fail(
                "EG515",
                f"region id {rid!r} clashes with another as {record_id!r}",
                region=rid,
                index=index,
            )
            return
        self.record_ids.add(record_id)
        provenance = self.policy.default
        if self.policy.use_extension and item.has_extension:
            try:
                provenance = self._provenance(item.extension)
            except ValidationError as exc:
                self.fail(
                    "EG502",
                    f"eventgold.provenance is invalid: {_validation_message(exc)}",
                    region=rid,
                    index=index,
                )
                return
        self.regions[rid] = _Region(
            rid, record_id, control, label, span.start, span.end, index, provenance
        )

    def _provenance(self, extension: dict[str, Any] | None) -> Provenance | None:
        raw = (extension or {}).get("provenance")
        if raw is None:
            return None
        # Rule output repeats a few provenances thousands of times: parse each once.
        key = json.dumps(raw, sort_keys=True)
        found = _PROVENANCE_CACHE.get(key)
        if found is None:
            found = Provenance.model_validate(raw)
            if len(_PROVENANCE_CACHE) < 10_000:
                _PROVENANCE_CACHE[key] = found
        return found

    def _part(self, index: int, item: ResultItem) -> None:
        rid = item.id
        control = str(item.from_name)
        if rid in self.bad_regions:
            return
        region = self.regions.get(rid) if rid is not None else None
        if region is None:
            self.fail(
                "EG512",
                f"{control} value belongs to no labeled region (id {rid!r})",
                region=rid,
                index=index,
            )
            return
        assert rid is not None
        if control == NORMALIZED_CONTROL:
            self._normalized(index, item, region)
        else:
            self._choice(index, item, region)

    def _normalized(self, index: int, item: ResultItem, region: _Region) -> None:
        rid = region.region_id
        if region.control != MENTION_CONTROL:
            self.fail("EG512", "normalized value on an event trigger", region=rid, index=index)
            return
        raw = item.value.text if item.value is not None else None
        values = [raw] if isinstance(raw, str) else list(raw or [])
        values = [v for v in values if v != ""]
        if len(set(values)) > 1:
            self.fail("EG513", f"several normalized values {values}", region=rid, index=index)
            return
        if region.normalized is not None:
            self.fail("EG515", "normalized value given twice", region=rid, index=index)
            return
        region.normalized = values[0] if values else None

    def _choice(self, index: int, item: ResultItem, region: _Region) -> None:
        rid = region.region_id
        control = self.config.control_by_name[str(item.from_name)]
        name = control.attribute.name
        if region.control != TRIGGER_CONTROL or region.label not in control.event_types:
            self.fail(
                "EG513",
                f"attribute {control.name!r} does not apply to {region.control} {region.label!r}",
                region=rid,
                index=index,
            )
            return
        choices = item.value.choices if item.value is not None else None
        if not choices or len(choices) != 1 or choices[0] not in control.attribute.values:
            self.fail(
                "EG513",
                f"{name} must be one of {list(control.attribute.values)}, got {choices}",
                region=rid,
                index=index,
            )
            return
        if name in region.attributes:
            self.fail("EG515", f"attribute {name!r} given twice", region=rid, index=index)
            return
        region.attributes[name] = choices[0]

    def _relation(self, index: int, item: ResultItem) -> None:
        if not item.from_id or not item.to_id:
            missing = "from_id" if not item.from_id else "to_id"
            self.fail(
                "EG509",
                f"relation has no {missing}",
                region=item.from_id or item.to_id,
                index=index,
            )
            return
        if {item.from_id, item.to_id} & self.bad_regions:
            return
        ends = [self.regions.get(item.from_id), self.regions.get(item.to_id)]
        for rid, region in zip((item.from_id, item.to_id), ends, strict=True):
            if region is None:
                self.fail(
                    "EG508",
                    f"relation {item.from_id!r} -> {item.to_id!r} points to missing region {rid!r}",
                    region=rid,
                    index=index,
                )
                return
        first, second = ends
        assert first is not None and second is not None
        # The editor lets annotators draw (and flip) relations either way; the kinds decide.
        kinds = {first.control, second.control}
        if kinds != {TRIGGER_CONTROL, MENTION_CONTROL}:
            self.fail(
                "EG511",
                f"relation {item.from_id!r} -> {item.to_id!r} connects {first.control} and "
                f"{second.control}; it must connect an event trigger and a mention",
                region=item.from_id,
                index=index,
            )
            return
        trigger, mention = (first, second) if first.control == TRIGGER_CONTROL else (second, first)
        labels = item.labels or []
        if not labels:
            self.fail("EG510", "relation has no role label", region=trigger.region_id, index=index)
            return
        roles = self.config.table.event_types[trigger.label].roles
        for label in labels:
            if label == ATTRIBUTION_RELATION:
                if trigger.attribution not in (None, mention.record_id):
                    self.fail(
                        "EG510",
                        "event has several attributions",
                        region=trigger.region_id,
                        index=index,
                    )
                    return
                trigger.attribution = mention.record_id
            elif label in roles:
                ids = trigger.arguments.setdefault(label, [])
                if mention.record_id not in ids:
                    ids.append(mention.record_id)
            else:
                self.fail(
                    "EG510",
                    f"role {label!r} is not defined for {trigger.label} "
                    f"(roles: {', '.join(roles)})",
                    region=trigger.region_id,
                    index=index,
                )

    def _build(self) -> None:
        # Plain dicts validated in one pydantic-core call per list: constructing the models
        # one by one (even with model_construct) cost ~40% of a pull.
        table = self.config.table
        mentions: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for region in sorted(self.regions.values(), key=lambda r: r.index):
            text = self.text[region.start : region.end]
            if region.control == MENTION_CONTROL:
                mentions.append(
                    {
                        "id": region.record_id,
                        "start": region.start,
                        "end": region.end,
                        "text": text,
                        "type": region.label,
                        "normalized": region.normalized,
                        "provenance": region.provenance,
                    }
                )
                continue
            attributes = dict(region.attributes)
            if self.policy.fill_default_attributes:
                for name, attr in table.attributes_of(region.label).items():
                    if name not in attributes and attr.default is not None:
                        attributes[name] = attr.default
            events.append(
                {
                    "id": region.record_id,
                    "type": region.label,
                    "trigger": {"start": region.start, "end": region.end, "text": text},
                    "arguments": region.arguments,
                    "attributes": attributes,
                    "attribution": region.attribution,
                    "provenance": region.provenance,
                }
            )
        self.content.mentions = _MENTIONS.validate_python(mentions)
        self.content.events = _EVENTS.validate_python(events)


def results_to_content(
    items: Sequence[Any],
    text: str,
    config: StudioConfig,
    source: ResultSource,
    policy: ProvenancePolicy,
    *,
    omap: OffsetMap | None = None,
) -> Content:
    """Mentions and events of one annotation/prediction result list, checked against ``text``.

    Never raises for bad content: problems are returned (each naming task, annotation or
    prediction, and region); when there are any, ``mentions``/``events`` are left empty.
    Pass one ``omap`` per task to share its offset tables between its result lists.
    """
    return _Reader(text, config, source, policy, omap).read(items)
