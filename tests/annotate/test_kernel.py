"""The C loops of ``annotate/kernel.pyx`` give exactly what their Python references give:
the rule index finds the same (rule, start, end) matches on generated docs, for the rules of
the core pack and for generated patterns covering every operator and value test; the sentence
bounds, the sentence splitter's starts, the lemma table and the token-struct reader are the
numpy, Python, dict and ``Doc.to_array`` ones.

The C loops are part of the compiled build. ``make unit-compiled`` imports it from there; the
pure-Python run loads the extension from the compiled build (built here when out of date, as
``test_compiled.py`` does) into the pure-Python index.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import ENT_IOB, ENT_TYPE, IDS, IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate import build_nlp, index, patterns
from eventgold.annotate.index import HITS_ARE_ANCHORS, HITS_CONTAIN_ANCHORS, SCAN_WINDOW, RuleIndex
from eventgold.annotate.lemmatizer import NAME as LEMMATIZER
from eventgold.annotate.lemmatizer import LookupLemmatizer
from eventgold.annotate.sentences import CLOSERS, ENDS, SentenceSplitter
from eventgold.annotate.sentences import NAME as SENTENCES
from tests.annotate.test_compiled import ROOT, _load
from tests.annotate.test_patterns import ALPHABET, BASE_WORDS, NLP, PACK, PATTERNS, _words_of, docs

MENTIONS = [(r.id, r.pattern) for r in PACK.mentions]
TRIGGERS = [(r.id, r.pattern) for r in PACK.triggers]
PACK_WORDS = sorted({w for _, p in MENTIONS + TRIGGERS for w in _words_of(p)} | set(BASE_WORDS))


@pytest.fixture(scope="module")
def kernel() -> ModuleType:
    """The extension module: imported (compiled build), else loaded from the compiled build."""
    if index.kernel is not None:
        return index.kernel
    compiled = Path(_load(ROOT / "tools" / "build_compiled.py", "build_compiled").build())
    (path,) = (compiled / "eventgold" / "annotate").glob("kernel.*.so")
    spec = importlib.util.spec_from_file_location("eventgold.annotate.kernel", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _use(kernel: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the pure-Python modules use the extension (the compiled ones already do)."""
    for module in (index, patterns):
        if module.kernel is None:
            monkeypatch.setattr(module, "kernel", kernel)


def _indexes(
    kernel: ModuleType, monkeypatch: pytest.MonkeyPatch, *rule_sets: list[tuple[str, Any]]
) -> tuple[RuleIndex, RuleIndex]:
    """(index with the C loop, index with the Python loop) over the same rules."""
    _use(kernel, monkeypatch)
    with_kernel = RuleIndex(NLP, *rule_sets)
    assert (with_kernel.kernel is None) == any(g.matcher is not None for g in with_kernel.groups)
    python = RuleIndex(NLP, *rule_sets, use_kernel=False)
    assert python.kernel is None
    return with_kernel, python


