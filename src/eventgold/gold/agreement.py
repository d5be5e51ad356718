"""Inter-annotator agreement: span F1 per annotator pair, kappa and alpha per attribute.

* Span agreement uses the same one-to-one alignment as ``eventgold evaluate``
  (:func:`eventgold.evaluate.compare_records`), in strict and overlap mode, for mentions,
  triggers and arguments. F1 between two annotators is symmetric, so neither has to be gold.
  Totals are micro-averaged over annotator pairs and documents.
* Attribute agreement is measured on events both annotators marked with the same trigger
  span and event type (strict alignment): Cohen's kappa for each pair of annotators and
  Krippendorff's alpha (nominal, ``krippendorff`` package) over all annotators, where an
  annotator who did not mark the event is a missing value. Both are ``None`` when undefined
  (fewer than two values in play, or no event annotated twice).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import krippendorff
import numpy as np

from eventgold.evaluate import MODES, MatchMode, Score, compare_records
from eventgold.evaluate.counts import Counts
from eventgold.gold.annotators import DocumentAnnotations, group_annotations
from eventgold.schema import DocumentRecord, Event

SPAN_KINDS = ("mentions", "triggers", "arguments")

ValuePair = tuple[str, str]


def cohen_kappa(pairs: Sequence[ValuePair]) -> float | None:
    """Cohen's kappa of two annotators' labels on the same items; ``None`` when undefined."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected >= 1.0:
        return None  # both always chose the same single value: chance explains everything
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Sequence[str | None]]) -> float | None:
    """Nominal Krippendorff's alpha; ``units[i][k]`` is annotator k's value for unit i or None."""
    pairable = [u for u in units if sum(v is not None for v in u) >= 2]
    values = sorted({v for unit in pairable for v in unit if v is not None})
    if len(values) < 2:
        return None  # no disagreement is even possible by chance: alpha is undefined
    index = {v: float(i) for i, v in enumerate(values)}
    coders = len(pairable[0])
    matrix = np.full((coders, len(pairable)), np.nan)
    for u, unit in enumerate(pairable):
        for k, value in enumerate(unit):
            if value is not None:
                matrix[k, u] = index[value]
    alpha = float(
        krippendorff.alpha(
            reliability_data=matrix,
            value_domain=sorted(index.values()),
            level_of_measurement="nominal",
        )
    )
    return None if math.isnan(alpha) else alpha


@dataclass
class AttributeAgreement:
    kappa: float | None  # Cohen's kappa; over all items when exactly two annotators, else None
    alpha: float | None  # Krippendorff's alpha over all annotators
    units: int  # events annotated by at least two annotators

    def to_dict(self) -> dict[str, Any]:
        return {"kappa": _round(self.kappa), "alpha": _round(self.alpha), "units": self.units}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class PairAgreement:
    """Agreement of two annotators over the documents both annotated."""

    a: str
    b: str
    documents: int = 0
    spans: dict[str, dict[str, Score]] = field(
        default_factory=lambda: {mode: {kind: Score() for kind in SPAN_KINDS} for mode in MODES}
    )
    attribute_pairs: dict[str, list[ValuePair]] = field(default_factory=dict)
    attribute_pairs_by_type: dict[str, dict[str, list[ValuePair]]] = field(default_factory=dict)

    def kappa(self) -> dict[str, float | None]:
        return {name: cohen_kappa(pairs) for name, pairs in sorted(self.attribute_pairs.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            **{
                mode: {kind: _f1_dict(score.total) for kind, score in kinds.items()}
                for mode, kinds in self.spans.items()
            },
            "kappa": {name: _round(k) for name, k in self.kappa().items()},
        }


def _f1_dict(counts: Counts) -> dict[str, Any]:
    return {
        "f1": round(counts.f1, 4),
        "matched": counts.tp,
        "a": counts.gold,
        "b": counts.predicted,
    }


@dataclass
class AgreementReport:
    """Agreement over a set of documents annotated by several people."""

    annotators: list[str]
    documents: int
    multiply_annotated: int
    pairs: list[PairAgreement]
    attributes: dict[str, AttributeAgreement]
    attributes_by_type: dict[str, dict[str, AttributeAgreement]]

    def spans(self, mode: MatchMode) -> dict[str, Score]:
        """Span scores summed over all annotator pairs."""
        total = {kind: Score() for kind in SPAN_KINDS}
        for pair in self.pairs:
            for kind in SPAN_KINDS:
                total[kind].add(pair.spans[mode][kind])
        return total

    def by_event_type(self, mode: MatchMode) -> dict[str, dict[str, Counts]]:
        """Trigger and argument counts per event type (arguments summed over roles)."""
        spans = self.spans(mode)
        out: dict[str, dict[str, Counts]] = {}
        for event_type, counts in spans["triggers"].by_label.items():
            out.setdefault(event_type, {"triggers": Counts(), "arguments": Counts()})
            out[event_type]["triggers"].add(counts)
        for label, counts in spans["arguments"].by_label.items():
            event_type = label.split(".", 1)[0]
            out.setdefault(event_type, {"triggers": Counts(), "arguments": Counts()})
            out[event_type]["arguments"].add(counts)
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "documents": self.documents,
            "multiply_annotated_documents": self.multiply_annotated,
            "span_f1": {
                mode: {
                    kind: {
                        **_f1_dict(score.total),
                        "by_type": {
                            label: _f1_dict(c) for label, c in sorted(score.by_label.items())
                        },
                    }
                    for kind, score in self.spans(mode).items()
                }
                for mode in MODES
            },
            "by_event_type": {
                mode: {
                    event_type: {kind: _f1_dict(c) for kind, c in kinds.items()}
                    for event_type, kinds in self.by_event_type(mode).items()
                }
                for mode in MODES
            },
            "attributes": {name: a.to_dict() for name, a in sorted(self.attributes.items())},
            "attributes_by_event_type": {
                event_type: {name: a.to_dict() for name, a in sorted(attrs.items())}
                for event_type, attrs in sorted(self.attributes_by_type.items())
            },
            "pairs": [p.to_dict() for p in self.pairs],
        }


