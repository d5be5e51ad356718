"""The ``eventgold`` application: registers each command module."""

from __future__ import annotations

from typing import Annotated

import typer

from eventgold import __version__
from eventgold.cli import demo as demo_cmd
from eventgold.cli import evaluate as evaluate_cmd
from eventgold.cli import gold as gold_cmd
from eventgold.cli import gold_link as gold_link_cmd
from eventgold.cli import preannotate as preannotate_cmd
from eventgold.cli import schema as schema_cmd
from eventgold.cli import studio as studio_cmd
from eventgold.cli import validate as validate_cmd

app = typer.Typer(
    name="eventgold",
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


app.add_typer(schema_cmd.app, name="schema")
app.add_typer(studio_cmd.app, name="studio")
app.command("validate")(validate_cmd.validate)
app.command("evaluate")(evaluate_cmd.evaluate)
app.command("demo")(demo_cmd.demo)
app.command("preannotate")(preannotate_cmd.preannotate)
app.add_typer(gold_cmd.app, name="gold")
gold_cmd.app.command("link")(gold_link_cmd.link)
gold_cmd.app.command("project")(gold_link_cmd.project)


def run() -> None:
    app()
