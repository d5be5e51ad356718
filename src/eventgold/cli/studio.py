"""``eventgold studio``: the Label Studio round-trip (config, local server, push, pull)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eventgold.atomic import atomic_write_text
from eventgold.cli._common import (
    SchemaExtOption,
    err_console,
    handle_errors,
    is_tty,
    out_console,
    table_for,
)
from eventgold.errors import EXIT_SERVER, Problem, UsageError
from eventgold.schema import REGISTRY
from eventgold.studio import (
    RetryPolicy,
    StudioClient,
    label_config_xml,
    load_documents,
    pull_file,
    pull_project,
    push_documents,
    resolve_connection,
    server_status,
    start_server,
    stop_server,
    write_pull,
)
from eventgold.studio.connection import DEFAULT_STATE_DIR, TOKEN_ENV
from eventgold.studio.server import DEFAULT_PORT, token_path

app = typer.Typer(
    help="Label Studio round-trip: labeling config, local server, push and pull.",
    no_args_is_help=True,
)

StateDirOption = Annotated[
    Path,
    typer.Option("--state-dir", help="Where the local server keeps its data, token and log."),
]
UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="Label Studio URL (default: LABEL_STUDIO_URL or the local server)."),
]
TokenFileOption = Annotated[
    Path | None,
    typer.Option(
        "--token-file", help=f"File holding the API token (default: ${TOKEN_ENV} or local token)."
    ),
]
ProjectOption = Annotated[str, typer.Option("--project", "-p", help="Project title.")]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.1,
        help="Seconds the server may stay silent on one request before it is retried "
        "(default: 30, imports 120, exports 180).",
        show_default=False,
    ),
]
RetriesOption = Annotated[
    int,
    typer.Option(
        "--retries",
        min=0,
        help="Retries of a request that timed out, could not connect or got a 5xx answer "
        "(exponential backoff with jitter, at most 8 s apart).",
    ),
]
DEFAULT_RETRIES = RetryPolicy().attempts - 1


@app.command("config")
@handle_errors()
def config(
    version: Annotated[
        str | None, typer.Option("--version", help="Schema version (default: the active one).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Print the Label Studio labeling config generated from the schema table."""
    table = table_for(schema_ext)
    if version is not None:
        table = REGISTRY.table(table.name, version)
    xml = label_config_xml(table)
    if output is None:
        typer.echo(xml, nl=False)
    else:
        atomic_write_text(output, xml)
        err_console.print(f"wrote {output}", markup=False)


@app.command("start")
@handle_errors()
def start(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = DEFAULT_PORT,
    state_dir: StateDirOption = DEFAULT_STATE_DIR,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for /health.")] = 240,
) -> None:
    """Start a local Label Studio (SQLite, 127.0.0.1) with an admin user and API token."""
    with err_console.status("starting Label Studio (about 30 s on the first start)..."):
        state = start_server(state_dir, port=port, timeout=timeout)
    out_console.print(f"Label Studio is up at {state.url}", markup=False)
    out_console.print(
        f"API token stored in {token_path(state_dir.resolve())} (mode 0600)", markup=False
    )
    out_console.print(f"log: {state.log}   pid: {state.pid}", markup=False)


@app.command("stop")
@handle_errors()
def stop(state_dir: StateDirOption = DEFAULT_STATE_DIR) -> None:
    """Stop the local Label Studio started by `eventgold studio start`."""
    state = stop_server(state_dir)
    out_console.print(f"stopped Label Studio (pid {state.pid}, {state.url})", markup=False)


@app.command("status")
@handle_errors()
def status(state_dir: StateDirOption = DEFAULT_STATE_DIR) -> None:
    """Say whether the local Label Studio runs and answers."""
    found = server_status(state_dir)
    if not found.running or found.state is None:
        out_console.print("no local Label Studio is running", markup=False)
        raise typer.Exit(EXIT_SERVER)
    health = "healthy" if found.healthy else "not answering /health"
    out_console.print(
        f"running at {found.state.url} (pid {found.state.pid}), {health}", markup=False
    )
    if not found.healthy:
        raise typer.Exit(EXIT_SERVER)


def _client(
    url: str | None,
    token_file: Path | None,
    state_dir: Path,
    timeout: float | None,
    retries: int,
) -> StudioClient:
    return StudioClient(
        resolve_connection(url, token_file, state_dir),
        retry=RetryPolicy.with_retries(retries),
        timeout=timeout,
    )


@app.command("push")
@handle_errors()
def push(
    docs: Annotated[
        list[Path],
        typer.Argument(
            help=".txt documents, record files (JSONL/JSON) or folders.", show_default=False
        ),
    ],
    project: ProjectOption,
    url: UrlOption = None,
    token_file: TokenFileOption = None,
    state_dir: StateDirOption = DEFAULT_STATE_DIR,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Tasks per import request.")
    ] = 500,
    timeout: TimeoutOption = None,
    retries: RetriesOption = DEFAULT_RETRIES,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Create or update a project and import documents with their predictions, idempotently."""
    table = table_for(schema_ext)
    documents = load_documents(docs, table)
    client = _client(url, token_file, state_dir, timeout, retries)
    with Progress(
        TextColumn("[bold]push[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not is_tty(),
    ) as bar:
        task = bar.add_task("push", total=len(documents))

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = push_documents(
            client, documents, project, table, batch_size=batch_size, progress=progress
        )
    action = (
        "created" if report.created_project else "updated" if report.config_updated else "found"
    )
    out_console.print(
        f"project {project!r} (id {report.project_id}) {action}: {report.imported_tasks} task(s) "
        f"imported with {report.imported_predictions} prediction(s), "
        f"{report.already_present} already present",
        markup=False,
    )


@app.command("pull")
@handle_errors()
def pull(
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL file to write.")],
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="Project title to export.")
    ] = None,
    from_export: Annotated[
        Path | None,
        typer.Option("--from-export", help="Convert a downloaded full JSON export instead."),
    ] = None,
    lenient: Annotated[
        bool, typer.Option("--lenient", help="Skip bad annotations and list them in the report.")
    ] = False,
    predictions: Annotated[
        bool, typer.Option("--predictions/--no-predictions", help="Also write prediction records.")
    ] = True,
    report: Annotated[
        Path | None, typer.Option("--report", help="Report file (default: OUTPUT.report.json).")
    ] = None,
    url: UrlOption = None,
    token_file: TokenFileOption = None,
    state_dir: StateDirOption = DEFAULT_STATE_DIR,
    timeout: TimeoutOption = None,
    retries: RetriesOption = DEFAULT_RETRIES,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Export a project and convert every annotation (and prediction) into records."""
    table = table_for(schema_ext)
    if (project is None) == (from_export is None):
        raise UsageError(Problem("EG520", "give exactly one of --project or --from-export"))
    if from_export is not None:
        result = pull_file(from_export, table, lenient=lenient, predictions=predictions)
    else:
        assert project is not None
        client = _client(url, token_file, state_dir, timeout, retries)
        with err_console.status(f"exporting {project!r}..."):
            result = pull_project(client, project, table, lenient=lenient, predictions=predictions)
    report_path = write_pull(result, output, report)
    out_console.print(
        f"wrote {len(result.records)} record(s) from {result.tasks} task(s) to {output} "
        f"({result.annotations} annotation(s), {result.predictions} prediction(s); "
        f"{len(result.skipped)} skipped, {len(result.repairs)} region offset(s) repaired; "
        f"report {report_path})",
        markup=False,
    )
