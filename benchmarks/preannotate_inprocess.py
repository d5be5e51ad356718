"""``Annotator.annotate_json`` in one warm process, beside tokenization of the same texts.

No start-up, no file I/O and a warm vocabulary: the steady state of a long run. Each round
times blank-English tokenization and the annotator on the same texts; the best of the rounds
is printed. Run it once per build, e.g.:

    .venv/bin/python benchmarks/preannotate_inprocess.py --mb 2
    PYTHONPATH=build/compiled .venv/bin/python benchmarks/preannotate_inprocess.py --mb 2
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import orjson
import spacy
from preannotate_bench import build_corpus

from eventgold.annotate import Annotator
from eventgold.annotate.build import build_name
from eventgold.annotate.inputs import input_files, read_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eg-inproc-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        mb = build_corpus(corpus, args.mb) / 1e6
        items = read_documents(input_files([str(corpus)]))
        docs = [item.document for item in items if item.document is not None]
    texts = [doc.text for doc in docs]
    annotator, tokenizer = Annotator(), spacy.blank("en").tokenizer
    for record in annotator.annotate_json(docs):  # warm up
        orjson.dumps(record)
    for _ in tokenizer.pipe(texts):
        pass
    best_tok = best_annotate = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        for _ in tokenizer.pipe(texts):
            pass
        best_tok = min(best_tok, time.process_time() - start)
        start = time.process_time()
        for record in annotator.annotate_json(docs):
            orjson.dumps(record)
        best_annotate = min(best_annotate, time.process_time() - start)
    print(
        f"{build_name()}: {mb:.1f} MB, tokenization {best_tok:.2f} s, annotate_json "
        f"{best_annotate:.2f} s ({mb / best_annotate:.2f} MB/s), ratio {best_tok / best_annotate:.3f}x"
    )


if __name__ == "__main__":
    main()
