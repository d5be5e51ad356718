"""Events on one spaCy ``Doc``: triggers, argument slots, attribute cues, attribution.

The heuristics are documented in docs/rules.md; what they look for (words, windows, types)
comes from the rule pack, and which roles and values exist comes from the schema table.
Words are compared as 64-bit string hashes taken from the doc's attribute arrays
(:class:`Tokens`): creating spaCy ``Token`` objects in these loops cost more than the
tokenizer itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventgold.annotate.index import Match, RuleIndex
from eventgold.annotate.mentions import Found
from eventgold.annotate.packs import Cue, RulePack, Slot, TriggerRule
from eventgold.annotate.patterns import Columns, ColumnSet, Sentences
from eventgold.schema import SchemaTable

# Words that end the search for a subject: a new clause starts there.
CLAUSE_BOUNDARY = ("that", "which", "who", "whom", "while", "but", "whereas", ";", ":", "(", ")")
CLAUSE_BOUNDARY_EXTRA = ("—", "–")
# Words that may stand between a marker ("to", "with") and its mention.
MARKER_GAP = [
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "neighbouring",
    "neighboring",
    "fellow",
    "several",
    "both",
    "new",
]
COORDINATION = ("and", ",", "&", "or")
COORDINATORS = ("and", ",")
SENTENCE_END = (".", "!", "?")
TOKEN_ATTRS = ("LOWER", "LEMMA", "ENT_TYPE", "SENT_START")  # what :class:`Tokens` holds


class Words:
    """A compiled list of words and phrases: each word a string hash."""

    def __init__(self, strings: Any, phrases: Iterable[str]) -> None:
        self.single: set[int] = set()
        self.multi: list[tuple[int, ...]] = []
        for phrase in phrases:
            words = tuple(strings.add(w) for w in phrase.lower().split())
            if len(words) == 1:
                self.single.add(words[0])
            elif words:
                self.multi.append(words)
        self.first = self.single | {m[0] for m in self.multi}
        # Phrases by first word, with their list position (the first listed phrase wins).
        self.multi_by_first: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for k, words in enumerate(self.multi):
            self.multi_by_first.setdefault(words[0], []).append((k, words))

    def phrases_at(self, lower: int, lemma: int) -> list[tuple[int, tuple[int, ...]]]:
        """Phrases whose first word is a token's LOWER or LEMMA, in list order."""
        found = self.multi_by_first.get(lower, [])
        if lemma != lower and lemma in self.multi_by_first:
            found = sorted(found + self.multi_by_first[lemma])
        return found

    def __bool__(self) -> bool:
        return bool(self.first)


@dataclass
class Tokens:
    """Per-doc token attributes as plain lists (hashes and sentence bounds)."""

    lower: list[int]
    lemma: list[int]
    ent: list[int]
    sentences: Sentences
    # sentence start -> every LOWER and LEMMA hash in the sentence (built on first use): a
    # word list none of whose first words occur there needs no token-by-token search.
    vocab: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, columns: Columns | None = None) -> Tokens:
        """The doc's tokens; ``columns``: the doc read by a :class:`ColumnSet` that has (at
        least) ``TOKEN_ATTRS``."""
        if len(doc) == 0:
            return cls([], [], [], Sentences([0], [0], []))
        if columns is None:
            column_set = ColumnSet()
            for name in TOKEN_ATTRS:
                column_set.column(name)
            columns = column_set.read(doc)
        lower, lemma, ent = (columns.index[name] for name in TOKEN_ATTRS[:3])
        values = columns.ensure((lower, lemma, ent))
        return cls(values[lower], values[lemma], values[ent], columns.sentences())

    def sentence(self, i: int) -> tuple[int, int]:
        """[start, end) of the sentence holding token ``i``."""
        return self.sentences.bounds(i)

    def sentence_words(self, lo: int, hi: int) -> frozenset[int]:
        """LOWER and LEMMA hashes of the sentence [lo, hi)."""
        found = self.vocab.get(lo)
        if found is None:
            found = self.vocab[lo] = frozenset(self.lower[lo:hi]).union(self.lemma[lo:hi])
        return found

    def is_(self, i: int, words: Words | set[int]) -> bool:
        first = words.first if isinstance(words, Words) else words
        return self.lower[i] in first or self.lemma[i] in first

    def phrase_at(self, i: int, phrase: tuple[int, ...]) -> bool:
        lower, lemma = self.lower, self.lemma
        if i + len(phrase) > len(lower):
            return False
        for k, word in enumerate(phrase):
            if lower[i + k] != word and lemma[i + k] != word:
                return False
        return True

    def find(self, lo: int, hi: int, words: Words) -> tuple[int, int] | None:
        """(index, width) of the first word or phrase of ``words`` starting in [lo, hi)."""
        lower, lemma, first = self.lower, self.lemma, words.first
        lo, hi = max(lo, 0), min(hi, len(lower))
        for i in range(lo, hi):
            if lower[i] not in first and lemma[i] not in first:
                continue
            if lower[i] in words.single or lemma[i] in words.single:
                return i, 1
            for _, phrase in words.phrases_at(lower[i], lemma[i]):
                if self.phrase_at(i, phrase):
                    return i, len(phrase)
        return None


