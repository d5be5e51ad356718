"""`eventgold gold build`: a complete, valid, reproducible, atomically written dataset."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import ServerError
from eventgold.gold import exporters
from eventgold.gold.build import BuildOptions, build_gold
from eventgold.gold.io import Inputs, read_inputs
from eventgold.gold.lock import build_lock
from eventgold.gold.manifest import verify_manifest
from eventgold.gold.splits import SplitRatios
from eventgold.schema import AnnotationInfo, DocumentRecord, Provenance
from eventgold.testing import RecordBuilder
from eventgold.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "seeds" / "gold"


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def seed_inputs() -> Inputs:
    return read_inputs([SEED_GOLD])


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory, seed_inputs: Inputs) -> Path:
    out = tmp_path_factory.mktemp("build") / "exports"
    build_gold(seed_inputs, out)
    return out


def test_seed_build_is_valid_and_complete(seed_build: Path) -> None:
    report = validate_paths([seed_build])  # the manifest names the canonical record files
    assert report.ok, report.problems[:3]
    assert report.records == 2 + len((SEED_GOLD / "clusters.jsonl").read_text().splitlines())
    for name in ("README.md", "manifest.json", "croissant.json", "agreement.json"):
        assert (seed_build / name).is_file()
    assert (seed_build / "adjudication.json").is_file() and (
        seed_build / "rule_quality.json"
    ).is_file()
    assert verify_manifest(seed_build) == []
    splits = json.loads((seed_build / "splits.json").read_text())
    seed_ids = sorted(p.stem for p in SEED_GOLD.glob("0*.jsonl"))
    assert seed_ids in splits["groups"]
    assert len({splits["splits"][d] for d in seed_ids}) == 1  # near-duplicates stay together


def test_manifest_detects_changes(seed_build: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_build, copy)
    (copy / "jsonl" / "train.jsonl").write_text("{}\n")
    (copy / "extra.txt").write_text("x")
    assert verify_manifest(copy) == ["extra.txt", "jsonl/train.jsonl"]


def test_dataset_card_header(seed_build: Path) -> None:
    text = (seed_build / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    header = yaml.safe_load(text.split("---\n")[1])
    for key in ("license", "task_categories", "language", "pretty_name", "configs"):
        assert header[key]
    for config in header["configs"]:
        for entry in config["data_files"]:
            assert (seed_build / entry["path"]).is_file()
    assert "eventgold@1.0.0" in text and "Limitations" in text and "deployment" in text


def test_croissant_validates_with_mlcroissant(seed_build: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    logging.getLogger("absl").setLevel(logging.ERROR)
    dataset = mlc.Dataset(jsonld=str(seed_build / "croissant.json"))
    data = json.loads((seed_build / "croissant.json").read_text())
    assert data["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert any(key.startswith("rai:") for key in data)
    rows = list(dataset.records("train"))
    assert sorted(r["train/document_id"].decode() for r in rows) == sorted(
        p.stem for p in SEED_GOLD.glob("0*.jsonl")
    )


def test_card_config_loads_with_datasets(seed_build: Path, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    train = datasets.load_dataset(
        str(seed_build), "default", split="train", cache_dir=str(tmp_path)
    )
    assert train.num_rows == 2


def test_rebuild_is_byte_identical(seed_build: Path, seed_inputs: Inputs, tmp_path: Path) -> None:
    again = tmp_path / "exports"
    build_gold(seed_inputs, again)
    assert tree(again) == tree(seed_build)


def test_failed_build_leaves_previous_output_untouched(
    seed_inputs: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "exports"
    build_gold(seed_inputs, out)
    before = tree(out)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full (injected)")

    monkeypatch.setitem(exporters.EXPORTERS, "oneie", broken)
    with pytest.raises(RuntimeError, match="injected"):
        build_gold(seed_inputs, out, BuildOptions(seed=7))
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".building")] == []


def test_a_second_build_into_the_same_folder_is_refused(
    seed_inputs: Inputs, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    with build_lock(out), pytest.raises(ServerError) as info:
        build_gold(seed_inputs, out)
    assert info.value.problems[0].code == "EG606"
    assert not out.exists()
    build_gold(seed_inputs, out)  # the lock is released afterwards
    assert (out / "manifest.json").is_file()


TEXTS = [
    "Russia vetoed the resolution on Monday while China abstained.",
    "France deployed 500 troops to Mali last week, the ministry said.",
    "Japan imposed sanctions on North Korea over missile tests.",
    "Germany sent tanks to Poland after talks in Berlin.",
]


def annotate(text: str, doc_id: str, variant: int) -> DocumentRecord:
    """Three annotators' slightly different takes on one of the texts."""
    b = RecordBuilder(text, doc_id)
    first = text.split()[0]
    subject = b.mention(first, "GPE")
    trigger = text.split()[1]
    etype = {
        "vetoed": "un_action",
        "deployed": "deployment",
        "imposed": "sanction",
        "sent": "deployment",
    }
    attrs = {"un_action": {"action": "veto"}, "sanction": {"action": "impose"}}.get(
        etype[trigger], {}
    )
    role = {"un_action": "actor", "deployment": "deployer", "sanction": "imposer"}[etype[trigger]]
    tense = "past" if variant != 2 else "present"
    b.event(etype[trigger], trigger, {role: [subject]}, tense=tense, **attrs)
    if variant == 1:
        b.mention(text.split()[-1].rstrip("."), "LOC")
    return b.build()


