"""Near-duplicate grouping and evaluation: speed against exact anchors, and grouping quality.

    .venv/bin/python benchmarks/gold_bench.py --docs 1000

Dedup: a synthetic news-like corpus of ``--docs`` distinct stories (300 words drawn from a
Zipf-like vocabulary, each story with its own names and numbers) plus one synonym-spun copy of
every tenth story (15% of the words replaced, a sentence dropped), mimicking the seed pair.
``near_duplicate_groups`` (MinHash + LSH, then the estimated-Jaccard check) is compared, in
the same run, with the anchor: exact word-bigram Jaccard over every pair of documents. Both
report the pairs at the default threshold; the MinHash pairs' recall and precision against the
exact pairs are printed.

Evaluate: ``evaluate_records`` over synthetic records (30 mentions, 10 events each) scored
against themselves with one event dropped, compared with the anchor of parsing the same
records into models (what any scorer must do first).
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from eventgold.evaluate import evaluate_records
from eventgold.gold.dedup import DEFAULT_THRESHOLD, near_duplicate_groups, shingles
from eventgold.schema import Document, DocumentRecord, new_document
from eventgold.testing import synthetic_record

COMMON = [
    "the",
    "of",
    "to",
    "and",
    "in",
    "a",
    "on",
    "that",
    "for",
    "with",
    "as",
    "by",
    "at",
    "said",
    "from",
    "has",
    "was",
    "will",
    "its",
    "is",
    "be",
    "an",
    "have",
    "officials",
    "minister",
    "government",
    "military",
    "forces",
    "troops",
    "talks",
    "sanctions",
    "security",
    "council",
    "president",
    "foreign",
    "defence",
    "ministry",
    "country",
    "region",
    "war",
    "support",
    "statement",
    "reports",
    "week",
    "month",
    "year",
    "called",
    "meeting",
    "agreement",
    "pressure",
    "border",
    "leaders",
    "western",
    "international",
]


def story(rng: random.Random, index: int, words: int = 300) -> str:
    names = [f"Name{index}x{k}" for k in range(12)]  # each story has its own actors
    numbers = [str(rng.randint(10, 99_999)) for _ in range(6)]
    out = []
    for i in range(words):
        roll = rng.random()
        if roll < 0.08:
            out.append(rng.choice(names))
        elif roll < 0.1:
            out.append(rng.choice(numbers))
        elif roll < 0.55:
            out.append(COMMON[min(int(rng.paretovariate(1.2)) - 1, len(COMMON) - 1)])
        else:
            out.append(f"w{rng.randint(0, 20_000)}")
        if i % 18 == 17:
            out[-1] += "."
    return " ".join(out)


def spin(rng: random.Random, text: str) -> str:
    sentences = text.split(". ")
    if len(sentences) > 3:
        del sentences[rng.randrange(len(sentences))]
    words = ". ".join(sentences).split()
    return " ".join(f"syn{rng.randint(0, 999)}" if rng.random() < 0.15 else w for w in words)


def corpus(n: int, seed: int = 7) -> tuple[list[Document], set[tuple[str, str]]]:
    rng = random.Random(seed)
    docs, planted = [], set()
    for i in range(n):
        text = story(rng, i)
        docs.append(new_document(f"s{i:05d}", text))
        if i % 10 == 0:
            docs.append(new_document(f"s{i:05d}-spun", spin(rng, text)))
            planted.add((f"s{i:05d}", f"s{i:05d}-spun"))
    return docs, planted


def exact_pairs(docs: list[Document], threshold: float) -> set[tuple[str, str]]:
    sets = [(d.id, shingles(d.text)) for d in docs]
    out = set()
    for (a, sa), (b, sb) in itertools.combinations(sets, 2):
        if len(sa & sb) >= threshold * len(sa | sb):
            out.add((min(a, b), max(a, b)))
    return out


def group_pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for a, b in itertools.combinations(sorted(g), 2)}


def bench_dedup(n: int) -> None:
    docs, planted = corpus(n)
    start = time.perf_counter()
    groups = near_duplicate_groups(docs)
    minhash_s = time.perf_counter() - start
    start = time.perf_counter()
    exact = exact_pairs(docs, DEFAULT_THRESHOLD)
    exact_s = time.perf_counter() - start
    found = group_pairs(groups)
    recall = len(found & exact) / len(exact) if exact else 1.0
    precision = len(found & exact) / len(found) if found else 1.0
    print(f"dedup: {len(docs)} documents, {len(planted)} planted near-duplicate pairs")
    print(f"  MinHash+LSH groups      {minhash_s:7.2f} s  ({len(docs) / minhash_s:8.0f} docs/s)")
    print(f"  exact all-pairs anchor  {exact_s:7.2f} s  ({len(docs) / exact_s:8.0f} docs/s)")
    print(f"  speed-up                {exact_s / minhash_s:7.1f}x")
    print(
        f"  pairs: exact {len(exact)}, MinHash {len(found)}, recall {recall:.3f}, "
        f"precision {precision:.3f}; planted found {len(found & planted)}/{len(planted)}"
    )


def bench_evaluate(n: int) -> None:
    raw = [synthetic_record(i) for i in range(n)]
    start = time.perf_counter()
    gold = [DocumentRecord.model_validate(r) for r in raw]
    parse_s = time.perf_counter() - start
    pred = [g.model_copy(update={"events": g.events[1:]}) for g in gold]
    start = time.perf_counter()
    evaluation = evaluate_records(gold, pred, "strict")
    strict_s = time.perf_counter() - start
    start = time.perf_counter()
    evaluate_records(gold, pred, "overlap")
    overlap_s = time.perf_counter() - start
    print(
        f"evaluate: {n} records (30 mentions, 10 events each); trigger recall "
        f"{evaluation.triggers.total.recall:.3f} (expected 0.900)"
    )
    print(f"  parse into models (anchor) {n / parse_s:8.0f} records/s")
    print(
        f"  evaluate strict            {n / strict_s:8.0f} records/s "
        f"({strict_s / parse_s:.2f}x the parse time)"
    )
    print(f"  evaluate overlap           {n / overlap_s:8.0f} records/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--records", type=int, default=1000)
    args = parser.parse_args()
    bench_dedup(args.docs)
    bench_evaluate(args.records)


if __name__ == "__main__":
    main()
