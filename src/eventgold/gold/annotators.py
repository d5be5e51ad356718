"""Who made a record, and which records are human annotations of which document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventgold.errors import DataError, Problem
from eventgold.schema import DocumentRecord

HUMAN_SOURCES = frozenset({"hand", "labelstudio"})


def annotator_of(record: DocumentRecord) -> str:
    """A stable name for the producer of ``record`` (the annotator when known)."""
    info = record.annotation
    if info is None:
        return "unknown"
    if info.annotator:
        return info.annotator
    if info.annotation_id is not None:
        return f"{info.source}-annotation-{info.annotation_id}"
    return info.source


def is_human(record: DocumentRecord) -> bool:
    """Annotations by people; rule predictions and earlier adjudications are not votes."""
    return record.annotation is None or record.annotation.source in HUMAN_SOURCES


def is_reviewer(record: DocumentRecord) -> bool:
    return record.annotation is not None and record.annotation.ground_truth


@dataclass
class DocumentAnnotations:
    """The human annotations of one document, keyed by a unique annotator name."""

    document_id: str
    by_annotator: dict[str, DocumentRecord]

    @property
    def annotators(self) -> list[str]:
        return sorted(self.by_annotator)

    @property
    def records(self) -> list[DocumentRecord]:
        return [self.by_annotator[a] for a in self.annotators]


def group_annotations(records: Iterable[DocumentRecord]) -> dict[str, DocumentAnnotations]:
    """Human annotations grouped by document id (sorted), one entry per annotator.

    Two annotations by the same person of one document are kept apart (``name#2``) rather
    than merged. All annotations of a document must share its text (EG602).
    """
    out: dict[str, DocumentAnnotations] = {}
    sha: dict[str, str] = {}
    for record in records:
        if not is_human(record):
            continue
        doc_id = record.document.id
        if sha.setdefault(doc_id, record.document.sha256) != record.document.sha256:
            raise DataError(
                Problem(
                    "EG602",
                    f"annotations of document {doc_id!r} have different texts; "
                    f"{annotator_of(record)!r} annotated another version",
                    "$.document.sha256",
                )
            )
        group = out.setdefault(doc_id, DocumentAnnotations(doc_id, {}))
        name = annotator_of(record)
        unique, n = name, 1
        while unique in group.by_annotator:
            n += 1
            unique = f"{name}#{n}"
        group.by_annotator[unique] = record
    return dict(sorted(out.items()))
