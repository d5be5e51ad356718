"""The annotator's tokenizer: spaCy's, with a larger chunk cache and the "U.S.-led" cases.

The cache only memoizes: a text tokenizes the same whether its chunks come from the cache,
are tokenized afresh, or the cache is switched off.
"""

from __future__ import annotations

from functools import cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate import build_nlp
from eventgold.annotate.engine import TOKENIZER_CACHE_CHUNKS

# Chunks that take the tokenizer's different paths: plain words, prefixes, suffixes and
# infixes, special cases (ours and spaCy's), URLs, numbers, and whitespace runs.
_CHUNKS = [
    "troops",
    "Troops,",
    '"Paris."',
    "(Reuters)",
    "U.S.-led",
    "U.N.-backed",
    "U.S.",
    "don't",
    "can't.",
    "10,000",
    "$5m",
    "1990s-era",
    "well-known",
    "https://example.org/a?b=c",
    "e-mail:",
    "Mr.",
    "etc.)",
    "...",
    "--",
    " ",
    "  ",
    "\n",
]


@cache
def _nlp() -> Language:
    return build_nlp()


@cache
def _uncached_nlp() -> Language:
    """The same tokenizer (same special cases) with its chunk cache switched off."""
    other = build_nlp()
    tokenizer = other.tokenizer
    tokenizer.max_cache_size = 0  # type: ignore[attr-defined]
    assert tokenizer.rules == _nlp().tokenizer.rules  # type: ignore[attr-defined]
    return other


def _tokens(doc: Doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


def test_cache_is_larger_than_spacys_default() -> None:
    default = spacy.blank("en").tokenizer.max_cache_size  # type: ignore[attr-defined]
    assert _nlp().tokenizer.max_cache_size == TOKENIZER_CACHE_CHUNKS  # type: ignore[attr-defined]
    assert default < TOKENIZER_CACHE_CHUNKS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CHUNKS), max_size=40), st.sampled_from(["", " ", "\n"]))
def test_cached_tokenization_equals_uncached(chunks: list[str], joiner: str) -> None:
    nlp = _nlp()
    text = joiner.join(chunks)
    expected = _tokens(_uncached_nlp().tokenizer(text))
    assert _tokens(nlp.tokenizer(text)) == expected  # chunks tokenized, then cached
    assert _tokens(nlp.tokenizer(text)) == expected  # the same chunks from the cache
