"""Canonical JSONL: the schema records themselves, one file per split (plus clusters).

``train.jsonl``/``dev.jsonl``/``test.jsonl`` hold one :class:`DocumentRecord` per line in the
form eventgold writes everywhere (``model_dump(mode="json", exclude_none=True)``), sorted by
document id; ``clusters.jsonl`` holds the :class:`EventClusterRecord` lines, sorted by id.
Offsets are Unicode code points, end-exclusive (Python ``str`` indices). Every file passes
``eventgold validate``; nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from eventgold.gold.exporters.base import (
    ExportReport,
    ExportResult,
    count_record,
    group_by_split,
    json_line,
    result,
    write_lines,
)
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

NAME = "jsonl"


def export_jsonl(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)
    out_dir.mkdir(parents=True, exist_ok=True)
    split_files: dict[str, list[str]] = {}
    for split, docs in group_by_split(records, splits, table).items():
        for record in docs:
            count_record(report, record)
        name = f"{split}.jsonl"
        write_lines(out_dir / name, (json_line(record_json(r)) for r in docs))
        split_files[split] = [name]
    if clusters:
        ordered = sorted(clusters, key=lambda c: c.id)
        write_lines(out_dir / "clusters.jsonl", (json_line(record_json(c)) for c in ordered))
        report.count("clusters", len(ordered))
    return result(NAME, out_dir, report, split_files)


def record_json(record: DocumentRecord | EventClusterRecord) -> dict[str, object]:
    return record.model_dump(mode="json", exclude_none=True)
