"""Compiled token patterns find exactly what spaCy's Matcher finds.

Differential tests: random docs (words, lemmas, entity labels and sentence starts drawn from
small alphabets so that patterns actually match) are matched by the Matcher and by
:mod:`eventgold.annotate.patterns`, on the whole doc and on windows of it, for every rule of
the core pack and for generated patterns covering every operator.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import ENT_IOB, ENT_TYPE, LEMMA, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc

from eventgold.annotate import patterns
from eventgold.annotate.index import RuleIndex
from eventgold.annotate.packs import DEFAULT_PACK, load_pack
from eventgold.annotate.patterns import ColumnSet, compile_pattern, quantifiers
from eventgold.schema import default_table

NLP = spacy.blank("en")
PACK = load_pack(DEFAULT_PACK, default_table())
RULES = [(r.id, r.pattern) for r in [*PACK.mentions, *PACK.triggers]]
LABELS = ["", "GPE", "ORG", "PERSON", "TITLE", "DEMONYM"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words_of(pattern: list[dict[str, Any]]) -> list[str]:
    """Words a pattern mentions (so generated docs can match it)."""
    out: list[str] = []
    for token in pattern:
        for key, value in token.items():
            if key == "OP":
                continue
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, dict):
                for argument in value.values():
                    if isinstance(argument, list):
                        out += [str(v) for v in argument if isinstance(v, str)]
    return out


BASE_WORDS = ["the", "Russia", "said", "10,000", "3", "2024", "F-16", "of", ",", ".", "UN", "Mr"]


def make_doc(words: list[str], lemmas: list[str], labels: list[str], starts: list[bool]) -> Doc:
    doc = Doc(NLP.vocab, words=words)
    strings = NLP.vocab.strings
    n = len(words)
    array = np.zeros((n, 4), dtype=np.uint64)
    for i in range(n):
        array[i, 0] = strings.add(lemmas[i])
        label = labels[i]
        array[i, 1] = strings.add(label) if label else 0
        array[i, 2] = 3 if label else 2  # B or O
        array[i, 3] = 1 if starts[i] or i == 0 else np.uint64(np.iinfo(np.uint64).max)
    doc.from_array([LEMMA, ENT_TYPE, ENT_IOB, SENT_START], array)  # type: ignore[arg-type]
    return doc


def docs(vocabulary: list[str]) -> st.SearchStrategy[Doc]:
    words = st.sampled_from(vocabulary)
    return st.integers(1, 14).flatmap(
        lambda n: st.builds(
            make_doc,
            st.lists(words, min_size=n, max_size=n),
            st.lists(words.map(str.lower), min_size=n, max_size=n),
            st.lists(st.sampled_from(LABELS), min_size=n, max_size=n),
            st.lists(st.booleans(), min_size=n, max_size=n),
        )
    )


def spacy_matches(
    pattern: list[dict[str, Any]], doc: Doc, lo: int, hi: int
) -> set[tuple[int, int]]:
    matcher = Matcher(NLP.vocab)
    matcher.add("r", [pattern])
    return {(lo + s, lo + e) for _, s, e in matcher(doc[lo:hi])}


def compiled_matches(
    pattern: list[dict[str, Any]], doc: Doc, lo: int, hi: int
) -> set[tuple[int, int]]:
    """Matches of the compiled pattern, the same with regexes as lexeme flags and in Python."""
    found = []
    for columns in (ColumnSet(NLP.vocab), ColumnSet()):
        compiled = compile_pattern(pattern, columns, NLP.vocab.strings, None)
        assert compiled is not None, pattern
        found.append(set(compiled.matches(columns.read(doc).all(), lo, hi)))
    assert found[0] == found[1], pattern
    return found[0]


def _required(pattern: list[dict[str, Any]]) -> bool:
    return any(q == 0 for token in pattern for q in quantifiers(token))


@pytest.mark.parametrize(("rule_id", "pattern"), RULES, ids=[r for r, _ in RULES])
def test_every_pack_rule_matches_like_the_matcher(
    rule_id: str, pattern: list[dict[str, Any]]
) -> None:
    vocabulary = sorted(set(_words_of(pattern) + BASE_WORDS))

    @SETTINGS
    @given(doc=docs(vocabulary), cut=st.tuples(st.integers(0, 14), st.integers(0, 14)))
    def check(doc: Doc, cut: tuple[int, int]) -> None:
        lo, hi = sorted(min(c, len(doc)) for c in cut)
        assert compiled_matches(pattern, doc, 0, len(doc)) == spacy_matches(
            pattern, doc, 0, len(doc)
        )
        assert compiled_matches(pattern, doc, lo, hi) == spacy_matches(pattern, doc, lo, hi)

    check()


ALPHABET = ["a", "b", "B", "c", "dd", "2024"]
TOKEN_SPECS = st.one_of(
    st.builds(lambda w: {"LOWER": w}, st.sampled_from(ALPHABET[:4])),
    st.builds(lambda ws: {"LOWER": {"IN": ws}}, st.lists(st.sampled_from(ALPHABET), min_size=1)),
    st.builds(lambda ws: {"ORTH": {"NOT_IN": ws}}, st.lists(st.sampled_from(ALPHABET), min_size=1)),
    st.just({"IS_TITLE": True}),
    st.just({"LIKE_NUM": True}),
    st.just({"IS_SENT_START": True}),
    st.just({"LENGTH": {"<=": 1}}),
    st.just({"TEXT": {"REGEX": "^[a-c]$"}}),
    st.just({"ENT_TYPE": "GPE"}),
    st.just({"LEMMA": "b", "IS_TITLE": False}),
    st.just({}),
)
OPS = st.sampled_from([None, "?", "*", "+", "!", "{0,2}", "{1,3}", "{2}", "{2,}", "{,2}"])


def _with_op(spec: dict[str, Any], op: str | None) -> dict[str, Any]:
    return spec if op is None else {**spec, "OP": op}


PATTERNS = st.lists(st.builds(_with_op, TOKEN_SPECS, OPS), min_size=1, max_size=4).filter(_required)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=PATTERNS, doc=docs(ALPHABET), cut=st.tuples(st.integers(0, 14), st.integers(0, 14)))
def test_generated_patterns_match_like_the_matcher(
    pattern: list[dict[str, Any]], doc: Doc, cut: tuple[int, int]
) -> None:
    lo, hi = sorted(min(c, len(doc)) for c in cut)
    assert compiled_matches(pattern, doc, 0, len(doc)) == spacy_matches(pattern, doc, 0, len(doc))
    assert compiled_matches(pattern, doc, lo, hi) == spacy_matches(pattern, doc, lo, hi)


def test_a_regex_becomes_one_lexeme_flag_per_vocab() -> None:
    pattern = [{"TEXT": {"REGEX": "^[A-Z]-[0-9]+$"}}]
    first, second = ColumnSet(NLP.vocab), ColumnSet(NLP.vocab)
    assert compile_pattern(pattern, first, NLP.vocab.strings, None) is not None
    assert compile_pattern(pattern, second, NLP.vocab.strings, None) is not None
    assert first.attrs == second.attrs  # the flag registered once is reused
    doc = NLP("The F-16 and the B-52.")
    column = first.read(doc).all()[0]
    assert [t.text for t, flag in zip(doc, column, strict=True) if flag] == ["F-16", "B-52"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a", "OP": "?"}],  # nothing required: no anchor to start from
        [{"_": {"flag": True}}],  # extension attributes
        [{"LOWER": {"FUZZY": "word"}}],
        [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],
    ],
)
def test_patterns_the_compiler_leaves_to_the_matcher(pattern: list[dict[str, Any]]) -> None:
    assert compile_pattern(pattern, ColumnSet(), NLP.vocab.strings, None) is None


def test_the_index_falls_back_to_the_matcher_for_uncompiled_patterns() -> None:
    """A rule the compiler leaves alone is still matched, by spaCy's Matcher."""
    rules = [
        ("fuzzy", [{"LOWER": "sanctions"}, {"LOWER": {"FUZZY": "regime"}}]),
        ("plain", [{"LOWER": "sanctions"}, {"LOWER": "regime"}]),
        ("no_anchor", [{"LOWER": {"FUZZY": "embargo"}}]),
    ]
    index = RuleIndex(NLP, rules)
    doc = NLP("The sanctions regimme ended. The sanctions regime and the embargoe stayed.")
    found = {(rule, doc[s:e].text) for rule, s, e in index(doc)}
    assert found == {
        ("fuzzy", "sanctions regimme"),
        ("fuzzy", "sanctions regime"),
        ("plain", "sanctions regime"),
        ("no_anchor", "embargoe"),
    }


