"""spaCy Matcher token patterns compiled into tests over a doc's attribute columns.

spaCy's ``Matcher`` evaluates ``IN``, ``NOT_IN``, ``REGEX`` and comparison predicates by
calling Python objects with a ``Token`` it creates for every position, so matching a short
window costs far more than the few tests it needs. A :class:`CompiledPattern` runs the same
pattern on plain per-doc integer columns (:class:`Columns`), starting from one required token
(the *anchor*) and extending left and right: the matches are the same as the Matcher's, all
``(start, end)`` pairs whose tokens satisfy the pattern, including every length a ``?``, ``*``,
``+`` or ``{n,m}`` allows. ``tests/annotate/test_patterns.py`` checks this against the
Matcher on generated docs and patterns.

Patterns using anything else (extension attributes ``_``, ``FUZZY``, set operators on
``MORPH``, ...) are not compiled (:func:`compile_pattern` returns None) and stay with spaCy's
Matcher.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, cast

import numpy as np
from spacy.about import __version__ as spacy_version
from spacy.attrs import IDS, SENT_START
from spacy.lexeme import Lexeme
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventgold.annotate.native import kernel  # None: the Python loops run

# Quantifiers of one expanded pattern element (spaCy expands "+" into ONE, ZERO_PLUS and
# "{n,m}" into n ONE and m-n ZERO_ONE elements).
ONE, ZERO_ONE, ZERO_PLUS, NOT = range(4)

Column = list[int]
Test = Callable[[Sequence[Column], int], bool]  # (columns of the doc, token index) -> passes

_STRING_ATTRS = frozenset(
    ["ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "ENT_TYPE", "POS", "TAG", "DEP"]
)
_NUMBER_ATTRS = frozenset(["LENGTH"])
_FLAG_ATTRS = frozenset(
    name for name in IDS if name.startswith(("IS_", "LIKE_")) and name != "IS_SENT_START"
)
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}
_OPERATORS = {"*": (ZERO_PLUS,), "+": (ONE, ZERO_PLUS), "?": (ZERO_ONE,), "1": (ONE,), "!": (NOT,)}
_REGEX_CACHE_LIMIT = 200_000  # cached regex results per test; cleared when full (flat memory)


class Unsupported(Exception):
    """A pattern feature this compiler does not handle: the caller uses spaCy's Matcher."""


@dataclass(frozen=True)
class Sentences:
    """Sentence bounds of a doc: sentence ``k`` is tokens [starts[k], ends[k])."""

    starts: list[int]
    ends: list[int]
    sentence_of: list[int]  # token -> its sentence's number

    def bounds(self, token: int) -> tuple[int, int]:
        """[start, end) of the sentence holding ``token``."""
        k = self.sentence_of[token]
        return self.starts[k], self.ends[k]


_UNREAD: Column = []  # the place of a word-type column not built yet (Columns.ensure)


@dataclass
class Columns:
    """Attribute columns of one doc, indexed by the column numbers of a :class:`ColumnSet`.

    ``values`` holds the columns as Python lists (for token-by-token tests). Word-type
    columns are built from the doc's word rows on first use: call :meth:`ensure` (or
    :meth:`column`) before reading them from ``values``. :meth:`vector` gives one column as a
    numpy array (for vectorized lookups).
    """

    values: list[Column]
    index: dict[str, int]  # attribute name -> column number
    _token_array: np.ndarray[Any, Any] = field(repr=False)  # the columns read by Doc.to_array
    _token_column: dict[int, int] = field(repr=False)  # column number -> its place there
    _rows: list[tuple[int, ...]] = field(repr=False)  # each token's word-type values
    _row_place: dict[int, int] = field(repr=False)  # column number -> its place in a row
    _unread: set[int] = field(default_factory=set, repr=False)  # word-type columns not built
    _vectors: dict[int, np.ndarray[Any, Any]] = field(default_factory=dict, repr=False)
    _sentences: Sentences | None = field(default=None, repr=False)

    def ensure(self, columns: Iterable[int]) -> list[Column]:
        """``values``, with the given columns built."""
        values, unread = self.values, self._unread
        if unread and not unread.isdisjoint(columns):  # the common case is a set test
            for k in columns:
                if k in unread:
                    values[k] = list(map(itemgetter(self._row_place[k]), self._rows))
                    unread.discard(k)
        return values

    def column(self, k: int) -> Column:
        """Column ``k`` as a list (built on first use)."""
        return self.ensure((k,))[k]

    def value(self, k: int, i: int) -> int:
        """Column ``k`` at token ``i``, without building a word-type column (for readers of
        a few tokens)."""
        if k in self._unread:
            return self._rows[i][self._row_place[k]]
        return self.values[k][i]

    def all(self) -> list[Column]:
        """``values`` with every column built."""
        return self.ensure(range(len(self.values)))

    def vector(self, column: int) -> np.ndarray[Any, Any]:
        """Column ``column`` as a uint64 array (built on first use for word-type columns)."""
        found = self._vectors.get(column)
        if found is None:
            place = self._token_column.get(column)
            if place is not None:
                found = self._token_array[:, place]
            else:
                found = np.array(self.column(column), dtype=np.uint64)
            self._vectors[column] = found
        return found

    def word_rows(self) -> tuple[list[tuple[int, ...]], dict[int, int]]:
        """Each token's word row and each word-type column's place in a row (the source of
        the word-type columns, for readers that need no list per column)."""
        return self._rows, self._row_place

    def sentences(self) -> Sentences:
        """Sentence bounds from the ``SENT_START`` column (read once, shared by every user)."""
        if self._sentences is None:
            k = self.index["SENT_START"]
            if kernel is not None:
                bounds = kernel.sentence_bounds(self.column(k))
            else:
                bounds = sentence_bounds(self.vector(k) == 1)
            self._sentences = Sentences(*bounds)
        return self._sentences


