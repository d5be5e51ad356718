"""Cross-document event linking: propose clusters of events that report one real-world event.

The pipeline, each step a small function:

1. :func:`candidate_document_pairs` — documents worth comparing: members of one near-duplicate
   group (from :mod:`eventgold.gold.dedup` or any :data:`NearDuplicateGroups` callable), and
   documents that share enough normalized argument values (ISO codes, canonical names, dates)
   and were published within a window of each other.
2. :func:`score_event_pair` — two events of a candidate pair are compared on type (must be
   equal), the type-specific attribute (must be *compatible*: an arrival and an order are stages
   of one deployment, a refusal and a consideration are different events), normalized arguments
   (shared values, conflicting single-valued roles, dates within a window) and the similarity
   of triggers and their sentences (rapidfuzz). The result is a :class:`Link` with a score and
   the evidence it used, or ``None``.
3. :func:`cluster_links` — links above the threshold are merged greedily, best first, never
   putting two events of one document into one cluster.

The output is :class:`~eventgold.schema.EventClusterRecord` records with ``provenance.origin =
"linker"``, one evidence line per link used.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from eventgold.errors import DataError, Problem
from eventgold.gold.linkvalues import (
    DayRange,
    any_match,
    day_range,
    index_key,
    is_normalized,
    parse_day,
    ranges_within,
    value_key,
)
from eventgold.schema import (
    Attribute,
    ClusterMember,
    DocumentRecord,
    EventClusterRecord,
    Provenance,
    SchemaTable,
    default_table,
)

NearDuplicateGroups = Callable[[Sequence[DocumentRecord]], Iterable[Collection[str]]]
"""Anything that groups near-duplicate documents: records in, groups of document ids out."""


@dataclass(frozen=True)
class LinkConfig:
    """Knobs of the linker; the defaults are documented in docs/linking.md."""

    threshold: float = 0.4
    date_window_days: int = 7
    document_window_days: int = 30
    min_shared_values: int = 2
    max_postings: int = 500
    weight_arguments: float = 0.45
    weight_context: float = 0.30
    weight_trigger: float = 0.10
    weight_attribute: float = 0.15
    bonus_time: float = 0.10
    penalty_conflict: float = 0.15

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must lie in [0, 1]")
        if min(self.date_window_days, self.document_window_days, self.min_shared_values) < 0:
            raise ValueError("windows and min_shared_values must not be negative")


@dataclass(frozen=True, order=True)
class EventRef:
    document: str
    event: str

    def __str__(self) -> str:
        return f"{self.document}/{self.event}"


@dataclass(frozen=True)
class Link:
    """Two events judged to report the same real-world event, with the reasons."""

    a: EventRef
    b: EventRef
    event_type: str
    score: float
    evidence: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.a} ~ {self.b} ({self.score:.2f}): " + "; ".join(self.evidence)


@dataclass(frozen=True)
class EventView:
    """What the linker compares of one event, computed once per event."""

    ref: EventRef
    type: str
    attributes: Mapping[str, str]
    roles: Mapping[str, frozenset[str]]
    single_valued_roles: frozenset[str]
    time: DayRange | None
    trigger: str
    context: str

    @property
    def values(self) -> frozenset[str]:
        return frozenset().union(*self.roles.values()) if self.roles else frozenset()


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+|\n+")
_WORD_SUFFIX = re.compile(r"(ing|ed|es|s|ment|ion)$")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (a cheap splitter; good enough for context)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


def _stem(word: str) -> str:
    return " ".join(_WORD_SUFFIX.sub("", w) for w in word.casefold().split())


def event_views(record: DocumentRecord, table: SchemaTable) -> list[EventView]:
    mentions = record.mention_by_id()
    text = record.document.text
    date_types = table.mention_types_normalized_as("date")
    views = []
    for event in record.events:
        event_type = table.event_types.get(event.type)
        single = frozenset(
            name for name, role in (event_type.roles.items() if event_type else ()) if role.max == 1
        )
        roles: dict[str, frozenset[str]] = {}
        time: DayRange | None = None
        for role, ids in event.arguments.items():
            found = [mentions[i] for i in ids if i in mentions]
            dates = [m for m in found if m.type in date_types]
            if dates and dates[0].normalized:
                time = day_range(dates[0].normalized)
            keys = frozenset(value_key(m, table) for m in found if m.type not in date_types)
            if keys:
                roles[role] = keys
        views.append(
            EventView(
                ref=EventRef(record.document.id, event.id),
                type=event.type,
                attributes=event.attributes,
                roles=roles,
                single_valued_roles=single,
                time=time,
                trigger=_stem(event.trigger.text),
                context=_sentence_around(text, event.trigger.start, event.trigger.end).casefold(),
            )
        )
    return views


def _attribute_relation(
    a: EventView, b: EventView, table: SchemaTable
) -> tuple[float, list[str]] | None:
    """Agreement of the type-specific attributes: (score, evidence), or None on a conflict.

    Each attribute both events carry scores 1 when equal and 0.5 when compatible (the
    definition file's ``compatible`` groups: an arrival and an order are stages of one
    deployment); an event type without such attributes (or events without values) scores 0.5:
    no evidence either way.
    """
    event_type = table.event_types.get(a.type)
    scores: list[float] = []
    evidence: list[str] = []
    for name, attr in event_type.attributes.items() if event_type else ():
        va, vb = a.attributes.get(name), b.attributes.get(name)
        if va is None or vb is None:
            continue
        if va == vb:
            scores.append(1.0)
            evidence.append(f"{name} exact")
        elif attr.compatible_values(va, vb):
            scores.append(0.5)
            evidence.append(f"{name} compatible ({va} ~ {vb})")
        else:
            return None
    return (sum(scores) / len(scores) if scores else 0.5), evidence


def _common_compatible(a: EventView, b: EventView, attr: Attribute) -> bool:
    """Whether both events give compatible values of a common attribute (a missing one differs)."""
    va, vb = a.attributes.get(attr.name), b.attributes.get(attr.name)
    if va is None or vb is None:
        return va == vb
    return attr.compatible_values(va, vb)


@dataclass
class _ArgumentComparison:
    same_role: list[str] = field(default_factory=list)
    other_role: list[str] = field(default_factory=list)
    soft_conflicts: list[str] = field(default_factory=list)
    hard_conflict: str | None = None
    similarity: float = 0.0


def _comparable(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two value sets are normalized values of one kind (so disjoint means different)."""
    kinds = {v.split(":", 1)[0] for v in a | b}
    return len(kinds) == 1 and all(map(is_normalized, a | b))