@dataclass
class FoundEvent:
    event_type: str
    trigger: int  # token index
    rule: TriggerRule
    arguments: dict[str, list[Found]] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    attribution: Found | None = None


@dataclass
class _CompiledCue:
    value: str
    before: Words
    after: Words
    trigger: Words
    suffixes: tuple[str, ...]
    window: int

    def __post_init__(self) -> None:
        self.has_before, self.has_after = bool(self.before), bool(self.after)
        self.has_trigger = bool(self.trigger)


class _CueList:
    """An attribute's cues in order, and the words any of them could need."""

    def __init__(self, cues: list[_CompiledCue]) -> None:
        self.cues = cues
        self.words = frozenset().union(*(c.before.first | c.after.first for c in cues))
        # True when every cue holds only with a word of its before/after lists present.
        self.words_needed = all(c.has_before or c.has_after for c in cues)


@dataclass
class _CompiledTrigger:
    head: Words
    unless_next: Words
    unless_prev: Words
    unless_sentence: Words
    requires: frozenset[str]  # mention types, one of which must be near
    requires_ents: frozenset[int]  # their ENT_TYPE labels (gazetteer labels of the tokens)
    window: int
    side: str


class _SlotPlan:
    """A slot of a role, compiled: the mention types it takes and its marker words."""

    def __init__(self, slot: Slot, types: frozenset[str], markers: Words) -> None:
        self.where = slot.where
        self.types = types
        self.markers = markers
        # A marker slot finds nothing in a sentence without one of its first words.
        self.needs_marker = slot.where in ("after", "before")
        self.window = slot.window
        self.more = slot.more
        self.of = slot.of or ""
        self.prefer = frozenset(slot.prefer)


class _RolePlan:
    def __init__(self, name: str, most: int | None, slots: list[_SlotPlan]) -> None:
        self.name, self.most, self.slots = name, most, slots


def by_sentence(tokens: Tokens, mentions: list[Found]) -> dict[int, list[Found]]:
    out: dict[int, list[Found]] = {}
    for m in mentions:
        out.setdefault(tokens.sentence(m.start)[0], []).append(m)
    return out


