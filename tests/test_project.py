"""Annotation projection onto a near-duplicate text."""

from __future__ import annotations

import pytest

from eventgold.errors import DataError
from eventgold.gold.project import project_record
from eventgold.schema import AnnotationInfo, Provenance, load_extension
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_record

SOURCE = (
    "The UN Security Council met on Tuesday. Russia vetoed a resolution to extend the mandate "
    "of the panel of experts. Maj Gen Pat Ryder said about 10,000 troops were in the Kursk "
    "region. Western leaders called it an escalation."
)
# Reordered sentences, spun words ("Safety", "Main Normal", "area"), a dropped sentence.
TARGET = (
    "Main Normal Pat Ryder stated about 10,000 troops were within the Kursk area. "
    "The UN Safety Council met on Tuesday. Russia vetoed a decision to increase the mandate "
    "of the panel of specialists."
)


def _source():
    b = RecordBuilder(SOURCE, "src", published="2024-10-30")
    council = b.mention("UN Security Council", "ORG", normalized="UN Security Council")
    tuesday = b.mention("Tuesday", "DATE", normalized="2024-10-29")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    resolution = b.mention("a resolution", "LEGAL_INSTRUMENT")
    ryder = b.mention("Maj Gen Pat Ryder", "PERSON", normalized="Pat Ryder")
    troops = b.mention("10,000", "QUANTITY", normalized="~10000")
    kursk = b.mention("Kursk region", "LOC", normalized="RU-KRS")
    western = b.mention("Western leaders", "PERSON")
    b.event(
        "un_action",
        "vetoed",
        {"body": [council], "actor": [russia], "instrument": [resolution], "time": [tuesday]},
        action="veto",
        tense="past",
    )
    b.event(
        "deployment",
        "in the Kursk",
        {"quantity": [troops], "location": [kursk]},
        attribution=ryder,
        status="arrived",
    )
    b.event("un_action", "escalation", {"actor": [western]}, action="condemn")
    record = b.build()
    record.annotation = AnnotationInfo(source="hand", annotator="ann1")
    for mention in record.mentions:
        mention.provenance = Provenance(origin="annotator", annotators=["ann1"])
    return record


def _target():
    return RecordBuilder(TARGET, "tgt", published="2024-10-31").build()


@pytest.fixture(scope="module")
def projection():
    return project_record(_source(), _target())


def test_projected_record_is_valid_and_marked_projected(projection) -> None:
    record = projection.record
    assert validate_record(record_json(record)) == []
    assert record.document.id == "tgt"
    assert record.annotation is not None and record.annotation.source == "projection"
    for item in [*record.mentions, *record.events]:
        assert item.provenance is not None and item.provenance.origin == "projected"
        assert item.provenance.annotators == ["ann1"]


def test_exact_spans_move_with_their_sentence(projection) -> None:
    by_id = {m.id: m for m in projection.record.mentions}
    assert by_id["m3"].text == "Russia" and TARGET[by_id["m3"].start :].startswith("Russia vetoed")
    assert by_id["m6"].text == "10,000"
    assert by_id["m6"].provenance.score == 1.0
    veto = next(e for e in projection.record.events if e.id == "e1")
    assert veto.trigger.text == "vetoed"
    assert veto.arguments["actor"] == ["m3"]


def test_substituted_words_are_kept_but_flagged(projection) -> None:
    by_id = {m.id: m for m in projection.record.mentions}
    assert by_id["m1"].text == "UN Safety Council"
    assert by_id["m1"].provenance.score < 1.0
    assert by_id["m5"].text == "Main Normal Pat Ryder"
    assert by_id["m7"].text == "Kursk area"
    changed = {f.id for f in projection.report.flags if f.status == "changed"}
    assert {"m1", "m5", "m7"} <= changed


def test_unalignable_spans_are_dropped_and_reported(projection) -> None:
    ids = {m.id for m in projection.record.mentions}
    assert "m8" not in ids  # "Western leaders": its sentence is gone
    assert "e3" not in {e.id for e in projection.record.events}
    flagged = {(f.kind, f.id, f.status) for f in projection.report.flags}
    assert ("mention", "m8", "unaligned") in flagged
    assert ("trigger", "e3", "unaligned") in flagged
    assert projection.report.events["unaligned"] == 1


def test_relative_dates_are_flagged_when_datelines_differ(projection) -> None:
    assert any(f.kind == "date" and f.id == "m2" for f in projection.report.flags)


def test_unrelated_texts_are_refused() -> None:
    other = RecordBuilder("Completely different words about football scores.", "x").build()
    with pytest.raises(DataError) as info:
        project_record(_source(), other)
    assert info.value.problems[0].code == "EG753"


def test_rewritten_blocks_keep_the_most_similar_words() -> None:
    b = RecordBuilder("Officials said around 5,000 US troops left.", "a")
    amount = b.mention("around 5,000", "QUANTITY", normalized="~5000")
    us = b.mention("US", "GPE", normalized="USA")
    b.event("deployment", "left", {"quantity": [amount]}, status="withdrawn")
    target = RecordBuilder("Officials said roughly about 5,000 U.S. troops left.", "b").build()
    by_id = {m.id: m for m in project_record(b.build(), target).record.mentions}
    assert by_id[amount].text == "about 5,000"  # not "roughly about 5,000"
    assert by_id[us].text == "U.S."


def test_extension_event_losing_a_required_party_is_dropped(root) -> None:
    table = load_extension(root / "examples" / "extension" / "acme-events-0.3.0.yaml")
    text = "Qatar brokered a ceasefire between Israel and Hamas in Gaza on Sunday."
    b = RecordBuilder(text, "acme-a", table=table)
    qatar = b.mention("Qatar", "GPE", normalized="QAT")
    israel = b.mention("Israel", "GPE", normalized="ISR")
    hamas = b.mention("Hamas", "ARMED_GROUP", normalized="Hamas")
    b.event("ceasefire", "ceasefire", {"parties": [israel, hamas], "mediator": [qatar]})
    copy = "Qatar brokered a ceasefire involving Israel in Gaza on Sunday."
    target = RecordBuilder(copy, "acme-b", table=table).build()
    projection = project_record(b.build(), target)
    assert projection.record.events == []  # "parties" needs two; "Hamas" did not project
    assert validate_record(record_json(projection.record)) == []
    assert any("parties" in f.reason for f in projection.report.flags)
