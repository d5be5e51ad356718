"""``eventgold gold link`` and ``eventgold gold project``: cross-document events.

Registered onto the ``gold`` command group in :mod:`eventgold.cli.gold`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Annotated

import typer

from eventgold.atomic import atomic_write_text
from eventgold.cli._common import (
    SchemaExtOption,
    echo_json,
    handle_errors,
    out_console,
    table_for,
)
from eventgold.errors import Problem, UsageError
from eventgold.gold.dedup import DEFAULT_THRESHOLD, near_duplicate_groups
from eventgold.gold.io import read_inputs
from eventgold.gold.link import LinkConfig, LinkRecord, NearDuplicateGroups, link_documents
from eventgold.gold.project import ProjectionConfig, project_record
from eventgold.schema import DocumentRecord, record_json


def _jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _config(**options: float | int) -> LinkConfig:
    try:
        return LinkConfig(**options)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(Problem("EG754", str(exc))) from None


@handle_errors()
def link(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Document records (one per document: adjudicated gold or predictions)."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Write the cluster records (JSONL) here.")
    ],
    links_path: Annotated[
        Path | None,
        typer.Option("--links", help="Also write every scored link with its evidence (JSONL)."),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Minimum link score (0..1) for two events to be merged.")
    ] = LinkConfig.threshold,
    date_window: Annotated[
        int, typer.Option(help="Days by which two event dates may differ and still match.")
    ] = LinkConfig.date_window_days,
    document_window: Annotated[
        int,
        typer.Option(help="Days between publication dates of documents paired by shared values."),
    ] = LinkConfig.document_window_days,
    min_shared: Annotated[
        int,
        typer.Option(help="Shared normalized values that make two documents a candidate pair."),
    ] = LinkConfig.min_shared_values,
    dedup_threshold: Annotated[
        float,
        typer.Option(help="Near-duplicate threshold (see gold dedup); 0 turns that source off."),
    ] = DEFAULT_THRESHOLD,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Propose clusters of events in different documents that report one real-world event.

    Candidate documents come from near-duplicate groups and from shared normalized arguments
    and dates; events match on type, compatible type-specific attribute, arguments, dates and
    trigger/sentence similarity. Each cluster carries a score and one evidence line per link.
    """
    config = _config(
        threshold=threshold,
        date_window_days=date_window,
        document_window_days=document_window,
        min_shared_values=min_shared,
    )
    table = table_for(schema_ext)  # project-defined types: their roles and attributes count
    records = read_inputs(paths).documents
    grouper: NearDuplicateGroups | None = None
    if dedup_threshold > 0:
        grouper = functools.partial(near_duplicate_groups, threshold=dedup_threshold)
    result = link_documents(records, config=config, table=table, near_duplicates=grouper)
    clusters = [record_json(c) for c in result.clusters]
    atomic_write_text(output, _jsonl(clusters))
    if links_path is not None:
        rows = [LinkRecord.of(x).model_dump(mode="json") for x in result.links]
        atomic_write_text(links_path, _jsonl(rows))
    summary = {
        "documents": result.documents,
        "events": result.events,
        "candidate_document_pairs": len(result.candidate_pairs),
        "links": len(result.links),
        "clusters": len(result.clusters),
        "clustered_events": sum(len(c.members) for c in result.clusters),
        "output": str(output),
    }
    if as_json:
        echo_json(summary)
        return
    out_console.print(
        f"{summary['documents']} document(s), {summary['events']} event(s), "
        f"{summary['candidate_document_pairs']} candidate document pair(s), "
        f"{summary['links']} link(s) >= {threshold}: {summary['clusters']} cluster(s) of "
        f"{summary['clustered_events']} event(s) -> {output}",
        markup=False,
    )


def _find(records: list[DocumentRecord], doc: str, option: str) -> DocumentRecord:
    matches = [r for r in records if r.document.id == doc]
    if not matches:
        known = ", ".join(sorted({r.document.id for r in records})[:10])
        raise UsageError(
            Problem("EG752", f"{option} {doc!r} is not among the inputs (known: {known})")
        )
    # Several records of one document (annotators): the first one given is projected.
    return matches[0]


def _targets(
    records: list[DocumentRecord],
    source: DocumentRecord,
    targets: list[str],
    near_duplicates: bool,
    dedup_threshold: float,
) -> list[DocumentRecord]:
    chosen = [_find(records, t, "--to") for t in targets]
    if near_duplicates:
        for group in near_duplicate_groups(records, dedup_threshold):
            if source.document.id in group:
                chosen += [_find(records, d, "--to") for d in group if d != source.document.id]
    unique = {r.document.id: r for r in chosen}  # a target named twice is projected once
    if not unique:
        found = "no near-duplicate of it among the inputs" if near_duplicates else "none given"
        raise UsageError(Problem("EG754", f"no target document for --from: {found}"))
    return list(unique.values())


@handle_errors()
def project(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Records holding the documents (JSONL/JSON, folders, .txt files)."),
    ],
    source: Annotated[
        str, typer.Option("--from", help="Id of the annotated document to copy from.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Write the projected records (JSONL) here.")
    ],
    targets: Annotated[
        list[str] | None,
        typer.Option(
            "--to", help="Id (or .txt file) of a document to copy onto; repeat for several."
        ),
    ] = None,
    near_duplicates: Annotated[
        bool,
        typer.Option(
            "--near-duplicates", help="Also copy onto every near-duplicate of --from (gold dedup)."
        ),
    ] = False,
    dedup_threshold: Annotated[
        float, typer.Option(help="Near-duplicate threshold for --near-duplicates.")
    ] = DEFAULT_THRESHOLD,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the projection report (JSON) here.")
    ] = None,
    min_similarity: Annotated[
        float,
        typer.Option(help="Refuse texts whose aligned share is below this (0..1)."),
    ] = ProjectionConfig.min_similarity,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Copy the mentions and events of one document onto its near-duplicates.

    The texts are aligned sentence by sentence and word by word; spans that cannot be placed
    are dropped and listed in the report, changed spans are kept with a lower score. The output
    (one record per target) has provenance origin="projected" and can be pushed to Label
    Studio as predictions for review. Nothing is written if any target fails.
    """
    table_for(schema_ext)  # makes a project extension's records readable
    inputs = list(paths)
    target_ids = []
    for target in targets or []:
        target_path = Path(target)
        if target_path.suffix == ".txt" and target_path.is_file():
            inputs.append(target_path)
            target = target_path.stem
        target_ids.append(target)
    records = read_inputs(inputs).documents
    origin = _find(records, source, "--from")
    config = ProjectionConfig(min_similarity=min_similarity)
    results = [
        project_record(origin, target, config)
        for target in _targets(records, origin, target_ids, near_duplicates, dedup_threshold)
    ]
    atomic_write_text(
        output,
        _jsonl([record_json(r.record) for r in results]),
    )
    report = {"projections": [r.report.model_dump(mode="json") for r in results]}
    if report_path is not None:
        atomic_write_text(report_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if as_json:
        echo_json(report)
        return
    for result in results:
        out_console.print(result.report.summary(), markup=False)
        for flag in result.report.flags[:50]:
            out_console.print(f"  {flag.describe()}", markup=False)
        if len(result.report.flags) > 50:
            out_console.print(f"  ... {len(result.report.flags) - 50} more", markup=False)