class EventFinder:
    def __init__(
        self,
        nlp: Language,
        pack: RulePack,
        table: SchemaTable,
        columns: ColumnSet | None = None,
    ):
        self.pack = pack
        self.columns = columns or ColumnSet(nlp.vocab)
        for name in TOKEN_ATTRS:
            self.columns.column(name)
        self.table = table
        strings = nlp.vocab.strings
        self.strings = strings
        self.rules: dict[str, TriggerRule] = {r.id: r for r in pack.triggers}
        # Standalone use; the annotator matches mention and trigger rules in one pass.
        self.index = RuleIndex(
            nlp, [(r.id, r.pattern) for r in pack.triggers], columns=self.columns
        )
        ent_labels = {label: strings.add(label) for label in table.mention_types}
        ent_labels.update({label: strings.add(label) for label in ("DEMONYM", "TITLE")})
        self.compiled = {
            r.id: _CompiledTrigger(
                Words(strings, r.head),
                Words(strings, r.unless_next),
                Words(strings, r.unless_prev),
                Words(strings, r.unless_sentence),
                frozenset(r.requires),
                frozenset(ent_labels[w] for w in r.requires if w in ent_labels),
                r.window,
                r.requires_side,
            )
            for r in pack.triggers
        }
        self.boundary = {strings.add(w) for w in CLAUSE_BOUNDARY + CLAUSE_BOUNDARY_EXTRA}
        # A parenthesis ends a subject search but not a marker search: "on Tuesday (October
        # 29, 2024) with Ukrainian President ..." keeps its "with" phrase.
        self.after_boundary = self.boundary - {strings.add("("), strings.add(")")}
        self.sentence_end = {strings.add(w) for w in SENTENCE_END}
        self.gap = {strings.add(w) for w in MARKER_GAP}
        self.coordination = {strings.add(w) for w in COORDINATION}
        self.coordinators = {strings.add(w) for w in COORDINATORS}
        self.conjunctions = {strings.add(w) for w in ("and", "&")}
        self.according = Words(strings, pack.attribution.according)
        self.speech = Words(strings, pack.attribution.speech)
        # Per event type, its roles' slots in pack order.
        self.slot_plans = {
            etype: [
                _RolePlan(
                    role_name,
                    table.event_types[etype].roles[role_name].max,
                    [
                        _SlotPlan(
                            slot,
                            frozenset(
                                slot.types or table.event_types[etype].roles[role_name].types
                            ),
                            Words(strings, slot.words),
                        )
                        for slot in slots
                    ],
                )
                for role_name, slots in rules.slots.items()
            ]
            for etype, rules in pack.events.items()
        }
        self.common_cues = {
            name: self._compile(pack.cues.get(name, [])) for name in table.common_attributes
        }
        # (attribute, its cues, its default) of the attributes every event type has.
        self.common_plan = [
            (name, self.common_cues[name], attr.default or attr.values[0])
            for name, attr in table.common_attributes.items()
        ]
        self.attribution_types = frozenset(pack.attribution.types)
        self.attribution_window = pack.attribution.window
        self.person_type = pack.person_type
        self.type_cues = {
            etype: {attr: self._compile(cues) for attr, cues in rules.attributes.items()}
            for etype, rules in pack.events.items()
        }

    def _compile(self, cues: list[Cue]) -> _CueList:
        return _CueList(
            [
                _CompiledCue(
                    c.value,
                    Words(self.strings, c.before),
                    Words(self.strings, c.after),
                    Words(self.strings, c.trigger),
                    tuple(c.trigger_suffix),
                    c.window,
                )
                for c in cues
            ]
        )

    # --- triggers --------------------------------------------------------------------------

    def triggers(
        self,
        doc: Doc,
        tokens: Tokens,
        mentions: list[Found],
        columns: Columns | None = None,
        matches: list[Match] | None = None,
        sentences: dict[int, list[Found]] | None = None,
    ) -> list[FoundEvent]:
        """Events by trigger; ``matches`` (the trigger rules' matches) and ``sentences``
        (:func:`by_sentence` of the mentions): if the caller has them."""
        best: dict[tuple[int, str], FoundEvent] = {}
        covered: dict[str, list[tuple[int, int, str]]] = {}
        if sentences is None:
            sentences = by_sentence(tokens, mentions)
        for rule_id, start, end in self.index(doc, columns) if matches is None else matches:
            rule = self.rules[rule_id]
            head = self._head(tokens, rule, start, end)
            if head is None or not self._allowed(tokens, rule, head, sentences):
                continue
            covered.setdefault(rule.event, []).append((start, end, rule.id))
            key = (head, rule.event)
            if key not in best or best[key].rule.score < rule.score:
                best[key] = FoundEvent(rule.event, head, rule)
        kept = []
        for event in best.values():
            if event.rule.unless_covered and any(
                s <= event.trigger < e and rid != event.rule.id
                for s, e, rid in covered.get(event.event_type, ())
            ):
                continue
            kept.append(event)
        kept = [e for e in kept if not (e.rule.yields and _outranked(tokens, e, kept))]
        return sorted(kept, key=lambda e: (e.trigger, e.event_type))

    def _head(self, tokens: Tokens, rule: TriggerRule, start: int, end: int) -> int | None:
        heads = self.compiled[rule.id].head
        if not heads:
            return start
        for i in range(start, end):
            if tokens.is_(i, heads):
                return i
        return None

    def _allowed(
        self, tokens: Tokens, rule: TriggerRule, head: int, sentences: dict[int, list[Found]]
    ) -> bool:
        compiled = self.compiled[rule.id]
        n = len(tokens.lower)
        if compiled.unless_next and head + 1 < n and tokens.is_(head + 1, compiled.unless_next):
            return False
        if compiled.unless_prev and head > 0 and tokens.is_(head - 1, compiled.unless_prev):
            return False
        lo_s, hi_s = tokens.sentence(head)
        if (
            compiled.unless_sentence
            and not tokens.sentence_words(lo_s, hi_s).isdisjoint(compiled.unless_sentence.first)
            and tokens.find(lo_s, hi_s, compiled.unless_sentence)
        ):
            return False
        wanted = compiled.requires
        if not wanted:
            return True
        window = compiled.window
        lo, hi = max(lo_s, head - window), min(hi_s, head + window + 1)
        if compiled.side == "right":
            lo = head + 1
        elif compiled.side == "left":
            hi = head
        for m in sentences.get(lo_s, ()):
            if m.label in wanted and m.start < hi and m.end > lo and not m.start <= head < m.end:
                return True
        labels, ent = compiled.requires_ents, tokens.ent
        return any(ent[i] in labels for i in range(lo, hi) if i != head)

    # --- arguments -------------------------------------------------------------------------

    def attach(self, tokens: Tokens, event: FoundEvent, sentences: dict[int, list[Found]]) -> None:
        trig = event.trigger
        lo, hi = tokens.sentence(trig)
        # A mention that contains the trigger ("sanctions" as trigger and as instrument) is
        # never its argument.
        in_sentence = [m for m in sentences.get(lo, ()) if not m.start <= trig < m.end]
        if not in_sentence:
            return
        words = tokens.sentence_words(lo, hi)
        taken: list[Found] = []  # arguments so far: their nested mentions are not arguments
        used: set[int] = set()
        arguments = event.arguments
        for role in self.slot_plans.get(event.event_type, ()):
            for slot in role.slots:
                if slot.needs_marker and slot.markers.first.isdisjoint(words):
                    continue
                nested = slot.where == "nested"
                types = slot.types
                candidates = [
                    m
                    for m in in_sentence
                    if m.label in types
                    and id(m) not in used
                    and (
                        nested
                        or not taken
                        or not any(t.start <= m.start and m.end <= t.end for t in taken)
                    )
                ]
                if not candidates:
                    continue
                if nested:
                    outer = arguments.get(slot.of, [])
                    picked = [
                        m
                        for m in candidates
                        if any(o.start <= m.start and m.end <= o.end and o is not m for o in outer)
                    ][:1]
                else:
                    window = (
                        min(slot.window, 3)
                        if slot.where == "subject" and event.rule.nominal
                        else slot.window
                    )
                    preferred = [m for m in candidates if m.label in slot.prefer]
                    picked = (
                        self._fill(tokens, trig, slot, window, preferred, lo, hi)
                        if preferred
                        else []
                    ) or self._fill(tokens, trig, slot, window, candidates, lo, hi)
                if not picked:
                    continue
                if role.most is not None:
                    have = arguments.get(role.name, [])
                    picked = picked[: max(role.most - len(have), 0)]
                elif len(picked) == 1:
                    picked = self._coordinated(tokens, picked[0], candidates)
                for m in picked:
                    used.add(id(m))
                    taken.append(m)
                    arguments.setdefault(role.name, []).append(m)
                if not slot.more or (
                    role.most is not None and len(arguments.get(role.name, [])) >= role.most
                ):
                    break

    def _fill(
        self,
        tokens: Tokens,
        trig: int,
        slot: _SlotPlan,
        window: int,
        cands: list[Found],
        lo: int,
        hi: int,
    ) -> list[Found]:
        lower = tokens.lower
        if slot.where == "subject":
            left = sorted(
                (m for m in cands if m.end <= trig and trig - m.end <= window),
                key=lambda m: -m.end,
            )
            for m in left:
                if any(lower[i] in self.boundary for i in range(m.end, trig)):
                    break
                return [m]
            return []
        if slot.where == "object":
            right = sorted(
                (m for m in cands if m.start > trig and m.start - trig <= window),
                key=lambda m: m.start,
            )
            stop = self.boundary | self.sentence_end
            for m in right:
                if any(lower[i] in stop for i in range(trig + 1, m.start)):
                    break
                return [m]
            return []
        if slot.where == "sentence":
            near = [m for m in cands if abs(m.start - trig) <= window]
            near.sort(key=lambda m: abs(m.start - trig))
            return near[:1]
        markers = slot.markers
        first, lemma = markers.first, tokens.lemma
        if slot.where == "after":
            for i in range(trig, min(hi, trig + window + 1)):
                if i > trig and lower[i] in self.after_boundary:
                    break
                if lower[i] not in first and lemma[i] not in first:
                    continue  # no marker starts here
                hit = tokens.find(i, i + 1, markers)
                if hit is not None:
                    found = self._mention_starting_after(tokens, i + hit[1], cands)
                    if found is not None:
                        return [found]
            return []
        # before: a marker word left of (or at) the trigger, mention ending right before it
        for i in range(trig, max(lo, trig - window) - 1, -1):
            if (lower[i] in first or lemma[i] in first) and tokens.find(i, i + 1, markers):
                for m in cands:
                    if 0 <= i - m.end <= 1:
                        return [m]
        return []

    def _mention_starting_after(self, tokens: Tokens, i: int, cands: list[Found]) -> Found | None:
        while i < len(tokens.lower) and tokens.lower[i] in self.gap:
            i += 1
        best = None
        for m in cands:
            if m.start == i and (best is None or m.end > best.end):
                best = m
        if best is not None and best.rule_id == "gazetteer.demonym":
            # "with [Ukrainian] [President Volodymyr Zelenskyy]": the person, not the adjective.
            for m in cands:
                if best.end <= m.start <= best.end + 1 and m.label != best.label:
                    return m
        return best

    def _coordinated(self, tokens: Tokens, first: Found, cands: list[Found]) -> list[Found]:
        """``first`` plus mentions coordinated with it: "A and B", "A, B and C".

        A comma alone does not coordinate ("Azerbaijan, officials said"): a chain of commas
        counts only when it is closed by "and" ("A, B and C").
        """
        lower, coordinators = tokens.lower, self.coordinators
        if not any(w in coordinators for w in lower[first.end : first.end + 2]) and not any(
            w in coordinators for w in lower[max(first.start - 2, 0) : first.start]
        ):
            return [first]  # no coordinator in reach on either side: the common case
        group = [first]
        ordered = sorted(cands, key=lambda m: (m.start, -m.end))
        for direction in (1, -1):
            edge = first
            chain: list[tuple[Found, bool]] = []  # (mention, linked by "and")
            while True:
                nxt = self._next_conjunct(tokens, edge, ordered, group, direction)
                if nxt is None:
                    break
                chain.append(nxt)
                edge = nxt[0]
            if direction == 1:
                last_and = max((i for i, (_, has_and) in enumerate(chain) if has_and), default=-1)
                group += [m for m, _ in chain[: last_and + 1]]
            else:
                seen_and = False
                for m, has_and in chain:
                    seen_and = seen_and or has_and
                    if not seen_and:
                        break
                    group.append(m)
        return sorted(group, key=lambda m: m.start)

    def _next_conjunct(
        self, tokens: Tokens, edge: Found, ordered: list[Found], group: list[Found], direction: int
    ) -> tuple[Found, bool] | None:
        for m in ordered:
            # At most two words between the two mentions, in the given direction.
            if direction == 1:
                if not 0 < m.start - edge.end <= 2:
                    continue
                gap = tokens.lower[edge.end : m.start]
            else:
                if not 0 < edge.start - m.end <= 2:
                    continue
                gap = tokens.lower[m.end : edge.start]
            if m is edge or m in group:
                continue
            if not all(w in self.coordination for w in gap):
                continue
            if any(w in self.coordinators for w in gap):
                return m, any(w in self.conjunctions for w in gap)
        return None

    # --- attributes ------------------------------------------------------------------------

    def attributes(self, tokens: Tokens, event: FoundEvent, text: str) -> None:
        attrs: dict[str, str] = {}
        trig = event.trigger
        lo, hi = tokens.sentence(trig)
        scope = _CueScope(tokens, trig, text.lower(), lo, hi, tokens.sentence_words(lo, hi))
        for name, cues, default in self.common_plan:
            attrs[name] = scope.value(cues) or default
        for name, cues in self.type_cues.get(event.event_type, {}).items():
            value = scope.value(cues)
            if value is not None:
                attrs[name] = value
        attrs.update(event.rule.attributes)
        event.attributes = attrs

    # --- attribution -----------------------------------------------------------------------

    def attribution(
        self, tokens: Tokens, event: FoundEvent, sentences: dict[int, list[Found]]
    ) -> Found | None:
        trig = event.trigger
        lo, hi = tokens.sentence(trig)
        types = self.attribution_types
        sources = [m for m in sentences.get(lo, ()) if m.label in types]
        if not sources:
            return None
        present = tokens.sentence_words(lo, hi)
        if present.isdisjoint(self.according.first) and present.isdisjoint(self.speech.first):
            return None  # neither "according to" nor a speech verb in the sentence
        at = tokens.find(lo, hi, self.according)
        if at is not None:
            after = [m for m in sources if m.start > at[0] and m.start - at[0] <= 4]
            if after:
                return min(after, key=lambda m: m.start)
        window = self.attribution_window
        start = lo
        while True:
            hit = tokens.find(start, hi, self.speech)
            if hit is None:
                return None
            i = hit[0]
            start = i + 1
            # "X said ..." / "..., X said": the source is the mention right before the verb.
            before = [m for m in sources if m.end <= i and i - m.end <= 2]
            if before:
                return max(before, key=lambda m: m.end)
            # "said X" (inverted, after a quote): the mention right after the verb.
            after = [m for m in sources if m.start > i and m.start - i <= 2]
            if after and i > trig:
                return min(after, key=lambda m: m.start)
            near = [m for m in sources if m.end <= i and i - m.end <= window]
            # A person named before an apposition ("X, the Pentagon press secretary,
            # said") is the speaker, not the organization inside the apposition.
            people = [m for m in near if m.label == self.person_type]
            if people or near:
                return max(people or near, key=lambda m: m.end)


