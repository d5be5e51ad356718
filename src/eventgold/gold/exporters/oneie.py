"""OneIE JSON lines: ``train.oneie.json``/``dev.oneie.json``/``test.oneie.json``.

One line per sentence window, with the fields OneIE's ``IEDataset`` reads (``doc_id``,
``sent_id``, ``tokens``, ``sentence``, ``entity_mentions``, ``relation_mentions``,
``event_mentions``). Token indices are relative to the **window** and ``end`` is
**exclusive**. ``entity_mentions[*]``: ``id`` (``<doc_id>:<mention id>``, unique in the
dataset), ``text``, ``entity_type``, ``mention_type`` (``"UNK"``: eventgold does not
annotate name/nominal/pronoun), ``start``, ``end``, and ``normalized`` when set.
``event_mentions[*]``: ``id``, ``event_type``, ``trigger`` ``{start, end, text}``,
``arguments`` ``[{entity_id, text, role}]`` referencing ``entity_mentions[*].id`` of the
same window (windows are merged across sentences so this always holds, EG656), plus
``attributes`` and ``attribution`` (an entity id or null), which OneIE ignores.

Not written: ``pieces`` and ``token_lens``; they depend on the consumer's transformer
tokenizer (OneIE's preprocessing fills them from ``tokens``).
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
from eventgold.gold.exporters.tokens import AlignedRecord, Window, WordSpan, align
from eventgold.schema import DocumentRecord, Event, EventClusterRecord, Mention, SchemaTable

NAME = "oneie"


def export_oneie(
    records: Sequence[DocumentRecord],
    splits: Mapping[str, str],
    table: SchemaTable,
    out_dir: Path,
    clusters: Sequence[EventClusterRecord] = (),
) -> ExportResult:
    report = ExportReport(NAME)

    def write(path: Path, split: str, docs: list[DocumentRecord]) -> None:
        write_json_lines(
            path,
            (s for r in docs for s in window_instances(align(r, report), id_key="sent_id")),
        )

    grouped = group_by_split(records, splits, table)
    split_files = write_split_files(report, grouped, out_dir, ".oneie.json", write)
    return result(NAME, out_dir, report, split_files)


def window_instances(aligned: AlignedRecord, *, id_key: str) -> list[dict[str, Any]]:
    """One OneIE/TextEE-style instance per window (window-relative, end-exclusive tokens)."""
    doc_id = aligned.record.document.id
    entities: list[list[dict[str, Any]]] = [[] for _ in aligned.windows]
    for mention in sorted(aligned.record.mentions, key=lambda m: (m.start, m.end, m.type, m.id)):
        span = aligned.mentions.get(mention.id)
        if span is not None:
            window = aligned.window_of(span)
            entities[window.index].append(_entity(aligned, window, mention))
    events: list[list[dict[str, Any]]] = [[] for _ in aligned.windows]
    ordered = sorted(
        aligned.record.events, key=lambda e: (e.trigger.start, e.trigger.end, e.type, e.id)
    )
    for event in ordered:
        trigger = aligned.triggers.get(event.id)
        if trigger is not None:
            window = aligned.window_of(trigger)
            events[window.index].append(_event(aligned, window, event, trigger))
    return [
        {
            "doc_id": doc_id,
            id_key: f"{doc_id}-{window.index}",
            "tokens": aligned.words(window),
            "sentence": aligned.window_text(window),
            "entity_mentions": entities[window.index],
            "relation_mentions": [],
            "event_mentions": events[window.index],
        }
        for window in aligned.windows
    ]


def entity_id(doc_id: str, mention_id: str) -> str:
    return f"{doc_id}:{mention_id}"


def _entity(aligned: AlignedRecord, window: Window, mention: Mention) -> dict[str, Any]:
    span = aligned.mentions[mention.id]
    entity: dict[str, Any] = {
        "id": entity_id(aligned.record.document.id, mention.id),
        "text": aligned.span_text(span),
        "entity_type": mention.type,
        "mention_type": "UNK",
        "start": span.first - window.first,
        "end": span.stop - window.first,
    }
    if mention.normalized is not None:
        entity["normalized"] = mention.normalized
    return entity


def _event(
    aligned: AlignedRecord, window: Window, event: Event, trigger: WordSpan
) -> dict[str, Any]:
    doc_id = aligned.record.document.id
    attribution = event.attribution if event.attribution in aligned.mentions else None
    return {
        "id": f"{doc_id}:{event.id}",
        "event_type": event.type,
        "trigger": {
            "start": trigger.first - window.first,
            "end": trigger.stop - window.first,
            "text": aligned.span_text(trigger),
        },
        "arguments": [
            {
                "entity_id": entity_id(doc_id, mention_id),
                "text": aligned.span_text(span),
                "role": role,
            }
            for role, mention_id, span in aligned.arguments(event.id)
        ],
        "attributes": dict(event.attributes),
        "attribution": entity_id(doc_id, attribution) if attribution else None,
    }