# The C reader of token structs is valid only for the spaCy it was compiled against.
_STRUCT_READER = kernel is not None and spacy_version == kernel.SPACY_BUILT_WITH


def doc_array(doc: Doc, attrs: list[int]) -> np.ndarray[Any, Any]:
    """``doc.to_array(attrs)`` as a 2-D uint64 array (the compiled build reads it from the
    token structs when it was built against this spaCy version)."""
    if _STRUCT_READER:
        found = kernel.doc_array(doc, attrs)
        if found is not None:
            return found
    return doc.to_array(attrs).reshape(len(doc), len(attrs))  # type: ignore[arg-type]


def doc_set(doc: Doc, attrs: list[int], values: np.ndarray[Any, Any]) -> None:
    """``doc.from_array(attrs, values)`` for a 2-D uint64 ``values`` (written into the token
    structs by the compiled build, under the same condition as :func:`doc_array`)."""
    if _STRUCT_READER and kernel.doc_set(doc, attrs, values):
        return
    doc.from_array(attrs, values)  # type: ignore[arg-type]


def sentence_bounds(first: np.ndarray[Any, Any]) -> tuple[list[int], list[int], list[int]]:
    """(starts, ends, sentence_of) of :class:`Sentences` from "a sentence starts here" per
    token (the first token always starts one)."""
    n = len(first)
    if n:
        first[0] = True
    starts: list[int] = np.flatnonzero(first).tolist()
    ends = [*starts[1:], n] if n else []
    return starts, ends, (np.cumsum(first) - 1).tolist()


# Attributes that Doc.to_array takes from the token's lexeme, i.e. that are the same for every
# token of a word type (spaCy's get_token_attr: everything but these token-level fields).
_TOKEN_LEVEL = frozenset(
    IDS[name]
    for name in (
        "LEMMA",
        "NORM",
        "POS",
        "TAG",
        "MORPH",
        "DEP",
        "HEAD",
        "SENT_START",
        "SPACY",
        "ENT_IOB",
        "ENT_TYPE",
        "ENT_ID",
        "ENT_KB_ID",
        "IDX",
    )
)
# ORTH is not among them: it is read with the token attributes, as the row cache key.
_LEXEME_GETTERS: dict[int, Callable[[Lexeme], int]] = {
    IDS["LOWER"]: lambda lex: int(lex.lower),
    IDS["SHAPE"]: lambda lex: int(lex.shape),
    IDS["PREFIX"]: lambda lex: int(lex.prefix),
    IDS["SUFFIX"]: lambda lex: int(lex.suffix),
    IDS["LENGTH"]: lambda lex: len(lex.orth_),
}
_FLAG_BITS = 64  # lexeme flags are attribute ids 0..63, bits of Lexeme.flags
_ROW_CACHE_LIMIT = 100_000  # word types whose rows are kept; cleared when full (flat memory)


def _is_word_type_attr(attr: int) -> bool:
    return attr not in _TOKEN_LEVEL and (attr < _FLAG_BITS or attr in _LEXEME_GETTERS)


