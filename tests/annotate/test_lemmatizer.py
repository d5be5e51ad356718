"""The lookup lemmatizer: spacy-lookups-data's English table, applied to whole docs."""

from __future__ import annotations

from spacy.lookups import load_lookups

from eventgold.annotate import build_nlp
from eventgold.annotate.lemmatizer import NAME, LookupLemmatizer


def test_the_table_is_spacys_lemma_lookup() -> None:
    nlp = build_nlp()
    lemmatizer = nlp.get_pipe(NAME)
    assert isinstance(lemmatizer, LookupLemmatizer)
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    strings = nlp.vocab.strings
    expected = {int(key): strings.add(str(value).lower()) for key, value in table.items()}
    assert len(expected) > 10_000
    assert lemmatizer.lemma_of == expected


def test_lemmas_are_lower_case_and_unknown_words_keep_their_form() -> None:
    doc = build_nlp()("Troops were deployed; the Zorblaxes went home")
    assert [t.lemma_ for t in doc] == [
        "troop",
        "be",
        "deploy",
        ";",
        "the",
        "zorblaxes",
        "go",
        "home",
    ]
