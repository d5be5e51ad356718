"""Exporters: adjudicated records -> the formats training pipelines load.

:data:`EXPORTERS` is the contract with the gold builder: format name -> a function
``(records, splits, table, out_dir, clusters=()) -> ExportResult`` (see :mod:`.base`).
Each writes deterministic files into ``out_dir``; the builder gives each format its own
folder (``exports/<name>/``) inside the build's temporary directory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from eventgold.atomic import atomic_directory
from eventgold.errors import Problem, UsageError
from eventgold.gold.exporters.base import (
    SPLITS,
    Exporter,
    ExportNote,
    ExportReport,
    ExportResult,
    group_by_split,
)
from eventgold.gold.exporters.brat import annotation_conf, export_brat
from eventgold.gold.exporters.dygiepp import export_dygiepp
from eventgold.gold.exporters.jsonl import export_jsonl
from eventgold.gold.exporters.oneie import export_oneie
from eventgold.gold.exporters.parquet import export_parquet
from eventgold.gold.exporters.spacy_docbin import export_spacy
from eventgold.gold.exporters.textee import export_textee
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

EXPORTERS: dict[str, Exporter] = {
    "jsonl": export_jsonl,
    "parquet": export_parquet,
    "spacy": export_spacy,
    "dygiepp": export_dygiepp,
    "oneie": export_oneie,
    "textee": export_textee,
    "brat": export_brat,
}


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UsageError(
            Problem("EG607", f"unknown export format {name!r}; known: {', '.join(EXPORTERS)}")
        ) from None


def export_to(
    name: str,
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    """Run one exporter atomically: ``out_dir`` is replaced only when the export succeeds."""
    exporter = get_exporter(name)
    with atomic_directory(out_dir) as tmp:
        built = exporter(records, splits, table, tmp, clusters)
    final = Path(out_dir).resolve()
    return ExportResult(built.format, final, built.files, built.report, built.split_files)


__all__ = [
    "EXPORTERS",
    "SPLITS",
    "ExportNote",
    "ExportReport",
    "ExportResult",
    "Exporter",
    "annotation_conf",
    "export_to",
    "get_exporter",
    "group_by_split",
]
