"""``eventgold demo`` (and ``make demo``): the main job end to end on the seed documents."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventgold.cli._common import err_console, handle_errors, is_tty, out_console
from eventgold.demo import DemoOptions, DemoResult, Step, run_demo
from eventgold.evaluate import Evaluation
from eventgold.studio.connection import DEFAULT_STATE_DIR
from eventgold.studio.server import DEFAULT_PORT


class _RichReporter:
    """A spinner with the elapsed time while a step runs, then one line with its duration."""

    def __init__(self) -> None:
        self.index = 0

    @contextmanager
    def started(self, name: str) -> Iterator[object]:
        self.index += 1
        if not is_tty():
            yield None
            return
        with Progress(
            SpinnerColumn(),
            TextColumn(f"[{self.index}] {name}..."),
            TimeElapsedColumn(),  # the first Label Studio start takes a while: show it moves
            console=err_console,
            transient=True,
        ) as bar:
            bar.add_task(name, total=None)
            yield bar

    def finished(self, step: Step) -> None:
        out_console.print(
            f"[green]✓[/] [bold]{step.name}[/] [dim]({step.seconds:.1f} s)[/] {step.summary}",
            highlight=False,
        )


def _accuracy_table(strict: Evaluation, overlap: Evaluation) -> Table:
    table = Table(title=f"pre-annotation vs hand gold ({strict.documents} documents)")
    for column in ("", "P", "R", "F1 strict", "F1 overlap"):
        table.add_column(column, justify="left" if not column else "right")
    for kind in ("mentions", "triggers", "arguments", "attributes", "normalized"):
        s, o = getattr(strict, kind).total, getattr(overlap, kind).total
        table.add_row(kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{o.f1:.3f}")
    return table


def _agreement_tables(result: DemoResult) -> list[Table]:
    report = result.build.agreement
    names = " vs ".join(report.annotators)
    spans = Table(title=f"inter-annotator agreement: spans ({names})")
    for column in ("", "strict F1", "overlap F1"):
        spans.add_column(column, justify="left" if not column else "right")
    strict, overlap = report.spans("strict"), report.spans("overlap")
    for kind in ("mentions", "triggers", "arguments"):
        spans.add_row(kind, f"{strict[kind].total.f1:.3f}", f"{overlap[kind].total.f1:.3f}")
    attributes = Table(title="inter-annotator agreement: attributes of shared events")
    for column in ("", "Cohen's kappa", "Krippendorff's alpha", "events"):
        attributes.add_column(column, justify="left" if not column else "right")
    for name, attr in sorted(report.attributes.items()):
        kappa = "n/a" if attr.kappa is None else f"{attr.kappa:.3f}"
        alpha = "n/a" if attr.alpha is None else f"{attr.alpha:.3f}"
        attributes.add_row(name, kappa, alpha, str(attr.units))
    return [spans, attributes]


def _render(result: DemoResult, options: DemoOptions) -> None:
    total = sum(step.seconds for step in result.steps)
    out_console.print(f"[bold]done in {total:.1f} s[/]", highlight=False)
    out_console.print(_accuracy_table(result.strict, result.overlap))
    for table in _agreement_tables(result):
        out_console.print(table)
    adjudication = result.build.adjudication
    out_console.print(
        f"adjudication: {len(result.build.records)} gold document(s), "
        f"{len(adjudication.unresolved)} unresolved and {len(adjudication.rejected)} rejected "
        f"item(s) -> {options.output / 'adjudication.json'}",
        markup=False,
    )
    login = result.login
    out_console.print()
    out_console.print(f"[bold]Open the project:[/] {login.project_url}", highlight=False)
    out_console.print(
        f"  log in as {login.email} / {login.password}  (local demo admin)", markup=False
    )
    out_console.print(f"  API token: stored in {login.token_file} (never printed)", markup=False)
    out_console.print(
        f"  the server keeps running; stop it with: eventgold studio stop"
        f"{'' if options.state_dir == DEFAULT_STATE_DIR else f' --state-dir {options.state_dir}'}",
        markup=False,
    )
    out_console.print(
        f"  gold dataset: {options.output}/ (dataset card {options.output / 'README.md'})",
        markup=False,
    )


@handle_errors()
def demo(
    seeds: Annotated[Path, typer.Option(help="Folder of .txt documents.")] = Path("seeds"),
    gold: Annotated[Path, typer.Option(help="Their hand gold (records and clusters).")] = Path(
        "seeds/gold"
    ),
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Gold dataset folder to (re)build.")
    ] = Path("exports"),
    state_dir: Annotated[
        Path, typer.Option("--state-dir", help="Local Label Studio data, token and log.")
    ] = DEFAULT_STATE_DIR,
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="Where predictions and pulled records go.")
    ] = Path(".eventgold/demo"),
    port: Annotated[
        int, typer.Option(help="Port on 127.0.0.1 when the server has to be started.")
    ] = DEFAULT_PORT,
    project: Annotated[str, typer.Option("--project", "-p", help="Project title.")] = (
        "eventgold demo"
    ),
) -> None:
    """Run the main job end to end on the seed documents, with a local Label Studio.

    Starts (or reuses) the local Label Studio, pre-annotates the seeds, scores the rules
    against the hand gold, pushes the tasks with predictions, submits the gold (reviewer) and
    a second annotator's copy as two users, pulls, builds and validates the gold dataset, and
    prints accuracy, agreement and the login. Re-runnable: a second run reuses the server,
    the project, the tasks and the annotations, and rebuilds the same files.
    """
    options = DemoOptions(
        seeds=seeds,
        gold=gold,
        output=output,
        state_dir=state_dir,
        work_dir=work_dir,
        port=port,
        project=project,
    )
    result = run_demo(options, _RichReporter())
    _render(result, options)


def main() -> None:
    typer.run(demo)


if __name__ == "__main__":
    main()
