"""The sentence splitter: sentence-final punctuation (and what trails it) and line breaks."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate import build_nlp
from eventgold.annotate.sentences import CLOSERS, ENDS

# Tokens the splitter treats differently: ends, closers, whitespace with and without a
# line break, and ordinary words.
_TOKENS = [*ENDS, *CLOSERS, "word", "Word", "said", "\n", "\n\n", "  ", " \n "]


@cache
def _nlp() -> Language:
    return build_nlp()


def _reference(doc: Doc) -> list[bool]:
    """Sentence starts, token by token, as the module docstring states the rule."""
    n = len(doc)
    starts = [False] * n
    if n:
        starts[0] = True
    for i, token in enumerate(doc):
        if token.text in ENDS:
            j = i + 1
            while j < n and doc[j].text in ENDS + CLOSERS:
                j += 1
            if j < n:
                starts[j] = True
        if token.is_space and "\n" in token.text and i + 1 < n:
            starts[i + 1] = True
    return starts


def _split(words: list[str], spaces: list[bool]) -> Doc:
    nlp = _nlp()
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TOKENS), st.booleans()), min_size=1, max_size=40))
def test_sentence_starts_follow_the_rule(tokens: list[tuple[str, bool]]) -> None:
    words = [w for w, _ in tokens]
    # spaCy keeps whitespace tokens only where no trailing space is given for them.
    spaces = [s and not w.isspace() for w, s in tokens]
    doc = _split(words, spaces)
    assert [bool(t.is_sent_start) for t in doc] == _reference(doc)


def test_a_text_splits_at_ends_after_closing_quotes_and_at_line_breaks() -> None:
    doc = _nlp()('He said "no." Then he left!\nHeadline here\n\nAnd (so?) on')
    assert [s.text for s in doc.sents] == [
        'He said "no."',
        "Then he left!",
        "\n",  # the line break after an end is a (blank) sentence of its own
        "Headline here\n\n",
        "And (so?)",
        "on",
    ]
