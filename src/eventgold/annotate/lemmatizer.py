"""A vectorized lookup lemmatizer over the spacy-lookups-data English table.

spaCy's own ``lemmatizer`` in lookup mode walks the tokens in Python and cost more than the
tokenizer itself. This component uses the same table (``lemma_lookup`` of
spacy-lookups-data) but maps the LOWER hashes of a whole doc at once. Lemmas are lower case,
so patterns can use one spelling for "Troops" and "troops".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.errors import Errors
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

from eventgold.annotate.batches import batched
from eventgold.annotate.native import kernel  # None: a dict lookup per token
from eventgold.annotate.patterns import doc_array, doc_set

NAME = "eventgold_lemmatizer"


def _lemma_lookup() -> dict[str, str]:
    """The ``lemma_lookup`` table of spacy-lookups-data for English, word -> lemma.

    Read as ``spacy.lookups.load_lookups`` reads it, without the ``Table`` it builds (a hash
    and a Bloom filter insert per word): that was about half the cost of building the
    pipeline, only for the table to be copied into :attr:`LookupLemmatizer.lemma_of`.
    """
    if "en" not in registry.lookups:
        raise ValueError(Errors.E955.format(table="lemma_lookup", lang="en"))
    tables = registry.lookups.get("en")
    if "lemma_lookup" not in tables:
        raise ValueError(Errors.E955.format(table="lemma_lookup", lang="en"))
    return cast(dict[str, str], load_language_data(tables["lemma_lookup"]))


class LookupLemmatizer:
    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        # Keyed by the 64-bit hash of the word, the same as the token's LOWER value.
        self.lemma_of: dict[int, int] = {
            get_string_id(word): strings.add(lemma.lower())
            for word, lemma in _lemma_lookup().items()
        }
        self.table = kernel.LemmaTable(self.lemma_of) if kernel is not None else None

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if self.table is not None:
            lemmas = self.table.lemmas(doc_array(doc, [LOWER])[:, 0])
        else:
            lowers = cast(list[int], doc.to_array([LOWER]).tolist())
            get = self.lemma_of.get
            lemmas = np.fromiter(map(get, lowers, lowers), dtype=np.uint64, count=len(doc))
        doc_set(doc, [LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Batch by batch, so that each stage of ``nlp.pipe`` runs over a whole batch."""
        for batch in batched(docs, batch_size):
            yield from [self(doc) for doc in batch]


@Language.factory(NAME)
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)
