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

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgold.atomic import atomic_directory
from eventgold.errors import DataError, Problem, UsageError
from eventgold.gold.adjudicate import DEFAULT_POLICY, AdjudicationReport, Policy, adjudicate
from eventgold.gold.agreement import AgreementReport, agreement
from eventgold.gold.annotators import group_annotations, is_human
from eventgold.gold.card import DatasetInfo, croissant, dataset_card
from eventgold.gold.dedup import DEFAULT_THRESHOLD, check_threshold, near_duplicate_groups
from eventgold.gold.exporters import EXPORTERS, ExportResult, get_exporter
from eventgold.gold.io import Inputs
from eventgold.gold.lock import build_lock
from eventgold.gold.manifest import MANIFEST, MANIFEST_KIND, dumps, write_manifest
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
class GoldSet:
    """Everything decided before writing: the adjudicated records and what describes them."""

    records: list[DocumentRecord]
    splits: dict[str, str]
    groups: list[list[str]]
    agreement: AgreementReport
    adjudication: AdjudicationReport
    rule_quality: RuleQualityReport
    clusters: list[EventClusterRecord]
    dropped_clusters: list[dict[str, Any]]


@dataclass
class BuildResult(GoldSet):
    out_dir: Path = Path()
    exports: dict[str, ExportResult] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


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


def check_output_folder(out_dir: Path) -> None:
    """Refuse to replace a folder that holds something other than a previous build.

    The build swaps the whole folder, so ``-o .`` or ``-o src`` would delete unrelated files.
    """
    if not out_dir.exists():
        return
    if not out_dir.is_dir() or (any(out_dir.iterdir()) and not _is_dataset(out_dir / MANIFEST)):
        raise UsageError(
            Problem(
                "EG609",
                f"{out_dir} exists and is not a dataset built by eventgold (no manifest.json); "
                "refusing to replace it",
                "$.output",
                str(out_dir),
            )
        )


def _is_dataset(manifest: Path) -> bool:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("kind") == MANIFEST_KIND


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
    clusters, dropped = remap_clusters(inputs.clusters, human, records)
    gold = GoldSet(
        records=records,
        splits=assign_splits(groups, options.ratios, options.seed),
        groups=groups,
        agreement=agreement_report,
        adjudication=adjudication,
        rule_quality=rule_quality(predictions, records),
        clusters=clusters,
        dropped_clusters=dropped,
    )
    out_dir = Path(out_dir)
    with build_lock(out_dir):
        check_output_folder(out_dir)
        exports, files = _write(out_dir, gold, options, table)
    return BuildResult(**vars(gold), out_dir=out_dir, exports=exports, files=files)


def _reports(gold: GoldSet, options: BuildOptions) -> dict[str, Any]:
    """The JSON reports of a build, by file name."""
    return {
        "agreement.json": gold.agreement.to_dict(),
        "adjudication.json": {
            **gold.adjudication.to_dict(),
            "dropped_clusters": gold.dropped_clusters,
        },
        "rule_quality.json": gold.rule_quality.to_dict(),
        "splits.json": {
            "seed": options.seed,
            "ratios": dict(zip(("train", "dev", "test"), options.ratios.as_tuple(), strict=True)),
            "dedup_threshold": options.threshold,
            "groups": gold.groups,
            "splits": gold.splits,
        },
    }


def _write(
    out_dir: Path, gold: GoldSet, options: BuildOptions, table: SchemaTable
) -> tuple[dict[str, ExportResult], list[str]]:
    """Write every file into a temporary folder, swapped in for ``out_dir`` on success."""
    with atomic_directory(out_dir) as tmp:
        exports = {
            fmt: get_exporter(fmt)(gold.records, gold.splits, table, tmp / fmt, gold.clusters)
            for fmt in options.formats
        }
        for name, data in _reports(gold, options).items():
            (tmp / name).write_text(dumps(data), encoding="utf-8")
        info = DatasetInfo(
            table=table,
            records=gold.records,
            splits=gold.splits,
            groups=gold.groups,
            agreement=gold.agreement,
            adjudication=gold.adjudication,
            exports=exports,
            ratios=options.ratios,
            seed=options.seed,
            dedup_threshold=options.threshold,
            license=options.license,
            guideline_version=options.guideline_version,
            clusters=gold.clusters,
        )
        (tmp / "README.md").write_text(dataset_card(info), encoding="utf-8")
        (tmp / "croissant.json").write_text(dumps(croissant(info, tmp)), encoding="utf-8")
        record_files = (
            [f"{RECORDS_FORMAT}/{f}" for f in exports[RECORDS_FORMAT].files]
            if RECORDS_FORMAT in exports
            else []
        )
        manifest = write_manifest(tmp, schema=table.id, records=record_files)
    return exports, [f["path"] for f in manifest["files"]] + ["manifest.json"]
