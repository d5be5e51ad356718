"""Helpers for tests (ours and users'): build valid records without JSON by hand.

>>> b = RecordBuilder("Russia vetoed the resolution.", doc_id="d1")
>>> russia = b.mention("Russia", "GPE", normalized="RUS")
>>> b.event("un_action", "vetoed", {"actor": [russia]}, action="veto", tense="past")
'e1'
>>> b.build().events[0].attributes["action"]
'veto'
"""

from __future__ import annotations

from eventgold.schema import (
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
    Span,
    default_table,
    new_document,
)


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


def record_json(record: DocumentRecord) -> dict[str, object]:
    """The JSON form eventgold writes: ``None`` fields omitted."""
    return record.model_dump(mode="json", exclude_none=True)
