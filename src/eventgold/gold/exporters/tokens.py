"""Tokens and sentence windows for the token-based formats (spaCy, DyGIE++, OneIE, TextEE).

One tokenizer for all of them: spaCy's blank English tokenizer plus its rule-based
``sentencizer``, so the DocBin and the JSON formats agree token for token, and a consumer
who re-tokenizes the text with ``spacy.blank("en")`` gets the same tokens.

* **Words** are the non-whitespace tokens. spaCy makes a token of every whitespace run other
  than one plain space (``"\\n"``, ``"\\r\\n"``, ``"\\u00a0"``); the JSON formats leave those
  out, because a ``"\\n\\n"`` token means nothing to a model and breaks word-piece alignment.
* **Sentences** start where the sentencizer starts one and after a paragraph break (a
  whitespace token holding two or more line breaks): headlines and datelines without a full
  stop do not run into the next paragraph.
* **Windows** are sentences merged so that no mention, trigger or event (trigger, arguments
  and attribution) crosses a window boundary. Sentence-level formats then never reference an
  entity outside the window, at the price of longer windows (noted as EG656).
* A character span maps to the words it overlaps (the *covering* tokens). When its ends are
  not on token boundaries the span is expanded and noted (EG654); a span that overlaps no
  word (only whitespace) is left out (EG655).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.gold.exporters.base import ExportReport
from eventgold.schema import DocumentRecord


@lru_cache(maxsize=1)
def blank_english() -> Language:
    """The one pipeline every token format uses: blank English tokenizer + sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def make_doc(text: str) -> Doc:
    """Tokenize only (no sentence boundaries): what a DocBin stores."""
    return blank_english().make_doc(text)


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # code-point offset in the document text
    end: int  # end-exclusive


@dataclass(frozen=True)
class WordSpan:
    """Words ``first..last`` (inclusive) covering a character span."""

    first: int
    last: int
    exact: bool  # the character span starts and ends on these words' boundaries

    @property
    def stop(self) -> int:
        """End-exclusive word index."""
        return self.last + 1


@dataclass(frozen=True)
class Window:
    """Consecutive words ``first..stop-1`` forming one sentence (or merged sentences)."""

    index: int
    first: int
    stop: int
    sentences: int  # how many sentences were merged into this window


class Tokenized:
    """A document text as words, sentence ids per word, and span-to-word mapping."""

    def __init__(self, text: str) -> None:
        self.text = text
        doc = blank_english()(text)
        self.words: list[Word] = []
        self.sentence_of: list[int] = []
        sentence = -1
        boundary = True
        # one array instead of a Python Token object per token: tokenizing is the cost floor
        rows = cast("list[list[int]]", doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist())
        for start, length, is_space, sent_start in rows:
            end = start + length
            if sent_start == 1:
                boundary = True
            if is_space:
                if _line_breaks(text[start:end]) >= 2:
                    boundary = True
                continue
            if boundary:
                sentence += 1
                boundary = False
            self.words.append(Word(text[start:end], start, end))
            self.sentence_of.append(sentence)
        self._starts = [w.start for w in self.words]
        self._ends = [w.end for w in self.words]

    @property
    def sentence_count(self) -> int:
        return self.sentence_of[-1] + 1 if self.sentence_of else 0

    def span(self, start: int, end: int) -> WordSpan | None:
        """The words overlapping ``[start, end)``, or None when it overlaps none."""
        first = bisect.bisect_right(self._ends, start)  # first word ending after start
        last = bisect.bisect_left(self._starts, end) - 1  # last word starting before end
        if first >= len(self.words) or last < first:
            return None
        exact = self.words[first].start == start and self.words[last].end == end
        return WordSpan(first, last, exact)

    def char_span(self, first: int, stop: int) -> tuple[int, int]:
        """Character offsets of words ``first..stop-1``."""
        return self.words[first].start, self.words[stop - 1].end

    def windows(self, groups: Iterable[Iterable[WordSpan]]) -> list[Window]:
        """Sentences merged so that no group of spans (one event, one mention) is split."""
        count = self.sentence_count
        # crossing[k] > 0: some group reaches from sentence <= k to sentence > k
        crossing = [0] * (count + 1)
        for group in groups:
            sentences = [self.sentence_of[i] for span in group for i in (span.first, span.last)]
            if sentences and min(sentences) < max(sentences):
                crossing[min(sentences)] += 1
                crossing[max(sentences)] -= 1
        windows: list[Window] = []
        open_groups = 0
        window_start_sentence = 0
        first_word = 0
        for sentence in range(count):
            open_groups += crossing[sentence]
            if open_groups > 0:
                continue
            stop = bisect.bisect_right(self.sentence_of, sentence)
            windows.append(
                Window(len(windows), first_word, stop, sentence - window_start_sentence + 1)
            )
            first_word = stop
            window_start_sentence = sentence + 1
        return windows


