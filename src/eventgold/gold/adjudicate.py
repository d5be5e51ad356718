"""Adjudication: one gold record per document from several annotations.

Policies are tried in order (``--policy reviewer,majority``):

* ``reviewer``: when annotations marked ``ground_truth`` (a reviewer's, in Label Studio)
  exist for a document, only they vote; one reviewer therefore simply wins.
* ``majority``: all human annotations of the document vote.

Voting is per item. A mention (span + type) or an event (trigger span + event type) is kept
when more than half of the voters marked it. Arguments, attributes and the attribution of a
kept event are decided by the voters who marked that event; normalized values by the voters
who marked that mention (a missing value abstains). An item marked by some voters but not
by a majority is *rejected*; an exact tie is *unresolved*. Both are listed in the
:class:`AdjudicationReport`, never dropped silently. A tie on a required common attribute
keeps the schema default and says so.

Output ids are assigned in text order (``m1``, ``m2``, ... and ``e1``, ...), so the result
depends only on the annotations, not on their order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eventgold.errors import Problem, UsageError
from eventgold.gold.annotators import DocumentAnnotations, group_annotations, is_reviewer
from eventgold.schema import (
    AnnotationInfo,
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
    Span,
    default_table,
)

Policy = Literal["reviewer", "majority"]
POLICIES: tuple[Policy, ...] = ("reviewer", "majority")
DEFAULT_POLICY: tuple[Policy, ...] = ("reviewer", "majority")

MentionKey = tuple[int, int, str]  # start, end, type
EventKey = tuple[int, int, str]  # trigger start, end, event type


def _as_policy(name: str) -> Policy:
    return "reviewer" if name == "reviewer" else "majority"


def parse_policy(text: str) -> tuple[Policy, ...]:
    """``"reviewer,majority"`` -> ("reviewer", "majority")."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [n for n in names if n not in POLICIES]
    if not names or unknown or len(set(names)) != len(names):
        raise UsageError(
            Problem(
                "EG603",
                f"invalid policy {text!r}: give a comma list of {', '.join(POLICIES)}",
                "$.policy",
            )
        )
    return tuple(_as_policy(n) for n in names)


@dataclass(frozen=True)
class ReviewItem:
    """An item the voters did not agree on: listed for a person to look at."""

    document: str
    kind: str  # mention, event, argument, attribute, attribution, normalized, document
    item: str  # what it is, readable: 'GPE "Russia" [0,6)', 'e2 tense'
    status: str  # "unresolved" (tie, or no policy applied) or "rejected" (minority)
    votes: dict[str, list[str]] = field(default_factory=dict)  # value -> annotators
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "document": self.document,
            "kind": self.kind,
            "item": self.item,
            "status": self.status,
            "votes": {k: v for k, v in sorted(self.votes.items())},
        }
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class DocumentAdjudication:
    document: str
    method: str  # reviewer, majority, single, none
    voters: list[str]
    record: DocumentRecord | None  # None when no policy applied
    items: list[ReviewItem] = field(default_factory=list)


@dataclass
class AdjudicationReport:
    policy: tuple[Policy, ...]
    documents: list[DocumentAdjudication]

    @property
    def records(self) -> list[DocumentRecord]:
        return [d.record for d in self.documents if d.record is not None]

    @property
    def unresolved(self) -> list[ReviewItem]:
        return [i for d in self.documents for i in d.items if i.status == "unresolved"]

    @property
    def rejected(self) -> list[ReviewItem]:
        return [i for d in self.documents for i in d.items if i.status == "rejected"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": list(self.policy),
            "documents": [
                {
                    "document": d.document,
                    "method": d.method,
                    "voters": d.voters,
                    "adjudicated": d.record is not None,
                    "unresolved": sum(i.status == "unresolved" for i in d.items),
                    "rejected": sum(i.status == "rejected" for i in d.items),
                }
                for d in self.documents
            ],
            "unresolved": [i.to_dict() for i in self.unresolved],
            "rejected": [i.to_dict() for i in self.rejected],
        }


def _mention_key(m: Mention) -> MentionKey:
    return (m.start, m.end, m.type)


def _event_key(e: Event) -> EventKey:
    return (e.trigger.start, e.trigger.end, e.type)


