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
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import ENT_TYPE, LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

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
_ATTRS = {"LOWER": 0, "LEMMA": 1, "ORTH": 2, "TEXT": 2}
_COLUMNS = [LOWER, LEMMA, ORTH, LIKE_NUM, ENT_TYPE]
_NUM, _ENT = 3, 4


@dataclass(frozen=True)
class Anchor:
    """Token test: column index into the doc array and the accepted values."""

    column: int
    values: frozenset[int]


def _is_optional(token: dict[str, Any]) -> bool:
    op = str(token.get("OP", ""))
    return op in ("?", "*", "!") or op.startswith("{0")


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
    for attr, column in _ATTRS.items():
        values = _values(token.get(attr))
        if values is None:
            continue
        if not allow_function_words and any(v.lower() in _FUNCTION_WORDS for v in values):
            continue
        out.append((len(values), Anchor(column, frozenset(strings.add(v) for v in values))))
    if token.get("LIKE_NUM") is True or token.get("IS_DIGIT") is True:
        out.append((50.0, Anchor(_NUM, frozenset({1}))))
    text = token.get("TEXT")
    if isinstance(text, dict) and str(text.get("REGEX", "")).startswith(("^\\d", "^(19|20)")):
        out.append((60.0, Anchor(_NUM, frozenset({1}))))
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
    """Rules sharing one anchor: one Matcher, one window around each anchor hit."""

    matcher: Matcher
    before: int = 0
    after: int = 0
    direct: list[str] | None = None  # plain single-token rules: the hit is the match


class RuleIndex:
    """Matches ``rules`` (id -> pattern) on a doc, each only around its anchor tokens.

    Rules are grouped by anchor; each group's Matcher runs on a window around each anchor hit
    (bounded by the sentence and by how far the group's patterns reach from the anchor). A
    rule that is a single plain token test (``{"LEMMA": {"IN": [...]}}``) needs no Matcher:
    its anchor hits are its matches.
    """

    def __init__(self, nlp: Language, rules: Iterable[tuple[str, list[dict[str, Any]]]]):
        self.vocab = nlp.vocab
        self.everywhere = Matcher(nlp.vocab)
        self.has_everywhere = False
        groups: dict[Anchor, _Group] = {}
        for rule_id, pattern in rules:
            found = anchor_of(pattern, nlp.vocab.strings)
            if found is None:
                self.everywhere.add(rule_id, [pattern])
                self.has_everywhere = True
                continue
            anchor, at = found
            group = groups.get(anchor)
            if group is None:
                group = groups[anchor] = _Group(Matcher(nlp.vocab))
            if _is_plain_token(pattern):
                group.direct = [*(group.direct or []), rule_id]
                continue
            group.matcher.add(rule_id, [pattern])
            before, after = extent(pattern, at)
            group.before, group.after = max(group.before, before), max(group.after, after)
        self.groups = list(groups.values())
        by_column: dict[int, dict[int, list[int]]] = {}
        for index, anchor in enumerate(groups):
            for value in anchor.values:
                by_column.setdefault(anchor.column, {}).setdefault(value, []).append(index)
        self.columns = {
            column: (np.sort(np.fromiter(table, dtype=np.uint64)), table)
            for column, table in by_column.items()
        }

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        if len(doc) == 0:
            return []
        array = doc.to_array(_COLUMNS)
        starts = np.flatnonzero(doc.to_array([SENT_START]) == 1)
        if starts.size == 0 or starts[0] != 0:
            starts = np.insert(starts, 0, 0)
        ends = np.append(starts[1:], len(doc))
        strings = self.vocab.strings
        found: set[tuple[str, int, int]] = set()
        if self.has_everywhere:
            for match_id, start, end in self.everywhere(doc):
                found.add((strings[match_id], start, end))
        hits: dict[int, list[int]] = {}  # group index -> anchor token indexes
        for column, (values, table) in self.columns.items():
            positions = np.flatnonzero(member(array[:, column], values))
            pairs = zip(positions.tolist(), array[positions, column].tolist(), strict=True)
            for token, value in pairs:
                for index in table[value]:
                    hits.setdefault(index, []).append(token)
        for index, anchor_tokens in hits.items():
            group = self.groups[index]
            for rule_id in group.direct or ():
                found.update((rule_id, t, t + 1) for t in anchor_tokens)
            if len(group.matcher) == 0:
                continue
            sentence = np.searchsorted(starts, anchor_tokens, side="right") - 1
            lows, highs = starts[sentence].tolist(), ends[sentence].tolist()
            for lo, hi in _windows(anchor_tokens, lows, highs, group):
                for match_id, start, end in group.matcher(doc[lo:hi]):
                    found.add((strings[match_id], lo + start, lo + end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def member(values: np.ndarray[Any, Any], sorted_set: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``np.isin`` for a small sorted set: one binary search per value, no sorting of ``values``."""
    where = np.searchsorted(sorted_set, values)
    where[where == len(sorted_set)] = 0
    found: np.ndarray[Any, Any] = sorted_set[where] == values
    return found


def _windows(
    tokens: list[int], lows: list[int], highs: list[int], group: _Group
) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around the anchor hits, clipped to their sentences."""
    out: list[tuple[int, int]] = []
    for token, s_lo, s_hi in zip(tokens, lows, highs, strict=True):
        lo, hi = max(s_lo, token - group.before), min(s_hi, token + group.after + 1)
        if out and lo <= out[-1][1] and s_lo <= out[-1][0]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _is_plain_token(pattern: list[dict[str, Any]]) -> bool:
    """One token, one attribute, a plain value or IN list: the anchor test is the match."""
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return False
    ((attr, spec),) = pattern[0].items()
    return attr in _ATTRS and _values(spec) is not None