def _line_breaks(whitespace: str) -> int:
    return whitespace.replace("\r\n", "\n").replace("\r", "\n").count("\n")


@dataclass
class AlignedRecord:
    """A record's mentions and triggers mapped to words, with the windows that keep them whole.

    Lossy mappings are noted in the report while aligning, once per span.
    """

    record: DocumentRecord
    tokens: Tokenized
    mentions: dict[str, WordSpan]  # mention id -> words (only mentions that cover a word)
    triggers: dict[str, WordSpan]  # event id -> words
    windows: list[Window]

    def __post_init__(self) -> None:
        self._window_of_word = [w.index for w in self.windows for _ in range(w.first, w.stop)]
        self._events = {e.id: e for e in self.record.events}

    def window_of(self, span: WordSpan) -> Window:
        return self.windows[self._window_of_word[span.first]]

    def words(self, window: Window) -> list[str]:
        return [w.text for w in self.tokens.words[window.first : window.stop]]

    def window_text(self, window: Window) -> str:
        start, end = self.tokens.char_span(window.first, window.stop)
        return self.tokens.text[start:end]

    def span_text(self, span: WordSpan) -> str:
        start, end = self.tokens.char_span(span.first, span.stop)
        return self.tokens.text[start:end]

    def arguments(self, event_id: str) -> list[tuple[str, str, WordSpan]]:
        """(role, mention id, words) of an event's arguments that map to words, in role order."""
        event = self._events[event_id]
        out = []
        for role, mention_ids in event.arguments.items():
            for mention_id in mention_ids:
                span = self.mentions.get(mention_id)
                if span is not None:
                    out.append((role, mention_id, span))
        return out


def align(record: DocumentRecord, report: ExportReport) -> AlignedRecord:
    """Map a record to words and windows, noting every lossy step (EG654-EG656, EG659)."""
    doc_id = record.document.id
    tokens = Tokenized(record.document.text)
    mentions: dict[str, WordSpan] = {}
    for index, mention in enumerate(record.mentions):
        span = _map(tokens, mention.start, mention.end, doc_id, f"$.mentions[{index}]", report)
        if span is not None:
            mentions[mention.id] = span
    triggers: dict[str, WordSpan] = {}
    known = {m.id for m in record.mentions}
    for index, event in enumerate(record.events):
        where = f"$.events[{index}]"
        span = _map(
            tokens, event.trigger.start, event.trigger.end, doc_id, where + ".trigger", report
        )
        if span is not None:
            triggers[event.id] = span
        for role, ids in event.arguments.items():
            for k, mention_id in enumerate(ids):
                if mention_id not in known:
                    report.note(
                        "EG659",
                        doc_id,
                        f"{where}.arguments.{role}[{k}]",
                        f"argument {mention_id!r} of event {event.id!r} is not a mention",
                    )
    for index, mention in enumerate(record.mentions):
        span = mentions.get(mention.id)
        if span is not None and tokens.sentence_of[span.first] != tokens.sentence_of[span.last]:
            report.note(
                "EG656",
                doc_id,
                f"$.mentions[{index}]",
                f"mention {mention.id!r} crosses a sentence boundary; the sentences form one window",
            )
    groups: list[list[WordSpan]] = [[span] for span in mentions.values()]
    for event in record.events:
        group = [triggers[event.id]] if event.id in triggers else []
        ids = [i for ids in event.arguments.values() for i in ids]
        if event.attribution:
            ids.append(event.attribution)
        group += [mentions[i] for i in ids if i in mentions]
        groups.append(group)
    windows = tokens.windows(groups)
    for index, event in enumerate(record.events):
        group = groups[len(mentions) + index]
        sentences = {tokens.sentence_of[i] for span in group for i in (span.first, span.last)}
        if len(sentences) > 1:
            report.note(
                "EG656",
                doc_id,
                f"$.events[{index}]",
                f"event {event.id!r} spans {len(sentences)} sentences; they form one window",
            )
    report.count("windows", len(windows))
    report.count("merged_windows", sum(1 for w in windows if w.sentences > 1))
    return AlignedRecord(record, tokens, mentions, triggers, windows)


def _map(
    tokens: Tokenized, start: int, end: int, doc_id: str, path: str, report: ExportReport
) -> WordSpan | None:
    span = tokens.span(start, end)
    if span is None:
        report.note("EG655", doc_id, path, f"span {start}-{end} covers no token; left out")
        return None
    if not span.exact:
        covered = tokens.char_span(span.first, span.stop)
        report.note(
            "EG654",
            doc_id,
            path,
            f"span {start}-{end} is not on token boundaries; expanded to {covered[0]}-{covered[1]}",
        )
    return span