def test_the_numbering_is_the_python_sides(kernel: ModuleType) -> None:
    assert kernel.QUANTIFIERS == (patterns.ONE, patterns.ZERO_ONE, patterns.ZERO_PLUS, patterns.NOT)
    assert kernel.ANCHOR_USES == (HITS_ARE_ANCHORS, HITS_CONTAIN_ANCHORS, SCAN_WINDOW)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_pack_rules_match_like_the_python_loop(
    kernel: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_kernel, python = _indexes(kernel, monkeypatch, MENTIONS, TRIGGERS)
    assert with_kernel.kernel is not None
    texts = [
        "Russia sent around 10,000 troops to Belarus on Tuesday, the Pentagon said.",
        "Foreign Minister Choe Son Hui held talks with Sergei Lavrov in Moscow.\nNo deal.",
        "The UN Security Council extended the mandate of the panel of experts by a vote of 13-2.",
    ]
    for doc in NLP.pipe(texts):
        assert with_kernel(doc) == python(doc) != []

    @SETTINGS
    @given(doc=docs(PACK_WORDS))
    def check(doc: Doc) -> None:
        assert with_kernel(doc) == python(doc)

    check()


@SETTINGS
@given(
    rules=st.lists(PATTERNS, min_size=1, max_size=4),
    docs_=st.lists(docs(ALPHABET), min_size=1, max_size=3),
)
def test_generated_patterns_match_like_the_python_loop(
    kernel: ModuleType, rules: list[list[dict[str, Any]]], docs_: list[Doc]
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        rule_set = [(f"r{k}", pattern) for k, pattern in enumerate(rules)]
        with_kernel, python = _indexes(kernel, monkeypatch, rule_set)
        for doc in docs_:
            assert with_kernel(doc) == python(doc)


def test_an_index_with_a_matcher_group_keeps_the_python_loop(
    kernel: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(kernel, monkeypatch)
    fuzzy = RuleIndex(NLP, [("fuzzy", [{"LOWER": "sanctions"}, {"LOWER": {"FUZZY": "regime"}}])])
    assert fuzzy.kernel is None
    doc = NLP("The sanctions regimme ended.")
    assert [(r, doc[s:e].text) for r, s, e in fuzzy(doc)] == [("fuzzy", "sanctions regimme")]


@given(st.lists(st.sampled_from([0, 1]), max_size=30))
def test_sentence_bounds_are_the_numpy_ones(kernel: ModuleType, sent_start: list[int]) -> None:
    expected = patterns.sentence_bounds(np.array(sent_start, dtype=np.uint64) == 1)
    assert kernel.sentence_bounds(sent_start) == expected


@cache
def _pipeline() -> Language:
    return build_nlp()


_SPLITTER_TOKENS = [*ENDS, *CLOSERS, "word", "Word", "\n", "\n\n", "  ", " \n "]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(_SPLITTER_TOKENS), st.booleans()), max_size=40))
def test_sentence_starts_are_the_python_ones(
    kernel: ModuleType, tokens: list[tuple[str, bool]]
) -> None:
    nlp = _pipeline()
    splitter = nlp.get_pipe(SENTENCES)
    assert isinstance(splitter, SentenceSplitter)
    words = [w for w, _ in tokens]
    doc = Doc(nlp.vocab, words=words, spaces=[s and not w.isspace() for w, s in tokens])
    array = doc.to_array([ORTH, IS_SPACE])
    found = kernel.sentence_starts(
        array, splitter.ends, splitter.trailing_array, lambda o: "\n" in nlp.vocab.strings[o]
    )
    if words:
        assert found.tolist() == splitter._starts(array, doc).tolist()
    else:
        assert found.tolist() == []
    assert np.iinfo(np.uint64).max == kernel.NOT_START


@given(
    table=st.dictionaries(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1), max_size=50),
    extra=st.lists(st.integers(0, 2**64 - 1), max_size=20),
    low_bits=st.lists(st.integers(0, 40), max_size=20),
)
def test_lemma_table_lookups_are_dict_lookups(
    kernel: ModuleType, table: dict[int, int], extra: list[int], low_bits: list[int]
) -> None:
    # Small keys collide in the table's slots: the probing must still find each one.
    words = [*table, *extra, *low_bits, 0]
    found = kernel.LemmaTable(table).lemmas(np.array(words, dtype=np.uint64)).tolist()
    assert found == [table.get(w, w) for w in words]


def test_the_lemma_table_of_the_pipeline_is_its_dict(kernel: ModuleType) -> None:
    lemmatizer = _pipeline().get_pipe(LEMMATIZER)
    assert isinstance(lemmatizer, LookupLemmatizer)
    words = np.array([*lemmatizer.lemma_of, 1, 2, 3], dtype=np.uint64)
    found = kernel.LemmaTable(lemmatizer.lemma_of).lemmas(words).tolist()
    assert found == [lemmatizer.lemma_of.get(w, w) for w in words.tolist()]


