"""``eventgold gold link``, ``gold project`` and ``evaluate --clusters`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.testing import RecordBuilder, record_json

DATA = Path(__file__).parent / "data" / "linking"
runner = CliRunner()


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_link_writes_valid_clusters_that_evaluate_scores(tmp_path: Path) -> None:
    out, links = tmp_path / "clusters.jsonl", tmp_path / "links.jsonl"
    result = runner.invoke(
        app,
        ["gold", "link", str(DATA / "documents.jsonl"), "-o", str(out), "--links", str(links)],
    )
    assert result.exit_code == 0, result.output
    assert "9 document(s), 25 event(s)" in result.output
    clusters = [json.loads(line) for line in out.read_text().splitlines()]
    assert clusters and all(c["kind"] == "event_cluster" for c in clusters)
    scored = [json.loads(line) for line in links.read_text().splitlines()]
    assert all(s["kind"] == "event_link" and s["evidence"] for s in scored)
    assert len(scored) >= sum(len(c["members"]) - 1 for c in clusters)

    valid = runner.invoke(app, ["validate", str(DATA / "documents.jsonl"), str(out)])
    assert valid.exit_code == 0, valid.output

    scores = runner.invoke(app, ["evaluate", "--gold", str(DATA), "--clusters", str(out), "--json"])
    assert scores.exit_code == 0, scores.output
    report = json.loads(scores.output)["clusters"]
    assert report["gold_clusters"] == 7 and report["events"] == 25
    assert report["with_singletons"]["conll_f1"] >= 0.9


def test_link_threshold_one_links_nothing_and_bad_threshold_is_usage_error(
    tmp_path: Path,
) -> None:
    out = tmp_path / "c.jsonl"
    args = ["gold", "link", str(DATA / "documents.jsonl"), "-o", str(out)]
    strict = runner.invoke(app, [*args, "--threshold", "1.0", "--json"])
    assert strict.exit_code == 0, strict.output
    assert json.loads(strict.output)["clusters"] == 0
    bad = runner.invoke(app, [*args, "--threshold", "2"])
    assert bad.exit_code == 2
    assert "EG754" in bad.output


def test_evaluate_clusters_naming_unknown_events_is_an_error(tmp_path: Path) -> None:
    bogus = {
        "kind": "event_cluster",
        "schema_name": "eventgold",
        "schema_version": "1.0.0",
        "id": "x",
        "event_type": "sanction",
        "members": [{"document": "lk-a1", "event": "e1"}, {"document": "nope", "event": "e9"}],
    }
    path = _write(tmp_path / "pred.jsonl", [bogus])
    result = runner.invoke(app, ["evaluate", "--gold", str(DATA), "--clusters", str(path)])
    assert result.exit_code == 1
    assert "EG751" in result.output
    neither = runner.invoke(app, ["evaluate", "--gold", str(DATA)])
    assert neither.exit_code == 2


def test_project_command_writes_a_valid_record_and_report(tmp_path: Path) -> None:
    source = RecordBuilder("Russia vetoed the resolution on Tuesday. Talks follow.", "a")
    russia = source.mention("Russia", "GPE", normalized="RUS")
    source.event("un_action", "vetoed", {"actor": [russia]}, action="veto")
    records = _write(tmp_path / "a.jsonl", [record_json(source.build())])
    target = tmp_path / "b.txt"
    target.write_text("Talks follow. Russia vetoed the decision on Tuesday.", encoding="utf-8")
    out, report = tmp_path / "b.jsonl", tmp_path / "report.json"
    result = runner.invoke(
        app,
        [
            "gold",
            "project",
            str(records),
            "--from",
            "a",
            "--to",
            str(target),
            "-o",
            str(out),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    projected = json.loads(out.read_text())
    assert projected["document"]["id"] == "b"
    assert projected["events"][0]["provenance"]["origin"] == "projected"
    [projection] = json.loads(report.read_text())["projections"]
    assert projection["mentions"]["exact"] == 1
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0

    missing = runner.invoke(
        app, ["gold", "project", str(records), "--from", "zz", "--to", "a", "-o", str(out)]
    )
    assert missing.exit_code == 2 and "EG752" in missing.output


def test_evaluate_scores_clusters_over_predicted_records(tmp_path: Path) -> None:
    predicted = []
    for line in (DATA / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for event in record["events"]:
            event["id"] = "p" + event["id"]
        predicted.append(record)
    pred = _write(tmp_path / "pred.jsonl", predicted)
    clusters = tmp_path / "clusters.jsonl"
    linked = runner.invoke(app, ["gold", "link", str(pred), "-o", str(clusters)])
    assert linked.exit_code == 0, linked.output
    args = ["--gold", str(DATA), "--pred", str(pred), "--clusters", str(clusters), "--json"]
    result = runner.invoke(app, ["evaluate", *args])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["triggers"]["f1"] == 1.0  # document-level scores are there too
    assert report["clusters"]["with_singletons"]["conll_f1"] >= 0.9


def test_project_onto_every_near_duplicate(tmp_path: Path, root: Path) -> None:
    seeds = [str(p) for p in sorted((root / "seeds" / "gold").glob("0*.jsonl"))]
    out = tmp_path / "projected.jsonl"
    args = ["gold", "project", *seeds, "--from", "000_6672ba51e3dc3b7d", "-o", str(out)]
    result = runner.invoke(app, [*args, "--near-duplicates", "--json"])
    assert result.exit_code == 0, result.output
    [projection] = json.loads(result.output)["projections"]
    assert projection["target"] == "001_49c6d8f7d69bca89"
    assert projection["mentions"]["exact"] > 0
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["annotation"]["source"] == "projection"
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0

    alone = runner.invoke(
        app,
        [
            "gold",
            "project",
            seeds[0],
            "--from",
            "000_6672ba51e3dc3b7d",
            "-o",
            str(tmp_path / "x.jsonl"),
            "--near-duplicates",
        ],
    )
    assert alone.exit_code == 2 and "EG754" in alone.output
    assert not (tmp_path / "x.jsonl").exists()
