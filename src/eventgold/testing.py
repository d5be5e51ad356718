"""Helpers for tests (ours and users'): build valid records without JSON by hand.

>>> b = RecordBuilder("Russia vetoed the resolution.", doc_id="d1")
>>> russia = b.mention("Russia", "GPE", normalized="RUS")
>>> b.event("un_action", "vetoed", {"actor": [russia]}, action="veto", tense="past")
'e1'
>>> b.build().events[0].attributes["action"]
'veto'
"""

from __future__ import annotations

from typing import Any

from eventgold.schema import (
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
    Span,
    default_table,
    new_document,
    record_json,
)

__all__ = ["RecordBuilder", "record_json", "synthetic_record"]


class RecordBuilder:
    """Accumulates mentions and events over one text; spans are found by substring."""

    def __init__(
        self,
        text: str,
        doc_id: str = "doc-1",
        *,
        published: str | None = None,
        table: SchemaTable | None = None,
    ) -> None:
        self.table = table or default_table()
        self.document = new_document(doc_id, text, published=published)
        self.mentions: list[Mention] = []
        self.events: list[Event] = []

    def span(self, surface: str, occurrence: int = 0, after: int = 0) -> tuple[int, int]:
        """Code-point offsets of the ``occurrence``-th ``surface`` at or after ``after``."""
        start = after - 1
        for _ in range(occurrence + 1):
            start = self.document.text.index(surface, start + 1)
        return start, start + len(surface)

    def mention(
        self,
        surface: str,
        mention_type: str,
        *,
        normalized: str | None = None,
        occurrence: int = 0,
        provenance: Provenance | None = None,
    ) -> str:
        start, end = self.span(surface, occurrence)
        mention_id = f"m{len(self.mentions) + 1}"
        self.mentions.append(
            Mention(
                id=mention_id,
                start=start,
                end=end,
                text=surface,
                type=mention_type,
                normalized=normalized,
                provenance=provenance,
            )
        )
        return mention_id

    def event(
        self,
        event_type: str,
        trigger: str,
        arguments: dict[str, list[str]] | None = None,
        *,
        occurrence: int = 0,
        attribution: str | None = None,
        provenance: Provenance | None = None,
        **attributes: str,
    ) -> str:
        start, end = self.span(trigger, occurrence)
        attrs = {
            name: attr.default or attr.values[0]
            for name, attr in self.table.common_attributes.items()
        }
        attrs.update(attributes)
        event_id = f"e{len(self.events) + 1}"
        self.events.append(
            Event(
                id=event_id,
                type=event_type,
                trigger=Span(start=start, end=end, text=trigger),
                arguments=arguments or {},
                attributes=attrs,
                attribution=attribution,
                provenance=provenance,
            )
        )
        return event_id

    def build(self) -> DocumentRecord:
        return DocumentRecord(
            schema_name=self.table.name,
            schema_version=self.table.version,
            document=self.document,
            mentions=list(self.mentions),
            events=list(self.events),
        )


# Normalized values that satisfy each normalization kind of the table (for synthetic data).
_SYNTHETIC_NORMALIZED = {
    "place": ("RUS", "USA", "KOR", "PRK", "UA-14", "RU-KRS"),
    "date": ("2024-10-29", "2024-10", "2024-W44", "2024-10-01/2024-10-30", "2024"),
    "quantity": ("10000", "~10000 troops", ">=1000", "1000..9999 shells"),
    "money": ("1500000 USD", "~2000000000 EUR"),
    "name": None,
}
_FILLER = (
    "Officials said on condition of anonymity that the talks would continue next week, "
    "while analysts warned that the situation remained fragile and difficult to verify. "
)


def synthetic_record(
    index: int,
    *,
    table: SchemaTable | None = None,
    mentions: int = 30,
    events: int = 10,
    text_chars: int = 3000,
) -> dict[str, Any]:
    """A valid, deterministic document record in JSON form, built from the table alone.

    Used by benchmarks and streaming tests: ``mentions`` mentions cycling through every mention
    type, ``events`` events cycling through every event type with each role filled (up to its
    maximum) by a mention of an allowed type, in about ``text_chars`` code points of text.
    """
    table = table or default_table()
    mention_types = list(table.mention_types.values())
    parts: list[str] = []
    length = 0
    mention_objs: list[dict[str, Any]] = []
    by_type: dict[str, list[str]] = {}

    def append(piece: str) -> int:
        nonlocal length
        start = length
        parts.append(piece)
        length += len(piece)
        return start

    filler_every = max(1, text_chars // max(1, mentions + events) - 40)
    for number in range(mentions):
        mtype = mention_types[number % len(mention_types)]
        surface = f"{mtype.name.title().replace('_', ' ')} {index}-{number}"
        append(_FILLER[: filler_every % len(_FILLER)] + "Reportedly ")
        start = append(surface)
        append(" was mentioned. ")
        choices = _SYNTHETIC_NORMALIZED[mtype.normalization]
        normalized = surface if choices is None else choices[number % len(choices)]
        mention_id = f"m{number + 1}"
        mention_objs.append(
            {
                "id": mention_id,
                "start": start,
                "end": start + len(surface),
                "text": surface,
                "type": mtype.name,
                "normalized": normalized,
            }
        )
        by_type.setdefault(mtype.name, []).append(mention_id)
    event_types = list(table.event_types.values())
    event_objs: list[dict[str, Any]] = []
    for number in range(events):
        etype = event_types[number % len(event_types)]
        append("Then it ")
        trigger = f"happened{number}"
        start = append(trigger)
        append(". ")
        arguments: dict[str, list[str]] = {}
        for role in etype.roles.values():
            candidates = [m for t in role.types for m in by_type.get(t, ())]
            wanted = max(role.min, 1 if role.max is None else min(role.max, 1))
            if len(candidates) >= wanted:
                arguments[role.name] = candidates[:wanted]
        attributes = {
            name: attr.default or attr.values[0]
            for name, attr in table.attributes_of(etype.name).items()
        }
        event_objs.append(
            {
                "id": f"e{number + 1}",
                "type": etype.name,
                "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
                "arguments": arguments,
                "attributes": attributes,
                "provenance": {"origin": "rule", "rule_id": f"r{number}", "score": 0.5},
            }
        )
    while length < text_chars:
        append(_FILLER[: text_chars - length])
    text = "".join(parts)
    return {
        "kind": "document",
        "schema_name": table.name,
        "schema_version": table.version,
        "document": {
            "id": f"synthetic-{index}",
            "text": text,
            "sha256": new_document("x", text).sha256,
            "published": "2024-10-30",
            "lang": "en",
        },
        "mentions": mention_objs,
        "events": event_objs,
    }
