"""Events on one spaCy ``Doc``: triggers, argument slots, attribute cues, attribution.

The heuristics are documented in docs/rules.md; what they look for (words, windows, types)
comes from the rule pack, and which roles and values exist comes from the schema table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from eventgold.annotate.mentions import Found
from eventgold.annotate.packs import Cue, RulePack, Slot, TriggerRule
from eventgold.schema import SchemaTable

# Words that end the search for a subject: a new clause starts there.
_CLAUSE_BOUNDARY = frozenset(
    {"that", "which", "who", "whom", "while", "but", "whereas", ";", ":", "(", ")", "—", "–"}
)
# Words that may stand between a marker ("to", "with") and its mention.
_MARKER_GAP = frozenset(
    {
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
    }
)
_COORDINATION = frozenset({"and", ",", "&", "as well as", "or"})


@dataclass
class FoundEvent:
    event_type: str
    trigger: int  # token index
    rule: TriggerRule
    arguments: dict[str, list[Found]] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    attribution: Found | None = None


def _word_set(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _phrase_at(doc: Doc, i: int, words: list[str]) -> bool:
    """Does the phrase ``words`` (lowercase words or lemmas) start at token ``i``?"""
    if i + len(words) > len(doc):
        return False
    return all(w in _word_set(doc[i + k]) for k, w in enumerate(words))


def _find_phrase(doc: Doc, lo: int, hi: int, phrases: list[list[str]]) -> int | None:
    """Index of the first token in [lo, hi) where one of ``phrases`` starts."""
    for i in range(max(lo, 0), min(hi, len(doc))):
        for words in phrases:
            if _phrase_at(doc, i, words):
                return i
    return None


def _split(phrases: list[str]) -> list[list[str]]:
    return [p.lower().split() for p in phrases]


class EventFinder:
    def __init__(self, nlp: Language, pack: RulePack, table: SchemaTable):
        self.pack = pack
        self.table = table
        self.matcher = Matcher(nlp.vocab)
        self.rules: dict[str, TriggerRule] = {r.id: r for r in pack.triggers}
        for rule in pack.triggers:
            self.matcher.add(rule.id, [rule.pattern])
        self.according = _split(pack.attribution.according)
        self.speech = {w.lower() for w in pack.attribution.speech}

    # --- triggers --------------------------------------------------------------------------

    def triggers(self, doc: Doc, mentions: list[Found]) -> list[FoundEvent]:
        best: dict[tuple[int, str], FoundEvent] = {}
        covered: dict[str, list[tuple[int, int, str]]] = {}
        for match_id, start, end in self.matcher(doc):
            rule = self.rules[doc.vocab.strings[match_id]]
            head = self._head(doc, rule, start, end)
            if head is None or not self._allowed(doc, rule, head, mentions):
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
        kept = [e for e in kept if not (e.rule.yields and self._outranked(doc, e, kept))]
        return sorted(kept, key=lambda e: (e.trigger, e.event_type))

    @staticmethod
    def _outranked(doc: Doc, event: FoundEvent, events: list[FoundEvent]) -> bool:
        sent = doc[event.trigger].sent
        return any(
            other is not event
            and other.event_type == event.event_type
            and not other.rule.yields
            and sent.start <= other.trigger < sent.end
            for other in events
        )

    def _head(self, doc: Doc, rule: TriggerRule, start: int, end: int) -> int | None:
        if not rule.head:
            return start
        heads = {h.lower() for h in rule.head}
        for i in range(start, end):
            if heads & set(_word_set(doc[i])):
                return i
        return None

    def _allowed(self, doc: Doc, rule: TriggerRule, head: int, mentions: list[Found]) -> bool:
        token = doc[head]
        nxt = doc[head + 1] if head + 1 < len(doc) else None
        prev = doc[head - 1] if head > 0 else None
        if nxt is not None and set(_word_set(nxt)) & set(rule.unless_next):
            return False
        if prev is not None and set(_word_set(prev)) & set(rule.unless_prev):
            return False
        sent = token.sent
        if (
            rule.unless_sentence
            and _find_phrase(doc, sent.start, sent.end, _split(rule.unless_sentence)) is not None
        ):
            return False
        if not rule.requires:
            return True
        lo, hi = max(sent.start, head - rule.window), min(sent.end, head + rule.window + 1)
        if rule.requires_side == "right":
            lo = head + 1
        elif rule.requires_side == "left":
            hi = head
        wanted = set(rule.requires)
        for m in mentions:
            if m.label in wanted and m.start < hi and m.end > lo and not (m.start <= head < m.end):
                return True
        return any(doc[i].ent_type_ in wanted for i in range(lo, hi) if i != head)

    # --- arguments -------------------------------------------------------------------------

    def attach(self, doc: Doc, event: FoundEvent, mentions: list[Found]) -> None:
        sent = doc[event.trigger].sent
        # A mention that contains the trigger ("sanctions" as trigger and as instrument) is
        # never its argument.
        in_sentence = [
            m
            for m in mentions
            if m.start >= sent.start and m.end <= sent.end and not m.start <= event.trigger < m.end
        ]
        used: set[int] = set()
        etype = self.table.event_types[event.event_type]
        rules = self.pack.events.get(event.event_type)
        if rules is None:
            return
        for role_name, slots in rules.slots.items():
            role = etype.roles[role_name]
            for slot in slots:
                types = set(slot.types or role.types)
                candidates = [m for m in in_sentence if m.label in types and id(m) not in used]
                if slot.where == "subject" and event.rule.nominal:
                    slot = slot.model_copy(update={"window": min(slot.window, 3)})
                if slot.where == "nested":
                    outer = event.arguments.get(slot.of or "", [])
                    picked = [
                        m
                        for m in candidates
                        if any(o.start <= m.start and m.end <= o.end and o is not m for o in outer)
                    ][:1]
                else:
                    picked = self._fill(doc, event.trigger, slot, candidates, sent.start, sent.end)
                if not picked:
                    continue
                if role.max is not None:
                    have = event.arguments.get(role_name, [])
                    picked = picked[: max(role.max - len(have), 0)]
                elif len(picked) == 1:
                    picked = self._coordinated(doc, picked[0], candidates)
                for m in picked:
                    used.add(id(m))
                    event.arguments.setdefault(role_name, []).append(m)
                if not slot.more or (
                    role.max is not None and len(event.arguments.get(role_name, [])) >= role.max
                ):
                    break

    def _fill(
        self, doc: Doc, trig: int, slot: Slot, cands: list[Found], lo: int, hi: int
    ) -> list[Found]:
        if slot.where == "subject":
            left = [m for m in cands if m.end <= trig and trig - m.end <= slot.window]
            left.sort(key=lambda m: -m.end)
            for m in left:
                if any(doc[i].lower_ in _CLAUSE_BOUNDARY for i in range(m.end, trig)):
                    break
                return [m]
            return []
        if slot.where == "object":
            right = [m for m in cands if m.start > trig and m.start - trig <= slot.window]
            right.sort(key=lambda m: m.start)
            for m in right:
                if any(
                    doc[i].lower_ in _CLAUSE_BOUNDARY or doc[i].text == "."
                    for i in range(trig + 1, m.start)
                ):
                    break
                return [m]
            return []
        if slot.where == "sentence":
            near = [m for m in cands if abs(m.start - trig) <= slot.window]
            near.sort(key=lambda m: abs(m.start - trig))
            return near[:1]
        markers = _split(slot.words)
        if slot.where == "after":
            for i in range(trig, min(hi, trig + slot.window + 1)):
                if i > trig and doc[i].lower_ in _CLAUSE_BOUNDARY:
                    break
                if any(_phrase_at(doc, i, w) for w in markers):
                    width = next(len(w) for w in markers if _phrase_at(doc, i, w))
                    found = self._mention_starting_after(doc, i + width, cands)
                    if found is not None:
                        return [found]
            return []
        # before: a marker word left of (or at) the trigger, mention ending right before it
        for i in range(trig, max(lo, trig - slot.window) - 1, -1):
            if any(_phrase_at(doc, i, w) for w in markers):
                for m in cands:
                    if 0 <= i - m.end <= 1:
                        return [m]
        return []

    @staticmethod
    def _mention_starting_after(doc: Doc, i: int, cands: list[Found]) -> Found | None:
        while i < len(doc) and doc[i].lower_ in _MARKER_GAP:
            i += 1
        for m in cands:
            if m.start == i:
                return m
        return None

    @staticmethod
    def _coordinated(doc: Doc, first: Found, cands: list[Found]) -> list[Found]:
        """``first`` plus mentions joined to it by "and" / commas (either side)."""
        group = [first]
        ordered = sorted(cands, key=lambda m: m.start)
        for direction in (1, -1):
            edge = first
            while True:
                nxt = None
                for m in ordered:
                    gap = doc[edge.end : m.start] if direction == 1 else doc[m.end : edge.start]
                    if m is edge or m in group or len(gap) == 0 or len(gap) > 2:
                        continue
                    if (direction == 1 and m.start < edge.end) or (
                        direction == -1 and m.end > edge.start
                    ):
                        continue
                    if all(t.lower_ in _COORDINATION for t in gap) and any(
                        t.lower_ == "and" or t.text == "," for t in gap
                    ):
                        nxt = m
                        break
                if nxt is None:
                    break
                group.append(nxt)
                edge = nxt
        return sorted(group, key=lambda m: m.start)

    # --- attributes ------------------------------------------------------------------------

    def attributes(self, doc: Doc, event: FoundEvent) -> None:
        attrs: dict[str, str] = {}
        for name, attr in self.table.common_attributes.items():
            value = self._cue_value(doc, event.trigger, self.pack.cues.get(name, []))
            attrs[name] = value or attr.default or attr.values[0]
        rules = self.pack.events.get(event.event_type)
        if rules is not None:
            for name, cues in rules.attributes.items():
                value = self._cue_value(doc, event.trigger, cues)
                if value is not None:
                    attrs[name] = value
        attrs.update(event.rule.attributes)
        event.attributes = attrs

    def _cue_value(self, doc: Doc, trig: int, cues: list[Cue]) -> str | None:
        token = doc[trig]
        sent = token.sent
        for cue in cues:
            if cue.trigger and not set(_word_set(token)) & {w.lower() for w in cue.trigger}:
                continue
            if cue.trigger_suffix and not any(token.lower_.endswith(s) for s in cue.trigger_suffix):
                continue
            if (
                cue.before
                and _find_phrase(doc, max(sent.start, trig - cue.window), trig, _split(cue.before))
                is None
            ):
                continue
            if (
                cue.after
                and _find_phrase(
                    doc, trig + 1, min(sent.end, trig + 1 + cue.window), _split(cue.after)
                )
                is None
            ):
                continue
            return cue.value
        return None

    # --- attribution -----------------------------------------------------------------------

    def attribution(self, doc: Doc, event: FoundEvent, mentions: list[Found]) -> Found | None:
        sent = doc[event.trigger].sent
        types = set(self.pack.attribution.types)
        sources = [
            m for m in mentions if m.label in types and sent.start <= m.start and m.end <= sent.end
        ]
        at = _find_phrase(doc, sent.start, sent.end, self.according)
        if at is not None:
            after = [m for m in sources if m.start > at and m.start - at <= 4]
            if after:
                return min(after, key=lambda m: m.start)
        window = self.pack.attribution.window
        for i in range(sent.start, sent.end):
            if doc[i].lemma_.lower() not in self.speech and doc[i].lower_ not in self.speech:
                continue
            # "X said ..." / "..., X said": the source is the mention right before the verb.
            before = [m for m in sources if m.end <= i and i - m.end <= 2]
            if before:
                return max(before, key=lambda m: m.end)
            # "said X" (inverted, after a quote): the mention right after the verb.
            after = [m for m in sources if m.start > i and m.start - i <= 2]
            if after and i > event.trigger:
                return min(after, key=lambda m: m.start)
            near = [m for m in sources if m.end <= i and i - m.end <= window]
            # A person named before an apposition ("X, the Pentagon press secretary,
            # said") is the speaker, not the organization inside the apposition.
            people = [m for m in near if m.label == "PERSON"]
            if people or near:
                return max(people or near, key=lambda m: m.end)
        return None
