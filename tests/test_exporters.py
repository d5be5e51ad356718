"""Exporters: each format loads with its consumer's tooling and converts back to the records.

The records exercise what breaks converters: emoji (non-BMP, multi-token), CRLF line ends,
combining marks, a span inside a token, a multi-token trigger, a repeated role, an event
whose arguments sit in another sentence, and documents in all three splits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from eventgold.errors import DataError
from eventgold.gold.exporters import EXPORTERS, annotation_conf, export_to
from eventgold.gold.exporters.brat import brat_text, cardinality, file_stem, parse_ann
from eventgold.gold.exporters.parquet import SCHEMA, record_from_row
from eventgold.gold.exporters.spacy_docbin import record_from_doc
from eventgold.gold.exporters.tokens import Tokenized
from eventgold.schema import DocumentRecord, Role, SchemaTable, default_table, load_extension
from eventgold.testing import RecordBuilder
from eventgold.validate import validate_paths

TABLE = default_table()


def _deployment() -> DocumentRecord:
    text = (
        "North Korea sent about 10,000 troops to Russia 🇷🇺 last week, officials said.\r\n"
        "The Pentagon said the deploy\u0301ment is under way.\r\n\r\n"
        "Kursk 👋🏽 region."
    )
    b = RecordBuilder(text, "doc-b/deploy", published="2024-10-30")
    nk = b.mention("North Korea", "GPE", normalized="PRK")
    troops = b.mention("troop", "MILITARY_UNIT")  # inside the token "troops"
    qty = b.mention("about 10,000", "QUANTITY", normalized="~10000 troops")
    ru = b.mention("Russia", "GPE", normalized="RUS")
    week = b.mention("last week", "DATE", normalized="2024-W43")
    pentagon = b.mention("Pentagon", "ORG", normalized="United States Department of Defense")
    kursk = b.mention("Kursk", "LOC", normalized="RU-KRS")
    b.event(
        "deployment",
        "sent",
        {
            "deployer": [nk],
            "deployed": [troops],
            "quantity": [qty],
            "destination": [ru],
            "time": [week],
        },
        attribution=pentagon,
        modality="reported",
        tense="past",
        status="under_way",
    )
    # arguments in the previous and the next paragraph: windows must merge
    b.event(
        "deployment",
        "deploy\u0301ment",
        {"deployer": [nk], "location": [kursk]},
        status="under_way",
    )
    return b.build()


def _meeting() -> DocumentRecord:
    text = "Choe Son Hui and Sergei Lavrov held talks in Moscow on Friday. Ça va 😀."
    b = RecordBuilder(text, "doc-a", published="2024-11-01")
    choe = b.mention("Choe Son Hui", "PERSON", normalized="Choe Son Hui")
    lavrov = b.mention("Sergei Lavrov", "PERSON", normalized="Sergei Lavrov")
    moscow = b.mention("Moscow", "GPE", normalized="RUS")
    friday = b.mention("Friday", "DATE", normalized="2024-11-01")
    b.event(
        "diplomatic_meeting",
        "held talks",  # two tokens
        {"participants": [choe, lavrov], "location": [moscow], "time": [friday]},
        format="bilateral",
        tense="past",
    )
    return b.build()


def _sanction() -> DocumentRecord:
    b = RecordBuilder("Russia vetoed the resolution on sanctions.", "doc-c")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    resolution = b.mention("resolution", "LEGAL_INSTRUMENT")
    b.event("un_action", "vetoed", {"actor": [russia], "instrument": [resolution]}, action="veto")
    return b.build()


RECORDS = [_deployment(), _meeting(), _sanction()]
SPLITS = {"doc-b/deploy": "train", "doc-a": "train", "doc-c": "test"}
BY_ID = {r.document.id: r for r in RECORDS}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    for name, exporter in EXPORTERS.items():
        exporter(RECORDS, SPLITS, TABLE, out / name)
    return out


def _words(text: str) -> list[tuple[str, int, int]]:
    """What a consumer gets by re-tokenizing with spaCy's blank English tokenizer."""
    doc = spacy.blank("en").make_doc(text)
    return [(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def _covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


# --- canonical JSONL -------------------------------------------------------------------


def test_jsonl_is_the_records_and_validates(exported: Path) -> None:
    folder = exported / "jsonl"
    assert sorted(p.name for p in folder.iterdir()) == ["test.jsonl", "train.jsonl"]
    lines = (folder / "train.jsonl").read_text(encoding="utf-8").splitlines()
    back = [DocumentRecord.model_validate_json(line) for line in lines]
    assert [r.document.id for r in back] == ["doc-a", "doc-b/deploy"]  # sorted
    assert back == [BY_ID["doc-a"], BY_ID["doc-b/deploy"]]
    report = validate_paths([folder])
    assert report.ok, [str(p) for p in report.problems]


def test_jsonl_writes_clusters_sorted(tmp_path: Path) -> None:
    from eventgold.schema import ClusterMember, EventClusterRecord

    cluster = EventClusterRecord(
        schema_name=TABLE.name,
        schema_version=TABLE.version,
        id="c1",
        event_type="deployment",
        members=[
            ClusterMember(document="doc-b/deploy", event="e1"),
            ClusterMember(document="doc-a", event="e1"),
        ],
    )
    result = EXPORTERS["jsonl"](RECORDS, SPLITS, TABLE, tmp_path, [cluster])
    assert "clusters.jsonl" in result.files
    line = (tmp_path / "clusters.jsonl").read_text(encoding="utf-8")
    assert EventClusterRecord.model_validate_json(line) == cluster


# --- Parquet / datasets ----------------------------------------------------------------


def test_parquet_loads_with_datasets_and_rebuilds_records(exported: Path, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    folder = exported / "parquet"
    data = datasets.load_dataset(
        "parquet",
        data_files={"train": str(folder / "train.parquet"), "test": str(folder / "test.parquet")},
        cache_dir=str(tmp_path / "hf"),
    )
    assert data["train"].column_names == SCHEMA.names
    assert data["train"].num_rows == 2 and data["test"].num_rows == 1
    rebuilt = [record_from_row(row) for split in ("train", "test") for row in data[split]]
    assert {r.document.id: r for r in rebuilt} == BY_ID
    row = data["train"][1]
    assert row["entities"][0]["offsets"] == [[0, 11]]  # BigBio: [[start, end)] in code points
    assert row["entities"][0]["normalized"] == [{"db_name": "place", "db_id": "PRK"}]


# --- spaCy DocBin ----------------------------------------------------------------------


def test_spacy_docbin_spans_and_roles(exported: Path) -> None:
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(exported / "spacy" / "train.spacy").get_docs(nlp.vocab))
    ids = [json.loads(d.user_data["eventgold"])["document"]["id"] for d in docs]
    assert ids == ["doc-a", "doc-b/deploy"]
    for doc, doc_id in zip(docs, ids, strict=True):
        record = BY_ID[doc_id]
        assert doc.text == record.document.text
        assert record_from_doc(doc) == record
        by_id = {m.id: m for m in record.mentions}
        for span in doc.spans["mentions"]:
            mention = by_id[span.id_]
            assert span.label_ == mention.type
            assert span.kb_id_ == (mention.normalized or "")
            assert _covers((span.start_char, span.end_char), (mention.start, mention.end))
            if mention.text != "troop":
                assert (span.start_char, span.end_char) == (mention.start, mention.end)
        triggers = {s.id_: s for s in doc.spans["triggers"]}
        assert {(e.id, e.type, e.trigger.start, e.trigger.end) for e in record.events} == {
            (i, s.label_, s.start_char, s.end_char) for i, s in triggers.items()
        }
        expected = {
            (e.id, role, mid)
            for e in record.events
            for role, ids in e.arguments.items()
            for mid in ids
        }
        assert {(s.id_, s.label_, s.kb_id_) for s in doc.spans["arguments"]} == expected


def test_spacy_span_inside_a_token_is_expanded_and_reported(tmp_path: Path) -> None:
    result = EXPORTERS["spacy"](RECORDS, SPLITS, TABLE, tmp_path)
    expanded = [n for n in result.report.notes if n.code == "EG654"]
    assert [(n.document, n.path) for n in expanded] == [("doc-b/deploy", "$.mentions[1]")]
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("en").vocab))
    troop = next(s for s in docs[1].spans["mentions"] if s.id_ == "m2")
    assert troop.text == "troops"