class ColumnSet:
    """The attributes compiled tests read, read once per doc.

    Token-level attributes (sentence starts, entity labels, lemmas, offsets) come from one
    ``Doc.to_array`` call. Word-type attributes (the text's forms and flags) are the same for
    every token of a word, so they are computed once per word type and kept in a row cache:
    a doc costs one dictionary lookup per token instead of a ``to_array`` cell and a Python
    int per token and column. ``tests/annotate/test_patterns.py`` checks both against
    ``Doc.to_array``.
    """

    def __init__(self, vocab: Vocab | None = None) -> None:
        self.attrs: list[int] = []
        self.index: dict[str, int] = {}
        self.vocab = vocab  # where regex flags are registered (None: regexes run in Python)
        self._layout: _Layout | None = None
        self._rows: dict[int, tuple[int, ...]] = {}  # ORTH -> word-type columns

    def column(self, attr_name: str) -> int:
        """The column number of an attribute (``IDS`` name), added on first use."""
        return self._column(attr_name, IDS[attr_name])

    def _column(self, key: str, attr: int) -> int:
        if key not in self.index:
            self.index[key] = len(self.attrs)
            self.attrs.append(attr)
            self._layout = None
            self._rows.clear()
        return self.index[key]

    def regex_flag(self, pattern: str) -> int | None:
        """The column of a lexeme flag that is set where ``pattern`` matches the token text.

        spaCy computes a lexeme flag once per word type, when the word is first seen, and
        ``Doc.to_array`` reads it like any other attribute: no regex runs per token. None
        when there is no vocab or no free flag left (a vocab has 64).
        """
        if self.vocab is None:
            return None
        getters = cast(Any, self.vocab).lex_attr_getters  # not in the type stubs
        flag = next(
            (k for k, g in getters.items() if isinstance(g, RegexFlag) and g.pattern == pattern),
            None,
        )
        if flag is None:
            try:
                flag = int(self.vocab.add_flag(RegexFlag(pattern)))
            except ValueError:
                return None
        return self._column(f"regex flag {flag}", flag)

    def layout(self) -> _Layout:
        """Where each column comes from (computed once per set of columns)."""
        if self._layout is None:
            orth = IDS["ORTH"]
            word = [k for k, attr in enumerate(self.attrs) if _is_word_type_attr(attr)]
            token = [k for k in range(len(self.attrs)) if k not in word and self.attrs[k] != orth]
            to_read = [self.attrs[k] for k in token] + [orth]  # ORTH last: the row cache key
            place = {k: p for p, k in enumerate(token)}
            if orth in self.attrs:
                place[self.attrs.index(orth)] = len(token)
            row_place = {k: p for p, k in enumerate(word)}
            self._layout = _Layout(to_read, place, row_place, [self.attrs[k] for k in word])
        return self._layout

    def read(self, doc: Doc) -> Columns:
        """The doc's columns: token-level ones built, word-type ones built on first use."""
        n = len(doc)
        layout = self.layout()
        values: list[Column] = [_UNREAD] * len(self.attrs)
        if n == 0 or not self.attrs:
            values = [[] for _ in self.attrs]
            empty = np.zeros((n, len(layout.to_read)), dtype=np.uint64)
            return Columns(values, self.index, empty, layout.token_place, [], layout.row_place)
        array = doc_array(doc, layout.to_read)
        for k, place in layout.token_place.items():
            column = array[:, place]
            if self.attrs[k] == SENT_START:
                # The Matcher tests "is sentence start" (1) against anything else (0, -1).
                values[k] = (column == 1).astype("uint64").tolist()
            else:
                values[k] = column.tolist()
        rows: list[tuple[int, ...]] = []
        if layout.row_place:
            orths: list[int] = array[:, -1].tolist()
            cache = self._rows
            if len(cache) > _ROW_CACHE_LIMIT:
                cache.clear()
            try:
                rows = [cache[orth] for orth in orths]
            except KeyError:  # a word type seen for the first time: its row is computed
                rows = [self._row(doc, orth) for orth in orths]
        unread = set(layout.row_place)
        return Columns(
            values, self.index, array, layout.token_place, rows, layout.row_place, unread
        )

    def _row(self, doc: Doc, orth: int) -> tuple[int, ...]:
        """The word-type columns of the word ``orth`` (computed once per word type)."""
        row = self._rows.get(orth)
        if row is None:
            lex = doc.vocab[orth]
            flags = int(lex.flags)
            row = self._rows[orth] = tuple(
                (flags >> attr) & 1 if attr < _FLAG_BITS else _LEXEME_GETTERS[attr](lex)
                for attr in self.layout().row_attrs
            )
        return row


