"""Scores of `eventgold evaluate` against small cases computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import DataError
from eventgold.evaluate import (
    SpanKey,
    align_spans,
    compare_records,
    evaluate_records,
)
from eventgold.schema import DocumentRecord, Provenance
from eventgold.testing import RecordBuilder, record_json

TEXT = "Russia vetoed the resolution on Monday while China abstained."


def rule(rule_id: str) -> Provenance:
    return Provenance(origin="rule", rule_id=rule_id, score=0.9, rules_version="1.0.0")


def gold_record(doc_id: str = "d1") -> DocumentRecord:
    b = RecordBuilder(TEXT, doc_id)
    russia = b.mention("Russia", "GPE", normalized="RUS")
    resolution = b.mention("resolution", "LEGAL_INSTRUMENT")
    monday = b.mention("Monday", "DATE", normalized="2024-10-28")
    china = b.mention("China", "GPE", normalized="CHN")
    b.event(
        "un_action",
        "vetoed",
        {"actor": [russia], "instrument": [resolution], "time": [monday]},
        action="veto",
    )
    b.event("un_action", "abstained", {"actor": [china]}, action="abstain")
    return b.build()


def pred_record(doc_id: str = "d1") -> DocumentRecord:
    b = RecordBuilder(TEXT, doc_id)
    russia = b.mention("Russia", "GPE", normalized="RUS", provenance=rule("gaz.gpe"))
    resolution = b.mention("the resolution", "LEGAL_INSTRUMENT", provenance=rule("legal.np"))
    b.mention("Monday", "DATE", normalized="2024-10-21", provenance=rule("date.weekday"))
    b.mention("China", "ORG", normalized="China", provenance=rule("gaz.org"))
    b.event(
        "un_action",
        "vetoed",
        {"actor": [russia], "instrument": [resolution]},
        provenance=rule("trig.veto"),
        action="veto",
        tense="past",
    )
    return b.build()


def prf(counts: object) -> tuple[float, float, float]:
    return (counts.precision, counts.recall, counts.f1)  # type: ignore[attr-defined]


def test_strict_scores_by_hand() -> None:
    ev = evaluate_records([gold_record()], [pred_record()], "strict")
    # Russia and Monday match exactly; "the resolution" is longer, China has the wrong type.
    assert (ev.mentions.total.tp, ev.mentions.total.fp, ev.mentions.total.fn) == (2, 2, 2)
    assert prf(ev.mentions.by_label["GPE"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert ev.mentions.by_label["ORG"].fp == 1
    # One of two vetoes/abstentions found, no false trigger.
    assert prf(ev.triggers.total) == pytest.approx((1.0, 0.5, 2 / 3))
    # Arguments: only the actor of the veto matches (instrument span differs, time missing).
    assert (ev.arguments.total.tp, ev.arguments.total.fp, ev.arguments.total.fn) == (1, 1, 3)
    assert ev.arguments.by_label["un_action.actor"].tp == 1
    assert ev.arguments.by_label["un_action.instrument"].fp == 1
    # Attributes: veto matched with 5 attributes, tense wrong; abstention's 5 all missed.
    assert (ev.attributes.total.tp, ev.attributes.total.fp, ev.attributes.total.fn) == (4, 1, 6)
    assert ev.attribute_accuracy["tense"].value == 0.0
    assert ev.attribute_accuracy["action"].value == 1.0
    # Normalized: RUS right, the Monday date wrong (fn+fp), CHN unmatched, "China" ORG extra.
    assert (ev.normalized.total.tp, ev.normalized.total.fp, ev.normalized.total.fn) == (1, 2, 2)
    assert ev.normalized_accuracy["DATE"].value == 0.0


def test_overlap_scores_by_hand() -> None:
    ev = evaluate_records([gold_record()], [pred_record()], "overlap")
    assert (ev.mentions.total.tp, ev.mentions.total.fp, ev.mentions.total.fn) == (3, 1, 1)
    assert prf(ev.arguments.total) == pytest.approx((1.0, 0.5, 2 / 3))


def test_rule_precision_and_coverage() -> None:
    ev = evaluate_records([gold_record()], [pred_record()], "strict")
    rules = {(r.rule_id, r.kind): r for r in ev.rules()}
    gpe = rules[("gaz.gpe", "mention")]
    assert (gpe.fired, gpe.correct, gpe.gold) == (1, 1, 2)
    assert gpe.precision == 1.0 and gpe.coverage == 0.5
    assert rules[("legal.np", "mention")].precision == 0.0
    assert rules[("gaz.org", "mention")].gold == 0  # no gold ORG: coverage undefined -> 0
    veto = rules[("trig.veto", "trigger")]
    assert (veto.precision, veto.coverage) == (1.0, 0.5)


def test_perfect_prediction_and_empty_documents() -> None:
    ev = evaluate_records([gold_record()], [gold_record()], "strict")
    for score in (ev.mentions, ev.triggers, ev.arguments, ev.attributes, ev.normalized):
        assert score.total.f1 == 1.0 and score.total.fp == score.total.fn == 0
    empty = RecordBuilder("Nothing happened.", "d2").build()
    ev = evaluate_records([empty], [empty], "strict")
    assert ev.mentions.total.f1 == 1.0  # nothing expected, nothing predicted


def test_missing_prediction_counts_as_empty() -> None:
    other = RecordBuilder(TEXT, "d2").build()
    ev = evaluate_records([gold_record(), gold_record("d3")], [gold_record(), other], "strict")
    assert ev.missing_predictions == ["d3"]
    assert ev.unscored_predictions == ["d2"]
    assert ev.triggers.total.fn == 2 and ev.triggers.total.tp == 2


def test_text_mismatch_is_an_error() -> None:
    changed = RecordBuilder(TEXT + " Later.", "d1").build()
    with pytest.raises(DataError) as info:
        compare_records(gold_record(), changed, "strict")
    assert info.value.problems[0].code == "EG701"


def test_no_common_document_is_an_error() -> None:
    with pytest.raises(DataError) as info:
        evaluate_records([gold_record("a")], [gold_record("b")])
    assert info.value.problems[0].code == "EG703"


def test_alignment_is_one_to_one_and_prefers_exact() -> None:
    gold = [SpanKey(0, 10, "X"), SpanKey(12, 20, "X")]
    pred = [SpanKey(5, 15, "X"), SpanKey(0, 10, "X"), SpanKey(11, 13, "X")]
    # Exact (0,10) first; gold (12,20) then takes the larger overlap (5,15) over (11,13).
    assert align_spans(gold, pred, "overlap") == [(0, 1), (1, 0)]
    assert align_spans(gold, pred, "strict") == [(0, 1)]
    assert align_spans(gold, list(reversed(pred)), "overlap") == [(0, 1), (1, 2)]
    assert align_spans([SpanKey(0, 5, "A")], [SpanKey(0, 5, "B")], "overlap") == []


def write_jsonl(path: Path, records: list[DocumentRecord]) -> Path:
    path.write_text("".join(json.dumps(record_json(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_json_and_table(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [gold_record()])
    pred = write_jsonl(tmp_path / "pred.jsonl", [pred_record()])
    runner = CliRunner()
    result = runner.invoke(
        app, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--json", "--mode", "overlap"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "overlap"
    assert data["mentions"]["tp"] == 3
    assert data["triggers"]["by_type"]["un_action"]["recall"] == 0.5
    assert {r["rule_id"] for r in data["rules"]} >= {"gaz.gpe", "trig.veto"}
    table = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0
    assert "triggers" in table.stdout and "gaz.gpe" in table.stdout


def test_cli_errors(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [gold_record()])
    runner = CliRunner()
    bad_mode = runner.invoke(app, ["evaluate", "-g", str(gold), "-p", str(gold), "--mode", "fuzzy"])
    assert bad_mode.exit_code == 2
    assert "EG704" in bad_mode.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"kind": "document", "schema_name": 1}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "-g", str(gold), "-p", str(broken)])
    assert result.exit_code == 1
    assert "broken.jsonl:1" in result.stderr and "Traceback" not in result.output
