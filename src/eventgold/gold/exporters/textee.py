"""TextEE JSON lines: ``train.json``/``dev.json``/``test.json``, one line per window.

Field names follow ``ej0cl6/TextEE`` ``data/README.md`` ("Processed Data Format"):
``doc_id``, ``wnd_id``, ``text``, ``lang``, ``tokens``, ``entity_mentions``
(``id``, ``entity_type``, ``text``, ``start``, ``end``), ``event_mentions`` (``id``,
``event_type``, ``trigger`` ``{text, start, end}``, ``arguments`` ``[{entity_id, role, text,
start, end}]``) and ``relation_mentions``. Token indices are relative to the **window** and
``end`` is **exclusive**. A window is a sentence, merged with its neighbours where an event
or mention crosses a sentence boundary (EG656), so every ``entity_id`` is in the same window.
``text`` is the window's exact slice of the document text (tokens are the non-whitespace
spaCy tokens inside it). Entity mentions add ``normalized`` and event mentions add
``attributes`` and ``attribution``; TextEE ignores both.
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
from eventgold.gold.exporters.oneie import window_instances
from eventgold.gold.exporters.tokens import AlignedRecord, align
from eventgold.schema import DocumentRecord, EventClusterRecord, SchemaTable

NAME = "textee"


def export_textee(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        write_json_lines(path, (w for r in docs for w in textee_windows(align(r, report))))

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".json", write)
    return result(NAME, out_dir, report, split_files)


def textee_windows(aligned: AlignedRecord) -> list[dict[str, Any]]:
    lang = aligned.record.document.lang
    out = []
    for instance in window_instances(aligned, id_key="wnd_id"):
        offsets = {e["id"]: (e["start"], e["end"]) for e in instance["entity_mentions"]}
        events = []
        for event in instance["event_mentions"]:
            arguments = [
                {
                    "entity_id": arg["entity_id"],
                    "role": arg["role"],
                    "text": arg["text"],
                    "start": offsets[arg["entity_id"]][0],
                    "end": offsets[arg["entity_id"]][1],
                }
                for arg in event["arguments"]
            ]
            events.append(
                {
                    "id": event["id"],
                    "event_type": event["event_type"],
                    "trigger": {
                        "text": event["trigger"]["text"],
                        "start": event["trigger"]["start"],
                        "end": event["trigger"]["end"],
                    },
                    "arguments": arguments,
                    "attributes": event["attributes"],
                    "attribution": event["attribution"],
                }
            )
        out.append(
            {
                "doc_id": instance["doc_id"],
                "wnd_id": instance["wnd_id"],
                "text": instance["sentence"],
                "lang": lang,
                "tokens": instance["tokens"],
                "entity_mentions": [
                    {k: v for k, v in e.items() if k != "mention_type"}
                    for e in instance["entity_mentions"]
                ],
                "event_mentions": events,
                "relation_mentions": [],
            }
        )
    return out
