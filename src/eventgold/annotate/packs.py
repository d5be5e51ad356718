"""Rule packs: versioned YAML files of spaCy patterns, slot specs and cue lists.

A pack is data, not code. Loading one checks its structure (strict pydantic models), compiles
every spaCy pattern, and checks every event type, role, mention type and attribute value it
names against the schema table, so a bad pack fails before any text is read, with a message
that names the rule.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from eventgold.annotate.gazetteer import HELPER_LABELS
from eventgold.errors import DataError, Problem
from eventgold.schema import SchemaTable

RULES_DIR = Path(__file__).parent / "data" / "rules"
DEFAULT_PACK = RULES_DIR / "core.yaml"
SEMVER = r"^\d+\.\d+\.\d+$"

TokenPattern = list[dict[str, Any]]
# libyaml when available: the pure-Python loader took seconds on the gazetteers.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MentionRule(_Strict):
    """A token pattern whose match (minus ``trim`` tokens) is a mention of ``label``."""

    id: str
    label: str
    pattern: TokenPattern
    score: float = Field(0.8, ge=0.0, le=1.0)
    trim: tuple[int, int] = (0, 0)
    priority: int = 0
    unless_prev: list[str] = Field(default_factory=list)


class TriggerRule(_Strict):
    """A token pattern that signals an event of type ``event``.

    ``head`` names the lemma(s) of the trigger word inside the match (default: the first
    token). The rule fires only if a mention of a ``requires`` type lies within ``window``
    tokens in the same sentence, and not when the word after (before) the trigger is in
    ``unless_next`` (``unless_prev``), e.g. "sanctions relief talks".
    """

    id: str
    event: str
    pattern: TokenPattern
    head: list[str] = Field(default_factory=list)
    score: float = Field(0.8, ge=0.0, le=1.0)
    requires: list[str] = Field(default_factory=list)
    window: int = Field(10, ge=1)
    requires_side: Literal["any", "left", "right"] = "any"
    nominal: bool = (
        False  # a noun trigger: its subject is a prenominal modifier, not a clause subject
    )
    unless_next: list[str] = Field(default_factory=list)
    unless_prev: list[str] = Field(default_factory=list)
    unless_sentence: list[str] = Field(default_factory=list)
    # Dropped when the head lies inside another fired rule's match of the same event type
    # ("sanctions" in "tighten sanctions": the predicate is the trigger).
    unless_covered: bool = False
    # Dropped when a trigger of the same type with a lower `yields` fires in the sentence
    # (0 never yields): "visited Beijing to discuss trade" is one meeting, triggered by
    # "discuss" (yields 1), not by the travel word (yields 2).
    yields: int = Field(0, ge=0)
    attributes: dict[str, str] = Field(default_factory=dict)


class Slot(_Strict):
    """Where to look for a role's argument, relative to the trigger (see docs/rules.md)."""

    where: Literal["subject", "object", "after", "before", "sentence", "nested"]
    words: list[str] = Field(default_factory=list)
    types: list[str] | None = None
    window: int = Field(12, ge=1)
    more: bool = False  # keep looking in the next slots of the role after this one found some
    of: str | None = None  # for where=nested: the role whose argument contains the mention
    prefer: list[str] = Field(default_factory=list)  # types tried first ("a person, else a state")


class Cue(_Strict):
    """Evidence for an attribute ``value``: phrases before/after the trigger, trigger words."""

    value: str
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)
    trigger: list[str] = Field(default_factory=list)
    trigger_suffix: list[str] = Field(default_factory=list)
    window: int = Field(6, ge=1)


class EventRules(_Strict):
    slots: dict[str, list[Slot]] = Field(default_factory=dict)
    attributes: dict[str, list[Cue]] = Field(default_factory=dict)


class AttributionRules(_Strict):
    according: list[str] = Field(default_factory=list)
    speech: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)
    window: int = Field(8, ge=1)


