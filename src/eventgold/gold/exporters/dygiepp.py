"""DyGIE++ JSON lines: ``train.jsonl``/``dev.jsonl``/``test.jsonl``, one document per line.

Follows ``dwadden/dygiepp`` ``doc/data.md``: ``doc_key``, ``dataset``, ``sentences`` (token
lists), and per sentence ``ner`` ``[start, end, label]``, ``relations`` and ``events``
``[[trigger_token, event_type], [arg_start, arg_end, role], ...]``. Token indices count over
the whole **document** (not the sentence) and ``end`` is **inclusive**. Tokens are the
non-whitespace tokens of spaCy's blank English tokenizer (:mod:`.tokens`).

Differences from the source records, each counted in the report:

* the "sentences" are windows: sentences merged where an event or mention crosses a boundary
  (EG656), so every argument stays in its event's sentence as DyGIE++ expects;
* a DyGIE++ trigger is one token: a multi-token trigger keeps its first token (EG657);
* spans not on token boundaries are expanded to covering tokens (EG654);
* attributes, attribution, normalized values and provenance have no place in the format;
  use the JSONL or Parquet export for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eventgold.gold.exporters.base import (
    ExportReport,
    ExportResult,
    group_by_split,
    result,
    write_json_lines,
    write_split_files,
)
from eventgold.gold.exporters.tokens import AlignedRecord, align
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

NAME = "dygiepp"


def export_dygiepp(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        write_json_lines(path, (dygiepp_document(align(r, report), table, report) for r in docs))

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".jsonl", write)
    return result(NAME, out_dir, report, split_files)


def dygiepp_document(
    aligned: AlignedRecord, table: SchemaTable, report: ExportReport
) -> dict[str, Any]:
    record = aligned.record
    windows = aligned.windows
    ner: list[list[list[Any]]] = [[] for _ in windows]
    events: list[list[list[list[Any]]]] = [[] for _ in windows]
    for mention in sorted(record.mentions, key=lambda m: (m.start, m.end, m.type, m.id)):
        span = aligned.mentions.get(mention.id)
        if span is not None:
            ner[aligned.window_of(span).index].append([span.first, span.last, mention.type])
    for index, event in enumerate(record.events):
        trigger = aligned.triggers.get(event.id)
        if trigger is None:
            continue  # noted while aligning (EG655)
        if trigger.last > trigger.first:
            report.note(
                "EG657",
                record.document.id,
                f"$.events[{index}].trigger",
                f"trigger {event.trigger.text!r} has {trigger.stop - trigger.first} tokens; "
                "the first is kept",
            )
        entry: list[list[Any]] = [[trigger.first, event.type]]
        entry += [[span.first, span.last, role] for role, _, span in aligned.arguments(event.id)]
        events[aligned.window_of(trigger).index].append(entry)
    return {
        "doc_key": record.document.id,
        "dataset": table.name,
        "sentences": [aligned.words(w) for w in windows],
        "ner": ner,
        "relations": [[] for _ in windows],
        "events": events,
    }
