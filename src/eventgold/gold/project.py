"""Annotation projection: copy the mentions and events of a document onto its near-duplicate.

An annotator who labelled one report of a story should review the copy of another report, not
label it from scratch. The two texts are aligned in two steps: every source sentence is paired
with its most similar target sentence (rapidfuzz; reports reorder paragraphs), then the words of
each sentence pair are aligned with :class:`difflib.SequenceMatcher`. A span whose words are all
kept projects *exactly*; a span whose words were replaced one for one ("Security Council" ->
"Safety Council") or in a block projects as *changed* with a lower score; a span whose words
were deleted, or whose sentence has no counterpart, is *unaligned*: it is dropped and listed in
the report, never guessed.

The projected record carries ``annotation.source="projection"`` and every mention and event
``provenance.origin="projected"`` with the alignment score, so it can be pushed to Label Studio
as predictions and reviewed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from eventgold.errors import DataError, Problem, UsageError
from eventgold.schema import (
    REGISTRY,
    AnnotationInfo,
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
    Span,
    record_json,
)
from eventgold.validate import validate_record

Status = Literal["exact", "changed", "unaligned"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class ProjectionConfig:
    min_similarity: float = 0.2
    """Share of source words that must align, else the texts are not near-duplicates."""
    min_sentence_share: float = 0.3
    """Share of a source sentence's content words found, in order, in a target sentence for
    the two to be aligned word by word."""
    changed_score: float = 0.8
    """Upper bound of the score of a changed span (scaled by its text similarity)."""
    elsewhere_factor: float = 0.7
    """Score factor of a span found by its text outside its paired sentence."""


class ProjectionFlag(BaseModel):
    """A span that did not project exactly: for the reviewer."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Literal["mention", "trigger", "argument", "attribution", "date"]
    id: str
    status: Status
    source_text: str
    target_text: str | None = None
    reason: str

    def describe(self) -> str:
        target = f" -> {self.target_text!r}" if self.target_text is not None else ""
        return f"{self.kind} {self.id} {self.status}: {self.source_text!r}{target} ({self.reason})"


class ProjectionReport(BaseModel):
    """What a projection copied, changed and dropped."""

    model_config = ConfigDict(extra="forbid", strict=True)

    source: str
    target: str
    aligned_share: float
    mentions: dict[str, int]
    events: dict[str, int]
    flags: list[ProjectionFlag]

    def summary(self) -> str:
        def counts(c: dict[str, int]) -> str:
            return ", ".join(f"{c.get(k, 0)} {k}" for k in ("exact", "changed", "unaligned"))

        return (
            f"{self.source} -> {self.target}: {self.aligned_share:.0%} of words aligned; "
            f"mentions {counts(self.mentions)}; events {counts(self.events)}; "
            f"{len(self.flags)} flag(s) to review"
        )