@dataclass
class _CueScope:
    """Where attribute cues of one trigger are looked for: its sentence and a window."""

    tokens: Tokens
    trig: int
    trigger_text: str  # lower case
    lo: int
    hi: int
    present: frozenset[int]  # every word of the sentence

    def value(self, cues: _CueList) -> str | None:
        """The value of the first cue that holds."""
        tokens, trig, present = self.tokens, self.trig, self.present
        if cues.words_needed and present.isdisjoint(cues.words):
            return None  # every cue needs one of its words in the sentence: none is there
        for cue in cues.cues:
            if cue.has_trigger and not tokens.is_(trig, cue.trigger):
                continue
            if cue.suffixes and not self.trigger_text.endswith(cue.suffixes):
                continue
            if cue.has_before and (
                present.isdisjoint(cue.before.first)
                or tokens.find(max(self.lo, trig - cue.window), trig, cue.before) is None
            ):
                continue
            if cue.has_after and (
                present.isdisjoint(cue.after.first)
                or tokens.find(trig + 1, min(self.hi, trig + 1 + cue.window), cue.after) is None
            ):
                continue
            return cue.value
        return None


def _outranked(tokens: Tokens, event: FoundEvent, events: list[FoundEvent]) -> bool:
    lo, hi = tokens.sentence(event.trigger)
    return any(
        other is not event
        and other.event_type == event.event_type
        and other.rule.yields < event.rule.yields
        and lo <= other.trigger < hi
        for other in events
    )
