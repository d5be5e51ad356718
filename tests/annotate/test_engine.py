"""Behaviour of the rules on sentences that appear in neither the seeds nor the held-out set."""

from __future__ import annotations

from eventgold.annotate import Annotator, segments
from eventgold.annotate.engine import MAX_SEGMENT_CHARS
from eventgold.schema import DocumentRecord, new_document
from eventgold.testing import record_json
from eventgold.validate import validate_record


def _run(annotator: Annotator, text: str, published: str | None = "2024-03-06") -> DocumentRecord:
    record = annotator.annotate(new_document("t", text, published=published))
    assert validate_record(record_json(record)) == []
    return record


def _events(record: DocumentRecord) -> list[tuple[str, str, dict[str, list[str]]]]:
    mentions = record.mention_by_id()
    return [
        (
            e.type,
            e.trigger.text,
            {role: [mentions[i].text for i in ids] for role, ids in e.arguments.items()},
        )
        for e in record.events
    ]


def test_deployment_with_all_slots(annotator: Annotator) -> None:
    record = _run(annotator, "Spain sent 300 soldiers to Latvia last month.")
    [(etype, trigger, args)] = _events(record)
    assert (etype, trigger) == ("deployment", "sent")
    assert args == {
        "deployer": ["Spain"],
        "deployed": ["soldiers"],
        "quantity": ["300"],
        "destination": ["Latvia"],
        "time": ["last month"],
    }
    normalized = {m.text: m.normalized for m in record.mentions}
    assert normalized["last month"] == "2024-02"
    assert normalized["300"] == "300 soldiers"
    assert normalized["Latvia"] == "LVA"


def test_meeting_between_titled_people(annotator: Annotator) -> None:
    text = "President Gabriel Boric met Spanish Prime Minister Pedro Sanchez in Madrid on Sunday."
    record = _run(annotator, text)
    [(etype, trigger, args)] = _events(record)
    assert (etype, trigger) == ("diplomatic_meeting", "met")
    assert args["participants"] == ["President Gabriel Boric", "Prime Minister Pedro Sanchez"]
    assert args["location"] == ["Madrid"]
    people = {m.text: m.normalized for m in record.mentions if m.type == "PERSON"}
    assert people["President Gabriel Boric"] == "Gabriel Boric"


def test_sanction_predicate_is_the_trigger(annotator: Annotator) -> None:
    record = _run(annotator, "Australia imposed sanctions on Myanmar in May.")
    [(etype, trigger, args)] = _events(record)
    assert (etype, trigger) == ("sanction", "imposed")
    assert args == {
        "imposer": ["Australia"],
        "target": ["Myanmar"],
        "instrument": ["sanctions"],
        "time": ["May"],
    }
    assert record.events[0].attributes["action"] == "impose"


def test_un_vote(annotator: Annotator) -> None:
    record = _run(annotator, "France abstained in the Security Council vote on Thursday.")
    found = _events(record)
    assert found[0][:2] == ("un_action", "abstained")
    assert found[0][2]["actor"] == ["France"]
    assert record.events[0].attributes["action"] == "abstain"


def test_arms_transfer_with_attribution(annotator: Annotator) -> None:
    record = _run(annotator, "Turkey delivered drones to Azerbaijan, officials said.")
    [(etype, trigger, args)] = _events(record)
    assert (etype, trigger) == ("arms_transfer_policy", "delivered")
    assert args == {"supplier": ["Turkey"], "item": ["drones"], "recipient": ["Azerbaijan"]}
    event = record.events[0]
    assert record.mention_by_id()[event.attribution or ""].text == "officials"
    assert event.attributes["modality"] == "reported"
    assert event.attributes["tense"] == "past"


def test_negation_and_modality_cues(annotator: Annotator) -> None:
    record = _run(annotator, "Greece did not send weapons to Armenia.")
    assert record.events[0].attributes["polarity"] == "negative"
    record = _run(annotator, "Canada may supply tanks to Poland.")
    assert record.events[0].attributes["modality"] == "hypothetical"
    record = _run(annotator, "Chile has been accused of selling missiles to Peru.")
    assert record.events[0].attributes["stance"] == "accused_of_supplying"


def test_negatives_do_not_fire(annotator: Annotator) -> None:
    quiet = [
        "The firm deployed new software in its Oslo offices.",
        "The mayor sent a letter to the ministry.",
        "The team met all of its targets this year.",
        "A resolution of the pay dispute is expected soon.",
        "Farmers shipped more grain to Egypt this season.",
    ]
    for text in quiet:
        assert _events(_run(annotator, text)) == [], text


def test_sanctions_relief_talks_are_a_meeting_not_a_sanction(annotator: Annotator) -> None:
    record = _run(
        annotator, "Iranian and European diplomats held sanctions relief talks in Vienna."
    )
    assert [(t, trig) for t, trig, _ in _events(record)] == [("diplomatic_meeting", "talks")]