@dataclass(frozen=True)
class Projection:
    record: DocumentRecord
    report: ProjectionReport


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group().casefold().replace("’", "'"))
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
    ]


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets: split after . ! ? before a capital, not after initials ("U.S.")."""
    out, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        if text[start : match.start()].strip():
            out.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _after_initial(text: str, end: int) -> int:
    """Keep the period of a trailing initial ("U.S." not "U.S")."""
    initial = 1 <= end < len(text) and text[end] == "." and text[end - 1].isupper()
    if initial and (end == 1 or not text[end - 2].isalpha()):
        return end + 1
    return end


def _content(tokens: list[_Token]) -> list[str]:
    """Words that say what a sentence is about (no short function words, no punctuation)."""
    return [t.key for t in tokens if len(t.key) > 3 or t.key.isdigit()]


@dataclass(frozen=True)
class _Target:
    """Where a source token went: target offsets and whether the word was kept."""

    start: int
    end: int
    exact: bool
    block: _Block | None = None


@dataclass(frozen=True)
class _Block:
    """Source words ``first..last`` (absolute indices) rewritten as target ``words``."""

    first: int
    last: int
    words: tuple[_Token, ...]


@dataclass(frozen=True)
class Placement:
    """Target offsets of a projected span and how they were found."""

    start: int
    end: int
    how: Literal["aligned", "in sentence", "elsewhere", "substituted"]


class Alignment:
    """Source words -> target words, sentence pair by sentence pair, plus text search.

    A source span is placed, in this order of trust: its words all aligned with kept words of
    the paired target sentence; its exact text found in the paired sentence; its exact text
    found elsewhere in the target (the best context wins); its words replaced one for one or
    in a block *and* anchored by at least one kept word inside or on both sides of it.
    Anything else is not placed: a wrong span is worse than a missing one.
    """

    def __init__(self, source: str, target: str, config: ProjectionConfig) -> None:
        self.source, self.target = source, target
        self.config = config
        self.tokens = _tokens(source)
        self.target_tokens = _tokens(target)
        self.mapped: dict[int, _Target] = {}
        self.sentence_of: dict[int, tuple[int, int]] = {}  # source token -> paired sentence
        self._align()

    def _align(self) -> None:
        target_sentences = _sentences(self.target)
        target_tokens = [_tokens(self.target, s, e) for s, e in target_sentences]
        target_content = [_content(tokens) for tokens in target_tokens]
        index_of = {t.start: i for i, t in enumerate(self.tokens)}
        for start, end in _sentences(self.source):
            src = _tokens(self.source, start, end)
            content = _content(src)
            if not src or not content:
                continue
            # Share of the sentence's content words that reappear in order in a target sentence.
            shares = [LCSseq.similarity(content, other) / len(content) for other in target_content]
            ranked = sorted(range(len(shares)), key=lambda j: -shares[j])
            # Two candidates: rewrites merge and split sentences.
            chosen = [j for j in ranked[:2] if shares[j] >= self.config.min_sentence_share]
            offset = index_of[src[0].start]
            for rank, j in enumerate(chosen):
                if rank == 0:
                    for k in range(len(src)):
                        self.sentence_of[offset + k] = target_sentences[j]
                self._align_words(src, target_tokens[j], offset)

    def _align_words(self, src: list[_Token], tgt: list[_Token], offset: int) -> None:
        matcher = SequenceMatcher(None, [t.key for t in src], [t.key for t in tgt], False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op in ("delete", "insert"):
                continue
            one_for_one = op == "equal" or (i2 - i1) == (j2 - j1)
            for k in range(i1, i2):
                previous = self.mapped.get(offset + k)
                if previous is not None and (previous.exact or op != "equal"):
                    continue  # the better sentence pair already placed this word
                if one_for_one:
                    token = tgt[j1 + k - i1]
                    self.mapped[offset + k] = _Target(token.start, token.end, op == "equal")
                else:  # a block rewritten with a different number of words
                    block = _Block(offset + i1, offset + i2 - 1, tuple(tgt[j1:j2]))
                    self.mapped[offset + k] = _Target(tgt[j1].start, tgt[j2 - 1].end, False, block)

    @property
    def aligned_share(self) -> float:
        exact = sum(1 for t in self.mapped.values() if t.exact)
        return exact / len(self.tokens) if self.tokens else 0.0

    def _inside(self, start: int, end: int) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.start < end and t.end > start]

    def _from_words(self, start: int, end: int, inside: list[int]) -> Placement | None:
        if not inside or any(i not in self.mapped for i in (inside[0], inside[-1])):
            return None  # an edge word was deleted: the span's extent is unknown
        first, last = self.mapped[inside[0]], self.mapped[inside[-1]]
        new_start, new_end = first.start, last.end
        if first.block is not None or last.block is not None:
            new_start, new_end = self._within_blocks(start, end, inside, first, last)
        if first.exact:  # spans may start or end inside a word ("10,000-strong")
            new_start += max(0, start - self.tokens[inside[0]].start)
        if last.exact:
            new_end -= max(0, self.tokens[inside[-1]].end - end)
        if new_start >= new_end:
            return None
        all_kept = all(i in self.mapped and self.mapped[i].exact for i in inside)
        if all_kept:
            return Placement(new_start, new_end, "aligned")
        kept_inside = any(i in self.mapped and self.mapped[i].exact for i in inside)
        before, after = inside[0] - 1, inside[-1] + 1
        anchored = all(i in self.mapped and self.mapped[i].exact for i in (before, after))
        if kept_inside or anchored:
            return Placement(new_start, new_end, "substituted")
        return None

    def _within_blocks(
        self, start: int, end: int, inside: list[int], first: _Target, last: _Target
    ) -> tuple[int, int]:
        """Span edges that fall in rewritten blocks: the run of target words most like the
        source words the span covers there ("around" in "[around] 10,000" -> "[deployed
        about] 10,000" becomes "about", "US" -> "U.S." stays whole)."""
        new_start, new_end = first.start, last.end
        same = first.block is not None and first.block is last.block
        if first.block is not None:
            words = first.block.words
            covered_end = end if same else self.tokens[first.block.last].end
            wanted = self.source[start:covered_end]
            ends = range(len(words)) if same else [len(words) - 1]
            best = max(
                ((p, q) for p in range(len(words)) for q in ends if q >= p),
                key=lambda pq: (
                    fuzz.ratio(wanted, self.target[words[pq[0]].start : words[pq[1]].end]),
                    pq[1] - pq[0],
                ),
            )
            new_start = words[best[0]].start
            if same:
                return new_start, _after_initial(self.target, words[best[1]].end)
        if last.block is not None:
            words = last.block.words
            wanted = self.source[self.tokens[last.block.first].start : end]
            q = max(
                range(len(words)),
                key=lambda q: (fuzz.ratio(wanted, self.target[words[0].start : words[q].end]), q),
            )
            new_end = words[q].end
        return new_start, _after_initial(self.target, new_end)

    def _search(self, start: int, end: int, within: tuple[int, int] | None) -> Placement | None:
        """The exact source text in the target, the occurrence with the most similar context."""
        needle = self.source[start:end]
        lo, hi = within or (0, len(self.target))
        found = []
        position = self.target.find(needle, lo, hi)
        while position >= 0:
            found.append(position)
            position = self.target.find(needle, position + 1, hi)
        if not found:
            return None
        context = self.source[max(0, start - 60) : start] + " " + self.source[end : end + 60]
        best = max(
            found,
            key=lambda p: fuzz.ratio(
                context,
                self.target[max(0, p - 60) : p]
                + " "
                + self.target[p + len(needle) : p + len(needle) + 60],
            ),
        )
        return Placement(best, best + len(needle), "in sentence" if within else "elsewhere")

    def place(self, start: int, end: int) -> Placement | None:
        """Target offsets of the source span ``[start, end)``, or None when it cannot align."""
        inside = self._inside(start, end)
        placed = self._from_words(start, end, inside)
        if placed is not None and placed.how == "aligned":
            return placed
        sentence = self.sentence_of.get(inside[0]) if inside else None
        if sentence is not None:
            found = self._search(start, end, sentence)
            if found is not None:
                return found
        return self._search(start, end, None) or placed

    def project(self, start: int, end: int) -> tuple[int, int] | None:
        placed = self.place(start, end)
        return (placed.start, placed.end) if placed else None