# --- DyGIE++ ---------------------------------------------------------------------------


def _dygiepp_docs(exported: Path) -> list[dict[str, object]]:
    lines = (exported / "dygiepp" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_dygiepp_document_tokens_inclusive_ends_round_trip(exported: Path) -> None:
    for doc in _dygiepp_docs(exported):
        assert set(doc) == {"doc_key", "dataset", "sentences", "ner", "relations", "events"}
        record = BY_ID[str(doc["doc_key"])]
        words = _words(record.document.text)
        sentences = doc["sentences"]
        assert isinstance(sentences, list)
        assert [w for s in sentences for w in s] == [w[0] for w in words]
        assert len(doc["ner"]) == len(sentences) == len(doc["events"]) == len(doc["relations"])  # type: ignore[arg-type]
        spans = {
            (words[s][1], words[e][2], label)  # inclusive end -> the last token's end
            for sentence in doc["ner"]  # type: ignore[attr-defined]
            for s, e, label in sentence
        }
        for mention in record.mentions:
            match = [
                sp
                for sp in spans
                if sp[2] == mention.type and _covers(sp[:2], (mention.start, mention.end))
            ]
            assert match, mention
            if mention.text != "troop":
                assert (mention.start, mention.end, mention.type) in spans
        got_events = set()
        for k, sentence_events in enumerate(doc["events"]):  # type: ignore[arg-type]
            for (trigger, etype), *args in sentence_events:
                first = sum(len(s) for s in sentences[:k])
                assert first <= trigger < first + len(sentences[k])  # trigger in its sentence
                for s, e, _ in args:  # arguments in the trigger's sentence
                    assert first <= s <= e < first + len(sentences[k])
                roles = tuple(sorted((role, words[s][1], words[e][2]) for s, e, role in args))
                got_events.add((etype, words[trigger][1], roles))
        by_mention = {m.id: m for m in record.mentions}
        expected = set()
        for event in record.events:
            roles = []
            for role, ids in event.arguments.items():
                for mid in ids:
                    m = by_mention[mid]
                    start, end = (m.start, m.end) if m.text != "troop" else (m.start, m.end + 1)
                    roles.append((role, start, end))
            expected.add((event.type, event.trigger.start, tuple(sorted(roles))))
        assert got_events == expected


def test_dygiepp_reports_multi_token_trigger_and_merged_sentences(tmp_path: Path) -> None:
    result = EXPORTERS["dygiepp"](RECORDS, SPLITS, TABLE, tmp_path)
    codes = result.report.notes_by_code()
    assert codes["EG657"] == 1  # "held talks"
    assert codes["EG656"] >= 2  # both deployment events reach into other sentences
    doc = next(
        d
        for d in map(json.loads, (tmp_path / "train.jsonl").open())
        if d["doc_key"] == "doc-b/deploy"
    )
    assert len(doc["sentences"]) == 1  # all three paragraphs joined by the events


# --- OneIE and TextEE ------------------------------------------------------------------


def _instances(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("fmt", "file", "id_key", "text_key"),
    [
        ("oneie", "train.oneie.json", "sent_id", "sentence"),
        ("textee", "train.json", "wnd_id", "text"),
    ],
)
def test_window_formats_reference_entities_in_the_window(
    exported: Path, fmt: str, file: str, id_key: str, text_key: str
) -> None:
    instances = _instances(exported / fmt / file)
    assert [i[id_key] for i in instances] == sorted(
        {str(i[id_key]) for i in instances}, key=[i[id_key] for i in instances].index
    )
    for doc_id in ("doc-a", "doc-b/deploy"):
        record = BY_ID[doc_id]
        windows = [i for i in instances if i["doc_id"] == doc_id]
        words = _words(record.document.text)
        assert [w for i in windows for w in i["tokens"]] == [w[0] for w in words]  # type: ignore[attr-defined]
        offset = 0
        got_mentions = set()
        got_args = set()
        for window in windows:
            tokens = window["tokens"]
            assert isinstance(tokens, list)
            ww = words[offset : offset + len(tokens)]
            assert window[text_key] == record.document.text[ww[0][1] : ww[-1][2]]
            entities = {e["id"]: e for e in window["entity_mentions"]}  # type: ignore[attr-defined]
            for e in entities.values():
                start, end = ww[e["start"]][1], ww[e["end"] - 1][2]  # end-exclusive tokens
                assert e["text"] == record.document.text[start:end]
                got_mentions.add((e["id"].split(":", 1)[1], start, end))
            for ev in window["event_mentions"]:  # type: ignore[attr-defined]
                t = ev["trigger"]
                assert t["text"] == record.document.text[ww[t["start"]][1] : ww[t["end"] - 1][2]]
                for arg in ev["arguments"]:
                    assert arg["entity_id"] in entities  # never outside the window
                    got_args.add(
                        (ev["id"].split(":", 1)[1], arg["role"], arg["entity_id"].split(":", 1)[1])
                    )
                if ev["attribution"] is not None:
                    assert ev["attribution"] in entities
            offset += len(tokens)
        expected = {
            (m.id, m.start, m.end + (1 if m.text == "troop" else 0)) for m in record.mentions
        }
        assert got_mentions == expected
        assert got_args == {
            (e.id, role, mid)
            for e in record.events
            for role, ids in e.arguments.items()
            for mid in ids
        }


def test_textee_field_names(exported: Path) -> None:
    instance = _instances(exported / "textee" / "train.json")[0]
    assert list(instance) == [
        "doc_id",
        "wnd_id",
        "text",
        "lang",
        "tokens",
        "entity_mentions",
        "event_mentions",
        "relation_mentions",
    ]
    event = next(i for i in _instances(exported / "textee" / "train.json") if i["event_mentions"])[
        "event_mentions"
    ][0]  # type: ignore[index]
    assert {"id", "event_type", "trigger", "arguments"} <= set(event)
    assert set(event["arguments"][0]) == {"entity_id", "role", "text", "start", "end"}


def test_oneie_field_names(exported: Path) -> None:
    instance = _instances(exported / "oneie" / "train.oneie.json")[0]
    assert {
        "doc_id",
        "sent_id",
        "tokens",
        "sentence",
        "entity_mentions",
        "relation_mentions",
        "event_mentions",
    } <= set(instance)
    entity = instance["entity_mentions"][0]  # type: ignore[index]
    assert {"id", "text", "entity_type", "mention_type", "start", "end"} <= set(entity)


# --- brat ------------------------------------------------------------------------------


def test_brat_text_is_utf8_lf_no_bom_and_offsets_follow(exported: Path) -> None:
    folder = exported / "brat" / "train"
    for record in (BY_ID["doc-a"], BY_ID["doc-b/deploy"]):
        stem = file_stem(record.document.id)
        raw = (folder / f"{stem}.txt").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        text = raw.decode("utf-8")
        ann = parse_ann((folder / f"{stem}.ann").read_text(encoding="utf-8"), set(TABLE.role_names))
        _, offsets = brat_text(record.document.text)
        back = {new: old for old, new in reversed(list(enumerate(offsets)))}  # .txt -> record
        for entity in ann.entities.values():
            assert entity.text == " ".join(text[s:e] for s, e in entity.fragments)
        mentions = {
            (back[e.start], back[e.end], e.type)
            for e in ann.entities.values()
            if e.type in TABLE.mention_types
        }
        assert mentions == {(m.start, m.end, m.type) for m in record.mentions}
        by_span = {(m.start, m.end, m.type): m for m in record.mentions}
        tid_mention = {
            tid: by_span[(back[e.start], back[e.end], e.type)].id
            for tid, e in ann.entities.items()
            if e.type in TABLE.mention_types
        }
        got = set()
        for eid, event in ann.events.items():
            trigger = ann.entities[event.trigger]
            args = tuple(sorted((role, tid_mention[t]) for role, t in event.arguments))
            got.add(
                (
                    event.type,
                    back[trigger.start],
                    back[trigger.end],
                    args,
                    tuple(sorted(ann.attributes[eid].items())),
                )
            )
        expected = {
            (
                e.type,
                e.trigger.start,
                e.trigger.end,
                tuple(sorted((role, mid) for role, ids in e.arguments.items() for mid in ids)),
                tuple(sorted(e.attributes.items())),
            )
            for e in record.events
        }
        assert got == expected
        normalized = {tid_mention[t]: value for t, (_, value) in ann.normalizations.items()}
        assert normalized == {m.id: m.normalized for m in record.mentions if m.normalized}
        attribution = {(r[1], tid_mention[r[2]]) for r in ann.relations if r[0] == "attributed_to"}
        assert len(attribution) == sum(1 for e in record.events if e.attribution)


def test_brat_repeated_role_gets_numeric_suffix(exported: Path) -> None:
    ann = (exported / "brat" / "train" / "doc-a.ann").read_text(encoding="utf-8")
    event_line = next(line for line in ann.splitlines() if line.startswith("E1\t"))
    assert " participants:T" in event_line and " participants2:T" in event_line


def test_brat_loads_with_pybrat(exported: Path) -> None:
    pybrat = pytest.importorskip("pybrat.parser")
    examples = pybrat.BratParser(error="raise").parse(exported / "brat")
    assert sorted(str(e.id).split("/")[-1] for e in examples) == sorted(file_stem(i) for i in BY_ID)
    by_name = {Path(str(e.id)).name: e for e in examples}
    record = BY_ID["doc-b/deploy"]
    example = by_name[file_stem(record.document.id)]
    assert len(example.events) == len(record.events)
    pentagon = next(e for e in example.entities if e.type == "ORG")
    assert example.text[pentagon.start : pentagon.end] == "Pentagon"
    assert [(r.rid, r.eid) for r in pentagon.references] == [
        ("name", "United%20States%20Department%20of%20Defense")
    ]


def test_annotation_conf_cardinality_markers() -> None:
    assert cardinality(Role("r", ("GPE",), 0, 1)) == "?"
    assert cardinality(Role("r", ("GPE",), 0, None)) == "*"
    assert cardinality(Role("r", ("GPE",), 1, 1)) == ""
    assert cardinality(Role("r", ("GPE",), 1, None)) == "+"
    assert cardinality(Role("r", ("GPE",), 2, 4)) == "{2-4}"
    assert cardinality(Role("r", ("GPE",), 2, 2)) == "{2}"
    conf = annotation_conf(TABLE)
    assert "deployment\tdeployer?:GPE|ORG|PERSON, deployed*:MILITARY_UNIT," in conf
    assert (
        "modality\tArg:<EVENT>, Value:asserted|reported|alleged|planned|hypothetical|requested"
        in conf
    )
    sections = [line for line in conf.splitlines() if line.startswith("[")]
    assert sections == ["[entities]", "[relations]", "[events]", "[attributes]"]


def test_annotation_conf_follows_a_schema_extension(tmp_path: Path) -> None:
    ext = tmp_path / "ext.yaml"
    ext.write_text(
        "name: eventgold-cyber\nversion: 1.0.0\n"
        "extends: {name: eventgold, version: 1.0.0}\n"
        "mention_types:\n  MALWARE: {normalization: name}\n"
        "event_types:\n  cyber_attack:\n    roles:\n"
        "      attacker: {types: [GPE, ORG], min: 1, max: 1}\n"
        "      victims: {types: [ORG, GPE], min: 2, max: 5}\n"
        "      tool: {types: [MALWARE], min: 1}\n"
        "    attributes:\n      vector: {values: [phishing, supply_chain]}\n"
        "extend_event_types:\n  sanction:\n    attribute_values: {action: [suspend]}\n",
        encoding="utf-8",
    )
    table: SchemaTable = load_extension(ext)
    conf = annotation_conf(table)
    assert "\nMALWARE\n" in conf
    assert "cyber_attack\tattacker:GPE|ORG, victims{2-5}:ORG|GPE, tool+:MALWARE\n" in conf
    assert "vector\tArg:cyber_attack, Value:phishing|supply_chain\n" in conf
    assert "|suspend|" in conf or "suspend\n" in conf
    assert (
        "Arg1:deployment|diplomatic_meeting|sanction|un_action|arms_transfer_policy|cyber_attack"
        in conf
    )


def test_brat_text_normalizes_line_ends_and_bom() -> None:
    text, offsets = brat_text("\ufeffa\r\nb\rc")
    assert text == "a\nb\nc"
    assert offsets == [0, 0, 1, 1, 2, 3, 4, 5]


# --- every format ----------------------------------------------------------------------


def test_rebuild_is_byte_identical(exported: Path, tmp_path: Path) -> None:
    for name, exporter in EXPORTERS.items():
        # a different input order must not change a byte
        result = exporter(list(reversed(RECORDS)), SPLITS, TABLE, tmp_path / name)
        for rel in result.files:
            assert (tmp_path / name / rel).read_bytes() == (exported / name / rel).read_bytes(), (
                name,
                rel,
            )
        assert sorted(result.files) == sorted(
            p.relative_to(exported / name).as_posix()
            for p in (exported / name).rglob("*")
            if p.is_file()
        )


def test_split_files_name_each_split(exported: Path, tmp_path: Path) -> None:
    result = EXPORTERS["parquet"](RECORDS, SPLITS, TABLE, tmp_path)
    assert dict(result.split_files) == {"train": ("train.parquet",), "test": ("test.parquet",)}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_bad_splits_are_data_errors(name: str, tmp_path: Path) -> None:
    with pytest.raises(DataError) as missing:
        EXPORTERS[name](RECORDS, {"doc-a": "train"}, TABLE, tmp_path / "a")
    assert {p.code for p in missing.value.problems} == {"EG650"}
    with pytest.raises(DataError) as unknown:
        EXPORTERS[name](RECORDS, {**SPLITS, "doc-a": "validation"}, TABLE, tmp_path / "b")
    assert [p.code for p in unknown.value.problems] == ["EG651"]
    with pytest.raises(DataError) as twice:
        EXPORTERS[name]([*RECORDS, RECORDS[0]], SPLITS, TABLE, tmp_path / "c")
    assert [p.code for p in twice.value.problems] == ["EG652"]


def test_export_to_leaves_previous_output_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "dygiepp"
    export_to("dygiepp", RECORDS, SPLITS, TABLE, out)
    before = (out / "train.jsonl").read_bytes()
    with pytest.raises(DataError):
        export_to("dygiepp", RECORDS[:1], {}, TABLE, out)
    assert (out / "train.jsonl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dygiepp"]


def test_tokenized_maps_spans_robustly() -> None:
    tokens = Tokenized("Kim's  visit\u00a0to 🇷🇺 ended.\n\nNext")
    assert [w.text for w in tokens.words] == [
        "Kim",
        "'s",
        "visit",
        "to",
        "🇷",
        "🇺",
        "ended",
        ".",
        "Next",
    ]
    assert tokens.sentence_count == 2  # the blank line starts a sentence
    inside = tokens.span(1, 3)  # "im" inside "Kim"
    assert inside is not None and (inside.first, inside.last, inside.exact) == (0, 0, False)
    assert tokens.span(5, 7) is None  # the two spaces between "'s" and "visit"
    flag = tokens.span(16, 18)
    assert flag is not None and (flag.first, flag.last, flag.exact) == (4, 5, True)
