"""Canonical JSONL: the schema records themselves, one file per split (plus clusters).

``train.jsonl``/``dev.jsonl``/``test.jsonl`` hold one :class:`DocumentRecord` per line in the
form eventgold writes everywhere (:func:`eventgold.schema.record_json`), sorted by
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
    group_by_split,
    result,
    write_json_lines,
    write_split_files,
)
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable, record_json

NAME = "jsonl"


def export_jsonl(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        write_json_lines(path, (record_json(r) for r in docs))

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".jsonl", write)
    if clusters:
        ordered = sorted(clusters, key=lambda c: c.id)
        write_json_lines(out_dir / "clusters.jsonl", (record_json(c) for c in ordered))
        report.count("clusters", len(ordered))
    return result(NAME, out_dir, report, split_files)