def prediction(text: str, doc_id: str) -> DocumentRecord:
    rule = Provenance(origin="rule", rule_id="gpe.first_word", score=0.5, rules_version="1.2.0")
    wrong = Provenance(origin="rule", rule_id="loc.last_word", score=0.5, rules_version="1.2.0")
    b = RecordBuilder(text, doc_id)
    b.mention(text.split()[0], "GPE", provenance=rule)
    b.mention(text.split()[-1].rstrip("."), "GPE", provenance=wrong)
    record = b.build()
    return record.model_copy(
        update={"annotation": AnnotationInfo(source="rules", rules_version="1.2.0")}
    )


def synthetic_inputs() -> Inputs:
    records = []
    for index, text in enumerate(TEXTS):
        doc_id = f"doc{index}"
        for variant, name in enumerate(("ann-a", "ann-b", "ann-c")):
            info = AnnotationInfo(
                source="labelstudio", annotator=name, annotation_id=index * 10 + variant
            )
            records.append(annotate(text, doc_id, variant).model_copy(update={"annotation": info}))
        records.append(prediction(text, doc_id))
    return Inputs(documents=records)


def test_build_with_several_annotators_and_predictions(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    options = BuildOptions(ratios=SplitRatios(0.5, 0.25, 0.25), seed=3)
    result = build_gold(synthetic_inputs(), out, options)
    assert len(result.records) == 4
    assert sorted(set(result.splits.values())) == ["dev", "test", "train"]
    agreement = json.loads((out / "agreement.json").read_text())
    assert agreement["annotators"] == ["ann-a", "ann-b", "ann-c"]
    assert len(agreement["pairs"]) == 3
    assert agreement["span_f1"]["strict"]["triggers"]["f1"] == 1.0
    assert agreement["attributes"]["tense"]["alpha"] is not None
    adjudication = json.loads((out / "adjudication.json").read_text())
    # ann-b's extra LOC mention is a minority item in every document: rejected, listed
    assert sum(i["kind"] == "mention" for i in adjudication["rejected"]) == 4
    quality = json.loads((out / "rule_quality.json").read_text())
    rules = {r["rule_id"]: r for r in quality["rules"]}
    assert rules["gpe.first_word"]["precision"] == 1.0
    assert rules["gpe.first_word"]["coverage"] == 1.0
    assert rules["loc.last_word"]["corrected"] == 4
    assert rules["loc.last_word"]["corrections"]["deleted"] == 4
    assert quality["rules"][0]["rule_id"] == "loc.last_word"  # most corrected first
    assert quality["rules_versions"] == ["1.2.0"]
    assert validate_paths([out]).ok


def test_cli_build(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "exports"
    args = ["gold", "build", str(SEED_GOLD), "-o", str(out), "--format", "jsonl", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2 and "jsonl/train.jsonl" in summary["files"]
    assert not (out / "parquet").exists()
    table = runner.invoke(
        app, ["gold", "build", str(SEED_GOLD), "-o", str(out), "--format", "jsonl"]
    )
    assert table.exit_code == 0 and "adjudication: 2 document(s)" in table.stdout
    for bad in (["--ratios", "0.5,0.5"], ["--policy", "vote"], ["--format", "csv"]):
        result = runner.invoke(app, ["gold", "build", str(SEED_GOLD), "-o", str(out), *bad])
        assert result.exit_code == 2, (bad, result.output)
        assert "Traceback" not in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"kind": "document"}) + "\n")
    result = runner.invoke(app, ["gold", "build", str(empty), "-o", str(out)])
    assert result.exit_code == 1 and "empty.jsonl" in result.stderr


def test_a_concurrent_build_in_another_process_is_refused(
    seed_inputs: Inputs, tmp_path: Path
) -> None:
    import subprocess
    import sys
    import time

    out = tmp_path / "exports"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from eventgold.gold.lock import build_lock\n"
            f"with build_lock({str(out)!r}):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(ServerError) as info:
            build_gold(seed_inputs, out)
        assert info.value.problems[0].code == "EG606"
        assert str(holder.pid) in info.value.problems[0].message
        assert time.monotonic() - started < 10  # refused at once, not after waiting
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    build_gold(seed_inputs, out)  # the holder died: its lock went with it
    assert verify_manifest(out) == []


def test_refuses_to_replace_a_folder_that_is_not_a_dataset(
    seed_inputs: Inputs, tmp_path: Path
) -> None:
    from eventgold.errors import UsageError

    precious = tmp_path / "src"
    precious.mkdir()
    (precious / "code.py").write_text("print('keep me')\n")
    with pytest.raises(UsageError) as info:
        build_gold(seed_inputs, precious)
    assert info.value.problems[0].code == "EG609"
    assert (precious / "code.py").read_text() == "print('keep me')\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    build_gold(seed_inputs, empty, BuildOptions(formats=("jsonl",)))  # empty: fine
    build_gold(seed_inputs, empty, BuildOptions(formats=("jsonl",)))  # a previous build: fine
    assert verify_manifest(empty) == []
