"""Scoring: predictions against gold, and the span alignment that annotator agreement reuses.

Sits beside :mod:`eventgold.validate` and imports only :mod:`eventgold.schema` and
:mod:`eventgold.errors`: it works on record objects, reading files is the caller's job.
"""

from eventgold.evaluate.api import Evaluation, RuleScore, evaluate_records
from eventgold.evaluate.compare import ATTRIBUTION, Accuracy, Comparison, compare_records
from eventgold.evaluate.counts import Counts, Score
from eventgold.evaluate.matching import (
    MODES,
    ArgumentKey,
    MatchMode,
    SpanKey,
    align_arguments,
    align_events,
    align_mentions,
    align_spans,
    argument_keys,
    mention_key,
    spans_match,
    trigger_key,
)

__all__ = [
    "ATTRIBUTION",
    "MODES",
    "Accuracy",
    "ArgumentKey",
    "Comparison",
    "Counts",
    "Evaluation",
    "MatchMode",
    "RuleScore",
    "Score",
    "SpanKey",
    "align_arguments",
    "align_events",
    "align_mentions",
    "align_spans",
    "argument_keys",
    "compare_records",
    "evaluate_records",
    "mention_key",
    "spans_match",
    "trigger_key",
]
