"""Records -> Label Studio task/result JSON -> records gives the same records (property tests)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgold.schema import (
    DocumentRecord,
    Event,
    Mention,
    Provenance,
    Span,
    default_table,
    new_document,
)
from eventgold.studio.config import studio_config
from eventgold.studio.convert import (
    ProvenancePolicy,
    ResultSource,
    document_task,
    record_results,
    results_to_content,
)
from eventgold.studio.lsjson import LsTask
from eventgold.studio.pull import task_document

TABLE = default_table()
CONFIG = studio_config(TABLE)
PIECES = [
    "a",
    "Z",
    " ",
    ".",
    "é",
    "e\u0301",  # e + combining acute
    "n\u0303\u0323",  # two combining marks
    "中",
    "文字",
    "🚀",
    "🇷🇺",  # two regional indicators
    "👩\u200d👩\u200d👧",  # ZWJ sequence
    "\r\n",
    "\n",
    "\t",
    "𝔘",
]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)
provenances = st.none() | st.builds(
    Provenance,
    origin=st.sampled_from(["rule", "annotator"]),
    rule_id=st.none() | st.sampled_from(["deploy.v1", "gpe.gaz"]),
    score=st.none() | st.floats(0, 1),
    annotators=st.lists(st.sampled_from(["ann1", "ann2"]), max_size=2, unique=True),
    rules_version=st.none() | st.just("rules-0.3.0"),
)


def _span(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return start, end


@st.composite
def records(draw: st.DrawFn) -> DocumentRecord:
    text = draw(texts)
    mentions = []
    for index in range(draw(st.integers(0, 6))):
        start, end = _span(draw, text)
        mentions.append(
            Mention(
                id=f"m{index + 1}",
                start=start,
                end=end,
                text=text[start:end],
                type=draw(st.sampled_from(list(TABLE.mention_types))),
                normalized=draw(st.none() | st.text(min_size=1, max_size=8)),
                provenance=draw(provenances),
            )
        )
    ids = [m.id for m in mentions]
    events = []
    for index in range(draw(st.integers(0, 4))):
        etype = TABLE.event_types[draw(st.sampled_from(list(TABLE.event_types)))]
        start, end = _span(draw, text)
        arguments: dict[str, list[str]] = {}
        if ids:
            for role in draw(st.lists(st.sampled_from(list(etype.roles)), unique=True)):
                arguments[role] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
        attributes = {
            name: draw(st.sampled_from(attr.values))
            for name, attr in TABLE.attributes_of(etype.name).items()
        }
        events.append(
            Event(
                id=f"e{index + 1}",
                type=etype.name,
                trigger=Span(start=start, end=end, text=text[start:end]),
                arguments=arguments,
                attributes=attributes,
                attribution=draw(st.none() | st.sampled_from(ids)) if ids else None,
                provenance=draw(provenances),
            )
        )
    return DocumentRecord(
        schema_name=TABLE.name,
        schema_version=TABLE.version,
        document=new_document("doc-1", text),
        mentions=mentions,
        events=events,
    )


def _over_the_wire(value: Any) -> Any:
    """What the server stores and exports: the JSON, verbatim."""
    return json.loads(json.dumps(value, ensure_ascii=False))


SOURCE = ResultSource(7, "annotation", 11, "$[0].annotations[0].result")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_annotation_round_trip_is_identity_up_to_provenance(record: DocumentRecord) -> None:
    who = Provenance(origin="annotator", annotators=["ann@example.com"])
    results = _over_the_wire(record_results(record, CONFIG))
    content = results_to_content(
        results, record.document.text, CONFIG, SOURCE, ProvenancePolicy(who, False, True)
    )
    assert content.problems == []
    assert content.repairs == []
    assert content.mentions == [m.model_copy(update={"provenance": who}) for m in record.mentions]
    assert content.events == [e.model_copy(update={"provenance": who}) for e in record.events]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_prediction_round_trip_keeps_provenance(record: DocumentRecord) -> None:
    task = _over_the_wire(document_task(record, CONFIG, [record]))
    assert task["data"]["text"] == record.document.text
    assert task["data"]["eventgold_key"] == record.document.sha256
    ls_task = LsTask.model_validate({"id": 3, **task, "annotations": []})
    document = task_document(ls_task, 0, "<export>")
    assert document == record.document
    source = ResultSource(3, "prediction", 5, "$[0].predictions[0].result")
    fallback = Provenance(origin="rule", rules_version="x")
    content = results_to_content(
        ls_task.predictions[0].result,  # type: ignore[union-attr]
        record.document.text,
        CONFIG,
        source,
        ProvenancePolicy(fallback, use_extension=True, fill_default_attributes=False),
    )
    assert content.problems == []
    assert content.mentions == record.mentions
    assert content.events == record.events


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_utf16_written_results_come_back_identical(record: DocumentRecord) -> None:
    """A producer counting UTF-16 units (JavaScript ``length``) is repaired, not shifted."""
    from eventgold.studio.offsets import codepoint_to_utf16

    text = record.document.text
    results = _over_the_wire(record_results(record, CONFIG))
    for item in results:
        value = item.get("value")
        if value and "start" in value:
            value["start"] = codepoint_to_utf16(text, value["start"])
            value["end"] = codepoint_to_utf16(text, value["end"])
    who = Provenance(origin="annotator", annotators=["a"])
    content = results_to_content(results, text, CONFIG, SOURCE, ProvenancePolicy(who, False, True))
    assert content.problems == []
    got = [(m.start, m.end, m.type) for m in content.mentions]
    # A shifted reading may land on an equal text elsewhere; it must still read the same.
    for (start, end, _), mention in zip(got, record.mentions, strict=True):
        assert text[start:end].replace("\r\n", "\n") == mention.text.replace("\r\n", "\n")


def test_attributes_default_when_the_annotator_leaves_them() -> None:
    text = "Russia vetoed the resolution."
    results = [
        {
            "id": "t1",
            "from_name": "trigger",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 7, "end": 13, "text": "vetoed", "labels": ["un_action"]},
        },
        {
            "id": "t1",
            "from_name": "un_action_action",
            "to_name": "text",
            "type": "choices",
            "value": {"start": 7, "end": 13, "choices": ["veto"]},
        },
    ]
    content = results_to_content(results, text, CONFIG, SOURCE, ProvenancePolicy(None, False, True))
    assert content.problems == []
    attrs = content.events[0].attributes
    assert attrs["action"] == "veto"
    assert attrs["polarity"] == "positive" and attrs["modality"] == "asserted"


def test_editor_region_ids_become_valid_record_ids() -> None:
    text = "Troops left."
    results = [
        {
            "id": "-x_9Qa",
            "from_name": "mention",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 6, "text": "Troops", "labels": ["MILITARY_UNIT"]},
        }
    ]
    content = results_to_content(results, text, CONFIG, SOURCE, ProvenancePolicy(None, False, True))
    assert [m.id for m in content.mentions] == ["r-x_9Qa"]
