"""Cross-document linking: quality on the two test sets, speed and blocking on a larger corpus.

    .venv/bin/python benchmarks/linking_bench.py --copies 40

Quality: CoNLL F1 (with and without singletons) of ``gold link`` output against the seed gold
clusters, the linking test set (tests/data/linking/, used to choose the weights) and the
held-out set (tests/data/linking_heldout/, written afterwards).

Scale: the linking test set copied ``--copies`` times, each copy's publication and event dates
shifted by 90 days (so copies are different stories) and its document ids suffixed. Linking
with candidate-pair blocking (shared normalized values, document-date window) is compared, in
the same run, with the anchor: scoring every event pair of every document pair. Clusters must
stay inside one copy: the replicated gold gives the expected clusters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import time
from pathlib import Path

from eventgold.evaluate.coref import evaluate_event_clusters
from eventgold.gold.dedup import near_duplicate_groups
from eventgold.gold.io import read_inputs
from eventgold.gold.link import LinkConfig, event_views, link_documents, score_event_pair
from eventgold.schema import (
    ClusterMember,
    DocumentRecord,
    EventClusterRecord,
    default_table,
    new_document,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "seeds/gold/000_6672ba51e3dc3b7d.jsonl",
    ROOT / "seeds/gold/001_49c6d8f7d69bca89.jsonl",
]
SEED_CLUSTERS = ROOT / "seeds/gold/clusters.jsonl"
LINKING = ROOT / "tests/data/linking"
HELDOUT = ROOT / "tests/data/linking_heldout"


def quality(label: str, documents: list[DocumentRecord], gold: list[EventClusterRecord]) -> None:
    result = link_documents(documents, near_duplicates=near_duplicate_groups)
    ev = evaluate_event_clusters(documents, gold, result.clusters)
    w, wo = ev.with_singletons, ev.without_singletons
    print(
        f"{label:<14} {ev.events:>4} events {ev.gold_clusters:>3} gold / "
        f"{ev.predicted_clusters:>3} predicted clusters | with singletons: MUC {w.muc.f1:.3f} "
        f"B3 {w.b_cubed.f1:.3f} CEAF-e {w.ceaf_e.f1:.3f} CoNLL {w.conll_f1:.3f} | "
        f"without: CoNLL {wo.conll_f1:.3f}"
    )


def _shift(value: str, days: int) -> str:
    """Move an ISO date, month, week, year or interval by about ``days`` (same granularity)."""
    if "/" in value:
        return "/".join(_shift(part, days) for part in value.split("/"))
    delta = dt.timedelta(days=days)
    if len(value) == 10:
        return (dt.date.fromisoformat(value) + delta).isoformat()
    if "-W" in value:
        year, week, _ = (
            dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1) + delta
        ).isocalendar()
        return f"{year}-W{week:02d}"
    if len(value) == 7:
        return (dt.date(int(value[:4]), int(value[5:]), 15) + delta).strftime("%Y-%m")
    return str(int(value) + round(days / 365.25))


def copy_set(
    documents: list[DocumentRecord], gold: list[EventClusterRecord], copies: int
) -> tuple[list[DocumentRecord], list[EventClusterRecord]]:
    out_docs, out_gold = [], []
    for k in range(copies):
        days = 90 * k
        for record in documents:
            doc = record.document
            published = _shift(doc.published, days) if doc.published else None
            mentions = [
                m.model_copy(update={"normalized": _shift(m.normalized, days)})
                if k and m.type == "DATE" and m.normalized
                else m
                for m in record.mentions
            ]
            out_docs.append(
                record.model_copy(
                    update={
                        "document": new_document(f"{doc.id}-{k}", doc.text, published=published),
                        "mentions": mentions,
                    }
                )
            )
        for cluster in gold:
            members = [
                ClusterMember(document=f"{m.document}-{k}", event=m.event) for m in cluster.members
            ]
            out_gold.append(
                cluster.model_copy(update={"id": f"{cluster.id}-{k}", "members": members})
            )
    return out_docs, out_gold


def all_pairs(documents: list[DocumentRecord], config: LinkConfig) -> tuple[int, int]:
    """The anchor: score every event pair of every document pair (no blocking)."""
    table = default_table()
    views = [event_views(r, table) for r in documents]
    pairs = links = 0
    for va, vb in itertools.combinations(views, 2):
        pairs += 1
        for a, b in itertools.product(va, vb):
            link = score_event_pair(a, b, table, config)
            links += link is not None and link.score >= config.threshold
    return pairs, links


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()

    seeds = read_inputs([*SEEDS, SEED_CLUSTERS])
    linking = read_inputs([LINKING / "documents.jsonl", LINKING / "clusters.jsonl"])
    print("quality")
    quality("seed gold", seeds.documents, seeds.clusters)
    quality("linking set", linking.documents, linking.clusters)
    heldout = read_inputs([HELDOUT / "documents.jsonl", HELDOUT / "clusters.jsonl"])
    quality("held-out set", heldout.documents, heldout.clusters)

    documents, gold = copy_set(linking.documents, linking.clusters, args.copies)
    events = sum(len(r.events) for r in documents)
    config = LinkConfig()
    print(f"\nscale: {len(documents)} documents, {events} events ({args.copies} copies)")
    start = time.perf_counter()
    result = link_documents(documents, config=config)
    blocked = time.perf_counter() - start
    ev = evaluate_event_clusters(documents, gold, result.clusters)
    start = time.perf_counter()
    pairs, anchor_links = all_pairs(documents, config)
    exhaustive = time.perf_counter() - start
    print(
        f"blocked linking      {blocked:7.2f} s  {len(result.candidate_pairs):>7} document pairs "
        f"{len(result.links):>6} links  {events / blocked:8.0f} events/s  "
        f"CoNLL {ev.with_singletons.conll_f1:.3f}"
    )
    print(
        f"all pairs (anchor)   {exhaustive:7.2f} s  {pairs:>7} document pairs "
        f"{anchor_links:>6} links >= threshold (scoring only, no clustering)"
    )
    print(f"speed-up             {exhaustive / blocked:7.1f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
