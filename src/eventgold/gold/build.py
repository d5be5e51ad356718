"""``eventgold gold build``: annotations in, a complete, validated, reproducible dataset out.

Steps: group the annotation records by document -> agreement -> adjudication -> near-duplicate
groups -> grouped splits -> exporters (one folder per format) -> reports (agreement,
adjudication, rule quality, splits) -> dataset card -> Croissant -> manifest.

The whole folder is built in a temporary sibling and swapped in at the end
(:func:`eventgold.atomic.atomic_directory`): a failure at any step leaves the previous output
untouched. A lock per output folder keeps two builds from interleaving. Outputs contain no
timestamps and are written in sorted order, so the same inputs give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.atomic import atomic_directory
from eventgold.errors import DataError, Problem
from eventgold.gold.adjudicate import DEFAULT_POLICY, AdjudicationReport, Policy, adjudicate
from eventgold.gold.agreement import AgreementReport, agreement
from eventgold.gold.annotators import annotator_of, group_annotations, is_human
from eventgold.gold.card import DatasetInfo, croissant, dataset_card
from eventgold.gold.dedup import DEFAULT_THRESHOLD, check_threshold, near_duplicate_groups
from eventgold.gold.exporters import EXPORTERS, ExportResult, get_exporter
from eventgold.gold.io import Inputs
from eventgold.gold.lock import build_lock
from eventgold.gold.manifest import dumps, write_manifest
from eventgold.gold.rule_quality import RuleQualityReport, rule_quality
from eventgold.gold.splits import SplitRatios, assign_splits
from eventgold.schema import (
    ClusterMember,
    DocumentRecord,
    EventClusterRecord,
    SchemaTable,
    default_table,
)

RECORDS_FORMAT = "jsonl"  # the canonical records, the only files `eventgold validate` checks


@dataclass(frozen=True)
class BuildOptions:
    policy: tuple[Policy, ...] = DEFAULT_POLICY
    ratios: SplitRatios = field(default_factory=SplitRatios)
    seed: int = 0
    threshold: float = DEFAULT_THRESHOLD
    formats: tuple[str, ...] = tuple(EXPORTERS)
    license: str = "cc-by-4.0"
    guideline_version: str = ""


@dataclass
class BuildResult:
    out_dir: Path
    records: list[DocumentRecord]
    splits: dict[str, str]
    groups: list[list[str]]
    agreement: AgreementReport
    adjudication: AdjudicationReport
    rule_quality: RuleQualityReport
    exports: dict[str, ExportResult]
    clusters: list[EventClusterRecord]
    dropped_clusters: list[dict[str, Any]]
    files: list[str]


def remap_clusters(
    clusters: Sequence[EventClusterRecord],
    annotations: Sequence[DocumentRecord],
    adjudicated: Sequence[DocumentRecord],
) -> tuple[list[EventClusterRecord], list[dict[str, Any]]]:
    """Point cluster members at the adjudicated events (ids change in adjudication).

    A member is found through its event's trigger span and type in the annotations; members
    whose event did not survive adjudication are dropped, and a cluster left with fewer than
    two members is dropped. Everything dropped is returned for the report.
    """
    new_ids = {
        r.document.id: {(e.trigger.start, e.trigger.end, e.type): e.id for e in r.events}
        for r in adjudicated
    }
    keys: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for doc in group_annotations(annotations).values():
        for record in doc.records:
            for e in record.events:
                keys.setdefault((doc.document_id, e.id), []).append(
                    (e.trigger.start, e.trigger.end, e.type)
                )
    kept, dropped = [], []
    for cluster in sorted(clusters, key=lambda c: c.id):
        members, lost = [], []
        for member in cluster.members:
            candidates = new_ids.get(member.document, {})
            found = next(
                (
                    candidates[k]
                    for k in keys.get((member.document, member.event), [])
                    if k in candidates
                ),
                None,
            )
            if found is None:
                lost.append(f"{member.document}/{member.event}")
            else:
                members.append(ClusterMember(document=member.document, event=found))
        if len(members) >= 2:
            kept.append(cluster.model_copy(update={"members": members}))
        if lost or len(members) < 2:
            dropped.append({"cluster": cluster.id, "lost_members": lost, "kept": len(members) >= 2})
    return kept, dropped


def build_gold(
    inputs: Inputs,
    out_dir: Path,
    options: BuildOptions | None = None,
    table: SchemaTable | None = None,
) -> BuildResult:
    """Build the dataset from ``inputs`` into ``out_dir`` (atomically, under a lock)."""
    options = options or BuildOptions()
    table = table or default_table()
    check_threshold(options.threshold)
    for fmt in options.formats:
        get_exporter(fmt)  # unknown formats fail before any work
    human = [r for r in inputs.documents if is_human(r)]
    predictions = [
        r for r in inputs.documents if r.annotation is not None and r.annotation.source == "rules"
    ]
    if not human:
        raise DataError(
            Problem("EG601", "no human annotation records among the inputs (hand or labelstudio)")
        )
    agreement_report = agreement(human)
    adjudication = adjudicate(human, options.policy, table)
    records = adjudication.records
    if not records:
        raise DataError(
            Problem("EG601", "no document could be adjudicated (see the policy)", "$.policy")
        )
    groups = near_duplicate_groups(records, options.threshold)
    splits = assign_splits(groups, options.ratios, options.seed)
    quality = rule_quality(predictions, records)
    clusters, dropped = remap_clusters(inputs.clusters, human, records)
    out_dir = Path(out_dir)
    with build_lock(out_dir), atomic_directory(out_dir) as tmp:
        exports = {
            fmt: get_exporter(fmt)(records, splits, table, tmp / fmt, clusters)
            for fmt in options.formats
        }
        reports: dict[str, Any] = {
            "agreement.json": agreement_report.to_dict(),
            "adjudication.json": {**adjudication.to_dict(), "dropped_clusters": dropped},
            "rule_quality.json": quality.to_dict(),
            "splits.json": {
                "seed": options.seed,
                "ratios": dict(
                    zip(("train", "dev", "test"), options.ratios.as_tuple(), strict=True)
                ),
                "dedup_threshold": options.threshold,
                "groups": groups,
                "splits": splits,
            },
        }
        for name, data in reports.items():
            (tmp / name).write_text(dumps(data), encoding="utf-8")
        info = DatasetInfo(
            table=table,
            records=records,
            splits=splits,
            groups=groups,
            agreement=agreement_report,
            adjudication=adjudication,
            exports=exports,
            ratios=options.ratios,
            seed=options.seed,
            dedup_threshold=options.threshold,
            license=options.license,
            guideline_version=options.guideline_version,
        )
        (tmp / "README.md").write_text(dataset_card(info), encoding="utf-8")
        (tmp / "croissant.json").write_text(dumps(croissant(info, tmp)), encoding="utf-8")
        record_files = (
            [f"{RECORDS_FORMAT}/{f}" for f in exports[RECORDS_FORMAT].files]
            if RECORDS_FORMAT in exports
            else []
        )
        manifest = write_manifest(tmp, schema=table.id, records=record_files)
    return BuildResult(
        out_dir=out_dir,
        records=records,
        splits=splits,
        groups=groups,
        agreement=agreement_report,
        adjudication=adjudication,
        rule_quality=quality,
        exports=exports,
        clusters=clusters,
        dropped_clusters=dropped,
        files=[f["path"] for f in manifest["files"]] + ["manifest.json"],
    )


def annotators_of(inputs: Inputs) -> list[str]:
    return sorted({annotator_of(r) for r in inputs.documents if is_human(r)})
