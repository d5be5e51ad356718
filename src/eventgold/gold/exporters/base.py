"""What every exporter shares: the call signature, the result, the report, input checks.

An exporter is a plain function::

    export(records, splits, table, out_dir, clusters=()) -> ExportResult

It writes the adjudicated ``records`` (one :class:`DocumentRecord` per document), grouped by
``splits`` (document id -> ``"train"``/``"dev"``/``"test"``), into ``out_dir`` (created when
missing). Output is deterministic: documents sorted by id within a split, splits in the order
train, dev, test, no timestamps, so a rebuild from the same input is byte-identical. Writing
is not atomic here; the gold builder builds the whole export folder in a temporary directory
(:func:`eventgold.atomic.atomic_directory`), and :func:`eventgold.gold.exporters.export_to`
does the same for one format.

Lossy conversions (a span not on token boundaries, a multi-token trigger where a format has
one token, text changed for brat) never raise: they are counted in the :class:`ExportReport`
with a stable EG65x code so the dataset card can state them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eventgold.errors import DataError, Problem
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True)
class ExportNote:
    """One lossy or adjusted conversion of one item (a warning, not an error)."""

    code: str
    document: str
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "document": self.document,
            "path": self.path,
            "message": self.message,
        }


@dataclass
class ExportReport:
    """Counts of what was written and notes on what had to be adjusted."""

    format: str
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[ExportNote] = field(default_factory=list)

    def note(self, code: str, document: str, path: str, message: str) -> None:
        self.notes.append(ExportNote(code, document, path, message))

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def notes_by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(n.code for n in self.notes).items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "counts": dict(sorted(self.counts.items())),
            "notes_by_code": self.notes_by_code(),
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass(frozen=True)
class ExportResult:
    """What an exporter wrote: file paths relative to ``out_dir`` (sorted) and its report."""

    format: str
    out_dir: Path
    files: tuple[str, ...]
    report: ExportReport
    # split name -> files (relative) holding that split, for dataset cards / HF configs
    split_files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class Exporter(Protocol):
    def __call__(
        self,
        records: Sequence[DocumentRecord],
        splits: Mapping[str, str],
        table: SchemaTable,
        out_dir: Path,
        clusters: Sequence[EventClusterRecord] = (),
    ) -> ExportResult: ...


def group_by_split(
    records: Sequence[DocumentRecord], splits: Mapping[str, str], table: SchemaTable
) -> dict[str, list[DocumentRecord]]:
    """Records per split (only non-empty splits, in SPLITS order), each sorted by document id.

    Raises :class:`DataError` for a document without a split (EG650), an unknown split name
    (EG651), a duplicate document id (EG652) or a record of another schema than ``table``
    (EG653): those are caller mistakes that no output could represent honestly.
    """
    problems: list[Problem] = []
    seen: set[str] = set()
    grouped: dict[str, list[DocumentRecord]] = {name: [] for name in SPLITS}
    for index, record in enumerate(records):
        doc_id = record.document.id
        where = f"$[{index}]"
        if doc_id in seen:
            problems.append(Problem("EG652", f"document {doc_id!r} is given twice", where))
            continue
        seen.add(doc_id)
        if (record.schema_name, record.schema_version) != (table.name, table.version):
            problems.append(
                Problem(
                    "EG653",
                    f"document {doc_id!r} is {record.schema_name}@{record.schema_version}, "
                    f"the export table is {table.id}",
                    f"{where}.schema_version",
                )
            )
            continue
        split = splits.get(doc_id)
        if split is None:
            problems.append(Problem("EG650", f"document {doc_id!r} has no split", where))
        elif split not in grouped:
            problems.append(
                Problem(
                    "EG651",
                    f"document {doc_id!r} has split {split!r}; use one of {', '.join(SPLITS)}",
                    where,
                )
            )
        else:
            grouped[split].append(record)
    if problems:
        raise DataError(problems)
    return {
        name: sorted(docs, key=lambda r: r.document.id) for name, docs in grouped.items() if docs
    }


def json_line(obj: Any) -> str:
    """One deterministic JSON line: UTF-8 characters kept, no spaces, no key reordering."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_lines(path: Path, lines: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)


def write_json_lines(path: Path, objects: Iterable[Any]) -> None:
    write_lines(path, (json_line(obj) for obj in objects))


# Writes one split's records (sorted by document id) to one file: (path, split, records).
SplitWriter = Callable[[Path, str, list[DocumentRecord]], None]


def write_split_files(
    report: ExportReport,
    grouped: Mapping[str, list[DocumentRecord]],
    out_dir: Path,
    suffix: str,
    write: SplitWriter,
) -> dict[str, list[str]]:
    """One file ``<split><suffix>`` per split of ``grouped`` (see :func:`group_by_split`),
    written by ``write``; every record is counted in ``report``. Returns split -> file names,
    as :func:`result` takes them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    split_files: dict[str, list[str]] = {}
    for split, docs in grouped.items():
        for record in docs:
            count_record(report, record)
        name = f"{split}{suffix}"
        write(out_dir / name, split, docs)
        split_files[split] = [name]
    return split_files


def result(
    name: str, out_dir: Path, report: ExportReport, split_files: dict[str, list[str]]
) -> ExportResult:
    """An :class:`ExportResult` listing every file that now exists under ``out_dir``."""
    files = tuple(
        sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file())
    )
    return ExportResult(
        name,
        out_dir,
        files,
        report,
        {split: tuple(sorted(paths)) for split, paths in split_files.items()},
    )


def count_record(report: ExportReport, record: DocumentRecord) -> None:
    report.count("documents")
    report.count("mentions", len(record.mentions))
    report.count("events", len(record.events))
    report.count("arguments", sum(len(ids) for e in record.events for ids in e.arguments.values()))