def _compare_arguments(a: EventView, b: EventView) -> _ArgumentComparison:
    out = _ArgumentComparison()
    for role in sorted(set(a.roles) & set(b.roles)):
        va, vb = a.roles[role], b.roles[role]
        shared = sorted(v for v in va if any_match(v, vb))
        if shared:
            out.same_role.extend(f"{role}={v.split(':', 1)[1]}" for v in shared)
            continue
        if not _comparable(va, vb):
            # A place code and a canonical name ("RUS" vs "Russian Armed Forces") or free text
            # do not contradict each other: the reports just chose different words.
            continue
        if role in a.single_valued_roles:
            # Russia cannot be the deployer in one report and North Korea in the other.
            out.hard_conflict = f"{role}: {sorted(va)} vs {sorted(vb)}"
            return out
        out.soft_conflicts.append(role)
    pairs_a = sum(len(v) for v in a.roles.values())
    pairs_b = sum(len(v) for v in b.roles.values())
    values_b = b.values
    cross = sorted(v for v in a.values if any_match(v, values_b))
    out.other_role = [v.split(":", 1)[1] for v in cross]
    smaller = min(pairs_a, pairs_b)
    if smaller:
        # Overlap coefficient: a terse report of an event shares all its few arguments.
        extra = max(0, len(cross) - len(out.same_role))
        out.similarity = min(1.0, (len(out.same_role) + 0.5 * extra) / smaller)
    return out


