"""``eventgold gold``: build the gold dataset and the tools around it (dedup, ...)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from eventgold.cli._common import echo_json, handle_errors, out_console
from eventgold.gold.dedup import DEFAULT_THRESHOLD, near_duplicate_groups, similar_pairs
from eventgold.gold.io import read_inputs

app = typer.Typer(
    help="Gold dataset: build (agreement, adjudication, splits, exports), near-duplicates.",
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
    documents = read_inputs(paths).documents
    groups = near_duplicate_groups(documents, threshold)
    pairs = similar_pairs(documents, threshold)
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