def test_nationality_adjective_is_nested_and_the_deployer(annotator: Annotator) -> None:
    record = _run(annotator, "Chinese troops are heading to the border, according to the Pentagon.")
    spans = {(m.text, m.type) for m in record.mentions}
    assert {("Chinese troops", "MILITARY_UNIT"), ("Chinese", "GPE")} <= spans
    [(etype, trigger, args)] = _events(record)
    assert (etype, trigger, args["deployer"]) == ("deployment", "heading", ["Chinese"])
    event = record.events[0]
    assert event.attributes["status"] == "under_way"
    assert record.mention_by_id()[event.attribution or ""].text == "Pentagon"


def test_dateline_anchors_relative_dates(annotator: Annotator) -> None:
    text = "Officials met in Paris on Monday (March 4, 2024). They will meet again next week."
    record = _run(annotator, text, published=None)
    assert record.document.published == "2024-03-04"
    dates = {m.text: m.normalized for m in record.mentions if m.type == "DATE"}
    assert dates["Monday (March 4, 2024)"] == "2024-03-04"
    assert dates["next week"] == "2024-W11"


def test_garbled_names_match_with_a_lower_score(annotator: Annotator) -> None:
    record = _run(annotator, "The Security Council and the Safety Council met.")
    orgs = {m.text: m for m in record.mentions if m.type == "ORG"}
    exact, garbled = orgs["Security Council"], orgs["Safety Council"]
    assert exact.normalized == garbled.normalized == "UN Security Council"
    assert exact.provenance and garbled.provenance
    assert (garbled.provenance.score or 0) < (exact.provenance.score or 0)


def test_short_form_of_a_titled_name_gets_the_full_name(annotator: Annotator) -> None:
    text = "Foreign Minister Ana Lopez arrived. Ms. Lopez said the visit went well."
    record = _run(annotator, text)
    people = {m.text: m.normalized for m in record.mentions if m.type == "PERSON"}
    assert people == {"Foreign Minister Ana Lopez": "Ana Lopez", "Ms. Lopez": "Ana Lopez"}


def test_every_prediction_carries_provenance(annotator: Annotator) -> None:
    record = _run(annotator, "Russia vetoed the UN resolution on Syria.")
    assert record.annotation is not None and record.annotation.source == "rules"
    for item in [*record.mentions, *record.events]:
        prov = item.provenance
        assert prov is not None and prov.origin == "rule" and prov.rule_id
        assert prov.score is not None and 0 < prov.score <= 1
        assert prov.rules_version == annotator.rules_version


def test_long_texts_are_segmented_without_losing_offsets(annotator: Annotator) -> None:
    filler = "The harvest was good and prices stayed low across the valley. " * 700
    text = filler + "Norway deployed 200 troops to Estonia.\n" + filler
    assert len(text) > 2 * MAX_SEGMENT_CHARS
    pieces = list(segments(text))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    record = _run(annotator, text)
    [(etype, _, args)] = _events(record)
    assert etype == "deployment" and args["destination"] == ["Estonia"]


def test_a_single_unbroken_line_is_cut(annotator: Annotator) -> None:
    text = "x" * (3 * MAX_SEGMENT_CHARS + 17)
    pieces = list(segments(text))
    assert len(pieces) == 4 and "".join(p for _, p in pieces) == text
    assert _run(annotator, text).mentions == []


def test_other_languages_and_empty_texts_give_empty_predictions(annotator: Annotator) -> None:
    russian = "Россия направила войска в Курскую область."
    record = annotator.annotate(new_document("ru", russian, lang="ru"))
    assert record.mentions == [] and record.events == []
    assert validate_record(record_json(record)) == []
    assert _run(annotator, "").events == []
    assert _run(annotator, "   \n\n  ").mentions == []


def test_batches_do_not_change_the_records(annotator: Annotator) -> None:
    """Stages run batch by batch: any batch size gives the same records in input order."""
    texts = [
        "Spain sent 300 soldiers to Latvia last month.",
        "",
        "The EU imposed new sanctions on Belarus on Monday.",
        "Markets were calm.\n" * 2000,  # several segments
        "President Gabriel Boric met Prime Minister Pedro Sanchez in Madrid on Sunday.",
    ]
    documents = [new_document(f"d{i}", t, published="2024-03-06") for i, t in enumerate(texts)]
    runs = [list(annotator.annotate_json(documents, batch_size=size)) for size in (1, 2, 64)]
    assert [r["document"]["id"] for r in runs[0]] == [d.id for d in documents]
    assert runs[0] == runs[1] == runs[2]
    assert sum(len(r["events"]) for r in runs[0]) >= 3