def _moved_flag(kind: Literal["mention", "trigger"], item_id: str, text: str) -> ProjectionFlag:
    return ProjectionFlag(
        kind=kind,
        id=item_id,
        status="exact",
        source_text=text,
        target_text=text,
        reason="its sentence has no counterpart; placed at the same words elsewhere, check it",
    )


def _score(source_text: str, target_text: str, config: ProjectionConfig) -> tuple[Status, float]:
    if source_text == target_text:
        return "exact", 1.0
    return "changed", round(config.changed_score * fuzz.ratio(source_text, target_text) / 100, 4)


def _provenance(source: DocumentRecord, original: Provenance | None, score: float) -> Provenance:
    annotators = list(original.annotators) if original else []
    if not annotators and source.annotation and source.annotation.annotator:
        annotators = [source.annotation.annotator]
    return Provenance(
        origin="projected",
        score=score,
        annotators=annotators,
        rules_version=original.rules_version if original else None,
    )


def _project_mentions(
    source: DocumentRecord,
    target_text: str,
    alignment: Alignment,
    config: ProjectionConfig,
    flags: list[ProjectionFlag],
    dateline_differs: bool,
    date_types: frozenset[str],
) -> tuple[list[Mention], dict[str, str], dict[str, int]]:
    """Projected mentions, source id -> kept id, and status counts."""
    out: list[Mention] = []
    kept_id: dict[str, str] = {}
    by_span: dict[tuple[int, int, str], str] = {}
    counts = {"exact": 0, "changed": 0, "unaligned": 0}
    for mention in source.mentions:
        placed = alignment.place(mention.start, mention.end)
        if placed is None:
            counts["unaligned"] += 1
            flags.append(
                ProjectionFlag(
                    kind="mention",
                    id=mention.id,
                    status="unaligned",
                    source_text=mention.text,
                    reason="no counterpart in the target text; dropped",
                )
            )
            continue
        span = (placed.start, placed.end)
        text = target_text[span[0] : span[1]]
        status, score = _score(mention.text, text, config)
        counts[status] += 1
        if placed.how == "elsewhere":
            score = round(score * config.elsewhere_factor, 4)
            flags.append(_moved_flag("mention", mention.id, mention.text))
        key = (span[0], span[1], mention.type)
        if key in by_span:  # two source mentions landed on one target span: keep one
            kept_id[mention.id] = by_span[key]
            continue
        by_span[key] = kept_id[mention.id] = mention.id
        if status == "changed":
            flags.append(
                ProjectionFlag(
                    kind="mention",
                    id=mention.id,
                    status=status,
                    source_text=mention.text,
                    target_text=text,
                    reason="wording differs; check the span and its normalized value",
                )
            )
        if mention.type in date_types and mention.normalized and dateline_differs:
            flags.append(
                ProjectionFlag(
                    kind="date",
                    id=mention.id,
                    status=status,
                    source_text=mention.text,
                    target_text=text,
                    reason=f"normalized {mention.normalized!r} was resolved against the source "
                    "dateline; check it against the target's",
                )
            )
        out.append(
            Mention(
                id=mention.id,
                start=span[0],
                end=span[1],
                text=text,
                type=mention.type,
                normalized=mention.normalized,
                provenance=_provenance(source, mention.provenance, score),
            )
        )
    return out, kept_id, counts


