"""A prefilter for spaCy Matcher rules: run each rule only where its anchor word occurs.

The Matcher evaluates every pattern at every token, so a pack of ~100 rules costs ~30x the
tokenizer. Each rule has a *required* token whose values are rare (a list of words, a number,
a gazetteer label); a rule can only match in a sentence that holds such a token. The index
finds anchor tokens for all rules at once with numpy over the doc's attribute arrays and runs
each rule's Matcher on those sentences only. Results are identical to running the whole
Matcher on the whole doc, except that a match never crosses a sentence boundary (events and
their arguments are sentence-internal anyway).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from eventgold.annotate.native import kernel  # None: the Python loop below runs
from eventgold.annotate.patterns import (
    Columns,
    ColumnSet,
    CompiledPattern,
    Members,
    Sentences,
    TokenTest,
    ValueTest,
    compile_pattern,
)

# Words too frequent to anchor a rule on; a token with only such values is never chosen.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "with",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "as",
        "into",
        "over",
        "under",
        "up",
        "more",
        "less",
        "than",
        "some",
        "about",
        "around",
    ]
)
_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT")
_NUM, _ENT = "LIKE_NUM", "ENT_TYPE"


@dataclass(frozen=True)
class Anchor:
    """Token test: an attribute, its accepted values and whether every token the pattern
    token accepts passes the test (``exact``) or only most (a number-like test standing in
    for a digit or regex test)."""

    attr: str
    values: frozenset[int]
    exact: bool = field(default=True, compare=False)


def _is_optional(token: dict[str, Any]) -> bool:
    op = str(token.get("OP", ""))
    return op in ("?", "*", "!") or op.startswith(("{0", "{,"))


def _values(spec: Any) -> list[str] | None:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [str(v) for v in spec["IN"]]
    return None


def _candidates(
    token: dict[str, Any], strings: Any, allow_function_words: bool = False
) -> list[tuple[float, Anchor]]:
    out: list[tuple[float, Anchor]] = []
    for attr in _ATTRS:
        values = _values(token.get(attr))
        if values is None:
            continue
        if not allow_function_words and any(v.lower() in _FUNCTION_WORDS for v in values):
            continue
        column = "ORTH" if attr == "TEXT" else attr
        out.append((len(values), Anchor(column, frozenset(strings.add(v) for v in values))))
    if token.get("LIKE_NUM") is True:
        out.append((50.0, Anchor(_NUM, frozenset({1}))))
    elif token.get("IS_DIGIT") is True:
        out.append((50.0, Anchor(_NUM, frozenset({1}), exact=False)))
    text = token.get("TEXT")
    if isinstance(text, dict) and str(text.get("REGEX", "")).startswith(("^\\d", "^(19|20)")):
        out.append((60.0, Anchor(_NUM, frozenset({1}), exact=False)))
    ents = _values(token.get("ENT_TYPE"))
    if ents:
        out.append((20.0, Anchor(_ENT, frozenset(strings.add(v) for v in ents))))
    return out


def anchor_of(pattern: list[dict[str, Any]], strings: Any) -> tuple[Anchor, int] | None:
    """The most selective required token test of a pattern and its position (None: none).

    Tokens whose values are all function words are a last resort: they still narrow the
    search, but rarely skip a sentence.
    """
    best: tuple[float, Anchor, int] | None = None
    for allow_function_words in (False, True):
        for position, token in enumerate(pattern):
            if _is_optional(token):
                continue
            for cost, anchor in _candidates(token, strings, allow_function_words):
                if best is None or cost < best[0]:
                    best = (cost, anchor, position)
        if best is not None:
            return best[1], best[2]
    return None


_CAP = 8  # tokens a "*" or "+" may span when bounding a match window


def _max_len(token: dict[str, Any]) -> int:
    op = str(token.get("OP", ""))
    if op == "!":
        return 0
    if op in ("", "?"):
        return 1
    if op in ("*", "+"):
        return _CAP
    bounds = op.strip("{}").split(",")
    upper = bounds[-1].strip()
    return int(upper) if upper else _CAP


def extent(pattern: list[dict[str, Any]], anchor_at: int) -> tuple[int, int]:
    """Tokens a match may reach before and after its anchor token."""
    before = sum(_max_len(t) for t in pattern[:anchor_at])
    after = sum(_max_len(t) for t in pattern[anchor_at + 1 :]) + _max_len(pattern[anchor_at]) - 1
    return before, after


@dataclass
class _Group:
    """Rules sharing one anchor: matched in one window around each anchor hit."""

    before: int = 0
    after: int = 0
    direct: list[str] = field(default_factory=list)  # single-token rules: the hit is the match
    # (rule id, compiled pattern, how the anchor hits are used): matched from the anchor out
    compiled: list[tuple[str, CompiledPattern, int]] = field(default_factory=list)
    matcher: Matcher | None = None  # patterns the compiler does not handle
    columns: tuple[int, ...] = ()  # the columns its compiled patterns read


Rule = tuple[str, list[dict[str, Any]]]  # (rule id, spaCy token pattern)
# How a compiled pattern uses its group's anchor hits (the index test is "exact" when every
# token the pattern's anchor element accepts passes it, so the element can only match at a hit).
HITS_ARE_ANCHORS, HITS_CONTAIN_ANCHORS, SCAN_WINDOW = range(3)
Match = tuple[str, int, int]  # (rule id, start token, end token)


class RuleIndex:
    """Matches rules (id -> pattern) on a doc, each only around its anchor tokens.

    Rules are grouped by anchor, separately for each of the ``rule_sets`` (so that what one
    set matches does not depend on the other sets); each group is matched in a window around
    each anchor hit
    (bounded by the sentence and by how far the group's patterns reach from the anchor). A
    rule that is a single plain token test (``{"LEMMA": {"IN": [...]}}``) needs no matching:
    its anchor hits are its matches. Patterns are matched by :mod:`eventgold.annotate.patterns`
    (spaCy's Matcher for the few it does not compile); a pattern without an anchor is matched
    over the whole doc.

    In the compiled build the loop over anchor hits, windows and compiled patterns runs in C
    (:mod:`eventgold.annotate.kernel`, same matches); ``use_kernel=False`` keeps the
    Python loop, which is also used when a group needs spaCy's Matcher.
    """

    def __init__(
        self,
        nlp: Language,
        *rule_sets: Iterable[Rule],
        columns: ColumnSet | None = None,
        use_kernel: bool = True,
    ):
        self.vocab = nlp.vocab
        strings = nlp.vocab.strings
        self.columns = columns or ColumnSet(nlp.vocab)
        self.columns.column("SENT_START")  # read by Columns.sentences() for the windows
        self.everywhere: list[tuple[str, CompiledPattern]] = []
        self.everywhere_matcher: Matcher | None = None
        groups: dict[tuple[int, Anchor], _Group] = {}
        rules = ((k, rule) for k, rule_set in enumerate(rule_sets) for rule in rule_set)
        for set_number, (rule_id, pattern) in rules:
            found = anchor_of(pattern, strings)
            if found is None:
                compiled = compile_pattern(pattern, self.columns, strings, None)
                if compiled is not None:
                    self.everywhere.append((rule_id, compiled))
                else:
                    self.everywhere_matcher = self.everywhere_matcher or Matcher(nlp.vocab)
                    self.everywhere_matcher.add(rule_id, [pattern])
                continue
            anchor, at = found
            group = groups.setdefault((set_number, anchor), _Group())
            if _is_plain_token(pattern):
                group.direct.append(rule_id)
                continue
            compiled = compile_pattern(pattern, self.columns, strings, at)
            if compiled is not None:
                group.compiled.append((rule_id, compiled, self._anchor_use(anchor, compiled)))
            else:
                group.matcher = group.matcher or Matcher(nlp.vocab)
                group.matcher.add(rule_id, [pattern])
            before, after = extent(pattern, at)
            group.before, group.after = max(group.before, before), max(group.after, after)
        self.groups = list(groups.values())
        for group in self.groups:
            read = {k for _, pattern, _ in group.compiled for k in pattern.columns}
            group.columns = tuple(sorted(read))
        by_column: dict[int, dict[int, list[int]]] = {}
        for index, (_, anchor) in enumerate(groups):
            column = self.columns.column(anchor.attr)
            for value in anchor.values:
                by_column.setdefault(column, {}).setdefault(value, []).append(index)
        self.anchor_columns = {
            column: (np.sort(np.fromiter(table, dtype=np.uint64)), table)
            for column, table in by_column.items()
        }
        self.kernel = self._kernel() if use_kernel and kernel is not None else None

    def __call__(self, doc: Doc, columns: Columns | None = None) -> list[Match]:
        n = len(doc)
        if n == 0:
            return []
        cols = columns or self.columns.read(doc)
        values = cols.values
        sentences = cols.sentences()  # the windows stay inside their sentences
        found: set[tuple[str, int, int]] = set()
        for rule_id, pattern in self.everywhere if self.kernel is None else ():
            cols.ensure(pattern.columns)
            found.update((rule_id, s, e) for s, e in pattern.matches(values, 0, n))
        if self.everywhere_matcher is not None:
            strings = self.vocab.strings
            for match_id, start, end in self.everywhere_matcher(doc):
                found.add((strings[match_id], start, end))
        if self.kernel is not None:
            rows, row_place = cols.word_rows()
            self.kernel.match(
                values,
                rows,
                row_place,
                sentences.sentence_of,
                sentences.starts,
                sentences.ends,
                found,
            )
            return sorted(found, key=lambda m: (m[1], m[2], m[0]))
        hits: dict[int, list[int]] = {}  # group index -> anchor token indexes
        for column, (anchor_values, table) in self.anchor_columns.items():
            vector = cols.vector(column)
            positions = np.flatnonzero(member(vector, anchor_values))
            pairs = zip(positions.tolist(), vector[positions].tolist(), strict=True)
            for token, value in pairs:
                for index in table[value]:
                    hits.setdefault(index, []).append(token)
        words = _SentenceWords(values, sentences)
        for index, anchor_tokens in hits.items():
            group = self.groups[index]
            for rule_id in group.direct:
                found.update((rule_id, t, t + 1) for t in anchor_tokens)
            if group.compiled or group.matcher is not None:
                windows = _windows(anchor_tokens, sentences, group)
                for lo, hi, window_hits in windows:
                    self._match_window(doc, cols, group, lo, hi, window_hits, words, found)
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))

    def _kernel(self) -> kernel.Kernel | None:
        """The groups in the C loop's terms (None: a group needs spaCy's Matcher)."""
        if any(group.matcher is not None for group in self.groups):
            return None
        tests: dict[int, kernel.TokenTest] = {}

        def test_of(test: TokenTest) -> kernel.TokenTest:
            found = tests.get(id(test))
            if found is None:
                found = tests[id(test)] = kernel.TokenTest([_part(k, t) for k, t in test.parts])
            return found

        def pattern_of(rule_id: str, p: CompiledPattern, use: int) -> kernel.Pattern:
            elements = [(q, test_of(t)) for (q, _), t in zip(p.elements, p.tests, strict=True)]
            return kernel.Pattern(rule_id, elements, p.anchor, use)

        groups = [
            kernel.Group(
                group.before,
                group.after,
                tuple(group.direct),
                [pattern_of(rule_id, p, use) for rule_id, p, use in group.compiled],
            )
            for group in self.groups
        ]
        anchors = [(column, table) for column, (_, table) in self.anchor_columns.items()]
        everywhere = [pattern_of(rule_id, p, SCAN_WINDOW) for rule_id, p in self.everywhere]
        return kernel.Kernel(groups, anchors, everywhere, len(self.columns.attrs))

    def _anchor_use(self, anchor: Anchor, pattern: CompiledPattern) -> int:
        """Whether the anchor hits are the pattern's anchor tokens (HITS_ARE_ANCHORS), contain
        them (HITS_CONTAIN_ANCHORS) or may miss some (SCAN_WINDOW)."""
        if not anchor.exact:
            return SCAN_WINDOW
        parts = pattern.anchor_test.parts
        if len(parts) == 1:
            column, test = parts[0]
            if (
                column == self.columns.column(anchor.attr)
                and isinstance(test, Members)
                and not test.negate
                and test.members == anchor.values
            ):
                return HITS_ARE_ANCHORS
        return HITS_CONTAIN_ANCHORS

    def _match_window(
        self,
        doc: Doc,
        cols: Columns,
        group: _Group,
        lo: int,
        hi: int,
        window_hits: list[int],
        words: _SentenceWords,
        found: set[tuple[str, int, int]],
    ) -> None:
        """Every match of the group's patterns inside [lo, hi), as spaCy's Matcher on that span."""
        values = cols.ensure(group.columns)  # before the sentence's value sets are read
        sentence = words.of(lo)
        for rule_id, pattern, use in group.compiled:
            if pattern.required and any(
                sentence[k].isdisjoint(wanted) for k, wanted in pattern.required
            ):
                continue
            if use == SCAN_WINDOW:
                matches = pattern.matches(values, lo, hi)
            else:
                matches = pattern.matches(values, lo, hi, window_hits, use == HITS_ARE_ANCHORS)
            for start, end in matches:
                found.add((rule_id, start, end))
        if group.matcher is not None:
            strings = self.vocab.strings
            for match_id, start, end in group.matcher(doc[lo:hi]):
                found.add((strings[match_id], lo + start, lo + end))


class _SentenceWords:
    """The sets of values of columns in a sentence, built on first use."""

    def __init__(self, values: list[list[int]], sentences: Sentences):
        self.values, self.sentences = values, sentences
        self.sets: dict[int, _ColumnSets] = {}

    def of(self, token: int) -> _ColumnSets:
        """Value sets of the sentence holding ``token``."""
        k = self.sentences.sentence_of[token]
        found = self.sets.get(k)
        if found is None:
            lo, hi = self.sentences.starts[k], self.sentences.ends[k]
            found = self.sets[k] = _ColumnSets(self.values, lo, hi)
        return found


class _ColumnSets(dict[int, set[int]]):
    """column -> set of its values in [lo, hi), built on first use."""

    def __init__(self, values: list[list[int]], lo: int, hi: int):
        super().__init__()
        self.columns, self.lo, self.hi = values, lo, hi

    def __missing__(self, column: int) -> set[int]:
        found = self[column] = set(self.columns[column][self.lo : self.hi])
        return found


def _part(column: int, test: ValueTest) -> tuple[int, int, object]:
    """One value test in the C loop's terms: (column, kind, set or callable)."""
    if isinstance(test, Members):
        return (
            column,
            kernel.TEST_NOT_IN_SET if test.negate else kernel.TEST_IN_SET,
            test.members,
        )
    return column, kernel.TEST_CALL, test


def member(values: np.ndarray[Any, Any], sorted_set: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``np.isin`` for a small sorted set: one binary search per value, no sorting of ``values``."""
    if len(sorted_set) == 1:
        single: np.ndarray[Any, Any] = values == sorted_set[0]
        return single
    where = sorted_set.searchsorted(values)
    np.minimum(where, len(sorted_set) - 1, out=where)
    found: np.ndarray[Any, Any] = sorted_set[where] == values
    return found


def _windows(
    tokens: list[int], sentences: Sentences, group: _Group
) -> list[tuple[int, int, list[int]]]:
    """Merged [lo, hi) windows around the anchor hits, clipped to their sentences, with the
    hits each window holds."""
    out: list[tuple[int, int, list[int]]] = []
    before, after = group.before, group.after
    last_lo = last_hi = -1
    for token in tokens:
        s_lo, s_hi = sentences.bounds(token)
        lo, hi = max(s_lo, token - before), min(s_hi, token + after + 1)
        if out and lo <= last_hi and s_lo <= last_lo:
            last_hi = max(last_hi, hi)
            out[-1][2].append(token)
            out[-1] = (last_lo, last_hi, out[-1][2])
        else:
            last_lo, last_hi = lo, hi
            out.append((lo, hi, [token]))
    return out


def _is_plain_token(pattern: list[dict[str, Any]]) -> bool:
    """One token, one attribute, a plain value or IN list: the anchor test is the match."""
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return False
    ((attr, spec),) = pattern[0].items()
    return attr in _ATTRS and _values(spec) is not None
