"""The hand-made seed gold: valid, complete for the schema, reproducible, and saying what it must.

The assertions below name the events the gold has to contain (issue: seed gold) by their
meaning, not by id, so a re-annotation that keeps the decisions keeps the tests green.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from eventgold.schema import DocumentRecord, Event, EventClusterRecord, default_table
from eventgold.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "seeds" / "gold"
DOC_000 = "000_6672ba51e3dc3b7d"
DOC_001 = "001_49c6d8f7d69bca89"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _record(doc_id: str) -> DocumentRecord:
    lines = (GOLD / f"{doc_id}.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1, "one DocumentRecord per seed file"
    return DocumentRecord.model_validate_json(lines[0])


@pytest.fixture(scope="module")
def gold() -> dict[str, DocumentRecord]:
    return {doc_id: _record(doc_id) for doc_id in (DOC_000, DOC_001)}


@pytest.fixture(scope="module")
def clusters() -> list[EventClusterRecord]:
    lines = (GOLD / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    return [EventClusterRecord.model_validate_json(line) for line in lines]


def _events(record: DocumentRecord, event_type: str) -> Iterator[Event]:
    return (e for e in record.events if e.type == event_type)


def _arg(record: DocumentRecord, event: Event, role: str, field: str = "normalized") -> set[str]:
    mentions = record.mention_by_id()
    return {getattr(mentions[i], field) for i in event.arguments.get(role, ())}


def _source(record: DocumentRecord, event: Event) -> str | None:
    if event.attribution is None:
        return None
    return record.mention_by_id()[event.attribution].normalized


# --- validity and reproducibility -------------------------------------------------------


def test_gold_folder_validates() -> None:
    report = validate_paths([GOLD])
    assert report.ok, [p.to_dict() for p in report.problems]
    assert report.records == 2 + len((GOLD / "clusters.jsonl").read_text().splitlines())


def test_committed_files_equal_the_generator_output() -> None:
    build = _load(GOLD / "build_gold.py", "seed_gold_build")
    produced = build.build()
    assert set(produced) == {p.name for p in GOLD.glob("*.jsonl")}
    for name, content in produced.items():
        assert (GOLD / name).read_text(encoding="utf-8") == content, (
            f"{name} is stale: run .venv/bin/python seeds/gold/build_gold.py"
        )


def test_documents_are_the_seed_files_verbatim(gold: dict[str, DocumentRecord]) -> None:
    for doc_id, record in gold.items():
        raw = (ROOT / "seeds" / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert record.document.id == doc_id
        assert record.document.text == raw
    assert gold[DOC_000].document.published is None
    assert gold[DOC_001].document.published == "2024-10-30"


def test_records_are_hand_annotations(gold: dict[str, DocumentRecord]) -> None:
    for record in gold.values():
        assert record.annotation is not None and record.annotation.source == "hand"
        annotator = record.annotation.annotator
        for item in [*record.mentions, *record.events]:
            assert item.provenance is not None
            assert item.provenance.origin == "annotator"
            assert item.provenance.annotators == [annotator]


def test_every_event_type_and_type_attribute_value_in_use(
    gold: dict[str, DocumentRecord],
) -> None:
    table = default_table()
    events = [e for record in gold.values() for e in record.events]
    assert {e.type for e in events} == set(table.event_types)
    for record in gold.values():  # each document on its own has all five types
        assert {e.type for e in record.events} == set(table.event_types)


def test_every_event_has_all_common_attributes(gold: dict[str, DocumentRecord]) -> None:
    table = default_table()
    for record in gold.values():
        for event in record.events:
            assert set(table.common_attributes) <= set(event.attributes), event.id


def test_mentions_do_not_start_or_end_with_space_or_punctuation(
    gold: dict[str, DocumentRecord],
) -> None:
    for record in gold.values():
        for span in [*record.mentions, *(e.trigger for e in record.events)]:
            assert span.text == span.text.strip(), span
            assert span.text[0].isalnum(), span
            assert span.text[-1].isalnum() or span.text[-1] in ".)", span


# --- the events the issue requires ------------------------------------------------------


@pytest.mark.parametrize("doc_id", [DOC_000, DOC_001])
def test_pentagon_deployment_of_about_10000_troops(
    gold: dict[str, DocumentRecord], doc_id: str
) -> None:
    record = gold[doc_id]
    matches = [
        e for e in _events(record, "deployment") if _arg(record, e, "quantity") == {"~10000 troops"}
    ]
    assert len(matches) == 1
    event = matches[0]
    assert _arg(record, event, "destination") == {"RUS"}
    assert _arg(record, event, "deployer") == {"PRK"}
    assert event.attributes["modality"] == "reported"
    assert _source(record, event) == "United States Department of Defense"


@pytest.mark.parametrize(
    ("doc_id", "source"),
    [(DOC_000, "United States Department of Defense"), (DOC_001, "Pat Ryder")],
)
def test_small_number_of_troops_in_kursk(
    gold: dict[str, DocumentRecord], doc_id: str, source: str
) -> None:
    record = gold[doc_id]
    (event,) = [
        e for e in _events(record, "deployment") if _arg(record, e, "location") == {"RU-KRS"}
    ]
    assert _arg(record, event, "quantity", "text") & {
        "relatively small number",
        "comparatively small quantity",
    }
    assert event.attributes["status"] == "arrived"
    assert event.attributes["modality"] == "reported"
    assert _source(record, event) == source


@pytest.mark.parametrize("doc_id", [DOC_000, DOC_001])
def test_choe_talks_in_moscow_are_planned(gold: dict[str, DocumentRecord], doc_id: str) -> None:
    record = gold[doc_id]
    planned = [
        e
        for e in _events(record, "diplomatic_meeting")
        if "Choe Son Hui" in _arg(record, e, "participants")
        and _arg(record, e, "location") == {"RU-MOW"}
    ]
    assert planned
    assert all(e.attributes["modality"] == "planned" for e in planned)
    assert all(e.attributes["tense"] == "future" for e in planned)


@pytest.mark.parametrize("doc_id", [DOC_000, DOC_001])
def test_arms_transfer_stances(gold: dict[str, DocumentRecord], doc_id: str) -> None:
    record = gold[doc_id]
    by_stance: dict[str, list[Event]] = {}
    for event in _events(record, "arms_transfer_policy"):
        by_stance.setdefault(event.attributes["stance"], []).append(event)
    (shells,) = by_stance["accused_of_supplying"]
    assert _arg(record, shells, "supplier") == {"PRK"}
    assert _arg(record, shells, "recipient") == {"RUS"}
    assert "artillery shells" in _arg(record, shells, "item")
    assert shells.attributes["modality"] == "alleged"
    assert _source(record, shells) == "USA"
    (considering,) = by_stance["considering"]
    assert _arg(record, considering, "supplier") == {"KOR"}
    assert _arg(record, considering, "recipient") == {"UKR"}
    refusing = [e for e in by_stance["refusing"] if e.attributes["genericity"] == "specific"]
    assert len(refusing) == 1 and _arg(record, refusing[0], "recipient") == {"UKR"}
    technology = [e for e in by_stance["supplying"] if _arg(record, e, "supplier") == {"RUS"}]
    assert technology
    assert all(e.attributes["modality"] == "hypothetical" for e in technology)
    assert all("military technology" in _arg(record, e, "item") for e in technology)


@pytest.mark.parametrize("doc_id", [DOC_000, DOC_001])
def test_sanctions_and_un_actions(gold: dict[str, DocumentRecord], doc_id: str) -> None:
    record = gold[doc_id]
    actions = {(e.type, e.attributes["action"]) for e in record.events if "action" in e.attributes}
    assert ("sanction", "join") in actions
    assert ("sanction", "tighten") in actions
    assert ("un_action", "veto") in actions
    assert ("un_action", "extend_mandate") in actions
    assert ("un_action", "terminate_mandate") in actions
    (against,) = [
        e for e in _events(record, "sanction") if e.attributes["action"] in {"oppose", "block"}
    ]
    assert _arg(record, against, "imposer") == {"RUS", "CHN"}
    assert _arg(record, against, "target") == {"PRK"}
    (join,) = [e for e in _events(record, "sanction") if e.attributes["action"] == "join"]
    assert _arg(record, join, "imposer") == {"KOR"}
    assert _arg(record, join, "target") == {"RUS"}
    (veto,) = [e for e in _events(record, "un_action") if e.attributes["action"] == "veto"]
    assert _arg(record, veto, "actor") == {"RUS"}


def test_no_humanitarian_aid_event(gold: dict[str, DocumentRecord]) -> None:
    for record in gold.values():
        for event in _events(record, "arms_transfer_policy"):
            assert (
                "humanitarian"
                not in record.document.text[event.trigger.start - 5 : event.trigger.end + 20]
            )


# --- normalization ---------------------------------------------------------------------


def _normalized(record: DocumentRecord, surface: str, mention_type: str) -> set[str | None]:
    return {m.normalized for m in record.mentions if m.text == surface and m.type == mention_type}


def test_garbled_names_map_to_canonical_entities(gold: dict[str, DocumentRecord]) -> None:
    spun = gold[DOC_001]
    assert _normalized(spun, "Safety Council", "ORG") == {"UN Security Council"}
    assert _normalized(spun, "Main Normal Pat Ryder", "PERSON") == {"Pat Ryder"}
    assert _normalized(spun, "Overseas Minister Choe Son Hui", "PERSON") == {"Choe Son Hui"}
    assert _normalized(spun, "prime diplomat", "PERSON") == {"Choe Son Hui"}
    assert _normalized(spun, "tools", "WEAPON") == {"military equipment"}
    assert _normalized(spun, "expertise", "WEAPON") == {"military technology"}
    clean = gold[DOC_000]
    assert _normalized(clean, "Security Council", "ORG") == {"UN Security Council"}
    assert _normalized(clean, "Foreign Minister Choe Son Hui", "PERSON") == {"Choe Son Hui"}


def test_metonyms_and_places(gold: dict[str, DocumentRecord]) -> None:
    for record in gold.values():
        assert _normalized(record, "Pyongyang", "GPE") == {"PRK"}
        assert _normalized(record, "Seoul", "GPE") == {"KOR"}
        # Moscow is the Russian state as an agent, the city as a place of a meeting.
        assert _normalized(record, "Moscow", "GPE") == {"RUS", "RU-MOW"}
        assert _normalized(record, "Pentagon", "ORG") == {"United States Department of Defense"}
    assert _normalized(gold[DOC_000], "Kursk region", "GPE") == {"RU-KRS"}
    assert _normalized(gold[DOC_001], "Kursk area", "GPE") == {"RU-KRS"}
    assert _normalized(gold[DOC_001], "Kyiv", "GPE") == {"UKR"}


def test_dates_resolved_against_the_dateline(gold: dict[str, DocumentRecord]) -> None:
    dates = {m.text: m.normalized for m in gold[DOC_001].mentions if m.type == "DATE"}
    assert dates["final week"] == "2024-W43"  # the ISO week before 2024-W44 (Oct 30)
    assert dates["March"] == "2024-03"  # the most recent past March
    assert dates["Tuesday (October 29, 2024)"] == "2024-10-29"
    assert dates["Wednesday (October 30, 2024)"] == "2024-10-30"
    assert dates["2022"] == "2022"
    assert dates["following a number of weeks"] is None  # no fixed extent
    assert not [m for m in gold[DOC_000].mentions if m.type == "DATE"]


# --- clusters ----------------------------------------------------------------------------


def test_clusters_link_one_event_per_document_with_the_same_type(
    gold: dict[str, DocumentRecord], clusters: list[EventClusterRecord]
) -> None:
    events = {(doc_id, e.id): e for doc_id, record in gold.items() for e in record.events}
    assert len(clusters) >= 10
    seen: set[tuple[str, str]] = set()
    for item in clusters:
        assert [m.document for m in item.members] == [DOC_000, DOC_001]
        for member in item.members:
            key = (member.document, member.event)
            assert key not in seen
            seen.add(key)
            assert events[key].type == item.event_type
    clustered_types = {c.event_type for c in clusters}
    assert clustered_types == set(default_table().event_types)


def test_clustered_events_share_their_core_arguments(
    gold: dict[str, DocumentRecord], clusters: list[EventClusterRecord]
) -> None:
    core = {
        "deployment": "deployer",
        "arms_transfer_policy": "supplier",
        "sanction": "target",
        "un_action": "instrument",
        "diplomatic_meeting": "participants",
    }
    for item in clusters:
        values = []
        for member in item.members:
            record = gold[member.document]
            (event,) = [e for e in record.events if e.id == member.event]
            values.append(_arg(record, event, core[item.event_type]))
        assert (values[0] & values[1]) - {None}, (item.id, values)


# --- second pass, agreement and guidelines ----------------------------------------------

PASSES = ROOT / "seeds" / "passes"
GUIDELINES = ROOT / "docs" / "guidelines.md"


def test_second_pass_is_valid_and_reproducible() -> None:
    # One file at a time: two annotations of one document share its id (EG226 across files).
    for name in ("000_pass1.jsonl", "000_pass2.jsonl"):
        report = validate_paths([PASSES / name])
        assert report.ok, [p.to_dict() for p in report.problems]
    build = _load(PASSES / "build_pass2.py", "seed_gold_pass2")
    record, _ = build.annotate().build()
    expected = (PASSES / "000_pass2.jsonl").read_text(encoding="utf-8")
    assert expected == build.jsonl([record])
    assert record.annotation is not None
    first = DocumentRecord.model_validate_json((PASSES / "000_pass1.jsonl").read_text())
    assert first.annotation is not None
    assert record.annotation.annotator != first.annotation.annotator


def test_agreement_figures_in_the_guidelines_are_current() -> None:
    agreement = _load(PASSES / "agreement.py", "seed_gold_agreement")
    section = agreement.documented()
    assert section, "docs/guidelines.md has no generated agreement section"
    assert section == agreement.report()


def test_resolution_moved_the_gold_towards_the_second_pass() -> None:
    from eventgold.evaluate import compare_records

    second = DocumentRecord.model_validate_json((PASSES / "000_pass2.jsonl").read_text())
    first = DocumentRecord.model_validate_json((PASSES / "000_pass1.jsonl").read_text())
    resolved = _record(DOC_000)
    for kind in ("mentions", "arguments"):
        before = getattr(compare_records(first, second, "strict"), kind).total.f1
        after = getattr(compare_records(resolved, second, "strict"), kind).total.f1
        assert after > before, kind


def test_guidelines_carry_the_schema_version_and_the_gold_sizes(
    gold: dict[str, DocumentRecord],
) -> None:
    text = GUIDELINES.read_text(encoding="utf-8")
    table = default_table()
    assert f"**Written for schema `{table.name}` {table.version}**" in text
    for doc_id, record in gold.items():
        row = f"| `seeds/gold/{doc_id}.jsonl` | one `DocumentRecord`: "
        expected = f"{row}{len(record.mentions)} mentions, {len(record.events)} events |"
        assert expected in text
    clusters = len((GOLD / "clusters.jsonl").read_text().splitlines())
    assert f"| {clusters} `EventClusterRecord`s" in text


def test_validator_refuses_a_cluster_whose_members_differ_in_type(tmp_path: Path) -> None:
    for path in GOLD.glob("*.jsonl"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = (GOLD / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    first = EventClusterRecord.model_validate_json(lines[0])
    assert first.event_type == "deployment"
    # Point the second member at an event of another type in its document.
    spun = _record(DOC_001)
    clustered = {
        m.event
        for line in lines
        for m in EventClusterRecord.model_validate_json(line).members
        if m.document == DOC_001
    }
    other = next(e for e in spun.events if e.type != first.event_type and e.id not in clustered)
    members = [first.members[0], first.members[1].model_copy(update={"event": other.id})]
    broken = first.model_copy(update={"members": members})
    lines[0] = broken.model_dump_json(exclude_none=True)
    (tmp_path / "clusters.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate_paths([tmp_path])
    assert not report.ok
    assert set(report.codes) == {"EG222"}
