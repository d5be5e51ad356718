"""Coreference metrics for cross-document event clusters: MUC, B-cubed, CEAF-e, CoNLL F1.

The definitions follow the reference implementation of the CoNLL-2012 scorer as described in
Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions: A Reference
Implementation" (ACL): MUC (Vilain et al., 1995), B-cubed (Bagga and Baldwin, 1998) and the
entity-based CEAF with the phi4 similarity (Luo, 2005). CoNLL F1 is the unweighted mean of the
three F1 values.

A *clustering* is a collection of disjoint clusters, each a collection of hashable items (here:
``(document id, event id)`` pairs). Items in the key but not in the response (and vice versa)
are allowed: they count as misses (or spurious items) exactly like the reference scorer does.
Singletons matter for B-cubed and CEAF-e; MUC ignores them by construction.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from eventgold.errors import DataError, Problem
from eventgold.evaluate.matching import align_events
from eventgold.schema import DocumentRecord, EventClusterRecord

Cluster = frozenset[Hashable]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one metric (fractions in [0, 1])."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @classmethod
    def from_ratios(cls, p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
        return cls(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class CorefScores:
    """The three standard metrics and their CoNLL average."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "muc": self.muc.to_dict(),
            "b_cubed": self.b_cubed.to_dict(),
            "ceaf_e": self.ceaf_e.to_dict(),
            "conll_f1": round(self.conll_f1, 4),
        }


def as_clustering(clusters: Iterable[Collection[Hashable]]) -> list[Cluster]:
    """Frozen, non-empty clusters; raises ValueError if an item is in two clusters."""
    out: list[Cluster] = []
    seen: set[Hashable] = set()
    for cluster in clusters:
        frozen = frozenset(cluster)
        if not frozen:
            continue
        repeated = seen & frozen
        if repeated:
            raise ValueError(f"item {sorted(map(str, repeated))[0]} is in two clusters")
        seen |= frozen
        out.append(frozen)
    return out


def with_singletons(
    clusters: Iterable[Collection[Hashable]], universe: Iterable[Hashable]
) -> list[Cluster]:
    """``clusters`` plus one singleton for every item of ``universe`` in none of them."""
    out = as_clustering(clusters)
    covered = set().union(*out) if out else set()
    out.extend(frozenset([item]) for item in universe if item not in covered)
    return out


def _item_to_cluster(clusters: list[Cluster]) -> dict[Hashable, Cluster]:
    return {item: cluster for cluster in clusters for item in cluster}


def _muc_side(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    """Sum over key clusters of (|K| - |partitions of K by the response|), and of (|K| - 1)."""
    owner = _item_to_cluster(response)
    numerator = denominator = 0
    for cluster in key:
        # Items the response leaves out form one partition each (implicit singletons).
        partitions = {owner.get(item, frozenset([item])) for item in cluster}
        numerator += len(cluster) - len(partitions)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> PRF:
    """MUC link-based score (Vilain et al., 1995); singletons contribute nothing."""
    k, r = as_clustering(key), as_clustering(response)
    r_num, r_den = _muc_side(k, r)
    p_num, p_den = _muc_side(r, k)
    return PRF.from_ratios(p_num, p_den, r_num, r_den)


def _b_cubed_side(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    numerator = 0.0
    for k_cluster in key:
        for r_cluster in response:
            overlap = len(k_cluster & r_cluster)
            if overlap:
                numerator += overlap * overlap / len(k_cluster)
    return numerator, float(sum(len(c) for c in key))


def b_cubed(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> PRF:
    """B-cubed mention-based score (Bagga and Baldwin, 1998)."""
    k, r = as_clustering(key), as_clustering(response)
    r_num, r_den = _b_cubed_side(k, r)
    p_num, p_den = _b_cubed_side(r, k)
    return PRF.from_ratios(p_num, p_den, r_num, r_den)


def _phi4(a: Cluster, b: Cluster) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def ceaf_e(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> PRF:
    """Entity-based CEAF with phi4 (Luo, 2005): best one-to-one alignment of clusters."""
    k, r = as_clustering(key), as_clustering(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    similarity = np.zeros((len(k), len(r)))
    owner = {item: j for j, cluster in enumerate(r) for item in cluster}
    for i, cluster in enumerate(k):
        # Only clusters sharing an item have a non-zero similarity: avoid the full product.
        for j in {owner[item] for item in cluster if item in owner}:
            similarity[i, j] = _phi4(cluster, r[j])
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, cols].sum())
    return PRF.from_ratios(total, len(r), total, len(k))


def coref_scores(
    key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]
) -> CorefScores:
    """MUC, B-cubed and CEAF-e of ``response`` against ``key``."""
    k, r = as_clustering(key), as_clustering(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))


EventKey = tuple[str, str]
"""``(document id, event id)``: how clusters name an event."""


@dataclass(frozen=True)
class ClusterEvaluation:
    """Predicted event clusters scored against gold clusters over one set of documents.

    ``with_singletons`` counts every unclustered event as its own cluster (the ECB+ cross-document
    convention); ``without_singletons`` drops singletons from both sides (the CoNLL-2012 one).
    """

    with_singletons: CorefScores
    without_singletons: CorefScores
    events: int
    gold_clusters: int
    predicted_clusters: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "gold_clusters": self.gold_clusters,
            "predicted_clusters": self.predicted_clusters,
            "with_singletons": self.with_singletons.to_dict(),
            "without_singletons": self.without_singletons.to_dict(),
        }