class RulePack(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(pattern=SEMVER)
    schema_name: str = Field("eventgold", alias="schema")
    description: str = ""
    mentions: list[MentionRule] = Field(default_factory=list)
    triggers: list[TriggerRule] = Field(default_factory=list)
    events: dict[str, EventRules] = Field(default_factory=dict)
    cues: dict[str, list[Cue]] = Field(default_factory=dict)
    attribution: AttributionRules = Field(default_factory=AttributionRules)
    fuzzy_cutoff: float = Field(84.0, ge=50.0, le=100.0)
    fuzzy_score: float = Field(0.5, ge=0.0, le=1.0)
    # Mention types the engine gives a meaning of its own, named here so that no code does:
    # the type titles anchor (its canonical name drops the title, a short form "Ms. Choe"
    # takes the full name, it is the preferred speaker), and the types whose noun is the unit
    # of a quantity right before them ("10,000 troops").
    person_type: str | None = None
    counted_types: list[str] = Field(default_factory=list)

    @property
    def rules_version(self) -> str:
        return f"{self.name}-{self.version}"


def _path(loc: tuple[int | str, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


# Checked packs of this process, by file content and table: `preannotate` checks the pack
# before reading any input and then builds the annotator from it, and forked workers inherit
# the entry. Keyed by content, so an edited file is read and checked again.
_LOADED: dict[tuple[bytes, int], tuple[SchemaTable | None, RulePack]] = {}
_LOADED_MAX = 8


def load_pack(path: Path | str = DEFAULT_PACK, table: SchemaTable | None = None) -> RulePack:
    """Read, structurally validate and (given ``table``) semantically check a rule pack.

    The same file content checked against the same table object is parsed and checked once
    per process; every call gets its own copy of the pack.
    """
    path = Path(path)
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(Problem("EG401", f"no rule pack at {path}", "$", file)) from None
    except UnicodeDecodeError as exc:
        raise DataError(Problem("EG401", f"not a readable YAML file: {exc}", "$", file)) from None
    key = (hashlib.sha256(text.encode("utf-8")).digest(), id(table))
    loaded = _LOADED.get(key)
    if loaded is not None and loaded[0] is table:
        return loaded[1].model_copy(deep=True)
    pack = _parse_pack(text, file, table)
    if len(_LOADED) >= _LOADED_MAX:
        del _LOADED[next(iter(_LOADED))]
    _LOADED[key] = (table, pack)  # holding the table keeps its id from being reused
    return pack.model_copy(deep=True)


def _parse_pack(text: str, file: str, table: SchemaTable | None) -> RulePack:
    try:
        raw = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(Problem("EG401", f"not a readable YAML file: {exc}", "$", file)) from None
    try:
        pack = RulePack.model_validate(raw)
    except ValidationError as exc:
        raise DataError(
            [Problem("EG401", err["msg"], _path(err["loc"]), file) for err in exc.errors()]
        ) from None
    if table is not None:
        problems = check_pack(pack, table)
        if problems:
            raise DataError([p.with_location(file, None) for p in problems])
    return pack


def check_pack(pack: RulePack, table: SchemaTable) -> list[Problem]:
    """Every problem of ``pack`` against ``table``; each message names the rule."""
    out: list[Problem] = []
    if pack.schema_name != table.name:
        out.append(
            Problem(
                "EG402", f"pack is for schema {pack.schema_name!r}, not {table.name!r}", "$.schema"
            )
        )
    out += _check_ids(pack)
    out += _check_patterns(pack)
    labels = set(table.mention_types) | set(HELPER_LABELS)
    for i, rule in enumerate(pack.mentions):
        if rule.label not in table.mention_types:
            out.append(
                Problem(
                    "EG404",
                    f"mention rule {rule.id!r}: unknown mention type {rule.label!r}",
                    f"$.mentions[{i}].label",
                )
            )
    for i, trig in enumerate(pack.triggers):
        where = f"$.triggers[{i}]"
        if trig.event not in table.event_types:
            out.append(
                Problem(
                    "EG402",
                    f"trigger rule {trig.id!r}: unknown event type {trig.event!r}",
                    where + ".event",
                )
            )
            continue
        for mtype in trig.requires:
            if mtype not in labels:
                out.append(
                    Problem(
                        "EG404",
                        f"trigger rule {trig.id!r}: unknown mention type {mtype!r}",
                        where + ".requires",
                    )
                )
        out += _check_attributes(
            table, trig.event, trig.attributes, f"trigger rule {trig.id!r}", where
        )
    for etype, rules in pack.events.items():
        out += _check_event_rules(table, etype, rules)
    for attr, cues in pack.cues.items():
        where = f"$.cues.{attr}"
        if attr not in table.common_attributes:
            out.append(Problem("EG407", f"cues for unknown common attribute {attr!r}", where))
            continue
        for j, cue in enumerate(cues):
            if cue.value not in table.common_attributes[attr].values:
                out.append(
                    Problem(
                        "EG407",
                        f"cue for {attr}: unknown value {cue.value!r}",
                        f"{where}[{j}].value",
                    )
                )
    for mtype in pack.attribution.types:
        if mtype not in table.mention_types:
            out.append(
                Problem(
                    "EG404", f"attribution: unknown mention type {mtype!r}", "$.attribution.types"
                )
            )
    if pack.person_type is not None and pack.person_type not in table.mention_types:
        out.append(
            Problem(
                "EG404", f"person_type: unknown mention type {pack.person_type!r}", "$.person_type"
            )
        )
    for mtype in pack.counted_types:
        if mtype not in table.mention_types:
            out.append(
                Problem(
                    "EG404", f"counted_types: unknown mention type {mtype!r}", "$.counted_types"
                )
            )
    return out


def _rules(pack: RulePack) -> list[tuple[str, int, MentionRule | TriggerRule]]:
    return [("mentions", i, r) for i, r in enumerate(pack.mentions)] + [
        ("triggers", i, t) for i, t in enumerate(pack.triggers)
    ]


def _check_ids(pack: RulePack) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for kind, i, rule in _rules(pack):
        if rule.id in seen:
            out.append(
                Problem(
                    "EG406",
                    f"rule id {rule.id!r} is used twice (also in {seen[rule.id]})",
                    f"$.{kind}[{i}].id",
                )
            )
        seen[rule.id] = f"$.{kind}[{i}]"
    return out


def _check_patterns(pack: RulePack) -> list[Problem]:
    # A bare Vocab: adding a pattern only interns strings, and building English() to get one
    # cost more than checking every pattern of the pack.
    matcher = Matcher(Vocab(), validate=True)
    out = []
    for kind, i, rule in _rules(pack):
        try:
            matcher.add(rule.id, [rule.pattern])
        except Exception as exc:  # spaCy raises MatchPatternError or ValueError
            detail = " ".join(str(exc).split())[:300]
            out.append(
                Problem(
                    "EG405",
                    f"rule {rule.id!r}: invalid spaCy pattern: {detail}",
                    f"$.{kind}[{i}].pattern",
                )
            )
    return out


def _check_attributes(
    table: SchemaTable, etype: str, attrs: dict[str, str], who: str, where: str
) -> list[Problem]:
    allowed = table.attributes_of(etype)
    out = []
    for name, value in attrs.items():
        if name not in allowed:
            out.append(
                Problem(
                    "EG407",
                    f"{who}: {etype} has no attribute {name!r}",
                    f"{where}.attributes.{name}",
                )
            )
        elif value not in allowed[name].values:
            out.append(
                Problem(
                    "EG407",
                    f"{who}: {value!r} is not a value of {etype}.{name}",
                    f"{where}.attributes.{name}",
                )
            )
    return out


def _check_event_rules(table: SchemaTable, etype: str, rules: EventRules) -> list[Problem]:
    where = f"$.events.{etype}"
    if etype not in table.event_types:
        return [Problem("EG402", f"slots for unknown event type {etype!r}", where)]
    roles = table.event_types[etype].roles
    out = []
    for role, slots in rules.slots.items():
        if role not in roles:
            out.append(Problem("EG403", f"{etype} has no role {role!r}", f"{where}.slots.{role}"))
            continue
        for j, slot in enumerate(slots):
            if slot.where == "nested" and slot.of not in roles:
                out.append(
                    Problem(
                        "EG403",
                        f"{etype}.{role}: nested slot needs `of` naming a role of {etype}",
                        f"{where}.slots.{role}[{j}].of",
                    )
                )
            extra = sorted(set(slot.types or ()) - set(roles[role].types))
            extra += sorted(set(slot.prefer) - set(roles[role].types) - set(extra))
            if extra:
                out.append(
                    Problem(
                        "EG404",
                        f"{etype}.{role} does not take {extra} (allowed {list(roles[role].types)})",
                        f"{where}.slots.{role}[{j}].types",
                    )
                )
    allowed = table.attributes_of(etype)
    for attr, cues in rules.attributes.items():
        if attr not in allowed:
            out.append(
                Problem("EG407", f"{etype} has no attribute {attr!r}", f"{where}.attributes.{attr}")
            )
            continue
        for j, cue in enumerate(cues):
            if cue.value not in allowed[attr].values:
                out.append(
                    Problem(
                        "EG407",
                        f"{cue.value!r} is not a value of {etype}.{attr}",
                        f"{where}.attributes.{attr}[{j}].value",
                    )
                )
    return out
