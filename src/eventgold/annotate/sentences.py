"""A vectorized sentence splitter: sentence-final punctuation and line breaks.

Like spaCy's ``sentencizer`` (a sentence ends after ``.``, ``!`` or ``?`` and any closing
quotes or brackets that follow), and in addition every line break starts a sentence, so a
headline, a photo caption or a list item is a sentence of its own (guidelines G2). It works on
the doc's ORTH array instead of creating a Token object per token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate.batches import batched
from eventgold.annotate.index import member
from eventgold.annotate.native import kernel  # None: the numpy and Python loop below runs
from eventgold.annotate.patterns import doc_array, doc_set

NAME = "eventgold_sentences"
ENDS = (".", "!", "?", "...", "…", "?!", "!?")
CLOSERS = ('"', "'", "”", "’", ")", "]", "»", "”.", "*")
_NOT_START = np.uint64(np.iinfo(np.uint64).max)  # -1 as stored in a uint64 doc array


class SentenceSplitter:
    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.ends = np.sort(np.array([strings.add(p) for p in ENDS], dtype=np.uint64))
        self.trailing = {strings.add(p) for p in ENDS + CLOSERS}
        self.trailing_array = np.array(sorted(self.trailing), dtype=np.uint64)
        self.line_breaks: dict[int, bool] = {}  # whitespace token string -> holds a line break

    def _has_line_break(self, orth_id: int, doc: Doc) -> bool:
        found = self.line_breaks.get(orth_id)
        if found is None:
            found = self.line_breaks[orth_id] = "\n" in doc.vocab.strings[orth_id]
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        array = doc_array(doc, [ORTH, IS_SPACE])
        if kernel is not None:
            flags = kernel.sentence_starts(
                array, self.ends, self.trailing_array, lambda o: self._has_line_break(o, doc)
            )
        else:
            flags = self._starts(array, doc)
        doc_set(doc, [SENT_START], flags.reshape(-1, 1))
        return doc

    def _starts(self, array: np.ndarray[Any, Any], doc: Doc) -> np.ndarray[Any, Any]:
        """``SENT_START`` values from ``Doc.to_array([ORTH, IS_SPACE])`` (the reference of
        the C loop)."""
        n = len(array)
        orth = array[:, 0]
        flags = np.full(n, _NOT_START, dtype=np.uint64)
        flags[0] = 1
        for end in np.flatnonzero(member(orth, self.ends)).tolist():
            j = end + 1
            while j < n and int(orth[j]) in self.trailing:
                j += 1
            if j < n:
                flags[j] = 1
        spaces = np.flatnonzero(array[:, 1] == 1)
        for space, orth_id in zip(spaces.tolist(), orth[spaces].tolist(), strict=True):
            if space + 1 < n and self._has_line_break(orth_id, doc):
                flags[space + 1] = 1
        return flags

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Batch by batch, so that each stage of ``nlp.pipe`` runs over a whole batch."""
        for batch in batched(docs, batch_size):
            yield from [self(doc) for doc in batch]


@Language.factory(NAME)
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp)