def score_event_pair(
    a: EventView, b: EventView, table: SchemaTable, config: LinkConfig
) -> Link | None:
    """The link between two events of different documents, or None when they cannot corefer."""
    if a.type != b.type or a.ref.document == b.ref.document:
        return None
    attribute = _attribute_relation(a, b, table)
    if attribute is None:
        return None
    evidence = [f"type={a.type}"]
    time_bonus = 0.0
    if a.time is not None and b.time is not None:
        if not ranges_within(a.time, b.time, config.date_window_days):
            return None
        time_bonus = config.bonus_time
        evidence.append(f"time within {config.date_window_days}d")
    arguments = _compare_arguments(a, b)
    if arguments.hard_conflict is not None:
        return None
    attribute_score, attribute_evidence = attribute
    evidence.extend(attribute_evidence)
    context = fuzz.token_set_ratio(a.context, b.context) / 100
    trigger = fuzz.ratio(a.trigger, b.trigger) / 100
    score = (
        config.weight_arguments * arguments.similarity
        + config.weight_context * context
        + config.weight_trigger * trigger
        + config.weight_attribute * attribute_score
        + time_bonus
        - config.penalty_conflict * len(arguments.soft_conflicts)
    )
    if arguments.same_role:
        evidence.append("args " + ", ".join(arguments.same_role))
    if len(arguments.other_role) > len(arguments.same_role):
        evidence.append("shared values " + ", ".join(arguments.other_role))
    if arguments.soft_conflicts:
        evidence.append("differing " + ", ".join(arguments.soft_conflicts))
    for common in table.common_attributes.values():
        if common.link_penalty and not _common_compatible(a, b, common):
            score -= common.link_penalty
            evidence.append(f"{common.name} differs")
    evidence.append(f"context {context:.2f}")
    evidence.append(f"trigger {trigger:.2f}")
    score = round(min(1.0, max(0.0, score)), 4)
    first, second = sorted((a.ref, b.ref))
    return Link(first, second, a.type, score, tuple(evidence))


def candidate_document_pairs(
    records: Sequence[DocumentRecord],
    views: Mapping[str, list[EventView]],
    config: LinkConfig,
    groups: Iterable[Collection[str]] = (),
) -> dict[tuple[str, str], str]:
    """Document pairs worth comparing, each with why (near-duplicates or shared values)."""
    pairs: dict[tuple[str, str], str] = {}
    for group in groups:
        for a, b in itertools.combinations(sorted(set(group)), 2):
            pairs[(a, b)] = "near-duplicate documents"
    published = {r.document.id: parse_day(r.document.published) for r in records}
    postings: dict[str, list[str]] = defaultdict(list)
    for doc_id, doc_views in views.items():
        keys = {index_key(v) for view in doc_views for v in view.values if is_normalized(v)}
        keys |= {f"day:{view.time[0]}" for view in doc_views if view.time is not None}
        for key in keys:
            postings[key].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for docs in postings.values():
        # A value in very many documents ("USA") says nothing about which ones report one event.
        if len(docs) > config.max_postings:
            continue
        for a, b in itertools.combinations(sorted(docs), 2):
            shared[(a, b)] += 1
    for (a, b), count in shared.items():
        if count < config.min_shared_values or (a, b) in pairs:
            continue
        day_a, day_b = published[a], published[b]
        if day_a and day_b and abs((day_a - day_b).days) > config.document_window_days:
            continue
        pairs[(a, b)] = f"{count} shared values"
    return pairs


def _views_by_document(
    records: Sequence[DocumentRecord], table: SchemaTable
) -> dict[str, list[EventView]]:
    if not any(r.events for r in records):
        raise DataError(Problem("EG750", "none of the documents has events to link"))
    views: dict[str, list[EventView]] = {}
    for index, record in enumerate(records):
        doc_id = record.document.id
        if doc_id in views:
            # Linking compares documents, not annotators: adjudicate (gold build) first.
            raise DataError(
                Problem(
                    "EG226",
                    f"document {doc_id!r} is given more than once; link one record per document",
                    "$.document.id",
                    line=index + 1,
                )
            )
        views[doc_id] = event_views(record, table)
    return views


@dataclass(frozen=True)
class LinkResult:
    """What one linker run compared and proposed."""

    documents: int
    events: int
    candidate_pairs: Mapping[tuple[str, str], str]
    links: list[Link]
    clusters: list[EventClusterRecord]


