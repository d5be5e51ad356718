"""Mention finding on one spaCy ``Doc``: gazetteer phrases, pattern rules, fuzzy variants.

Everything here works in token offsets of one segment; :mod:`eventgold.annotate.engine`
turns the results into schema records with character offsets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from eventgold.annotate.gazetteer import Term
from eventgold.annotate.index import Match, RuleIndex, member
from eventgold.annotate.normalize import normalize_date, normalize_money, normalize_quantity
from eventgold.annotate.packs import MentionRule, RulePack
from eventgold.annotate.patterns import Columns, ColumnSet, doc_set
from eventgold.schema import SchemaTable

_TRIM_TOKENS = frozenset("\"'“”‘’«»()[],;:")
_QUANTITY_UNIT_WINDOW = 5
_COMPUTED = frozenset(["date", "quantity", "money"])  # normalized values computed from the text


@dataclass(slots=True)
class Found:
    """A mention candidate: token span [start, end) of the segment doc."""

    start: int
    end: int
    label: str
    rule_id: str
    score: float
    priority: int = 0
    normalized: str | None = None
    canonical: str | None = None  # gazetteer canonical form, for fuzzy/alias matches

    @property
    def length(self) -> int:
        return self.end - self.start


class _MentionPlan:
    """What matching reads of a mention rule, as attributes of a compiled class (reading
    them from the pydantic model costs a generic attribute lookup each)."""

    def __init__(self, rule: MentionRule) -> None:
        self.id, self.label = rule.id, rule.label
        self.score, self.priority = rule.score, rule.priority
        self.trim_start, self.trim_end = rule.trim
        self.unless_prev = frozenset(rule.unless_prev)


class MentionFinder:
    """Finds mentions with a rule pack's patterns and the gazetteer terms."""

    def __init__(
        self,
        nlp: Language,
        pack: RulePack,
        terms: Iterable[Term],
        table: SchemaTable,
        columns: ColumnSet | None = None,
    ):
        self.pack = pack
        self.columns = columns or ColumnSet(nlp.vocab)
        self.orth_column = self.columns.column("ORTH")
        self.title_column = self.columns.column("IS_TITLE")
        self.idx_column = self.columns.column("IDX")
        self.length_column = self.columns.column("LENGTH")
        self.table = table
        self.terms: dict[str, Term] = {}
        self.term_of_match: dict[int, Term] = {}  # PhraseMatcher match id -> term
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for term in terms:
            key = f"gaz:{term.label}:{term.kind}:{term.text}"
            self.terms[key] = term
            self.term_of_match[nlp.vocab.strings.add(key)] = term
            target = self.folded if term.case_insensitive else self.exact
            target.add(key, [nlp.make_doc(term.text)])
        self.plans = {r.id: _MentionPlan(r) for r in pack.mentions}
        self.mention_types = frozenset(table.mention_types)
        self.person_type = pack.person_type
        self.counted_types = frozenset(pack.counted_types)
        self.fuzzy_cutoff, self.fuzzy_score = pack.fuzzy_cutoff, pack.fuzzy_score
        self.normalization = {name: t.normalization for name, t in table.mention_types.items()}
        # Standalone use; the annotator matches mention and trigger rules in one pass.
        self.index = RuleIndex(
            nlp, [(r.id, r.pattern) for r in pack.mentions], columns=self.columns
        )
        # Fuzzy targets: multi-word names; a candidate must share the head (last) word.
        strings = nlp.vocab.strings
        self.fuzzy_by_head: dict[int, dict[str, Term]] = {}  # ORTH of the head -> names
        for term in self.terms.values():
            words = term.text.split()
            if len(words) >= 2 and term.kind in ("name", "title") and not term.case_insensitive:
                self.fuzzy_by_head.setdefault(strings.add(words[-1]), {})[term.text] = term
        self.label_ids = {t.label: strings.add(t.label) for t in self.terms.values()}
        self.trim_tokens = {strings.add(t) for t in _TRIM_TOKENS}
        self.open_paren, self.close_paren = strings.add("("), strings.add(")")
        self.fuzzy_heads = np.sort(np.array(list(self.fuzzy_by_head), dtype=np.uint64))

    # --- gazetteer -------------------------------------------------------------------------

    def gazetteer(self, doc: Doc) -> list[tuple[int, int, Term]]:
        """Non-overlapping gazetteer matches (longest, then leftmost, wins).

        Their labels are written to the ENT_TYPE/ENT_IOB arrays so rule patterns can use
        ``ENT_TYPE`` (setting ``doc.ents`` builds Span objects and cost ~2 ms per doc).
        """
        term_of_match = self.term_of_match
        matches = [
            (start, end, term_of_match[match_id])
            for matcher in (self.exact, self.folded)
            for match_id, start, end in matcher(doc)
        ]
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        occupied = bytearray(len(doc))
        kept = []
        for start, end, term in matches:
            if occupied.find(1, start, end) != -1:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            kept.append((start, end, term))
        kept.sort(key=lambda m: m[0])
        if kept:
            ents = np.zeros((len(doc), 2), dtype=np.uint64)  # columns ENT_IOB, ENT_TYPE
            ents[:, 0] = 2  # "O", no label
            label_ids = self.label_ids
            for start, end, term in kept:
                ents[start:end, 0] = 1  # "I" ...
                ents[start, 0] = 3  # ... after a "B"
                ents[start:end, 1] = label_ids[term.label]
            doc_set(doc, [ENT_IOB, ENT_TYPE], ents)
        return kept

    def fuzzy(
        self, doc: Doc, taken: set[int], columns: Columns | None = None, text: str | None = None
    ) -> list[tuple[int, int, Term, float]]:
        """Runs of capitalized words that nearly match a gazetteer name with the same head
        (``text``: the doc's text, if the caller has it)."""
        out = []
        cols = columns or self.columns.read(doc)
        title_column, orth = self.title_column, cols.column(self.orth_column)
        surface = _Surface(doc, cols, self.idx_column, self.length_column, text)
        heads = self.fuzzy_heads
        for j in np.flatnonzero(member(cols.vector(self.orth_column), heads)).tolist():
            # j is a possible head word; extend the run of capitalized words leftwards.
            if j in taken:
                continue
            i = j
            while i > 0 and cols.value(title_column, i - 1) and i - 1 not in taken and j - i < 4:
                i -= 1
            if i == j:
                continue
            choices = self.fuzzy_by_head[orth[j]]
            for start in range(i, j):
                surface_text = surface.of(start, j + 1)
                best = process.extractOne(
                    surface_text,
                    list(choices),
                    scorer=fuzz.ratio,
                    score_cutoff=self.fuzzy_cutoff,
                )
                if best is not None and best[0] != surface_text:
                    out.append((start, j + 1, choices[best[0]], float(best[1])))
                    break
        return out

    # --- all mentions ----------------------------------------------------------------------

    def find(
        self,
        doc: Doc,
        anchor: dt.date | None,
        gazetteer: list[tuple[int, int, Term]] | None = None,
        columns: Columns | None = None,
        matches: list[Match] | None = None,
        text: str | None = None,
    ) -> list[Found]:
        """Mentions of ``doc``; ``gazetteer``, ``columns`` and ``matches``: results of
        :meth:`gazetteer`, of reading the doc's columns after it and of matching the mention
        rules, and ``text`` the doc's text, when the caller has them already."""
        found: list[Found] = []
        if gazetteer is None:
            gazetteer = self.gazetteer(doc)
        cols = columns or self.columns.read(doc)
        types = self.mention_types
        for start, end, term in gazetteer:
            if term.label in types:
                found.append(
                    Found(
                        start,
                        end,
                        term.label,
                        f"gazetteer.{term.kind}",
                        term.score,
                        priority=1,
                        normalized=term.normalized,
                        canonical=term.canonical,
                    )
                )
        # A nationality adjective is also a mention of its state ("Russian" -> Russia's type).
        nested = [
            Found(start, end, term.entry_label, "gazetteer.demonym", term.score, 1, term.normalized)
            for start, end, term in gazetteer
            if term.kind == "demonym" and term.entry_label in types
        ]
        taken = {i for f in found for i in range(f.start, f.end)}
        for start, end, term, ratio in self.fuzzy(doc, taken, cols, text):
            label = term.label
            if label == "TITLE" or label == self.person_type:
                continue  # a fuzzy title anchors nothing on its own
            if label not in types:
                continue
            found.append(
                Found(
                    start,
                    end,
                    label,
                    "gazetteer.fuzzy",
                    round(self.fuzzy_score * ratio / 100, 3),
                    priority=1,
                    normalized=term.normalized,
                    canonical=term.canonical,
                )
            )
        orth = cols.column(self.orth_column)
        plans = self.plans
        for rule_id, start, end in self.index(doc, cols) if matches is None else matches:
            cand = self._from_rule(doc, orth, plans[rule_id], start, end)
            if cand is not None:
                found.append(cand)
        kept = _resolve_overlaps(found)
        # Nationality adjectives are GPE mentions even inside a longer mention
        # ("[[North Korean] troops]"): nested mentions of different types are both kept.
        spans = {(f.start, f.end, f.label) for f in kept}
        kept += [n for n in nested if (n.start, n.end, n.label) not in spans]
        kept.sort(key=lambda f: (f.start, -f.length))
        surface = _Surface(doc, cols, self.idx_column, self.length_column, text)
        for cand in kept:
            self._normalize(doc, cand, kept, anchor, surface)
        return kept

    def _from_rule(
        self, doc: Doc, orth: list[int], rule: _MentionPlan, start: int, end: int
    ) -> Found | None:
        if rule.unless_prev and start > 0:
            prev = doc[start - 1]
            if prev.lower_ in rule.unless_prev or prev.lemma_.lower() in rule.unless_prev:
                return None
        start, end = start + rule.trim_start, end - rule.trim_end
        trim = self.trim_tokens
        while start < end and orth[start] in trim:
            start += 1
        while end > start and orth[end - 1] in trim:
            if orth[end - 1] == self.close_paren and self.open_paren in orth[start:end]:
                break  # "Wednesday (October 30, 2024)" keeps its closing parenthesis
            end -= 1
        if start >= end:
            return None
        return Found(start, end, rule.label, rule.id, rule.score, rule.priority)

    def _normalize(
        self,
        doc: Doc,
        cand: Found,
        all_found: list[Found],
        anchor: dt.date | None,
        surface: _Surface,
    ) -> None:
        kind = self.normalization[cand.label]
        person = self.person_type
        if kind not in _COMPUTED and (cand.label != person or cand.normalized is not None):
            return  # names and places come from the gazetteer or stay empty
        text = surface.of(cand.start, cand.end)
        if kind == "date":
            cand.normalized = normalize_date(text, anchor)
        elif kind == "quantity":
            counted = self.counted_types
            cand.normalized = normalize_quantity(text, _unit_after(doc, cand, all_found, counted))
        elif kind == "money":
            cand.normalized = normalize_money(text)
        elif cand.label == person and cand.normalized is None:
            names = [t.text for t in doc[cand.start : cand.end] if t.ent_type_ != "TITLE"]
            if names and len(names) < cand.length:
                cand.normalized = " ".join(names)


