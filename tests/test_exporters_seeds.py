"""Every exporter on the hand-made seed gold: loads back and agrees with the records."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import spacy
from spacy.tokens import DocBin

from eventgold.gold.exporters import EXPORTERS, ExportResult
from eventgold.gold.exporters.brat import brat_text, file_stem, parse_ann
from eventgold.gold.exporters.parquet import record_from_row
from eventgold.gold.exporters.spacy_docbin import record_from_doc
from eventgold.gold.exporters.tokens import Tokenized
from eventgold.schema import DocumentRecord, EventClusterRecord, default_table

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "seeds" / "gold"
TABLE = default_table()


def _seed_gold() -> tuple[list[DocumentRecord], list[EventClusterRecord]]:
    records: list[DocumentRecord] = []
    clusters: list[EventClusterRecord] = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("kind") == "event_cluster":
                clusters.append(EventClusterRecord.model_validate(obj))
            else:
                records.append(DocumentRecord.model_validate(obj))
    return records, clusters


@pytest.fixture(scope="module")
def seeds(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[DocumentRecord], Path, dict[str, ExportResult]]:
    records, clusters = _seed_gold()
    if not records:
        pytest.skip("seeds/gold/ holds no document records yet")
    splits = {r.document.id: "train" for r in records}
    out = tmp_path_factory.mktemp("seed-exports")
    results = {
        name: exporter(records, splits, TABLE, out / name, clusters)
        for name, exporter in EXPORTERS.items()
    }
    return records, out, results


def test_seed_exports_lose_no_reference(
    seeds: tuple[list[DocumentRecord], Path, dict[str, ExportResult]],
) -> None:
    records, _, results = seeds
    for name, result in results.items():
        assert "EG659" not in result.report.notes_by_code(), name
        assert result.report.counts["documents"] == len(records)


def test_seed_parquet_and_docbin_rebuild_records(
    seeds: tuple[list[DocumentRecord], Path, dict[str, ExportResult]],
) -> None:
    records, out, _ = seeds
    by_id = {r.document.id: r for r in records}
    rows = pq.read_table(out / "parquet" / "train.parquet").to_pylist()
    assert {row["id"]: record_from_row(row) for row in rows} == by_id
    docs = DocBin().from_disk(out / "spacy" / "train.spacy").get_docs(spacy.blank("en").vocab)
    assert {r.document.id: r for r in map(record_from_doc, docs)} == by_id


def test_seed_token_formats_cover_every_mention(
    seeds: tuple[list[DocumentRecord], Path, dict[str, ExportResult]],
) -> None:
    records, out, _ = seeds
    dygie = {
        d["doc_key"]: d
        for d in map(
            json.loads, (out / "dygiepp" / "train.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    textee = [
        json.loads(line)
        for line in (out / "textee" / "train.json").read_text(encoding="utf-8").splitlines()
    ]
    for record in records:
        tokens = Tokenized(record.document.text)
        words = tokens.words
        doc = dygie[record.document.id]
        assert [w for s in doc["sentences"] for w in s] == [w.text for w in words]
        ner = {(words[s].start, words[e].end, t) for sentence in doc["ner"] for s, e, t in sentence}
        for mention in record.mentions:
            span = tokens.span(mention.start, mention.end)
            assert span is not None
            expected = (words[span.first].start, words[span.last].end, mention.type)
            assert expected in ner
            if span.exact:
                assert expected == (mention.start, mention.end, mention.type)
        assert sum(len(s) for s in doc["events"]) == len(record.events)
        windows = [w for w in textee if w["doc_id"] == record.document.id]
        assert sum(len(w["event_mentions"]) for w in windows) == len(record.events)
        for window in windows:
            ids = {e["id"] for e in window["entity_mentions"]}
            for event in window["event_mentions"]:
                assert all(a["entity_id"] in ids for a in event["arguments"])


def test_seed_brat_offsets_point_at_the_mentions(
    seeds: tuple[list[DocumentRecord], Path, dict[str, ExportResult]],
) -> None:
    records, out, _ = seeds
    for record in records:
        stem = out / "brat" / "train" / file_stem(record.document.id)
        text = Path(f"{stem}.txt").read_text(encoding="utf-8", errors="strict")
        assert text == brat_text(record.document.text)[0]
        ann = parse_ann(Path(f"{stem}.ann").read_text(encoding="utf-8"), set(TABLE.role_names))
        _, offsets = brat_text(record.document.text)
        written = {
            (e.start, e.end, e.type) for e in ann.entities.values() if e.type in TABLE.mention_types
        }
        assert written == {(offsets[m.start], offsets[m.end], m.type) for m in record.mentions}
        assert len(ann.events) == len(record.events)