@pytest.mark.parametrize("op", ["?", "*", "{0,2}", "{,2}"])
def test_an_optional_token_never_anchors_a_rule(op: str) -> None:
    """The index runs a rule only around its anchor, so the anchor must be in every match."""
    pattern = [{"LOWER": "very", "OP": op}, {"LOWER": "large"}]
    doc = NLP("A large force and a very large one.")
    found = {(s, e) for _, s, e in RuleIndex(NLP, [("r", pattern)])(doc)}
    assert found == spacy_matches(pattern, doc, 0, len(doc))
    assert (1, 2) in found


def test_column_reads_equal_doc_to_array(monkeypatch: pytest.MonkeyPatch) -> None:
    """Word-type columns come from a per-word row cache, token-level ones from to_array:
    every column must equal what ``Doc.to_array`` gives, on first sight of a word, from the
    cache, and after the cache was cleared for being full."""
    monkeypatch.setattr(patterns, "_ROW_CACHE_LIMIT", 5)
    columns = ColumnSet(NLP.vocab)
    names = ["IDX", "LENGTH", "ORTH", "IS_TITLE", "SENT_START", "ENT_TYPE", "LOWER", "LEMMA"]
    names += ["LIKE_NUM", "SHAPE", "IS_DIGIT", "POS", "IS_ALPHA", "PREFIX", "SUFFIX", "NORM"]
    for name in names:
        columns.column(name)
    flag = columns.regex_flag("^[A-Z]-[0-9]+$")
    assert flag is not None
    attrs = list(columns.attrs)
    texts = [
        "The F-16 and the B-52 flew over Kyiv on 3 March, 2024.",
        "Zyxqwv Ölçek said 10,000 troops 😀 were sent.\nA new line, a new sentence.",
        "The F-16 and the B-52 flew over Kyiv on 3 March, 2024.",  # every word cached
    ]
    for text in texts:
        doc = NLP(text)
        doc[1].norm_ = "token-level norm"  # NORM is a token attribute, not a word attribute
        expected = doc.to_array(attrs).T.tolist()
        expected[attrs.index(SENT_START)] = [int(v == 1) for v in expected[attrs.index(SENT_START)]]
        read = columns.read(doc)
        assert read.all() == expected
        for k in range(len(attrs)):
            assert read.vector(k).tolist() == expected[k] or attrs[k] == SENT_START


def test_word_columns_are_built_only_when_asked_for() -> None:
    columns = ColumnSet(NLP.vocab)
    lower, idx = columns.column("LOWER"), columns.column("IDX")
    read = columns.read(NLP("Troops were sent."))
    assert read.values[idx] == [0, 7, 12, 16]  # token-level: read at once
    assert read.values[lower] == []  # word-type: not built yet
    assert read.column(lower) == [NLP.vocab.strings[w] for w in ("troops", "were", "sent", ".")]
