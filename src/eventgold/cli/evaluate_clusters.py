"""``eventgold evaluate --clusters``: score predicted event clusters against gold clusters."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from eventgold.cli._common import out_console
from eventgold.errors import Problem, UsageError
from eventgold.evaluate.coref import ClusterEvaluation, CorefScores, evaluate_event_clusters
from eventgold.schema import DocumentRecord
from eventgold.validate import ValidRecords, read_valid_records


def score_clusters(
    gold: ValidRecords,
    predicted: list[Path],
    predicted_documents: list[DocumentRecord] | None = None,
) -> ClusterEvaluation:
    """Gold documents and clusters from ``gold``, predicted clusters from ``predicted``.

    Without ``predicted_documents`` the clusters name events of the gold records (``gold link``
    over the gold); with them, events of those records, aligned with the gold by trigger.
    """
    if not gold.clusters:
        raise UsageError(
            Problem("EG754", "--clusters needs gold cluster records among the --gold inputs")
        )
    response = read_valid_records(predicted).clusters
    return evaluate_event_clusters(gold.documents, gold.clusters, response, predicted_documents)


def _rows(table: Table, label: str, scores: CorefScores) -> None:
    for name, prf in (("MUC", scores.muc), ("B-cubed", scores.b_cubed), ("CEAF-e", scores.ceaf_e)):
        table.add_row(label, name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}")
    table.add_row(label, "[bold]CoNLL F1[/]", "", "", f"[bold]{scores.conll_f1:.3f}[/]")


def render_cluster_evaluation(evaluation: ClusterEvaluation) -> None:
    table = Table(
        title=(
            f"event clusters: {evaluation.predicted_clusters} predicted vs "
            f"{evaluation.gold_clusters} gold over {evaluation.events} events"
        )
    )
    for column in ("singletons", "metric", "P", "R", "F1"):
        table.add_column(column, justify="left" if column in ("singletons", "metric") else "right")
    _rows(table, "included", evaluation.with_singletons)
    _rows(table, "excluded", evaluation.without_singletons)
    out_console.print(table)
