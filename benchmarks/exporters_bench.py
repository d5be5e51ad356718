"""Throughput of each exporter against its anchors, measured in one run.

    .venv/bin/python benchmarks/exporters_bench.py [--records 300]

Exports N synthetic valid records (about 3 KB of text, 30 mentions, 10 events each;
``eventgold.testing.synthetic_record``) with every registered exporter and reports documents/s
next to two anchors that bound what an exporter can do:

1. ``json.dumps`` of each record to one file: the floor of writing the records at all
   (anchor of the character formats: JSONL, Parquet, brat);
2. spaCy's blank English tokenizer + sentencizer over each text, then ``json.dumps`` of the
   record: the floor of the JSON token formats, which tokenize and write JSON (anchor of
   DyGIE++, OneIE, TextEE);
3. a ``DocBin`` of the bare tokenized texts (``make_doc`` + ``DocBin.add`` + ``to_bytes``):
   the floor of the spaCy export (anchor of spaCy DocBin).

Targets: JSONL >= 0.3x anchor 1; Parquet and brat >= 0.2x anchor 1; JSON token formats
>= 0.3x anchor 2; spaCy >= 0.3x anchor 3 (alignment, span groups, windows and writing cost at
most about twice the floor).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import DocBin

from eventgold.gold.exporters import EXPORTERS
from eventgold.gold.exporters.tokens import blank_english
from eventgold.schema import DocumentRecord, default_table
from eventgold.testing import synthetic_record

TARGETS = {
    "jsonl": ("json.dumps", 0.3),
    "parquet": ("json.dumps", 0.2),
    "brat": ("json.dumps", 0.2),
    "dygiepp": ("tokenize+dumps", 0.3),
    "oneie": ("tokenize+dumps", 0.3),
    "textee": ("tokenize+dumps", 0.3),
    "spacy": ("spaCy DocBin", 0.3),
}


def seconds(run: Callable[[], None], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs (the least disturbed by other processes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    args = parser.parse_args()
    table = default_table()
    records = [DocumentRecord.model_validate(synthetic_record(i)) for i in range(args.records)]
    splits = {r.document.id: ("train", "dev", "test")[i % 3] for i, r in enumerate(records)}
    n = len(records)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def dump_json() -> None:
            with (out / "anchor.jsonl").open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(
                        json.dumps(record.model_dump(mode="json", exclude_none=True)) + "\n"
                    )

        nlp = blank_english()

        def tokenize_and_dump() -> None:
            with (out / "anchor2.jsonl").open("w", encoding="utf-8") as handle:
                for record in records:
                    nlp(record.document.text)
                    handle.write(
                        json.dumps(record.model_dump(mode="json", exclude_none=True)) + "\n"
                    )

        def docbin() -> None:
            doc_bin = DocBin(store_user_data=True)
            for record in records:
                doc_bin.add(nlp.make_doc(record.document.text))
            (out / "anchor.spacy").write_bytes(doc_bin.to_bytes())

        anchors = {
            "json.dumps": n / seconds(dump_json),
            "tokenize+dumps": n / seconds(tokenize_and_dump),
            "spaCy DocBin": n / seconds(docbin),
        }
        print(f"{n} documents")
        for name, rate in anchors.items():
            print(f"  anchor {name:<16} {rate:9.0f} docs/s")
        failed = []
        for name, exporter in EXPORTERS.items():
            rate = n / seconds(lambda e=exporter, k=name: e(records, splits, table, out / k))  # type: ignore[misc]
            anchor_name, target = TARGETS[name]
            ratio = rate / anchors[anchor_name]
            ok = ratio >= target
            failed += [] if ok else [name]
            print(
                f"  {name:<23} {rate:9.0f} docs/s  {ratio:5.2f}x {anchor_name} (target >= {target}x) {'ok' if ok else 'MISSED'}"
            )
    if failed:
        raise SystemExit(f"targets missed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
