"""Adjudication: reviewer first, then majority per item; disagreements listed, not dropped."""

from __future__ import annotations

import pytest

from eventgold.errors import UsageError
from eventgold.gold.adjudicate import adjudicate, parse_policy
from eventgold.schema import AnnotationInfo, DocumentRecord
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_record

TEXT = "Russia vetoed the resolution on Monday, the agency said."


def by(record: DocumentRecord, annotator: str, *, reviewer: bool = False) -> DocumentRecord:
    info = AnnotationInfo(source="labelstudio", annotator=annotator, ground_truth=reviewer)
    return record.model_copy(update={"annotation": info})


def annotation(
    *,
    long_instrument: bool = False,
    instrument: bool = True,
    tense: str = "past",
    normalized: str | None = "RUS",
    attribution: bool = False,
    extra_event: bool = False,
) -> RecordBuilder:
    b = RecordBuilder(TEXT, "d1")
    russia = b.mention("Russia", "GPE", normalized=normalized)
    args = {"actor": [russia]}
    if instrument:
        surface = "the resolution" if long_instrument else "resolution"
        args["instrument"] = [b.mention(surface, "LEGAL_INSTRUMENT")]
    agency = b.mention("the agency", "ORG") if attribution else None
    b.event("un_action", "vetoed", args, action="veto", tense=tense, attribution=agency)
    if extra_event:
        b.event("un_action", "resolution", {}, action="adopt")
    return b


def test_majority_per_item_with_rejected_minority() -> None:
    records = [
        by(annotation(tense="past").build(), "a"),
        by(annotation(tense="past", extra_event=True).build(), "b"),
        by(annotation(tense="present", long_instrument=True).build(), "c"),
    ]
    report = adjudicate(records)
    [doc] = report.documents
    assert doc.method == "majority" and doc.voters == ["a", "b", "c"]
    record = doc.record
    assert record is not None
    assert [(m.text, m.type) for m in record.mentions] == [
        ("Russia", "GPE"),
        ("resolution", "LEGAL_INSTRUMENT"),
    ]
    assert record.mentions[0].provenance is not None
    assert record.mentions[0].provenance.annotators == ["a", "b", "c"]
    assert record.mentions[1].provenance.annotators == ["a", "b"]  # type: ignore[union-attr]
    [event] = record.events
    assert event.attributes["tense"] == "past"
    assert event.arguments == {"actor": ["m1"], "instrument": ["m2"]}
    assert event.provenance is not None and event.provenance.origin == "adjudicated"
    assert record.annotation is not None and record.annotation.source == "adjudication"
    rejected = {(i.kind, i.item) for i in report.rejected}
    assert ("mention", 'LEGAL_INSTRUMENT "the resolution" [14,28)') in rejected
    assert ("event", 'un_action "resolution" [18,28)') in rejected
    assert any(i.kind == "argument" and "the resolution" in i.item for i in report.rejected)
    assert report.unresolved == []
    assert validate_record(record_json(record)) == []


def test_ties_are_unresolved_and_listed() -> None:
    records = [
        by(annotation(tense="past", normalized="RUS").build(), "a"),
        by(annotation(tense="present", normalized="RU-MOW", instrument=False).build(), "b"),
    ]
    report = adjudicate(records)
    record = report.records[0]
    kinds = sorted((i.kind, i.status) for i in report.unresolved)
    assert ("mention", "unresolved") in kinds  # 'resolution' marked by one of two
    assert ("argument", "unresolved") in kinds
    assert ("normalized", "unresolved") in kinds
    assert ("attribute", "unresolved") in kinds
    tense = next(i for i in report.unresolved if i.kind == "attribute")
    assert tense.votes == {"past": ["a"], "present": ["b"]}
    assert "default" in tense.note
    # the tie keeps the schema default so the record stays valid
    assert record.events[0].attributes["tense"] == "unspecified"
    assert record.mentions[0].normalized is None
    assert [m.text for m in record.mentions] == ["Russia"]
    assert validate_record(record_json(record)) == []
    data = report.to_dict()
    assert data["documents"][0]["unresolved"] == len(report.unresolved)


def test_reviewer_wins_over_majority() -> None:
    records = [
        by(annotation(tense="past").build(), "a"),
        by(annotation(tense="past").build(), "b"),
        by(annotation(tense="future", instrument=False).build(), "lead", reviewer=True),
    ]
    report = adjudicate(records, parse_policy("reviewer,majority"))
    doc = report.documents[0]
    assert doc.method == "reviewer" and doc.voters == ["lead"]
    assert doc.record is not None
    assert doc.record.events[0].attributes["tense"] == "future"
    assert [m.text for m in doc.record.mentions] == ["Russia"]
    # majority only: the reviewer is one voter among three
    majority = adjudicate(records, parse_policy("majority")).records[0]
    assert majority.events[0].attributes["tense"] == "past"


def test_attribution_votes_and_missing_policy() -> None:
    records = [
        by(annotation(attribution=True).build(), "a"),
        by(annotation(attribution=True).build(), "b"),
        by(annotation(attribution=False).build(), "c"),
    ]
    record = adjudicate(records).records[0]
    agency = next(m for m in record.mentions if m.text == "the agency")
    assert record.events[0].attribution == agency.id
    only_reviewer = adjudicate(records, parse_policy("reviewer"))
    assert only_reviewer.records == []
    [item] = only_reviewer.unresolved
    assert item.kind == "document" and item.votes == {"annotated": ["a", "b", "c"]}


def test_order_of_inputs_does_not_matter() -> None:
    records = [
        by(annotation(tense="past").build(), "a"),
        by(annotation(extra_event=True).build(), "b"),
        by(annotation(long_instrument=True, tense="present").build(), "c"),
    ]
    forward = adjudicate(records)
    backward = adjudicate(list(reversed(records)))
    assert record_json(forward.records[0]) == record_json(backward.records[0])
    assert forward.to_dict() == backward.to_dict()


def test_rule_predictions_do_not_vote() -> None:
    human = by(annotation().build(), "a")
    rules = (
        annotation(tense="present")
        .build()
        .model_copy(update={"annotation": AnnotationInfo(source="rules", rules_version="1.0.0")})
    )
    report = adjudicate([human, rules])
    assert report.documents[0].method == "single"
    assert report.records[0].events[0].attributes["tense"] == "past"


def test_policy_parsing() -> None:
    assert parse_policy("majority, reviewer") == ("majority", "reviewer")
    for bad in ("", "vote", "majority,majority"):
        with pytest.raises(UsageError):
            parse_policy(bad)
