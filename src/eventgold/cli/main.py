"""The ``eventgold`` application: registers each command module by its import path.

A command's module (and the libraries it needs) is imported only when that command runs or
is listed in a help page, so ``eventgold preannotate`` does not pay for Label Studio, scipy
or the gold builder at start-up (see :mod:`eventgold.cli.lazy`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

import typer

from eventgold import __version__
from eventgold.cli.lazy import LazyGroup


class Commands(LazyGroup):
    """The commands in the order ``eventgold --help`` lists them."""

    lazy_commands: ClassVar[dict[str, str]] = {
        "validate": "eventgold.cli.validate:validate",
        "evaluate": "eventgold.cli.evaluate:evaluate",
        "demo": "eventgold.cli.demo:demo",
        "preannotate": "eventgold.cli.preannotate:preannotate",
        "schema": "eventgold.cli.schema:app",
        "studio": "eventgold.cli.studio:app",
        "gold": "eventgold.cli.gold:app",
    }


app = typer.Typer(
    name="eventgold",
    cls=Commands,
    help="Turn news text into validated gold datasets of geopolitical events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventgold {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news text into validated gold datasets of geopolitical events."""


def run() -> None:
    app()
