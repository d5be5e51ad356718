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

from eventgold.annotate.batches import batched
from eventgold.annotate.events import EventFinder, Tokens, by_sentence
from eventgold.annotate.gazetteer import GAZETTEER_DIR, Term, load_terms
from eventgold.annotate.index import Match, RuleIndex
from eventgold.annotate.lemmatizer import NAME as LEMMATIZER
from eventgold.annotate.mentions import MentionFinder
from eventgold.annotate.normalize import normalize_date
from eventgold.annotate.packs import DEFAULT_PACK, RulePack, load_pack
from eventgold.annotate.patterns import Columns, ColumnSet
from eventgold.annotate.sentences import NAME as SENTENCES
from eventgold.schema import (
    AnnotationInfo,
    Document,
    DocumentRecord,
    Provenance,
    SchemaTable,
    default_table,
)

MAX_SEGMENT_CHARS = 20_000
# Whitespace-separated chunks whose tokenization spaCy memoizes (its default is 10,000). News
# has far more distinct chunks ("Tuesday,", "(Reuters)", numbers): past the default, every
# chunk not cached went through the affix regexes again each time it occurred (a quarter of
# the occurrences in the bench corpus), the tokenizer's main cost.
# About 200 bytes each, so at most ~20 MB per process; chunks first seen after it is full are
# tokenized as before, uncached.
TOKENIZER_CACHE_CHUNKS = 100_000
_SPECIAL_CASES = ("U.S.", "U.N.", "U.K.", "E.U.")
_DATELINE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b|\b(\d{1,2})\s+(January|February|March|April|May|June|July|"
    r"August|September|October|November|December),?\s+((?:19|20)\d\d)\b"
)
DATELINE_WINDOW = 1500


def build_nlp() -> Language:
    """Blank English, a sentence splitter and the lookup lemmatizer (spacy-lookups-data),
    with a tokenizer cache sized for long runs (``TOKENIZER_CACHE_CHUNKS``)."""
    nlp = spacy.blank("en")
    nlp.add_pipe(SENTENCES)
    nlp.add_pipe(LEMMATIZER)
    nlp.initialize()
    tokenizer: Any = nlp.tokenizer
    tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
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


JsonDict = dict[str, Any]


@dataclass
class _Segment:
    """A piece of a document, tokenized, labelled by the gazetteer and matched by the rules."""

    doc: Doc
    offset: int  # of the piece in its document's text
    text: str
    gazetteer: list[tuple[int, int, Term]]
    columns: Columns
    matches: list[Match]


@dataclass
class _Pending:
    document: Document
    anchor: dt.date | None
    mentions: list[JsonDict]
    events: list[JsonDict]
    remaining: int


