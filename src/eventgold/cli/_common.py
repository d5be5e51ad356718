"""Shared CLI plumbing: error reporting, exit codes, the schema-extension option."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from eventgold.errors import CODES, EXIT_SERVER, EventgoldError, Problem, UsageError
from eventgold.schema import SchemaTable, active_table

P = ParamSpec("P")
R = TypeVar("R")

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)

SchemaExtOption = Annotated[
    Path | None,
    typer.Option(
        "--schema-ext",
        help="Project extension definition file (default: [schema] extension in eventgold.toml).",
        exists=False,
        dir_okay=False,
    ),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: text, json, github or junit."),
]

BackendOption = Annotated[
    str,
    typer.Option(
        "--backend", help="local (this process) or dask (sharded inputs on a Dask cluster)."
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://host:8786); default: a LocalCluster on this machine.",
    ),
]
DaskWorkersOption = Annotated[
    int,
    typer.Option("--dask-workers", min=1, help="Worker processes of the default LocalCluster."),
]


def check_backend(backend: str, scheduler: str | None) -> None:
    if backend not in ("local", "dask"):
        raise UsageError(Problem("EG094", f"--backend must be local or dask, not {backend!r}"))
    if scheduler is not None and backend != "dask":
        raise UsageError(Problem("EG094", "--scheduler needs --backend dask"))


def table_for(schema_ext: Path | None) -> SchemaTable:
    return active_table(schema_ext)


def print_problems(problems: list[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        print(
            json.dumps(
                {"ok": False, "problems": [p.to_dict() for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for p in problems[:200]:
        if fmt == "github":
            line = f",line={p.line}" if p.line is not None else ""
            print(f"::error file={p.file or ''}{line},title={p.code}::{p.path}: {p.message}")
        else:
            err_console.print(
                f"[bold red]error[/] {p.location()}: {p.code} {p.path}: {p.message}",
                markup=True,
                highlight=False,
            )
            err_console.print(f"  hint: {p.hint or CODES[p.code].hint}", markup=False)
    if len(problems) > 200:
        err_console.print(f"... and {len(problems) - 200} more problem(s)", markup=False)


def handle_errors(fmt_param: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn library errors into messages and exit codes (no traceback for user mistakes)."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            fmt = str(kwargs.get(fmt_param, "text")) if fmt_param else "text"
            try:
                return fn(*args, **kwargs)
            except EventgoldError as exc:
                print_problems(exc.problems, fmt)
                raise typer.Exit(exc.exit_code) from None
            except OSError as exc:
                err_console.print(
                    f"error: {exc.strerror or exc}: {exc.filename or ''}", markup=False
                )
                raise typer.Exit(EXIT_SERVER) from None

        return wrapper

    return decorate


def is_tty() -> bool:
    return sys.stderr.isatty()


def echo_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
