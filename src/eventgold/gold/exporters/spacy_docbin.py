"""spaCy ``DocBin`` files: ``train.spacy``/``dev.spacy``/``test.spacy``.

Each document is ``spacy.blank("en").make_doc(text)`` (the whole text, whitespace tokens
included, so ``doc.text == document.text``), stored with ``DocBin(store_user_data=True)``.
Load with ``DocBin().from_disk(path).get_docs(nlp.vocab)``. Offsets are token indices
(``span.start``/``span.end``, end-exclusive); ``span.start_char``/``span.end_char`` give code
points. Spans not on token boundaries are expanded to the covering tokens (noted as EG654);
the exact character offsets stay in ``doc.user_data["eventgold"]``.

Span groups (``doc.spans[key]``):

* ``"mentions"``: label = mention type, ``span.id_`` = mention id, ``span.kb_id_`` = the
  normalized value (empty when none);
* ``"triggers"``: label = event type, ``span.id_`` = event id;
* ``"arguments"``: label = role, ``span.id_`` = event id, ``span.kb_id_`` = mention id, so
  ``(event, role, mention)`` is recoverable from the span alone.

``doc.user_data["eventgold"]`` holds the record without its text as a JSON string (ids,
exact offsets, attributes, attribution, provenance, schema version; JSON because msgpack
turns lists into tuples), so :func:`record_from_doc` rebuilds the record exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

from eventgold.gold.exporters.base import (
    ExportReport,
    ExportResult,
    group_by_split,
    result,
    write_split_files,
)
from eventgold.gold.exporters.tokens import make_doc
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable, record_json

NAME = "spacy"
USER_DATA_KEY = "eventgold"


def export_spacy(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        doc_bin = DocBin(store_user_data=True)
        for record in docs:
            doc_bin.add(record_doc(record, report))
        path.write_bytes(doc_bin.to_bytes())

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".spacy", write)
    return result(NAME, out_dir, report, split_files)


def record_doc(record: DocumentRecord, report: ExportReport | None = None) -> Doc:
    """One record as a spaCy Doc with span groups and the record (without text) in user_data."""
    report = report or ExportReport(NAME)
    doc = make_doc(record.document.text)
    doc_id = record.document.id
    mentions = []
    spans_by_mention: dict[str, tuple[int, int]] = {}
    for index, mention in enumerate(record.mentions):
        bounds = _token_bounds(
            doc, mention.start, mention.end, doc_id, f"$.mentions[{index}]", report
        )
        if bounds is None:
            continue
        spans_by_mention[mention.id] = bounds
        mentions.append(
            Span(
                doc, *bounds, label=mention.type, kb_id=mention.normalized or "", span_id=mention.id
            )
        )
    triggers = []
    arguments = []
    known = {m.id for m in record.mentions}
    for index, event in enumerate(record.events):
        where = f"$.events[{index}]"
        bounds = _token_bounds(
            doc, event.trigger.start, event.trigger.end, doc_id, where + ".trigger", report
        )
        if bounds is not None:
            triggers.append(Span(doc, *bounds, label=event.type, span_id=event.id))
        for role, ids in event.arguments.items():
            for k, mention_id in enumerate(ids):
                arg = spans_by_mention.get(mention_id)
                if arg is None:
                    if mention_id not in known:
                        report.note(
                            "EG659",
                            doc_id,
                            f"{where}.arguments.{role}[{k}]",
                            f"no mention {mention_id!r}",
                        )
                    continue
                arguments.append(Span(doc, *arg, label=role, kb_id=mention_id, span_id=event.id))
    doc.spans["mentions"] = mentions
    doc.spans["triggers"] = triggers
    doc.spans["arguments"] = arguments
    doc.user_data[USER_DATA_KEY] = _record_without_text(record)
    return doc


def record_from_doc(doc: Doc) -> DocumentRecord:
    """Rebuild the exact record of a Doc written by :func:`record_doc`."""
    data = json.loads(doc.user_data[USER_DATA_KEY])
    data["document"]["text"] = doc.text
    return DocumentRecord.model_validate(data)


def _record_without_text(record: DocumentRecord) -> str:
    data = record_json(record)
    del data["document"]["text"]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _token_bounds(
    doc: Doc, start: int, end: int, doc_id: str, path: str, report: ExportReport
) -> tuple[int, int] | None:
    """Token indices (end-exclusive) of the non-space tokens covering ``[start, end)``."""
    exact = doc.char_span(start, end)
    if exact is not None and not all(t.is_space for t in exact):
        return exact.start, exact.end
    covering = [t.i for t in doc if not t.is_space and t.idx < end and t.idx + len(t) > start]
    if not covering:
        report.note("EG655", doc_id, path, f"span {start}-{end} covers no token; left out")
        return None
    first, last = covering[0], covering[-1]
    report.note(
        "EG654",
        doc_id,
        path,
        f"span {start}-{end} is not on token boundaries; expanded to "
        f"{doc[first].idx}-{doc[last].idx + len(doc[last])}",
    )
    return first, last + 1
