"""``eventgold preannotate``: inputs, outputs that always validate, bad input, workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.annotate import DEFAULT_PACK
from eventgold.cli.main import app
from eventgold.schema import new_document
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_record

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["preannotate", *args], input=stdin)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, output


def read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_seeds_preannotate_to_valid_records(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    code, output = invoke(*map(str, SEEDS), "-o", str(out))
    assert code == 0, output
    records = read(out)
    assert [r["document"]["id"] for r in records] == [p.stem for p in SEEDS]  # type: ignore[index]
    for record, path in zip(records, SEEDS, strict=True):
        assert validate_record(record) == []
        document = record["document"]
        assert document["text"] == path.read_text(encoding="utf-8")  # type: ignore[index]
        assert record["events"] and record["mentions"]
    # 000 has no date; 001's dateline (Wednesday October 30, 2024) anchors its relative dates.
    assert "published" not in records[0]["document"]  # type: ignore[operator]
    assert records[1]["document"]["published"] == "2024-10-30"  # type: ignore[index]


def test_folder_and_jsonl_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Japan sent troops to Iraq.", encoding="utf-8")
    builder = RecordBuilder("Iran met Iraq in Baghdad.", doc_id="rec-1")
    plain = {
        "id": "plain-1",
        "text": "Egypt imposed sanctions on Libya.",
        "published": "2024-01-02",
    }
    (folder / "b.jsonl").write_text(
        json.dumps(record_json(builder.build())) + "\n" + json.dumps(plain) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, output = invoke(str(folder), "-o", str(out))
    assert code == 0, output
    records = read(out)
    assert [r["document"]["id"] for r in records] == ["a", "rec-1", "plain-1"]  # type: ignore[index]
    assert all(validate_record(r) == [] for r in records)
    # Gold mentions of an input record are not carried over: these are fresh predictions.
    assert all(r["annotation"]["source"] == "rules" for r in records)  # type: ignore[index]


def test_published_option_overrides(tmp_path: Path) -> None:
    src = tmp_path / "d.txt"
    src.write_text("Peru sent troops to Chile on Tuesday.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _ = invoke(str(src), "-o", str(out), "--published", "2023-05-05")
    assert code == 0
    [record] = read(out)
    dates = [m for m in record["mentions"] if m["type"] == "DATE"]  # type: ignore[union-attr,index]
    assert record["document"]["published"] == "2023-05-05"  # type: ignore[index]
    assert dates[0]["normalized"] == "2023-05-02"


def test_stdin_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    line = json.dumps({"id": "s1", "text": "Cuba met Mexico."})
    code, output = invoke("-", "-o", str(out), stdin=line + "\n")
    assert code == 0, output
    assert read(out)[0]["document"]["id"] == "s1"  # type: ignore[index]


def test_invalid_jsonl_line_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "text": "Fine."})
    src.write_text(good + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    code, output = invoke(str(src), "-o", str(out))
    assert code == 1
    assert f"{src}:2" in output and "EG001" in output
    assert f"{src}:3" in output and "EG411" in output and "$.text" in output
    assert out.read_text(encoding="utf-8") == "previous content\n"  # untouched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]


def test_wrong_sha256_is_refused(tmp_path: Path) -> None:
    doc = record_json_document("Fine.")
    doc["sha256"] = "0" * 64
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    code, output = invoke(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert code == 1 and "EG411" in output and "$.sha256" in output


def record_json_document(text: str) -> dict[str, object]:
    return new_document("d1", text).model_dump(mode="json", exclude_none=True)


def test_non_utf8_text_file(tmp_path: Path) -> None:
    src = tmp_path / "latin.txt"
    src.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    code, output = invoke(str(src), "-o", str(out))
    assert code == 1 and "EG410" in output and str(src) in output
    assert not out.exists()


def test_file_name_that_is_not_an_id(tmp_path: Path) -> None:
    src = tmp_path / "my story.txt"
    src.write_text("Text.", encoding="utf-8")
    code, output = invoke(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert code == 1 and "EG413" in output


def test_empty_and_foreign_texts_give_empty_predictions(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("Россия направила войска в Курскую область.", encoding="utf-8")
    (tmp_path / "zh.jsonl").write_text(
        json.dumps({"id": "zh", "text": "中国和俄罗斯举行了会谈。", "lang": "zh"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, output = invoke(str(tmp_path), "-o", str(out))
    assert code == 0, output
    records = {r["document"]["id"]: r for r in read(out)}  # type: ignore[index]
    assert set(records) == {"empty", "ru", "zh"}
    for record in records.values():
        assert validate_record(record) == []
        assert record.get("events", []) == []


def test_ten_megabyte_single_line(tmp_path: Path) -> None:
    sentence = "Quiet markets and mild weather kept the harbour busy through the season. "
    text = sentence * (10_000_000 // len(sentence) + 1) + "Norway deployed troops to Estonia."
    assert "\n" not in text and len(text) > 10_000_000
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, output = invoke(str(src), "-o", str(out))
    assert code == 0, output
    [record] = read(out)
    assert validate_record(record) == []
    events = record["events"]
    assert [e["type"] for e in events] == ["deployment"]  # type: ignore[index,union-attr]


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "d.txt"
    src.write_text("Text.", encoding="utf-8")
    code, output = invoke(str(src), "-o", str(tmp_path / "o.jsonl"), "--published", "30/10/2024")
    assert code == 2 and "EG412" in output


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    code, output = invoke(str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert code == 2 and "EG006" in output


def test_bad_rule_pack_names_the_rule_before_reading_input(tmp_path: Path) -> None:
    pack = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8"))
    pack["triggers"][0]["event"] = "invasion"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(pack), encoding="utf-8")
    src = tmp_path / "d.txt"
    src.write_text("Text.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code, output = invoke(str(src), "-o", str(out), "--rules", str(bad))
    assert code == 1 and "EG402" in output and pack["triggers"][0]["id"] in output
    assert not out.exists()


@pytest.mark.slow
def test_workers_give_the_same_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] * 6
    src.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke(str(src), "-o", str(one))[0] == 0
    assert invoke(str(src), "-o", str(two), "--workers", "2")[0] == 0
    assert one.read_bytes() == two.read_bytes()