def _member_sets(
    clusters: Iterable[EventClusterRecord], events: set[EventKey], side: str
) -> list[set[EventKey]]:
    out: list[set[EventKey]] = []
    problems: list[Problem] = []
    for cluster in clusters:
        members = {(m.document, m.event) for m in cluster.members}
        problems.extend(
            Problem(
                "EG751",
                f"{side} cluster {cluster.id!r} names {doc}/{event}, not an event of the documents",
                "$.members",
            )
            for doc, event in sorted(members - events)
        )
        out.append(members)
    if problems:
        raise DataError(problems)
    try:
        as_clustering(out)
    except ValueError as exc:
        raise DataError(Problem("EG223", f"{side} clusters: {exc}", "$.members")) from None
    return out


def _predicted_event_names(
    documents: Iterable[DocumentRecord], predicted_documents: Iterable[DocumentRecord]
) -> dict[EventKey, Hashable]:
    """Predicted event -> the gold event it stands for, or a name of its own when unmatched.

    Events align like triggers in :func:`eventgold.evaluate.evaluate_records`: same document,
    same event type, overlapping trigger spans, one to one. An unmatched predicted event stays
    in the scoring as a spurious item (it lowers precision), as the reference scorer does with
    predicted mentions that have no gold counterpart.
    """
    gold_by_doc = {d.document.id: d for d in documents}
    names: dict[EventKey, Hashable] = {}
    for record in predicted_documents:
        doc_id = record.document.id
        gold = gold_by_doc.get(doc_id)
        aligned = align_events(gold.events, record.events, "overlap") if gold else {}
        gold_of = {pred_id: gold_id for gold_id, pred_id in aligned.items()}
        for event in record.events:
            matched = gold_of.get(event.id)
            names[(doc_id, event.id)] = (
                (doc_id, matched) if matched else ("predicted", doc_id, event.id)
            )
    return names


def evaluate_event_clusters(
    documents: Iterable[DocumentRecord],
    gold: Iterable[EventClusterRecord],
    predicted: Iterable[EventClusterRecord],
    predicted_documents: Iterable[DocumentRecord] | None = None,
) -> ClusterEvaluation:
    """Score ``predicted`` against ``gold`` clusters; the documents give the event universe.

    Without ``predicted_documents`` both cluster sets name events of ``documents`` (the linker
    run over the gold records). With them, predicted clusters name events of the predicted
    records (the linker run over pre-annotations), which are first aligned with the gold events
    by trigger. A member outside its documents is reported as EG751, never silently scored.
    """
    documents = list(documents)
    events = {(d.document.id, e.id) for d in documents for e in d.events}
    key = _member_sets(gold, events, "gold")
    if predicted_documents is None:
        response: list[Collection[Hashable]] = list(_member_sets(predicted, events, "predicted"))
        universe: set[Hashable] = set(events)
    else:
        names = _predicted_event_names(documents, predicted_documents)
        members = _member_sets(predicted, set(names), "predicted")
        response = [{names[m] for m in cluster} for cluster in members]
        universe = set(names.values())
    return ClusterEvaluation(
        with_singletons=coref_scores(
            with_singletons(key, events), with_singletons(response, universe)
        ),
        without_singletons=coref_scores(
            [c for c in key if len(c) > 1], [c for c in response if len(c) > 1]
        ),
        events=len(events),
        gold_clusters=sum(1 for c in key if len(c) > 1),
        predicted_clusters=sum(1 for c in response if len(c) > 1),
    )