class Annotator:
    """Pre-annotates documents with a rule pack. One instance per process.

    The hot path builds records as plain JSON dicts (what ``record_json`` would produce):
    constructing pydantic models for every mention cost more than matching the rules.
    :meth:`annotate` and :meth:`annotate_stream` validate them into ``DocumentRecord``;
    :meth:`annotate_json` yields the dicts for writers. Tests check both against the validator.
    """

    def __init__(
        self,
        pack_path: Path | str = DEFAULT_PACK,
        table: SchemaTable | None = None,
        gazetteer_dir: Path = GAZETTEER_DIR,
    ) -> None:
        self.table = table or default_table()
        self.pack: RulePack = load_pack(pack_path, self.table)
        self.nlp = build_nlp()
        # One read of the doc's attribute columns serves the rules, the slots and the offsets.
        self.columns = ColumnSet(self.nlp.vocab)
        self._idx, self._length = self.columns.column("IDX"), self.columns.column("LENGTH")
        terms = load_terms(gazetteer_dir)
        self.mentions = MentionFinder(self.nlp, self.pack, terms, self.table, self.columns)
        self.events = EventFinder(self.nlp, self.pack, self.table, self.columns)
        self.rules = RuleIndex(
            self.nlp,
            [(r.id, r.pattern) for r in self.pack.mentions],
            [(r.id, r.pattern) for r in self.pack.triggers],
            columns=self.columns,
        )
        self._mention_rules = {r.id for r in self.pack.mentions}
        self._provenance: dict[tuple[str, float], JsonDict] = {}
        self._annotation = AnnotationInfo(source="rules", rules_version=self.rules_version)

    @staticmethod
    def check(pack_path: Path | str, table: SchemaTable) -> RulePack:
        """Load and check a rule pack (raises DataError naming the rule) without building nlp."""
        return load_pack(pack_path, table)

    @property
    def rules_version(self) -> str:
        return self.pack.rules_version

    def _prov(self, rule_id: str, score: float) -> JsonDict:
        cached = self._provenance.get((rule_id, score))
        if cached is None:
            cached = self._provenance[rule_id, score] = Provenance(
                origin="rule",
                rule_id=rule_id,
                score=round(score, 3),
                rules_version=self.rules_version,
            ).model_dump(mode="json", exclude_none=True)
        return cached

    def annotate(self, document: Document) -> DocumentRecord:
        return next(iter(self.annotate_stream([document])))

    def annotate_stream(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[DocumentRecord]:
        """Validated records in input order."""
        for record in self.annotate_json(documents, batch_size):
            yield DocumentRecord.model_validate(record)

    def annotate_json(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[JsonDict]:
        """Record dicts in input order; memory is bounded by ``batch_size`` segments."""
        pending: dict[int, _Pending] = {}
        order: list[int] = []
        next_out = 0
        for batch in batched(_pieces(documents, pending, order), batch_size):
            # Each stage runs over the whole batch before the next: the tokenizer, the
            # gazetteer and the rule index each keep their tables in the CPU caches, which
            # interleaving them doc by doc with the Python stages evicted (about 8% of a run).
            docs = list(self.nlp.pipe((piece for _, _, piece in batch), batch_size=batch_size))
            gazetteers = [self.mentions.gazetteer(doc) for doc in docs]  # labels the docs
            columns = [self.columns.read(doc) for doc in docs]  # read after the labels
            matches = [self.rules(doc, cols) for doc, cols in zip(docs, columns, strict=True)]
            for k, (index, offset, piece) in enumerate(batch):
                state = pending[index]
                segment = _Segment(docs[k], offset, piece, gazetteers[k], columns[k], matches[k])
                self._add_segment(state, segment)
                state.remaining -= 1
                while next_out < len(order) and pending[order[next_out]].remaining == 0:
                    done = pending.pop(order[next_out])
                    next_out += 1
                    yield self._record(done)

    def _add_segment(self, state: _Pending, segment: _Segment) -> None:
        doc, offset, text = segment.doc, segment.offset, segment.text
        gazetteer, columns, matches = segment.gazetteer, segment.columns, segment.matches
        mention_rules = self._mention_rules
        mention_matches = [m for m in matches if m[0] in mention_rules]
        trigger_matches = [m for m in matches if m[0] not in mention_rules]
        found = self.mentions.find(doc, state.anchor, gazetteer, columns, mention_matches, text)
        tokens = Tokens.of(doc, columns)
        sentences = by_sentence(tokens, found)
        events = self.events.triggers(doc, tokens, found, columns, trigger_matches, sentences)
        idx, length = columns.column(self._idx), self._length
        ids: dict[int, str] = {}
        first_new = len(state.mentions)
        for cand in found:
            start = idx[cand.start]
            end = idx[cand.end - 1] + columns.value(length, cand.end - 1)
            mention: JsonDict = {
                "id": f"m{len(state.mentions) + 1}",
                "start": offset + start,
                "end": offset + end,
                "text": text[start:end],
                "type": cand.label,
            }
            if cand.normalized is not None:
                mention["normalized"] = cand.normalized
            mention["provenance"] = self._prov(cand.rule_id, cand.score)
            ids[id(cand)] = mention["id"]
            state.mentions.append(mention)
        _resolve_person_aliases(state.mentions, self.pack.person_type, first_new)
        for event in events:
            self.events.attach(tokens, event, sentences)
            start = idx[event.trigger]
            end = start + columns.value(length, event.trigger)
            self.events.attributes(tokens, event, text[start:end])
            source = self.events.attribution(tokens, event, sentences)
            record: JsonDict = {
                "id": f"e{len(state.events) + 1}",
                "type": event.event_type,
                "trigger": {"start": offset + start, "end": offset + end, "text": text[start:end]},
                "arguments": {
                    role: [ids[id(m)] for m in ms] for role, ms in event.arguments.items()
                },
                "attributes": event.attributes,
            }
            if source is not None:
                record["attribution"] = ids[id(source)]
            record["provenance"] = self._prov(event.rule.id, event.rule.score)
            state.events.append(record)

    def _record(self, state: _Pending) -> JsonDict:
        document = state.document
        if document.published is None and state.anchor is not None:
            document = document.model_copy(update={"published": state.anchor.isoformat()})
        return {
            "kind": "document",
            "schema_name": self.table.name,
            "schema_version": self.table.version,
            "document": document.model_dump(mode="json", exclude_none=True),
            "mentions": state.mentions,
            "events": state.events,
            "annotation": self._annotation.model_dump(mode="json", exclude_none=True),
        }


def _pieces(
    documents: Iterable[Document], pending: dict[int, _Pending], order: list[int]
) -> Iterator[tuple[int, int, str]]:
    """(document number, offset, piece) of every document, registering each
    document in ``pending`` and ``order`` when its first piece is read."""
    for index, doc in enumerate(documents):
        anchor = _anchor_of(doc)
        pieces = list(segments(doc.text)) if doc.lang.split("-")[0] == "en" else [(0, "")]
        pending[index] = _Pending(doc, anchor, [], [], len(pieces))
        order.append(index)
        for offset, piece in pieces:
            yield index, offset, piece


def _anchor_of(document: Document) -> dt.date | None:
    if document.published:
        return dt.date.fromisoformat(document.published)
    found = find_dateline(document.text)
    if found and len(found) == 10:
        return dt.date.fromisoformat(found)
    return None


def _resolve_person_aliases(
    mentions: list[JsonDict], person_type: str | None, first_new: int = 0
) -> None:
    """ "Ms. Choe" after "Foreign Minister Choe Son Hui": give it the full canonical name."""
    full = [
        m["normalized"]
        for m in mentions
        if m["type"] == person_type and " " in m.get("normalized", "")
    ]
    if not full:
        return
    for mention in mentions[first_new:]:
        name = mention.get("normalized", "")
        if mention["type"] != person_type or not name or " " in name:
            continue
        for candidate in full:
            if name in candidate.split():
                mention["normalized"] = candidate
                break
