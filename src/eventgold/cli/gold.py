"""``eventgold gold``: build the gold dataset and the tools around it (dedup, ...)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from eventgold.cli import gold_link
from eventgold.cli._common import echo_json, handle_errors, out_console
from eventgold.gold.adjudicate import parse_policy
from eventgold.gold.build import BuildOptions, BuildResult, build_gold
from eventgold.gold.dedup import DEFAULT_THRESHOLD, near_duplicates
from eventgold.gold.exporters import EXPORTERS
from eventgold.gold.io import read_inputs
from eventgold.gold.splits import SplitRatios

app = typer.Typer(
    help="Gold dataset: build (agreement, adjudication, splits, exports), near-duplicates, "
    "cross-document event links, projection onto near-duplicates.",
    no_args_is_help=True,
)


@app.command("dedup")
@handle_errors()
def dedup(
    paths: Annotated[
        list[Path], typer.Argument(help="Records (JSONL/JSON, folders) or .txt documents.")
    ],
    threshold: Annotated[
        float, typer.Option(help="Estimated word-bigram Jaccard at which two documents group.")
    ] = DEFAULT_THRESHOLD,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print groups and pairs as JSON.")
    ] = False,
) -> None:
    """Report groups of near-duplicate documents (MinHash/LSH over word bigrams)."""
    found = near_duplicates(read_inputs(paths).documents, threshold)
    groups, pairs = found.groups, found.pairs
    if as_json:
        echo_json(
            {
                "threshold": threshold,
                "documents": sum(len(g) for g in groups),
                "groups": groups,
                "pairs": [{"a": p.a, "b": p.b, "similarity": p.similarity} for p in pairs],
            }
        )
        return
    table = Table(title=f"near-duplicate groups (threshold {threshold})")
    table.add_column("group", justify="right")
    table.add_column("documents")
    multi = [g for g in groups if len(g) > 1]
    for index, group in enumerate(multi, 1):
        table.add_row(str(index), ", ".join(group))
    out_console.print(table)
    for pair in pairs:
        out_console.print(f"  {pair.a} ~ {pair.b}: {pair.similarity:.3f}", markup=False)
    out_console.print(
        f"{sum(len(g) for g in groups)} document(s), {len(multi)} near-duplicate group(s), "
        f"{len(groups) - len(multi)} unique",
        markup=False,
    )


def _agreement_table(result: BuildResult) -> Table:
    report = result.agreement
    table = Table(
        title=f"agreement ({len(report.annotators)} annotators, {len(report.pairs)} pairs)"
    )
    for column in ("", "strict F1", "overlap F1"):
        table.add_column(column, justify="right" if column else "left")
    strict, overlap = report.spans("strict"), report.spans("overlap")
    for kind in ("mentions", "triggers", "arguments"):
        table.add_row(kind, f"{strict[kind].total.f1:.3f}", f"{overlap[kind].total.f1:.3f}")
    for name, attr in sorted(report.attributes.items()):
        kappa = "n/a" if attr.kappa is None else f"{attr.kappa:.3f}"
        alpha = "n/a" if attr.alpha is None else f"{attr.alpha:.3f}"
        table.add_row(f"{name} (kappa / alpha, {attr.units} events)", kappa, alpha)
    return table


def _rule_table(result: BuildResult, limit: int = 10) -> Table:
    table = Table(title="rules most corrected by annotators")
    for column in ("rule", "kind", "fired", "corrected", "span/type/deleted", "P", "coverage"):
        table.add_column(column, justify="left" if column in ("rule", "kind") else "right")
    for rule in result.rule_quality.rules[:limit]:
        c = rule.corrections
        table.add_row(
            rule.rule_id,
            rule.kind,
            str(rule.fired),
            str(rule.corrected),
            f"{c['span']}/{c['type']}/{c['deleted']}",
            f"{rule.precision:.3f}",
            f"{rule.coverage:.3f}",
        )
    return table


def _render_build(result: BuildResult) -> None:
    if result.agreement.pairs:
        out_console.print(_agreement_table(result))
    adjudication = result.adjudication
    methods = Counter(d.method for d in adjudication.documents)
    out_console.print(
        f"adjudication: {len(result.records)} document(s) "
        f"({', '.join(f'{m} {n}' for m, n in sorted(methods.items()))}), "
        f"{len(adjudication.unresolved)} unresolved, {len(adjudication.rejected)} rejected "
        "item(s) -> adjudication.json",
        markup=False,
    )
    for item in adjudication.unresolved[:20]:
        out_console.print(f"  unresolved {item.document} {item.kind}: {item.item}", markup=False)
    sizes = Counter(result.splits.values())
    groups = sum(len(g) > 1 for g in result.groups)
    out_console.print(
        f"splits: {', '.join(f'{s} {sizes[s]}' for s in ('train', 'dev', 'test') if sizes[s])}; "
        f"{groups} near-duplicate group(s) kept together",
        markup=False,
    )
    if result.rule_quality.rules:
        out_console.print(_rule_table(result))
    if result.dropped_clusters:
        out_console.print(
            f"clusters: {len(result.dropped_clusters)} changed or dropped (adjudication.json)",
            markup=False,
        )
    out_console.print(
        f"wrote {len(result.files)} file(s) to {result.out_dir} "
        f"({', '.join(sorted(result.exports))})",
        markup=False,
    )


@app.command("build")
@handle_errors()
def build(
    annotations: Annotated[
        list[Path],
        typer.Argument(help="Annotation records: studio pull output, hand gold, clusters."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Dataset folder to (re)build.")],
    policy: Annotated[
        str, typer.Option(help="Adjudication policies in order: reviewer, majority.")
    ] = "reviewer,majority",
    seed: Annotated[int, typer.Option(help="Seed of the split assignment.")] = 0,
    ratios: Annotated[str, typer.Option(help="train,dev,test shares.")] = "0.8,0.1,0.1",
    threshold: Annotated[
        float, typer.Option(help="Near-duplicate threshold (word-bigram Jaccard).")
    ] = DEFAULT_THRESHOLD,
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", help="Export format (repeat); default: all registered."),
    ] = None,
    license_id: Annotated[str, typer.Option("--license", help="Dataset license id.")] = "cc-by-4.0",
    guideline_version: Annotated[
        str, typer.Option(help="Annotation guidelines version (default: the schema version).")
    ] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the build summary as JSON.")
    ] = False,
) -> None:
    """Build the gold dataset: agreement, adjudication, dedup + splits, exports, card, manifest.

    The output folder is replaced atomically; a failed build leaves the previous one untouched.
    """
    options = BuildOptions(
        policy=parse_policy(policy),
        ratios=SplitRatios.parse(ratios),
        seed=seed,
        threshold=threshold,
        formats=tuple(formats) if formats else tuple(EXPORTERS),
        license=license_id,
        guideline_version=guideline_version,
    )
    result = build_gold(read_inputs(annotations), output, options)
    if as_json:
        echo_json(
            {
                "output": str(result.out_dir),
                "documents": len(result.records),
                "splits": dict(Counter(result.splits.values())),
                "groups": [g for g in result.groups if len(g) > 1],
                "unresolved": len(result.adjudication.unresolved),
                "rejected": len(result.adjudication.rejected),
                "agreement": result.agreement.to_dict()["span_f1"],
                "rule_quality": result.rule_quality.to_dict()["rules"][:10],
                "files": result.files,
            }
        )
    else:
        _render_build(result)


# Cross-document commands live in their own module; listed after build in `gold --help`.
app.command("link")(gold_link.link)
app.command("project")(gold_link.project)
