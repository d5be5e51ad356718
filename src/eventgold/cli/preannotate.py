"""``eventgold preannotate``: rule-based predictions for .txt files, folders or JSONL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from eventgold.annotate import DEFAULT_PACK, Progress, preannotate_paths
from eventgold.cli._common import (
    BackendOption,
    DaskWorkersOption,
    SchedulerOption,
    SchemaExtOption,
    check_backend,
    err_console,
    handle_errors,
    is_tty,
    table_for,
)


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress display on a terminal; nothing when stderr is not a TTY."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress as RichProgress
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    with RichProgress(
        SpinnerColumn(),
        TextColumn("{task.fields[docs]} documents, {task.fields[mb]:.1f} MB"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("preannotate", total=None, docs=0, mb=0.0)

        def update(documents: int, characters: int) -> None:
            if documents % 50 == 0:
                bar.update(task, docs=documents, mb=characters / 1e6)

        yield update


@handle_errors()
def preannotate(
    inputs: Annotated[
        list[str],
        typer.Argument(help=".txt files, folders of them, JSONL of Documents, or - for stdin."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL file to write.")],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) anchoring relative dates."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes.")] = 1,
    rules: Annotated[
        Path, typer.Option("--rules", help="Rule pack (YAML).", dir_okay=False)
    ] = DEFAULT_PACK,
    schema_ext: SchemaExtOption = None,
    backend: BackendOption = "local",
    scheduler: SchedulerOption = None,
    dask_workers: DaskWorkersOption = 2,
) -> None:
    """Pre-annotate documents with the rule pack; write schema-valid DocumentRecords.

    With --backend dask every input file is a shard annotated on a Dask worker, and --output
    is a folder of part-NNNNN.jsonl files with a manifest.json (see docs/scaling.md).

    Without --published, a document's own `published` date or a dateline found near the top
    of its text anchors relative dates. Nothing is written when an input is unreadable.
    """
    check_backend(backend, scheduler)
    table = table_for(schema_ext)
    if backend == "dask":
        from eventgold.annotate.distributed import preannotate_shards

        manifest = preannotate_shards(
            inputs,
            output,
            published=published,
            pack=rules,
            scheduler=scheduler,
            workers=dask_workers,
            table=table,
        )
        err_console.print(
            f"wrote {manifest.documents} record(s) in {len(manifest.shards)} shard(s) with "
            f"{manifest.mentions} mention(s) and {manifest.events} event(s) to {output}/",
            markup=False,
        )
        return
    with _progress_bar(is_tty()) as progress:
        stats = preannotate_paths(
            inputs,
            output,
            published=published,
            workers=workers,
            pack=rules,
            table=table,
            progress=progress,
        )
    err_console.print(
        f"wrote {stats.documents} record(s) with {stats.mentions} mention(s) and "
        f"{stats.events} event(s) to {output} ({stats.characters / 1e6:.2f} MB of text "
        f"in {stats.seconds:.1f} s)",
        markup=False,
    )
