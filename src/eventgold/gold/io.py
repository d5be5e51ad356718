"""Read the gold builder's inputs: validated records, or plain ``.txt`` documents."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from eventgold.schema import DocumentRecord, default_table, new_document
from eventgold.validate import ValidRecords, read_valid_records
from eventgold.validate.reader import DATA_SUFFIXES

# Document records (several per document when several annotators) and cluster records.
Inputs = ValidRecords


def read_text_document(path: Path) -> DocumentRecord:
    """A record without annotations for a ``.txt`` file: id = stem, text exactly as stored."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    table = default_table()
    return DocumentRecord(
        schema_name=table.name,
        schema_version=table.version,
        document=new_document(path.stem, text),
    )


def read_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Records of JSONL/JSON files and folders (validated; the first invalid one raises
    :class:`~eventgold.errors.DataError`), plus ``.txt`` files as bare documents."""
    text_documents: list[DocumentRecord] = []
    record_paths: list[str | Path] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix == ".txt" and path.is_file():
            text_documents.append(read_text_document(path))
        elif path.is_dir() and not any(p.suffix in DATA_SUFFIXES for p in path.rglob("*")):
            text_files = sorted(p for p in path.rglob("*.txt") if not p.name.startswith("."))
            if not text_files:
                record_paths.append(raw)  # the reader reports the empty folder
            text_documents.extend(read_text_document(p) for p in text_files)
        else:
            record_paths.append(raw)
    records = read_valid_records(record_paths) if record_paths else Inputs()
    return Inputs(text_documents + records.documents, records.clusters)