_READ = ["ORTH", "LOWER", "LEMMA", "IDX", "SENT_START", "ENT_TYPE", "POS", "IS_SPACE"]


def test_the_struct_reader_knows_the_spacy_it_was_built_against(kernel: ModuleType) -> None:
    assert spacy.about.__version__ == kernel.SPACY_BUILT_WITH
    assert {IDS[name] for name in _READ} == kernel.READABLE


@SETTINGS
@given(
    tokens=st.lists(st.tuples(st.sampled_from(_SPLITTER_TOKENS + BASE_WORDS), st.booleans())),
    labels=st.lists(st.sampled_from(["", "GPE", "ORG"]), max_size=40),
    attrs=st.lists(st.sampled_from(_READ), min_size=1, max_size=9),
)
def test_doc_arrays_are_spacys(
    kernel: ModuleType, tokens: list[tuple[str, bool]], labels: list[str], attrs: list[str]
) -> None:
    nlp = _pipeline()
    words = [w for w, _ in tokens]
    doc = Doc(nlp.vocab, words=words, spaces=[s and not w.isspace() for w, s in tokens])
    for _, component in nlp.pipeline:
        doc = component(doc)
    if labels[: len(doc)]:
        ents = [(3, nlp.vocab.strings.add(label)) if label else (2, 0) for label in labels]
        ents += [(2, 0)] * (len(doc) - len(ents))
        doc.from_array([ENT_IOB, ENT_TYPE], np.array(ents[: len(doc)], dtype=np.uint64))
    ids = [IDS[name] for name in attrs]
    expected = doc.to_array(ids).reshape(len(doc), len(ids))
    assert kernel.doc_array(doc, ids).tolist() == expected.tolist()


def test_doc_array_declines_other_attributes(kernel: ModuleType) -> None:
    doc = _pipeline()("Troops were sent.")
    assert kernel.doc_array(doc, [IDS["ORTH"], IDS["SHAPE"]]) is None


@SETTINGS
@given(
    words=st.lists(st.sampled_from(BASE_WORDS), min_size=1, max_size=30),
    data=st.data(),
)
def test_doc_set_writes_what_from_array_writes(
    kernel: ModuleType, words: list[str], data: st.DataObject
) -> None:
    nlp = _pipeline()
    strings = nlp.vocab.strings
    n = len(words)
    lemmas = data.draw(st.lists(st.sampled_from(words), min_size=n, max_size=n))
    starts = data.draw(st.lists(st.sampled_from([1, 0, -1]), min_size=n, max_size=n))
    labels = data.draw(st.lists(st.sampled_from(["", "GPE", "ORG"]), min_size=n, max_size=n))
    columns = [
        [strings.add(w) for w in lemmas],
        [s % 2**64 for s in starts],
        [3 if label else 2 for label in labels],
        [strings.add(label) if label else 0 for label in labels],
    ]
    attrs = [IDS["LEMMA"], IDS["SENT_START"], IDS["ENT_IOB"], IDS["ENT_TYPE"]]
    values = np.array(columns, dtype=np.uint64).T.copy()
    written, expected = Doc(nlp.vocab, words=words), Doc(nlp.vocab, words=words)
    assert kernel.doc_set(written, attrs, values)
    expected.from_array(attrs, values)
    assert written.to_array(attrs).tolist() == expected.to_array(attrs).tolist()
    assert [(e.start, e.end, e.label_) for e in written.ents] == [
        (e.start, e.end, e.label_) for e in expected.ents
    ]


def test_doc_set_declines_what_it_does_not_write(kernel: ModuleType) -> None:
    doc = Doc(_pipeline().vocab, words=["a", "b"])
    assert not kernel.doc_set(doc, [IDS["ORTH"]], np.zeros((2, 1), dtype=np.uint64))
    bad_iob = np.array([[7], [2]], dtype=np.uint64)
    assert not kernel.doc_set(doc, [IDS["ENT_IOB"]], bad_iob)
    assert doc.to_array([IDS["ENT_IOB"]]).tolist() == [0, 0]  # nothing written