def _roles_below_minimum(
    event: Event, arguments: dict[str, list[str]], table: SchemaTable
) -> list[str]:
    event_type = table.event_types.get(event.type)
    if event_type is None:
        return []
    return [
        name
        for name, role in event_type.roles.items()
        if len(arguments.get(name, ())) < role.min <= len(event.arguments.get(name, ()))
    ]


def _project_event(
    event: Event,
    source: DocumentRecord,
    target_text: str,
    alignment: Alignment,
    kept_id: dict[str, str],
    config: ProjectionConfig,
    flags: list[ProjectionFlag],
    table: SchemaTable,
) -> tuple[Event | None, Status]:
    placed = alignment.place(event.trigger.start, event.trigger.end)
    if placed is None:
        flags.append(
            ProjectionFlag(
                kind="trigger",
                id=event.id,
                status="unaligned",
                source_text=event.trigger.text,
                reason=f"{event.type} trigger has no counterpart; event dropped",
            )
        )
        return None, "unaligned"
    span = (placed.start, placed.end)
    text = target_text[span[0] : span[1]]
    status, score = _score(event.trigger.text, text, config)
    if placed.how == "elsewhere":
        score = round(score * config.elsewhere_factor, 4)
        flags.append(_moved_flag("trigger", event.id, event.trigger.text))
    if status == "changed":
        flags.append(
            ProjectionFlag(
                kind="trigger",
                id=event.id,
                status=status,
                source_text=event.trigger.text,
                target_text=text,
                reason=f"{event.type} trigger wording differs",
            )
        )
    arguments: dict[str, list[str]] = {}
    for role, ids in event.arguments.items():
        for mention_id in ids:
            if mention_id not in kept_id:
                flags.append(
                    ProjectionFlag(
                        kind="argument",
                        id=f"{event.id}.{role}",
                        status="unaligned",
                        source_text=mention_id,
                        reason="argument mention was not projected; role left without it",
                    )
                )
            elif kept_id[mention_id] not in arguments.get(role, []):
                arguments.setdefault(role, []).append(kept_id[mention_id])
    attribution = kept_id.get(event.attribution) if event.attribution else None
    if event.attribution and attribution is None:
        flags.append(
            ProjectionFlag(
                kind="attribution",
                id=event.id,
                status="unaligned",
                source_text=event.attribution,
                reason="attribution mention was not projected; left empty",
            )
        )
    short = _roles_below_minimum(event, arguments, table)
    if short:
        flags.append(
            ProjectionFlag(
                kind="trigger",
                id=event.id,
                status="unaligned",
                source_text=event.trigger.text,
                reason=f"role(s) {', '.join(short)} lost arguments below their minimum; "
                "event dropped",
            )
        )
        return None, "unaligned"
    projected = Event(
        id=event.id,
        type=event.type,
        trigger=Span(start=span[0], end=span[1], text=text),
        arguments=arguments,
        attributes=dict(event.attributes),
        attribution=attribution,
        provenance=_provenance(source, event.provenance, score),
    )
    return projected, status


