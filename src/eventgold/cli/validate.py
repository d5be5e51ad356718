"""``eventgold validate``: check records against the schema (structure + semantics)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventgold.cli._common import (
    BackendOption,
    DaskWorkersOption,
    FormatOption,
    SchedulerOption,
    SchemaExtOption,
    check_backend,
    handle_errors,
    table_for,
)
from eventgold.errors import EXIT_INVALID, EXIT_OK, Problem, UsageError
from eventgold.validate import render_report, validate_paths
from eventgold.validate.output import FORMATS


@handle_errors("fmt")
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(help="JSONL/JSON files, folders, or - for stdin.", show_default=False),
    ],
    fmt: FormatOption = "text",
    schema_ext: SchemaExtOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write the report to this file.")
    ] = None,
    backend: BackendOption = "local",
    scheduler: SchedulerOption = None,
    dask_workers: DaskWorkersOption = 2,
) -> None:
    """Validate eventgold records: JSON Schema structure plus semantic checks.

    Exit code 0 when every record is valid, 1 when some are invalid, 2 on usage errors.
    With --backend dask each file (shard) is validated on a Dask worker; the report is the same.
    """
    if fmt not in FORMATS:
        raise UsageError(
            Problem("EG009", f"--format {fmt!r} is not one of {', '.join(FORMATS)}", "$")
        )
    check_backend(backend, scheduler)
    table_for(schema_ext)  # makes a project extension's records known
    if backend == "dask":
        from eventgold.validate.distributed import validate_shards

        report = validate_shards(paths, scheduler=scheduler, workers=dask_workers)
    else:
        report = validate_paths(paths)
    rendered = render_report(report, fmt)
    if output is not None:
        from eventgold.atomic import atomic_write_text

        atomic_write_text(output, rendered + "\n")
    typer.echo(rendered)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_INVALID)
