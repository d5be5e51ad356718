"""``eventgold schema``: export, show, check and upgrade schema versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from eventgold.atomic import atomic_output, atomic_write_text
from eventgold.cli._common import (
    SchemaExtOption,
    echo_json,
    handle_errors,
    out_console,
    print_problems,
    table_for,
)
from eventgold.errors import EXIT_INVALID, DataError, Problem, UsageError
from eventgold.schema import json_schema_text, upgrade_record
from eventgold.schema.compat import breaking_problems, check_compatibility
from eventgold.schema.dynamic import schema_file_name, table_to_dict
from eventgold.validate import read_items, validate_record
from eventgold.validate.reader import expand_paths

app = typer.Typer(help="Export, show, check and upgrade the event schema.", no_args_is_help=True)

DEFAULT_EXPORT_DIR = Path("schema/event-schema")


@app.command("export")
@handle_errors()
def export(
    out_dir: Annotated[Path, typer.Option("--out-dir", "-o", help="Folder to write into.")] = (
        DEFAULT_EXPORT_DIR
    ),
    schema_ext: SchemaExtOption = None,
) -> None:
    """Write the JSON Schema (2020-12, versioned $id) of the active schema version."""
    table = table_for(schema_ext)
    path = out_dir / schema_file_name(table.name, table.version)
    atomic_write_text(path, json_schema_text(table))
    typer.echo(f"wrote {path}")


@app.command("show")
@handle_errors()
def show(
    event_type: Annotated[
        str | None, typer.Option("--type", "-t", help="Show only this event type.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Print the event types with their roles and attributes."""
    table = table_for(schema_ext)
    names = list(table.event_types)
    if event_type is not None:
        if event_type not in table.event_types:
            raise UsageError(
                Problem("EG210", f"unknown event type {event_type!r}; known: {', '.join(names)}")
            )
        names = [event_type]
    if as_json:
        data = table_to_dict(table)
        data["event_types"] = {n: data["event_types"][n] for n in names}
        echo_json(data)
        return
    out_console.print(f"[bold]{table.name} {table.version}[/]")
    for name in names:
        etype = table.event_types[name]
        grid = Table(title=f"{name}: {etype.description}", title_justify="left", expand=False)
        grid.add_column("role")
        grid.add_column("mention types")
        grid.add_column("cardinality")
        for role in etype.roles.values():
            bound = f"{role.min}..{'*' if role.max is None else role.max}"
            grid.add_row(role.name, ", ".join(role.types), bound)
        out_console.print(grid)
        for attr in table.attributes_of(name).values():
            out_console.print(f"  {attr.name}: {' | '.join(attr.values)}", markup=False)
    out_console.print("mention types: " + ", ".join(table.mention_types), markup=False)


@app.command("check")
@handle_errors("fmt")
def check(
    old: Annotated[Path, typer.Argument(help="Old JSON Schema or definition file.")],
    new: Annotated[Path, typer.Argument(help="New JSON Schema or definition file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    allow_major: Annotated[
        bool,
        typer.Option(
            "--allow-major", help="Accept breaking changes when the major version was bumped."
        ),
    ] = False,
) -> None:
    """Classify each difference between two schema versions as breaking or compatible.

    Exits 1 when any change is breaking (unless --allow-major and the major version was bumped).
    """
    report = check_compatibility(old, new)
    refused = report.refused(allow_major)
    if fmt == "json":
        echo_json(
            {
                "old": f"{report.old.name}@{report.old.version}",
                "new": f"{report.new.name}@{report.new.version}",
                "breaking": len(report.breaking),
                "refused": refused,
                "changes": [c.__dict__ for c in report.changes],
            }
        )
    else:
        for change in report.changes:
            colour = "red" if change.severity == "breaking" else "green"
            out_console.print(f"[{colour}]{change.severity:10}[/] {change.path}: ", end="")
            out_console.print(change.message, markup=False)
        out_console.print(
            f"{report.old.name}@{report.old.version} -> {report.new.name}@{report.new.version}: "
            f"{len(report.changes)} change(s), {len(report.breaking)} breaking",
            markup=False,
        )
    if refused:
        if fmt != "json":
            print_problems(breaking_problems(report))
        raise typer.Exit(EXIT_INVALID)


@app.command("upgrade")
@handle_errors()
def upgrade(
    source: Annotated[Path, typer.Argument(help="JSONL file of records to upgrade.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write upgraded records.")
    ],
    to: Annotated[
        str | None, typer.Option("--to", help="Target version (default: latest).")
    ] = None,
    schema_ext: SchemaExtOption = None,
) -> None:
    """Upgrade records to a newer schema version with the registered upgraders."""
    table_for(schema_ext)
    files = expand_paths([source])
    count = 0
    with atomic_output(output) as tmp, tmp.open("w", encoding="utf-8") as handle:
        for item in read_items(files):
            if item.problem is not None:
                raise DataError(item.problem)
            record = upgrade_record(item.value, to)
            problems = validate_record(record)
            if problems:
                raise DataError([p.with_location(item.file, item.line) for p in problems])
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    typer.echo(f"upgraded {count} record(s) -> {output}")