def _add_pair_document(pair: PairAgreement, a: DocumentRecord, b: DocumentRecord) -> None:
    pair.documents += 1
    for mode in MODES:
        comparison = compare_records(a, b, mode)
        for kind in SPAN_KINDS:
            pair.spans[mode][kind].add(getattr(comparison, kind))
        if mode != "strict":
            continue
        b_events = {e.id: e for e in b.events}
        for a_event in a.events:
            b_id = comparison.event_map.get(a_event.id)
            if b_id is None:
                continue
            b_event = b_events[b_id]
            for name in sorted(set(a_event.attributes) & set(b_event.attributes)):
                value_pair = (a_event.attributes[name], b_event.attributes[name])
                pair.attribute_pairs.setdefault(name, []).append(value_pair)
                by_type = pair.attribute_pairs_by_type.setdefault(a_event.type, {})
                by_type.setdefault(name, []).append(value_pair)


def _event_units(
    documents: Iterable[DocumentAnnotations], annotators: list[str]
) -> list[tuple[str, list[Event | None]]]:
    """(event type, one event or None per annotator) for every strict trigger key."""
    units = []
    for doc in documents:
        by_key: dict[tuple[int, int, str], list[Event | None]] = {}
        for k, name in enumerate(annotators):
            record = doc.by_annotator.get(name)
            for event in record.events if record else ():
                key = (event.trigger.start, event.trigger.end, event.type)
                slot = by_key.setdefault(key, [None] * len(annotators))
                if slot[k] is None:  # a second identical trigger by one annotator is ignored
                    slot[k] = event
        units += [(key[2], events) for key, events in sorted(by_key.items())]
    return units


def _attribute_agreement(
    units: list[tuple[str, list[Event | None]]], two_annotators: bool, event_type: str | None
) -> dict[str, AttributeAgreement]:
    names = sorted(
        {
            name
            for etype, events in units
            if event_type in (None, etype)
            for e in events
            if e is not None
            for name in e.attributes
        }
    )
    out = {}
    for name in names:
        rows = [
            [None if e is None else e.attributes.get(name) for e in events]
            for etype, events in units
            if event_type in (None, etype)
        ]
        rows = [r for r in rows if sum(v is not None for v in r) >= 2]
        kappa = None
        if two_annotators:
            kappa = cohen_kappa([(a, b) for a, b in rows if a is not None and b is not None])
        out[name] = AttributeAgreement(kappa, krippendorff_alpha(rows), len(rows))
    return out


def agreement(records: Iterable[DocumentRecord]) -> AgreementReport:
    """Agreement among the human annotations in ``records`` (any number of documents)."""
    documents = group_annotations(records)
    annotators = sorted({a for doc in documents.values() for a in doc.annotators})
    pairs: dict[tuple[str, str], PairAgreement] = {}
    for doc in documents.values():
        for a, b in itertools.combinations(doc.annotators, 2):
            pair = pairs.setdefault((a, b), PairAgreement(a, b))
            _add_pair_document(pair, doc.by_annotator[a], doc.by_annotator[b])
    units = _event_units(documents.values(), annotators)
    two = len(annotators) == 2
    event_types = sorted({etype for etype, _ in units})
    return AgreementReport(
        annotators=annotators,
        documents=len(documents),
        multiply_annotated=sum(len(d.by_annotator) > 1 for d in documents.values()),
        pairs=[pairs[key] for key in sorted(pairs)],
        attributes=_attribute_agreement(units, two, None),
        attributes_by_type={t: _attribute_agreement(units, two, t) for t in event_types},
    )


__all__ = [
    "AgreementReport",
    "AttributeAgreement",
    "PairAgreement",
    "agreement",
    "cohen_kappa",
    "krippendorff_alpha",
]