@dataclass
class _Ballot:
    """Votes for items: item -> the voters who marked it."""

    voters: list[str]
    marked: dict[Any, list[str]] = field(default_factory=dict)

    def vote(self, item: Any, voter: str) -> None:
        names = self.marked.setdefault(item, [])
        if voter not in names:
            names.append(voter)

    def outcome(self, item: Any) -> str:
        """kept / rejected / unresolved (exact tie)."""
        votes, total = len(self.marked[item]), len(self.voters)
        if 2 * votes > total:
            return "kept"
        return "unresolved" if 2 * votes == total else "rejected"


def _value_vote(values: dict[str, str | None]) -> tuple[str | None, bool]:
    """Majority of the non-missing values: (value, resolved). Missing values abstain."""
    counts = Counter(v for v in values.values() if v is not None)
    if not counts:
        return None, True
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, False
    return ranked[0][0], True


def _by_value(values: dict[str, str | None]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for voter, value in sorted(values.items()):
        out.setdefault("(none)" if value is None else value, []).append(voter)
    return out


class _Adjudicator:
    """Majority voting over one document's annotations by ``voters``."""

    def __init__(
        self, doc: DocumentAnnotations, voters: list[str], method: str, table: SchemaTable
    ) -> None:
        self.doc, self.voters, self.method, self.table = doc, voters, method, table
        self.records = {v: doc.by_annotator[v] for v in voters}
        self.items: list[ReviewItem] = []
        self.text = self.records[voters[0]].document.text

    def review(
        self, kind: str, item: str, status: str, votes: dict[str, list[str]], note: str = ""
    ) -> None:
        self.items.append(ReviewItem(self.doc.document_id, kind, item, status, votes, note))

    def describe(self, key: tuple[int, int, str]) -> str:
        return f'{key[2]} "{self.text[key[0] : key[1]]}" [{key[0]},{key[1]})'

    def run(self) -> DocumentAdjudication:
        mention_ids = self._mentions()
        events = self._events(mention_ids)
        first = self.records[self.voters[0]]
        record = DocumentRecord(
            schema_name=first.schema_name,
            schema_version=first.schema_version,
            document=first.document,
            mentions=self.mentions,
            events=events,
            annotation=AnnotationInfo(source="adjudication"),
        )
        return DocumentAdjudication(
            self.doc.document_id, self.method, self.voters, record, self.items
        )

    def _mentions(self) -> dict[MentionKey, str]:
        ballot = _Ballot(self.voters)
        normalized: dict[MentionKey, dict[str, str | None]] = {}
        for voter, record in self.records.items():
            for m in record.mentions:
                ballot.vote(_mention_key(m), voter)
                normalized.setdefault(_mention_key(m), {})[voter] = m.normalized
        kept: list[MentionKey] = []
        for key in sorted(ballot.marked):
            outcome = ballot.outcome(key)
            if outcome == "kept":
                kept.append(key)
            else:
                self.review(
                    "mention", self.describe(key), outcome, {"marked": sorted(ballot.marked[key])}
                )
        ids = {key: f"m{i}" for i, key in enumerate(kept, 1)}
        self.mentions = []
        for key in kept:
            value, resolved = _value_vote(normalized[key])
            if not resolved:
                self.review(
                    "normalized",
                    self.describe(key),
                    "unresolved",
                    _by_value(normalized[key]),
                    "left null",
                )
            self.mentions.append(
                Mention(
                    id=ids[key],
                    start=key[0],
                    end=key[1],
                    text=self.text[key[0] : key[1]],
                    type=key[2],
                    normalized=value,
                    provenance=Provenance(
                        origin="adjudicated", annotators=sorted(ballot.marked[key])
                    ),
                )
            )
        return ids

    def _mention_keys_of(self, voter: str) -> dict[str, MentionKey]:
        return {m.id: _mention_key(m) for m in self.records[voter].mentions}

    def _events(self, mention_ids: dict[MentionKey, str]) -> list[Event]:
        ballot = _Ballot(self.voters)
        marked: dict[EventKey, dict[str, Event]] = {}
        for voter, record in self.records.items():
            for e in record.events:
                key = _event_key(e)
                if voter not in marked.setdefault(key, {}):
                    marked[key][voter] = e
                    ballot.vote(key, voter)
        events: list[Event] = []
        for key in sorted(marked):
            outcome = ballot.outcome(key)
            if outcome != "kept":
                self.review("event", self.describe(key), outcome, {"marked": sorted(marked[key])})
                continue
            events.append(self._event(f"e{len(events) + 1}", key, marked[key], mention_ids))
        return events

    def _event(
        self,
        event_id: str,
        key: EventKey,
        by_voter: dict[str, Event],
        mention_ids: dict[MentionKey, str],
    ) -> Event:
        voters = sorted(by_voter)
        where = f"{event_id} {self.describe(key)}"
        ballot = _Ballot(voters)
        for voter, event in by_voter.items():
            keys = self._mention_keys_of(voter)
            for role, ids in event.arguments.items():
                for mention_id in ids:
                    if mention_id in keys:
                        ballot.vote((role, keys[mention_id]), voter)
        arguments: dict[str, list[str]] = {}
        for role, mkey in sorted(ballot.marked, key=lambda rk: (rk[0], rk[1])):
            outcome = ballot.outcome((role, mkey))
            item = f"{where} {role}={self.describe(mkey)}"
            if outcome == "kept" and mkey in mention_ids:
                arguments.setdefault(role, []).append(mention_ids[mkey])
            elif outcome == "kept":
                self.review(
                    "argument",
                    item,
                    "unresolved",
                    {"marked": sorted(ballot.marked[(role, mkey)])},
                    "its mention was not kept",
                )
            else:
                self.review(
                    "argument", item, outcome, {"marked": sorted(ballot.marked[(role, mkey)])}
                )
        return Event(
            id=event_id,
            type=key[2],
            trigger=Span(start=key[0], end=key[1], text=self.text[key[0] : key[1]]),
            arguments=arguments,
            attributes=self._attributes(where, key[2], by_voter),
            attribution=self._attribution(where, by_voter, mention_ids),
            provenance=Provenance(origin="adjudicated", annotators=voters),
        )

    def _attributes(
        self, where: str, event_type: str, by_voter: dict[str, Event]
    ) -> dict[str, str]:
        attributes: dict[str, str] = {}
        defined = (
            self.table.attributes_of(event_type) if event_type in self.table.event_types else {}
        )
        names = sorted({n for e in by_voter.values() for n in e.attributes})
        for name in names:
            values: dict[str, str | None] = {v: e.attributes.get(name) for v, e in by_voter.items()}
            value, resolved = _value_vote(values)
            if resolved and value is not None:
                attributes[name] = value
                continue
            required = name in self.table.common_attributes
            fallback = None
            if required and name in defined:
                fallback = defined[name].default or defined[name].values[0]
                attributes[name] = fallback
            self.review(
                "attribute",
                f"{where} {name}",
                "unresolved",
                _by_value(values),
                f"kept the schema default {fallback!r}" if fallback else "left out",
            )
        return attributes

    def _attribution(
        self, where: str, by_voter: dict[str, Event], mention_ids: dict[MentionKey, str]
    ) -> str | None:
        values: dict[str, str | None] = {}
        for voter, event in by_voter.items():
            keys = self._mention_keys_of(voter)
            source = keys.get(event.attribution) if event.attribution else None
            values[voter] = self.describe(source) if source else None
        reverse = {self.describe(k): k for k in mention_ids}
        if all(v is None for v in values.values()):
            return None
        # Absence of an attribution is a vote here (unlike normalized values): "nobody says so".
        counts = Counter(values.values())
        ranked = counts.most_common()
        tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
        winner = ranked[0][0]
        if tie or (winner is not None and winner not in reverse):
            self.review("attribution", where, "unresolved", _by_value(values), "left null")
            return None
        return mention_ids[reverse[winner]] if winner is not None else None


def _adjudicate_document(
    doc: DocumentAnnotations, policy: Sequence[Policy], table: SchemaTable
) -> DocumentAdjudication:
    for step in policy:
        if step == "reviewer":
            reviewers = [a for a in doc.annotators if is_reviewer(doc.by_annotator[a])]
            if reviewers:
                return _Adjudicator(doc, reviewers, "reviewer", table).run()
        elif step == "majority":
            method = "single" if len(doc.annotators) == 1 else "majority"
            return _Adjudicator(doc, doc.annotators, method, table).run()
    item = ReviewItem(
        doc.document_id,
        "document",
        doc.document_id,
        "unresolved",
        {"annotated": doc.annotators},
        f"no policy of {','.join(policy)} applies (no reviewer annotation)",
    )
    return DocumentAdjudication(doc.document_id, "none", [], None, [item])


def adjudicate(
    records: Iterable[DocumentRecord],
    policy: Sequence[Policy] = DEFAULT_POLICY,
    table: SchemaTable | None = None,
) -> AdjudicationReport:
    """One adjudicated record per document of the human annotations in ``records``."""
    table = table or default_table()
    documents = group_annotations(records)
    return AdjudicationReport(
        tuple(policy), [_adjudicate_document(doc, policy, table) for doc in documents.values()]
    )
