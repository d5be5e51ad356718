"""Read the gold builder's inputs: validated records, or plain ``.txt`` documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventgold.schema import (
    DocumentRecord,
    EventClusterRecord,
    default_table,
    new_document,
)
from eventgold.validate import iter_valid_records
from eventgold.validate.reader import DATA_SUFFIXES


@dataclass
class Inputs:
    """Document records (several per document when several annotators) and cluster records."""

    documents: list[DocumentRecord] = field(default_factory=list)
    clusters: list[EventClusterRecord] = field(default_factory=list)


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
    out = Inputs()
    record_paths: list[str | Path] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix == ".txt" and path.is_file():
            out.documents.append(read_text_document(path))
        elif path.is_dir() and not any(p.suffix in DATA_SUFFIXES for p in path.rglob("*")):
            texts = sorted(p for p in path.rglob("*.txt") if not p.name.startswith("."))
            if not texts:
                record_paths.append(raw)  # the reader reports the empty folder
            out.documents.extend(read_text_document(p) for p in texts)
        else:
            record_paths.append(raw)
    if record_paths:
        for record in iter_valid_records(record_paths):
            if record.get("kind") == "event_cluster":
                out.clusters.append(EventClusterRecord.model_validate(record))
            else:
                out.documents.append(DocumentRecord.model_validate(record))
    return out
