"""Parquet for Hugging Face ``datasets``: one row per document, BigBio-KB-like nested columns.

``train.parquet``/``dev.parquet``/``test.parquet`` load with
``datasets.load_dataset("parquet", data_files={"train": ".../train.parquet", ...})``.
The Arrow schema is fixed in code (:data:`SCHEMA`), so the column order and types never
depend on the data (an all-null column keeps its type).

Shape (BigBio KB, which many consumers already read, plus what the eventgold schema adds):
``passages``, ``entities``, ``events``, ``coreferences``, ``relations`` as in BigBio, where
``offsets`` are ``[[start, end]]`` in Unicode code points, end-exclusive, and ``text`` is a
one-element list. Entities carry ``normalized = [{db_name: <normalization kind>, db_id:
<value>}]``; events carry ``attributes`` (name/value list), ``attribution`` (an entity id)
and ``provenance``; the row carries the document metadata and the record's ``annotation``.
Nothing of the record is lost: :func:`record_from_row` rebuilds the exact record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventgold.gold.exporters.base import (
    ExportReport,
    ExportResult,
    group_by_split,
    result,
    write_split_files,
)
from eventgold.schema import (
    AnnotationInfo,
    Document,
    DocumentRecord,
    Event,
    EventClusterRecord,
    Mention,
    Provenance,
    SchemaTable,
    Source,
    Span,
)

NAME = "parquet"

_OFFSETS = pa.list_(pa.list_(pa.int32()))
_TEXTS = pa.list_(pa.string())
_NORMALIZED = pa.list_(pa.struct([("db_name", pa.string()), ("db_id", pa.string())]))
_PROVENANCE = pa.struct(
    [
        ("origin", pa.string()),
        ("rule_id", pa.string()),
        ("score", pa.float64()),
        ("annotators", pa.list_(pa.string())),
        ("rules_version", pa.string()),
    ]
)

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("document_id", pa.string()),
        ("split", pa.string()),
        ("schema_name", pa.string()),
        ("schema_version", pa.string()),
        ("text", pa.string()),
        ("sha256", pa.string()),
        ("published", pa.string()),
        ("lang", pa.string()),
        (
            "source",
            pa.struct([("url", pa.string()), ("publisher", pa.string()), ("title", pa.string())]),
        ),
        (
            "passages",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("type", pa.string()),
                        ("text", _TEXTS),
                        ("offsets", _OFFSETS),
                    ]
                )
            ),
        ),
        (
            "entities",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("type", pa.string()),
                        ("text", _TEXTS),
                        ("offsets", _OFFSETS),
                        ("normalized", _NORMALIZED),
                        ("provenance", _PROVENANCE),
                    ]
                )
            ),
        ),
        (
            "events",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("type", pa.string()),
                        ("trigger", pa.struct([("text", _TEXTS), ("offsets", _OFFSETS)])),
                        (
                            "arguments",
                            pa.list_(pa.struct([("role", pa.string()), ("ref_id", pa.string())])),
                        ),
                        (
                            "attributes",
                            pa.list_(pa.struct([("name", pa.string()), ("value", pa.string())])),
                        ),
                        ("attribution", pa.string()),
                        ("provenance", _PROVENANCE),
                    ]
                )
            ),
        ),
        (
            "coreferences",
            pa.list_(pa.struct([("id", pa.string()), ("entity_ids", pa.list_(pa.string()))])),
        ),
        (
            "relations",
            pa.list_(
                pa.struct(
                    [
                        ("id", pa.string()),
                        ("type", pa.string()),
                        ("arg1_id", pa.string()),
                        ("arg2_id", pa.string()),
                        ("normalized", _NORMALIZED),
                    ]
                )
            ),
        ),
        (
            "annotation",
            pa.struct(
                [
                    ("source", pa.string()),
                    ("annotator", pa.string()),
                    ("task_id", pa.int64()),
                    ("annotation_id", pa.int64()),
                    ("completed_at", pa.string()),
                    ("lead_time", pa.float64()),
                    ("ground_truth", pa.bool_()),
                    ("rules_version", pa.string()),
                ]
            ),
        ),
    ]
)


def export_parquet(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    """Write one Parquet file per split. Clusters live in the canonical JSONL only."""
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        rows = [record_row(record, split, table) for record in docs]
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path)  # type: ignore[no-untyped-call]

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".parquet", write)
    return result(NAME, out_dir, report, split_files)


def record_row(record: DocumentRecord, split: str, table: SchemaTable) -> dict[str, Any]:
    doc = record.document
    return {
        "id": doc.id,
        "document_id": doc.id,
        "split": split,
        "schema_name": record.schema_name,
        "schema_version": record.schema_version,
        "text": doc.text,
        "sha256": doc.sha256,
        "published": doc.published,
        "lang": doc.lang,
        "source": doc.source.model_dump() if doc.source else None,
        "passages": [
            {
                "id": f"{doc.id}:text",
                "type": "document",
                "text": [doc.text],
                "offsets": [[0, len(doc.text)]],
            }
        ],
        "entities": [_entity(m, table) for m in record.mentions],
        "events": [_event(e) for e in record.events],
        "coreferences": [],
        "relations": [],
        "annotation": record.annotation.model_dump() if record.annotation else None,
    }


def _provenance(prov: Provenance | None) -> dict[str, Any] | None:
    return prov.model_dump() if prov else None


def _entity(mention: Mention, table: SchemaTable) -> dict[str, Any]:
    kind = (
        table.mention_types[mention.type].normalization
        if mention.type in table.mention_types
        else "value"
    )
    return {
        "id": mention.id,
        "type": mention.type,
        "text": [mention.text],
        "offsets": [[mention.start, mention.end]],
        "normalized": []
        if mention.normalized is None
        else [{"db_name": kind, "db_id": mention.normalized}],
        "provenance": _provenance(mention.provenance),
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "trigger": {
            "text": [event.trigger.text],
            "offsets": [[event.trigger.start, event.trigger.end]],
        },
        "arguments": [
            {"role": role, "ref_id": mention_id}
            for role, ids in event.arguments.items()
            for mention_id in ids
        ],
        "attributes": [{"name": k, "value": v} for k, v in event.attributes.items()],
        "attribution": event.attribution,
        "provenance": _provenance(event.provenance),
    }


def record_from_row(row: Mapping[str, Any]) -> DocumentRecord:
    """Rebuild the :class:`DocumentRecord` of one row (as ``datasets`` or pyarrow give it)."""
    source = row["source"]
    document = Document(
        id=row["document_id"],
        text=row["text"],
        sha256=row["sha256"],
        source=Source(**source) if source else None,
        published=row["published"],
        lang=row["lang"],
    )
    mentions = [
        Mention(
            id=e["id"],
            start=e["offsets"][0][0],
            end=e["offsets"][0][1],
            text=e["text"][0],
            type=e["type"],
            normalized=e["normalized"][0]["db_id"] if e["normalized"] else None,
            provenance=_provenance_from(e["provenance"]),
        )
        for e in row["entities"]
    ]
    events = []
    for e in row["events"]:
        arguments: dict[str, list[str]] = {}
        for arg in e["arguments"]:
            arguments.setdefault(arg["role"], []).append(arg["ref_id"])
        events.append(
            Event(
                id=e["id"],
                type=e["type"],
                trigger=Span(
                    start=e["trigger"]["offsets"][0][0],
                    end=e["trigger"]["offsets"][0][1],
                    text=e["trigger"]["text"][0],
                ),
                arguments=arguments,
                attributes={a["name"]: a["value"] for a in e["attributes"]},
                attribution=e["attribution"],
                provenance=_provenance_from(e["provenance"]),
            )
        )
    annotation = row["annotation"]
    return DocumentRecord(
        schema_name=row["schema_name"],
        schema_version=row["schema_version"],
        document=document,
        mentions=mentions,
        events=events,
        annotation=AnnotationInfo(**annotation) if annotation else None,
    )


def _provenance_from(data: Mapping[str, Any] | None) -> Provenance | None:
    return Provenance(**data) if data else None
