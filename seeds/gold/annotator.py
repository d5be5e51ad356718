"""A small annotation DSL for hand-made gold: spans are located by context, never counted.

``doc.m("talks with [Russian officials] in", "PERSON")`` finds the bracket-free context
("talks with Russian officials in") in the text, requires it to occur exactly once (or takes
the ``nth`` occurrence when the same sentence is repeated verbatim), and returns the id of a
mention covering the bracketed part. Events work the same way for their trigger. Every common
attribute must be given explicitly, so no value in the gold is a silent default.

Shared by ``build_gold.py`` (first pass, both seeds) and ``../passes/build_pass2.py``
(the independent second pass on seed 000).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventgold.atomic import atomic_write_text
from eventgold.schema import (
    AnnotationInfo,
    ClusterMember,
    DocumentRecord,
    Event,
    EventClusterRecord,
    Mention,
    Provenance,
    Span,
    default_table,
    new_document,
)

SEEDS = Path(__file__).resolve().parent.parent
COMMON = ("polarity", "modality", "tense", "genericity")


def locate(text: str, context: str, nth: int | None = None) -> tuple[int, int]:
    """Offsets of the bracketed part of ``context`` inside ``text``."""
    if context.count("[") != 1 or context.count("]") != 1:
        raise ValueError(f"context needs exactly one [bracketed] part: {context!r}")
    before, rest = context.split("[")
    inner, after = rest.split("]")
    plain = before + inner + after
    hits = []
    start = text.find(plain)
    while start >= 0:
        hits.append(start)
        start = text.find(plain, start + 1)
    if not hits:
        raise ValueError(f"context not found: {plain!r}")
    if nth is None:
        if len(hits) > 1:
            raise ValueError(f"context occurs {len(hits)} times, pass nth=: {plain!r}")
        nth = 0
    begin = hits[nth] + len(before)
    return begin, begin + len(inner)


@dataclass
class _Event:
    key: str
    event: Event


@dataclass
class Doc:
    """The annotations of one seed document under construction."""

    doc_id: str
    annotator: str
    published: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Read exactly as the interface says: UTF-8, no stripping, no newline translation.
        self.text = (SEEDS / f"{self.doc_id}.txt").read_bytes().decode("utf-8")
        self.provenance = Provenance(origin="annotator", annotators=[self.annotator])

    def m(
        self, context: str, mention_type: str, normalized: str | None = None, nth: int | None = None
    ) -> str:
        start, end = locate(self.text, context, nth)
        mid = f"tmp-m{len(self.mentions)}"
        self.mentions.append(
            Mention(
                id=mid,
                start=start,
                end=end,
                text=self.text[start:end],
                type=mention_type,
                normalized=normalized,
                provenance=self.provenance,
            )
        )
        return mid

    def ev(
        self,
        key: str,
        event_type: str,
        context: str,
        arguments: dict[str, Sequence[str]],
        *,
        attribution: str | None = None,
        nth: int | None = None,
        **attributes: str,
    ) -> str:
        missing = [name for name in COMMON if name not in attributes]
        if missing:
            raise ValueError(f"event {key!r}: common attributes not given: {missing}")
        if any(e.key == key for e in self.events):
            raise ValueError(f"duplicate event key {key!r}")
        start, end = locate(self.text, context, nth)
        self.events.append(
            _Event(
                key,
                Event(
                    id=f"tmp-{key}",
                    type=event_type,
                    trigger=Span(start=start, end=end, text=self.text[start:end]),
                    arguments={role: list(ids) for role, ids in arguments.items() if ids},
                    attributes=dict(attributes),
                    attribution=attribution,
                    provenance=self.provenance,
                ),
            )
        )
        return key

    def build(self) -> tuple[DocumentRecord, dict[str, str]]:
        """The record with ids renumbered in text order, and event key -> final event id."""
        table = default_table()
        ordered = sorted(self.mentions, key=lambda m: (m.start, m.end, m.type))
        mention_ids = {m.id: f"m{i}" for i, m in enumerate(ordered, 1)}
        events = sorted(self.events, key=lambda e: (e.event.trigger.start, e.event.trigger.end))
        event_ids = {e.key: f"e{i}" for i, e in enumerate(events, 1)}
        record = DocumentRecord(
            schema_name=table.name,
            schema_version=table.version,
            document=new_document(self.doc_id, self.text, published=self.published),
            mentions=[m.model_copy(update={"id": mention_ids[m.id]}) for m in ordered],
            events=[
                e.event.model_copy(
                    update={
                        "id": event_ids[e.key],
                        "arguments": {
                            role: [mention_ids[i] for i in ids]
                            for role, ids in e.event.arguments.items()
                        },
                        "attribution": mention_ids[e.event.attribution]
                        if e.event.attribution
                        else None,
                    }
                )
                for e in events
            ],
            annotation=AnnotationInfo(source="hand", annotator=self.annotator),
        )
        return record, event_ids


def cluster(
    cluster_id: str,
    event_type: str,
    members: Sequence[tuple[str, str]],
    evidence: Sequence[str],
    annotator: str,
) -> EventClusterRecord:
    table = default_table()
    return EventClusterRecord(
        schema_name=table.name,
        schema_version=table.version,
        id=cluster_id,
        event_type=event_type,
        members=[ClusterMember(document=d, event=e) for d, e in members],
        score=1.0,
        evidence=list(evidence),
        provenance=Provenance(origin="annotator", annotators=[annotator]),
    )


def jsonl(records: Sequence[DocumentRecord | EventClusterRecord]) -> str:
    return "".join(
        json.dumps(r.model_dump(mode="json", exclude_none=True), ensure_ascii=False) + "\n"
        for r in records
    )


def write(path: Path, content: str) -> None:
    atomic_write_text(path, content)