def project_record(
    source: DocumentRecord,
    target: DocumentRecord,
    config: ProjectionConfig | None = None,
) -> Projection:
    """``source``'s annotations carried onto ``target``'s text, with a report of what moved."""
    config = config or ProjectionConfig()
    table = REGISTRY.table(source.schema_name, source.schema_version)
    if source.document.id == target.document.id:
        raise UsageError(Problem("EG754", "--from and --to name the same document"))
    alignment = Alignment(source.document.text, target.document.text, config)
    if alignment.aligned_share < config.min_similarity:
        raise DataError(
            Problem(
                "EG753",
                f"only {alignment.aligned_share:.0%} of the words of {source.document.id!r} align "
                f"with {target.document.id!r} (minimum {config.min_similarity:.0%}); "
                "they are not near-duplicates",
            )
        )
    flags: list[ProjectionFlag] = []
    text = target.document.text
    mentions, kept_id, mention_counts = _project_mentions(
        source,
        text,
        alignment,
        config,
        flags,
        dateline_differs=source.document.published != target.document.published,
        date_types=table.mention_types_normalized_as("date"),
    )
    events: list[Event] = []
    event_counts = {"exact": 0, "changed": 0, "unaligned": 0}
    for event in source.events:
        projected, status = _project_event(
            event, source, text, alignment, kept_id, config, flags, table
        )
        event_counts[status] += 1
        if projected is not None:
            events.append(projected)
    record = DocumentRecord(
        schema_name=source.schema_name,
        schema_version=source.schema_version,
        document=target.document,
        mentions=mentions,
        events=events,
        annotation=AnnotationInfo(
            source="projection",
            annotator=source.annotation.annotator if source.annotation else None,
        ),
    )
    problems = validate_record(record_json(record))
    if problems:  # a bug, not a user mistake: never write an invalid record
        raise AssertionError(f"projected record is invalid: {problems}")
    report = ProjectionReport(
        source=source.document.id,
        target=target.document.id,
        aligned_share=round(alignment.aligned_share, 4),
        mentions=mention_counts,
        events=event_counts,
        flags=flags,
    )
    return Projection(record, report)


def project_many(
    source: DocumentRecord,
    targets: Sequence[DocumentRecord],
    config: ProjectionConfig | None = None,
) -> list[Projection]:
    """Project one annotated document onto each of its near-duplicates."""
    return [project_record(source, target, config) for target in targets]
