"""The two annotators of the demo: a reviewer who submits the hand gold, and a second
annotator whose copy differs from it the way real second passes do.

The second copy is derived from the gold by fixed rules (no randomness), so every run, every
machine and the offline check of the committed ``exports/`` see the same annotations:

* every ``MISS_EVERY``-th mention that no event uses is missed;
* every ``TRIM_EVERY``-th multi-word mention loses its first word (overlap, not strict match);
* every ``FLIP_EVERY``-th event reads the other of the first two values of the common
  attribute with the most values (in eventgold 1.0 modality: ``asserted`` <-> ``reported``);
* the last event of a document with more than two events is missed.

What Label Studio gives back for them is :func:`as_pulled`: the record with the annotator's
e-mail as its name and ``source="labelstudio"``, which is what ``eventgold studio pull``
writes apart from the ids and times the server assigns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventgold.errors import DataError
from eventgold.schema import (
    REGISTRY,
    AnnotationInfo,
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    SchemaTable,
)
from eventgold.validate import validate_record

REVIEWER = "reviewer@eventgold.local"
SECOND_ANNOTATOR = "annotator-b@eventgold.local"

MISS_EVERY = 8
TRIM_EVERY = 6
FLIP_EVERY = 4


@dataclass(frozen=True)
class Submission:
    """One annotation to store in Label Studio: whose it is and whether it is a review."""

    record: DocumentRecord
    annotator: str  # e-mail of the Label Studio user
    ground_truth: bool


def _used_mentions(events: Iterable[Event]) -> set[str]:
    used: set[str] = set()
    for event in events:
        for ids in event.arguments.values():
            used.update(ids)
        if event.attribution is not None:
            used.add(event.attribution)
    return used


def _trimmed(mention: Mention, text: str) -> Mention:
    """The mention without its first word (the caller checks the span is free)."""
    first_space = mention.text.find(" ")
    start = mention.start + first_space + 1
    while start < mention.end and text[start].isspace():
        start += 1
    return mention.model_copy(update={"start": start, "text": text[start : mention.end]})


def _alter_mentions(record: DocumentRecord, events: Sequence[Event]) -> list[Mention]:
    text = record.document.text
    used = _used_mentions(events)
    taken = {(m.start, m.end, m.type) for m in record.mentions}
    out: list[Mention] = []
    unused_seen = multiword_seen = 0
    for mention in sorted(record.mentions, key=lambda m: (m.start, m.end, m.id)):
        if mention.id not in used:
            unused_seen += 1
            if unused_seen % MISS_EVERY == 0:
                continue
        if " " in mention.text.strip():
            multiword_seen += 1
            if multiword_seen % TRIM_EVERY == 0:
                trimmed = _trimmed(mention, text)
                key = (trimmed.start, trimmed.end, trimmed.type)
                if trimmed.start < trimmed.end and key not in taken:
                    taken.add(key)
                    mention = trimmed
        out.append(mention)
    return out


def _confusion(table: SchemaTable) -> tuple[str, dict[str, str]]:
    """The common attribute a second pass disagrees on, and which value it reads for which.

    Fine-grained attributes are where annotators differ most, so it is the common attribute
    with the most values; its first two values (the default and its nearest neighbour) are
    the ones mixed up.
    """
    attribute = max(table.common_attributes.values(), key=lambda a: len(a.values))
    if len(attribute.values) < 2:
        return attribute.name, {}
    first, second = attribute.values[:2]
    return attribute.name, {first: second, second: first}


def _alter_events(events: Sequence[Event], table: SchemaTable) -> list[Event]:
    kept = list(events[:-1]) if len(events) > 2 else list(events)
    name, other_value = _confusion(table)
    out = []
    for index, event in enumerate(kept, 1):
        value = event.attributes.get(name)
        if index % FLIP_EVERY == 0 and value in other_value:
            attributes = {**event.attributes, name: other_value[value]}
            event = event.model_copy(update={"attributes": attributes})
        out.append(event)
    return out


def second_annotator_copy(
    record: DocumentRecord, annotator: str = SECOND_ANNOTATOR
) -> DocumentRecord:
    """``record`` as a second annotator would plausibly have labeled it (see module doc)."""
    table = REGISTRY.table(record.schema_name, record.schema_version)
    events = _alter_events(sorted(record.events, key=lambda e: (e.trigger.start, e.id)), table)
    mentions = _alter_mentions(record, events)
    provenance = Provenance(origin="annotator", annotators=[annotator])
    copy = record.model_copy(
        update={
            "mentions": [m.model_copy(update={"provenance": provenance}) for m in mentions],
            "events": [e.model_copy(update={"provenance": provenance}) for e in events],
            "annotation": AnnotationInfo(source="hand", annotator=annotator),
        }
    )
    problems = validate_record(copy.model_dump(mode="json", exclude_none=True))
    if problems:  # a derived copy of valid gold must be valid; say which document if not
        raise DataError([p.with_location(record.document.id, None) for p in problems])
    return copy


def submissions(gold: Sequence[DocumentRecord]) -> list[Submission]:
    """The reviewer's gold and the second annotator's copy of every gold document."""
    out: list[Submission] = []
    for record in sorted(gold, key=lambda r: r.document.id):
        out.append(Submission(record, REVIEWER, ground_truth=True))
        out.append(Submission(second_annotator_copy(record), SECOND_ANNOTATOR, ground_truth=False))
    return out


def as_pulled(submission: Submission) -> DocumentRecord:
    """The record ``eventgold studio pull`` returns for ``submission``, without the ids and
    times the server assigns (task, annotation, completion time, lead time)."""
    who = submission.annotator
    provenance = Provenance(origin="annotator", annotators=[who])
    record = submission.record
    return record.model_copy(
        update={
            "mentions": [m.model_copy(update={"provenance": provenance}) for m in record.mentions],
            "events": [e.model_copy(update={"provenance": provenance}) for e in record.events],
            "annotation": AnnotationInfo(
                source="labelstudio", annotator=who, ground_truth=submission.ground_truth
            ),
        }
    )
