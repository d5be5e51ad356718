"""The annotator: spaCy blank English + rule pack + gazetteers -> schema records.

Texts are cut into segments at line or sentence boundaries (events never span a sentence)
so a 10 MB single-line document costs bounded memory; segments stream through
``nlp.pipe`` and are reassembled per document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate.events import EventFinder, FoundEvent
from eventgold.annotate.gazetteer import GAZETTEER_DIR, load_terms
from eventgold.annotate.mentions import Found, MentionFinder
from eventgold.annotate.normalize import normalize_date
from eventgold.annotate.packs import DEFAULT_PACK, RulePack, load_pack
from eventgold.schema import (
    AnnotationInfo,
    Document,
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
    Span,
    default_table,
)

MAX_SEGMENT_CHARS = 20_000
_SPECIAL_CASES = ("U.S.", "U.N.", "U.K.", "E.U.")
_DATELINE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b|\b(\d{1,2})\s+(January|February|March|April|May|June|July|"
    r"August|September|October|November|December),?\s+((?:19|20)\d\d)\b"
)
DATELINE_WINDOW = 1500


def build_nlp() -> Language:
    """Blank English with a sentencizer and the lookup lemmatizer (spacy-lookups-data)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    tokenizer: Any = nlp.tokenizer
    for prefix in _SPECIAL_CASES:
        for suffix in ("led", "backed", "brokered", "made", "based"):
            tokenizer.add_special_case(
                f"{prefix}-{suffix}", [{"ORTH": prefix}, {"ORTH": "-"}, {"ORTH": suffix}]
            )
    return nlp


def find_dateline(text: str) -> str | None:
    """The first explicit full date near the top of a text (ISO), the usual dateline."""
    match = _DATELINE.search(text, 0, DATELINE_WINDOW)
    if not match:
        return None
    return normalize_date(match.group(0), None)


def segments(text: str, limit: int = MAX_SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``limit`` chars cut at newlines, sentence ends or spaces."""
    start = 0
    while len(text) - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = text.rfind("\n", lo, hi) + 1
        if cut == 0:
            cut = text.rfind(". ", lo, hi - 1) + 2
        if cut == 1:
            cut = text.rfind(" ", lo, hi) + 1
        if cut == 0:
            cut = hi
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


@dataclass
class _Pending:
    document: Document
    anchor: dt.date | None
    mentions: list[Mention]
    events: list[Event]
    remaining: int


class Annotator:
    """Pre-annotates documents with a rule pack. One instance per process."""

    def __init__(
        self,
        pack_path: Path | str = DEFAULT_PACK,
        table: SchemaTable | None = None,
        gazetteer_dir: Path = GAZETTEER_DIR,
    ) -> None:
        self.table = table or default_table()
        self.pack: RulePack = load_pack(pack_path, self.table)
        self.nlp = build_nlp()
        self.mentions = MentionFinder(self.nlp, self.pack, load_terms(gazetteer_dir), self.table)
        self.events = EventFinder(self.nlp, self.pack, self.table)

    @staticmethod
    def check(pack_path: Path | str, table: SchemaTable) -> RulePack:
        """Load and check a rule pack (raises DataError naming the rule) without building nlp."""
        return load_pack(pack_path, table)

    @property
    def rules_version(self) -> str:
        return self.pack.rules_version

    def _prov(self, rule_id: str, score: float) -> Provenance:
        return Provenance(
            origin="rule", rule_id=rule_id, score=round(score, 3), rules_version=self.rules_version
        )

    def annotate(self, document: Document) -> DocumentRecord:
        return next(iter(self.annotate_stream([document])))

    def annotate_stream(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[DocumentRecord]:
        """Records in input order; memory is bounded by ``batch_size`` segments."""
        pending: dict[int, _Pending] = {}
        order: list[int] = []

        def feed() -> Iterator[tuple[str, tuple[int, int]]]:
            for index, doc in enumerate(documents):
                anchor = _anchor_of(doc)
                pieces = list(segments(doc.text)) if doc.lang.split("-")[0] == "en" else [(0, "")]
                pending[index] = _Pending(doc, anchor, [], [], len(pieces))
                order.append(index)
                for offset, piece in pieces:
                    yield piece, (index, offset)

        next_out = 0
        for spacy_doc, (index, offset) in self.nlp.pipe(
            feed(), as_tuples=True, batch_size=batch_size
        ):
            state = pending[index]
            self._add_segment(state, spacy_doc, offset)
            state.remaining -= 1
            while next_out < len(order) and pending[order[next_out]].remaining == 0:
                done = pending.pop(order[next_out])
                next_out += 1
                yield self._record(done)

    def _add_segment(self, state: _Pending, doc: Doc, offset: int) -> None:
        found = self.mentions.find(doc, state.anchor)
        events = self.events.triggers(doc, found)
        ids: dict[int, str] = {}
        for cand in found:
            mention = self._mention(doc, cand, offset, len(state.mentions) + 1)
            ids[id(cand)] = mention.id
            state.mentions.append(mention)
        _resolve_person_aliases(state.mentions)
        for event in events:
            self.events.attach(doc, event, found)
            self.events.attributes(doc, event)
            source = self.events.attribution(doc, event, found)
            state.events.append(self._event(doc, event, source, ids, offset, len(state.events) + 1))

    def _mention(self, doc: Doc, cand: Found, offset: int, n: int) -> Mention:
        span = doc[cand.start : cand.end]
        return Mention(
            id=f"m{n}",
            start=offset + span.start_char,
            end=offset + span.end_char,
            text=span.text,
            type=cand.label,
            normalized=cand.normalized,
            provenance=self._prov(cand.rule_id, cand.score),
        )

    def _event(
        self,
        doc: Doc,
        event: FoundEvent,
        source: Found | None,
        ids: dict[int, str],
        offset: int,
        n: int,
    ) -> Event:
        token = doc[event.trigger]
        start = offset + token.idx
        return Event(
            id=f"e{n}",
            type=event.event_type,
            trigger=Span(start=start, end=start + len(token.text), text=token.text),
            arguments={role: [ids[id(m)] for m in ms] for role, ms in event.arguments.items()},
            attributes=event.attributes,
            attribution=ids[id(source)] if source is not None else None,
            provenance=self._prov(event.rule.id, event.rule.score),
        )

    def _record(self, state: _Pending) -> DocumentRecord:
        document = state.document
        if document.published is None and state.anchor is not None:
            document = document.model_copy(update={"published": state.anchor.isoformat()})
        return DocumentRecord(
            schema_name=self.table.name,
            schema_version=self.table.version,
            document=document,
            mentions=state.mentions,
            events=state.events,
            annotation=AnnotationInfo(source="rules", rules_version=self.rules_version),
        )


def _anchor_of(document: Document) -> dt.date | None:
    if document.published:
        return dt.date.fromisoformat(document.published)
    found = find_dateline(document.text)
    if found and len(found) == 10:
        return dt.date.fromisoformat(found)
    return None


def _resolve_person_aliases(mentions: list[Mention]) -> None:
    """ "Ms. Choe" after "Foreign Minister Choe Son Hui": give it the full canonical name."""
    full = [
        m.normalized
        for m in mentions
        if m.type == "PERSON" and m.normalized and " " in m.normalized
    ]
    for mention in mentions:
        if mention.type != "PERSON" or not mention.normalized or " " in mention.normalized:
            continue
        for name in full:
            if name is not None and mention.normalized in name.split():
                mention.normalized = name
                break