def link_documents(
    records: Sequence[DocumentRecord],
    *,
    config: LinkConfig | None = None,
    table: SchemaTable | None = None,
    near_duplicates: NearDuplicateGroups | None = None,
) -> LinkResult:
    """Candidate document pairs, scored links (best first) and the clusters built from them."""
    config = config or LinkConfig()
    table = table or default_table()
    views = _views_by_document(records, table)
    groups = list(near_duplicates(records)) if near_duplicates else []
    links = []
    pairs = candidate_document_pairs(records, views, config, groups)
    for (doc_a, doc_b), reason in pairs.items():
        for view_a, view_b in itertools.product(views[doc_a], views[doc_b]):
            link = score_event_pair(view_a, view_b, table, config)
            if link is not None and link.score >= config.threshold:
                links.append(
                    Link(link.a, link.b, link.event_type, link.score, (*link.evidence, reason))
                )
    links.sort(key=lambda link: (-link.score, link.a, link.b))
    clusters = [cluster_record(group, table) for group in cluster_links(links)]
    clusters.sort(key=lambda c: (c.members[0].document, c.members[0].event))
    return LinkResult(
        documents=len(views),
        events=sum(len(v) for v in views.values()),
        candidate_pairs=pairs,
        links=links,
        clusters=clusters,
    )


@dataclass
class _Growing:
    members: set[EventRef]
    links: list[Link]

    @property
    def documents(self) -> set[str]:
        return {ref.document for ref in self.members}


def cluster_links(links: Iterable[Link]) -> list[list[Link]]:
    """Greedy best-first merging: a link joins two clusters only if they share no document.

    Feed links best first (as :attr:`LinkResult.links` holds them); each returned cluster is the
    list of links that built it, i.e. a spanning tree of its members.
    """
    cluster_of: dict[EventRef, _Growing] = {}
    for link in links:
        side_a = cluster_of.get(link.a) or _Growing({link.a}, [])
        side_b = cluster_of.get(link.b) or _Growing({link.b}, [])
        if side_a is side_b or side_a.documents & side_b.documents:
            continue
        merged = _Growing(side_a.members | side_b.members, [*side_a.links, *side_b.links, link])
        for ref in merged.members:
            cluster_of[ref] = merged
    unique = {id(c): c for c in cluster_of.values()}.values()
    return sorted(
        (c.links for c in unique), key=lambda ls: min(r for link in ls for r in (link.a, link.b))
    )


def cluster_record(links: Sequence[Link], table: SchemaTable) -> EventClusterRecord:
    refs = sorted({ref for link in links for ref in (link.a, link.b)})
    digest = hashlib.sha256("\n".join(map(str, refs)).encode("utf-8")).hexdigest()[:16]
    score = round(sum(link.score for link in links) / len(links), 4)
    return EventClusterRecord(
        schema_name=table.name,
        schema_version=table.version,
        id=f"link-{digest}",
        event_type=links[0].event_type,
        members=[ClusterMember(document=r.document, event=r.event) for r in refs],
        score=score,
        evidence=[link.describe() for link in links],
        provenance=Provenance(origin="linker", score=score),
    )


def link_records(
    records: Sequence[DocumentRecord],
    *,
    config: LinkConfig | None = None,
    table: SchemaTable | None = None,
    near_duplicates: NearDuplicateGroups | None = None,
) -> list[EventClusterRecord]:
    """Propose cross-document event clusters for ``records`` (sorted by first member)."""
    return link_documents(
        records, config=config, table=table, near_duplicates=near_duplicates
    ).clusters


class LinkRecord(BaseModel):
    """One scored link, for review (``gold link --links``): not a schema record."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Literal["event_link"] = "event_link"
    a: ClusterMember
    b: ClusterMember
    event_type: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str]

    @classmethod
    def of(cls, link: Link) -> LinkRecord:
        return cls(
            a=ClusterMember(document=link.a.document, event=link.a.event),
            b=ClusterMember(document=link.b.document, event=link.b.event),
            event_type=link.event_type,
            score=link.score,
            evidence=list(link.evidence),
        )
