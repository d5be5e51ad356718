"""``eventgold evaluate``: score predicted records against gold records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from eventgold.cli._common import echo_json, handle_errors, out_console
from eventgold.cli.evaluate_clusters import render_cluster_evaluation, score_clusters
from eventgold.errors import Problem, UsageError
from eventgold.evaluate import MODES, Counts, Evaluation, MatchMode, Score, evaluate_records
from eventgold.validate import read_valid_records


def _counts_row(name: str, counts: Counts, *, style: str = "") -> list[str]:
    cells = [
        name,
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
    ]
    return [f"[{style}]{c}[/]" for c in cells] if style else cells


def _scores_table(evaluation: Evaluation) -> Table:
    table = Table(
        title=f"eventgold evaluate ({evaluation.mode} match, {evaluation.documents} documents)"
    )
    for column in ("", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if not column else "right")
    sections: list[tuple[str, Score]] = [
        ("mentions", evaluation.mentions),
        ("triggers", evaluation.triggers),
        ("arguments", evaluation.arguments),
        ("attributes", evaluation.attributes),
        ("normalized", evaluation.normalized),
    ]
    for name, score in sections:
        table.add_row(*_counts_row(name, score.total, style="bold"))
        for label, counts in sorted(score.by_label.items()):
            table.add_row(*_counts_row(f"  {label}", counts))
    return table


def _rules_table(evaluation: Evaluation) -> Table:
    table = Table(title="rules (prediction provenance)")
    for column in ("rule", "kind", "fired", "correct", "precision", "coverage"):
        table.add_column(column, justify="left" if column in ("rule", "kind") else "right")
    for rule in evaluation.rules():
        table.add_row(
            rule.rule_id,
            rule.kind,
            str(rule.fired),
            str(rule.correct),
            f"{rule.precision:.3f}",
            f"{rule.coverage:.3f}",
        )
    return table


def _render(evaluation: Evaluation) -> None:
    out_console.print(_scores_table(evaluation))
    if evaluation.rule_tallies:
        out_console.print(_rules_table(evaluation))
    for label, ids in (
        ("gold documents without a prediction (scored as empty)", evaluation.missing_predictions),
        ("predicted documents not in the gold (not scored)", evaluation.unscored_predictions),
    ):
        if ids:
            out_console.print(f"{label}: {', '.join(ids)}", markup=False)


@handle_errors()
def evaluate(
    gold: Annotated[list[Path], typer.Option("--gold", "-g", help="Gold records (files/folders).")],
    pred: Annotated[
        list[Path] | None,
        typer.Option("--pred", "-p", help="Predicted records (files/folders)."),
    ] = None,
    mode: Annotated[
        str, typer.Option("--mode", help="Span matching: strict or overlap.")
    ] = "strict",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    clusters: Annotated[
        list[Path] | None,
        typer.Option(
            "--clusters",
            "-c",
            help="Predicted event clusters (gold link output): MUC, B-cubed, CEAF-e, CoNLL F1 "
            "against the gold clusters among --gold. With --pred, the clusters name events of "
            "the predicted records (aligned with the gold by trigger).",
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of predictions against gold records.

    Mentions (type + span), triggers (event type + span), arguments (role + span on matched
    events), attributes (on matched events), normalized values (on matched mentions), and
    per-rule precision and coverage from the predictions' provenance.rule_id.
    """
    if mode not in MODES:
        raise UsageError(
            Problem("EG704", f"--mode must be one of {', '.join(MODES)}, not {mode!r}")
        )
    match_mode: MatchMode = "strict" if mode == "strict" else "overlap"
    if not pred and not clusters:
        raise UsageError(Problem("EG754", "give --pred records, --clusters, or both"))
    gold_records = read_valid_records(gold)
    predicted = read_valid_records(pred).documents if pred else None
    report: dict[str, Any] = {}
    if predicted is not None:
        evaluation = evaluate_records(gold_records.documents, predicted, match_mode)
        # Further report sections add keys here and a table in _render; the document-level
        # scores above stay as they are.
        report = evaluation.to_dict()
        if not as_json:
            _render(evaluation)
    if clusters:
        cluster_evaluation = score_clusters(gold_records, clusters, predicted)
        report["clusters"] = cluster_evaluation.to_dict()
        if not as_json:
            render_cluster_evaluation(cluster_evaluation)
    if as_json:
        echo_json(report)
