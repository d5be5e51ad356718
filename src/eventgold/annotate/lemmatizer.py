"""A vectorized lookup lemmatizer over the spacy-lookups-data English table.

spaCy's own ``lemmatizer`` in lookup mode walks the tokens in Python and cost more than the
tokenizer itself. This component uses the same table (``lemma_lookup`` of
spacy-lookups-data) but maps the LOWER hashes of a whole doc at once. Lemmas are lower case,
so patterns can use one spelling for "Troops" and "troops".
"""

from __future__ import annotations

from typing import cast

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

NAME = "eventgold_lemmatizer"


class LookupLemmatizer:
    def __init__(self, nlp: Language) -> None:
        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        strings = nlp.vocab.strings
        # Table keys are the same 64-bit hashes as token LOWER values.
        self.lemma_of: dict[int, int] = {
            int(key): strings.add(str(value).lower()) for key, value in table.items()
        }

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        lowers = cast(list[int], doc.to_array([LOWER]).tolist())
        get = self.lemma_of.get
        lemmas = np.fromiter(map(get, lowers, lowers), dtype=np.uint64, count=len(doc))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory(NAME)
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)