@dataclass(frozen=True)
class _Layout:
    to_read: list[int]  # attributes read by Doc.to_array: the token-level ones, then ORTH
    token_place: dict[int, int]  # column number -> its place in the to_array result
    row_place: dict[int, int]  # word-type column number -> its place in a word row
    row_attrs: list[int]  # the attributes of a word row, in order


class RegexFlag:
    """A lexeme flag getter: does ``pattern`` match the word's text."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.regex = pattern, re.compile(pattern)

    def __call__(self, text: str) -> bool:
        return bool(self.regex.search(text))


def _value_id(value: Any, strings: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(strings.add(value))
    raise Unsupported(f"value {value!r}")


def _attr_name(key: str) -> str:
    name = key.upper()
    if name == "TEXT":
        return "ORTH"
    if name == "IS_SENT_START":
        return "SENT_START"
    return name


def _always(columns: Sequence[Column], i: int) -> bool:
    return True


class ValueTest:
    """A test of one attribute value (a 64-bit string hash, a flag or a number)."""

    def __call__(self, value: int) -> bool:
        raise NotImplementedError

    def accepted(self, values: list[int]) -> set[int]:
        """The members of ``values`` that pass."""
        return {v for v in set(values) if self(v)}


class Members(ValueTest):
    """``IN`` (or ``NOT_IN``, ``negate``) a set of values; a plain value is a set of one."""

    def __init__(self, members: frozenset[int], negate: bool = False) -> None:
        self.members, self.negate = members, negate

    def __call__(self, value: int) -> bool:
        return (value in self.members) != self.negate

    def accepted(self, values: list[int]) -> set[int]:
        if self.negate:
            return set(values) - self.members
        return set(self.members.intersection(values))


class Regex(ValueTest):
    """``REGEX`` on the string of a hash: each string is searched once (up to a bound)."""

    def __init__(self, pattern: str, strings: Any) -> None:
        self.regex, self.strings = re.compile(pattern), strings
        self.seen: set[int] = set()
        self.matching: set[int] = set()

    def _learn(self, values: Iterable[int]) -> None:
        if len(self.seen) >= _REGEX_CACHE_LIMIT:
            self.seen.clear()
            self.matching.clear()
        for value in values:
            self.seen.add(value)
            if self.regex.search(self.strings[value]):
                self.matching.add(value)

    def __call__(self, value: int) -> bool:
        if value not in self.seen:
            self._learn([value])
        return value in self.matching

    def accepted(self, values: list[int]) -> set[int]:
        if not self.seen.issuperset(values):
            self._learn(set(values) - self.seen)
        return self.matching.intersection(values)


class Comparison(ValueTest):
    """``==``, ``<=`` ... on a number (``LENGTH``)."""

    def __init__(self, compare: Callable[[Any, Any], bool], argument: int) -> None:
        self.compare, self.argument = compare, argument

    def __call__(self, value: int) -> bool:
        return self.compare(value, self.argument)


@dataclass(frozen=True)
class TokenTest:
    """The tests of one pattern token: ``passes(columns, i)``, and the same as value tests per
    column (``parts``), used to find the passing tokens of a range without a call per token."""

    passes: Test
    parts: tuple[tuple[int, ValueTest], ...]  # (column, test of its value)

    def positions(self, columns: Sequence[Column], lo: int, hi: int) -> list[int]:
        """Tokens in [lo, hi) that pass, testing each distinct value of one column once."""
        if not self.parts:
            return list(range(lo, hi))
        k, test = self.parts[0]
        column = columns[k]
        accepted = test.accepted(column[lo:hi])
        if not accepted:
            return []
        found = [i for i in range(lo, hi) if column[i] in accepted]
        if len(self.parts) > 1:
            found = [i for i in found if self.passes(columns, i)]
        return found


def _value_tests(name: str, spec: Any, strings: Any) -> list[ValueTest]:
    """Tests of one attribute's value, as spaCy's Matcher reads the pattern."""
    if name not in _STRING_ATTRS | _NUMBER_ATTRS | _FLAG_ATTRS | {"SENT_START"}:
        raise Unsupported(f"attribute {name}")
    if not isinstance(spec, dict):
        return [Members(frozenset([_value_id(spec, strings)]))]
    tests: list[ValueTest] = []
    for predicate, argument in spec.items():
        if predicate in ("IN", "NOT_IN"):
            if not isinstance(argument, list):
                raise Unsupported(f"{predicate} {argument!r}")
            members = frozenset(_value_id(v, strings) for v in argument)
            tests.append(Members(members, negate=predicate == "NOT_IN"))
        elif predicate == "REGEX" and name in _STRING_ATTRS and isinstance(argument, str):
            tests.append(Regex(argument, strings))
        elif predicate in _COMPARISONS and name in _NUMBER_ATTRS and isinstance(argument, int):
            tests.append(Comparison(_COMPARISONS[predicate], argument))
        else:
            raise Unsupported(f"{name} {predicate}")
    return tests


def _column_test(k: int, test: ValueTest) -> Test:
    # Set membership is the common case: a closure without a second call per token.
    if isinstance(test, Members):
        members = test.members
        if test.negate:
            return lambda c, i: c[k][i] not in members
        return lambda c, i: c[k][i] in members
    return lambda c, i: test(c[k][i])


def _all_of(tests: list[Test]) -> Test:
    if len(tests) == 2:
        first, second = tests
        return lambda c, i: first(c, i) and second(c, i)
    return lambda c, i: all(t(c, i) for t in tests)


def token_test(spec: dict[str, Any], columns: ColumnSet, strings: Any) -> TokenTest:
    """All attribute tests of one pattern token (an empty spec accepts any token)."""
    parts: list[tuple[int, ValueTest]] = []
    for key, value in spec.items():
        if key.upper() == "OP":
            continue
        name = _attr_name(key)
        if name == "ORTH" and isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            flag = columns.regex_flag(value["REGEX"])
            if flag is not None:
                parts.append((flag, Members(frozenset([1]))))
                value = {p: v for p, v in value.items() if p != "REGEX"}
                if not value:
                    continue
        for test in _value_tests(name, value, strings):
            parts.append((columns.column(name), test))
    # The most selective test first: set membership before negations and comparisons.
    parts.sort(key=lambda part: not (isinstance(part[1], Members) and not part[1].negate))
    tests = [_column_test(k, test) for k, test in parts]
    if not tests:
        passes: Test = _always
    elif len(tests) == 1:
        passes = tests[0]
    else:
        passes = _all_of(tests)
    return TokenTest(passes, tuple(parts))


def quantifiers(spec: dict[str, Any]) -> tuple[int, ...]:
    """spaCy's expansion of a token's ``OP`` into element quantifiers."""
    op = next((str(v) for k, v in spec.items() if k.upper() == "OP"), "1")
    if op in _OPERATORS:
        return _OPERATORS[op]
    if op.startswith("{") and op.endswith("}"):
        bounds = op[1:-1] if "," in op else f"{op[1:-1]},{op[1:-1]}"
        low, high = (b.strip() for b in bounds.split(","))
        head = (ONE,) * int(low or 0)
        return head + ((ZERO_ONE,) * (int(high) - int(low or 0)) if high else (ZERO_PLUS,))
    raise Unsupported(f"OP {op!r}")


Element = tuple[int, Test]  # (quantifier, test)


def _forward(positions: set[int], element: Element, columns: Sequence[Column], hi: int) -> set[int]:
    """Next-token positions after matching one element, reading tokens rightwards."""
    quantifier, test = element
    if quantifier == ONE:
        return {p + 1 for p in positions if p < hi and test(columns, p)}
    if quantifier == ZERO_ONE:
        return positions | {p + 1 for p in positions if p < hi and test(columns, p)}
    if quantifier == NOT:
        return {p + 1 for p in positions if p < hi and not test(columns, p)}
    out = set(positions)  # ZERO_PLUS
    frontier = positions
    while frontier:
        frontier = {p + 1 for p in frontier if p < hi and test(columns, p)} - out
        out |= frontier
    return out


def _backward(
    positions: set[int], element: Element, columns: Sequence[Column], lo: int
) -> set[int]:
    """First-token positions after matching one element, reading tokens leftwards."""
    quantifier, test = element
    if quantifier == ONE:
        return {p - 1 for p in positions if p > lo and test(columns, p - 1)}
    if quantifier == ZERO_ONE:
        return positions | {p - 1 for p in positions if p > lo and test(columns, p - 1)}
    if quantifier == NOT:
        return {p - 1 for p in positions if p > lo and not test(columns, p - 1)}
    out = set(positions)  # ZERO_PLUS
    frontier = positions
    while frontier:
        frontier = {p - 1 for p in frontier if p > lo and test(columns, p - 1)} - out
        out |= frontier
    return out


class CompiledPattern:
    """A pattern as expanded elements, matched outward from a required element."""

    def __init__(
        self,
        elements: tuple[Element, ...],
        anchor: int,
        tests: Sequence[TokenTest],
    ):
        self.elements = elements
        self.anchor = anchor  # index of a ONE element: every match has exactly one token there
        self.anchor_test = tests[anchor]
        self.tests = tuple(tests)  # the token test of each element
        self.columns = tuple(sorted({k for test in tests for k, _ in test.parts}))  # it reads
        # Values some token of every match must have, one set per required element besides
        # the anchor: a sentence without such a value holds no match.
        self.required = [
            (k, test.members)
            for j, ((q, _), token) in enumerate(zip(elements, tests, strict=True))
            if q == ONE and j != anchor
            for k, test in token.parts[:1]
            if isinstance(test, Members) and not test.negate
        ]
        self.after = elements[anchor + 1 :]
        self.before = elements[:anchor][::-1]
        # Without quantifiers a match has one length: test fixed offsets from the anchor.
        self.fixed = all(q == ONE for q, _ in elements)
        self.offsets = [(j - anchor, test) for j, (_, test) in enumerate(elements) if j != anchor]

    def matches_at(
        self, columns: Sequence[Column], t: int, lo: int, hi: int
    ) -> list[tuple[int, int]]:
        """(start, end) of every match inside [lo, hi) whose anchor element is token ``t``.

        The caller has checked that ``t`` passes :attr:`anchor_test`.
        """
        if self.fixed:
            start = t - self.anchor
            end = start + len(self.elements)
            if start < lo or end > hi:
                return []
            for offset, test in self.offsets:
                if not test(columns, t + offset):
                    return []
            return [(start, end)]
        ends = {t + 1}
        for element in self.after:
            ends = _forward(ends, element, columns, hi)
            if not ends:
                return []
        starts = {t}
        for element in self.before:
            starts = _backward(starts, element, columns, lo)
            if not starts:
                return []
        return [(s, e) for s in starts for e in ends]

    def matches(
        self,
        columns: Sequence[Column],
        lo: int,
        hi: int,
        at: Iterable[int] | None = None,
        checked: bool = False,
    ) -> list[tuple[int, int]]:
        """Every match inside [lo, hi); ``at``: the only tokens the anchor may be at (all of
        them passing the anchor test if ``checked``)."""
        if at is None:
            anchors: Iterable[int] = self.anchor_test.positions(columns, lo, hi)
        elif checked:
            anchors = at
        else:
            passes = self.anchor_test.passes
            anchors = [t for t in at if passes(columns, t)]
        out: list[tuple[int, int]] = []
        if self.fixed:  # the common case, inlined
            anchor, size, offsets = self.anchor, len(self.elements), self.offsets
            for t in anchors:
                start = t - anchor
                if start < lo or start + size > hi:
                    continue
                for offset, test in offsets:
                    if not test(columns, t + offset):
                        break
                else:
                    out.append((start, start + size))
            return out
        for t in anchors:
            out += self.matches_at(columns, t, lo, hi)
        return out


def compile_pattern(
    pattern: list[dict[str, Any]], columns: ColumnSet, strings: Any, anchor_token: int | None
) -> CompiledPattern | None:
    """The compiled form of a spaCy token pattern, or None when it needs spaCy's Matcher.

    ``anchor_token`` is the pattern token to match first (it must be required); None picks the
    first required token.
    """
    elements: list[Element] = []
    tests: list[TokenTest] = []
    first_of: list[int] = []
    try:
        for spec in pattern:
            test = token_test(spec, columns, strings)
            first_of.append(len(elements))
            elements += [(q, test.passes) for q in quantifiers(spec)]
            tests += [test] * len(quantifiers(spec))
    except (Unsupported, ValueError, KeyError):
        return None
    if anchor_token is not None:
        anchor = first_of[anchor_token]
    else:
        required = [i for i in first_of if elements[i][0] == ONE]
        if not required:
            return None  # nothing required: no place to start from
        anchor = required[0]
    if elements[anchor][0] != ONE:
        return None
    return CompiledPattern(tuple(elements), anchor, tests)