class _Surface:
    """The text of token spans, cut from the doc's text (built once, on first use)."""

    def __init__(
        self, doc: Doc, columns: Columns, idx: int, length: int, text: str | None = None
    ) -> None:
        self.doc, self.columns, self.text = doc, columns, text
        self.idx, self.length = columns.column(idx), length

    def of(self, start: int, end: int) -> str:
        if self.text is None:
            self.text = self.doc.text
        last = end - 1
        return self.text[self.idx[start] : self.idx[last] + self.columns.value(self.length, last)]


def _unit_after(
    doc: Doc, cand: Found, all_found: list[Found], counted: frozenset[str]
) -> str | None:
    """The counted noun: last word of a ``counted`` (force, weapon ...) mention after a quantity."""
    for other in all_found:
        if 0 <= other.start - cand.end < _QUANTITY_UNIT_WINDOW and other.label in counted:
            return doc[other.end - 1].lower_
    return None


def _resolve_overlaps(found: list[Found]) -> list[Found]:
    """Longest span wins; ties go to higher priority, then higher score, then earlier.

    Only mentions that overlap (directly or through a chain) compete, so the ranking runs
    within each such cluster; most mentions are clusters of one.
    """
    by_start = sorted(found, key=_start)
    kept: list[Found] = []
    cluster: list[Found] = []
    reach = -1
    for cand in by_start:
        if cand.start >= reach and cluster:
            _keep_best(cluster, kept)
            cluster = []
        cluster.append(cand)
        reach = max(reach, cand.end)
    if cluster:
        _keep_best(cluster, kept)
    return kept


def _start(found: Found) -> int:
    return found.start


def _keep_best(cluster: list[Found], kept: list[Found]) -> None:
    """Appends to ``kept`` the winners of ``cluster`` (sorted by start), by start."""
    if len(cluster) == 1:
        kept.append(cluster[0])
        return
    # Stable: mentions with the same key (the same span) keep their order in ``found``.
    ranked = sorted(cluster, key=lambda f: (f.start - f.end, -f.priority, -f.score, f.start))
    offset = cluster[0].start
    occupied = bytearray(max(f.end for f in cluster) - offset)
    winners = []
    for cand in ranked:
        start, end = cand.start - offset, cand.end - offset
        if occupied.find(1, start, end) != -1:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        winners.append(cand)
    winners.sort(key=_start)
    kept.extend(winners)
