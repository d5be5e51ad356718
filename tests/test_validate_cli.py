"""``eventgold validate`` on the command line: formats, exit codes, inputs, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.testing import synthetic_record

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", *args], input=stdin)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    path.write_text(line(synthetic_record(1)) + line(synthetic_record(2)), encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    broken = synthetic_record(3)
    broken["mentions"][0]["text"] = "not what the text says"
    broken["document"]["sha256"] = "0" * 64
    path = tmp_path / "bad.jsonl"
    path.write_text(line(synthetic_record(4)) + line(broken) + "{not json\n", encoding="utf-8")
    return path


def test_valid_file_exits_0_with_summary(good: Path) -> None:
    code, out, _ = invoke(str(good))
    assert code == 0
    assert out.strip().splitlines()[-1] == (
        "valid: 2 record(s) in 1 file(s), 2 valid, 0 invalid, 0 problem(s)"
    )


def test_invalid_file_text_format(bad: Path) -> None:
    code, out, _ = invoke(str(bad))
    assert code == 1
    assert f"{bad}:2: EG203 $.mentions[0].text:" in out
    assert f"{bad}:2: EG204 $.document.sha256:" in out
    assert f"{bad}:3: EG001 $: malformed JSON" in out
    assert "hint:" in out
    assert out.strip().splitlines()[-1] == (
        "INVALID: 3 record(s) in 1 file(s), 1 valid, 2 invalid, 3 problem(s)"
    )


def test_json_format(bad: Path) -> None:
    code, out, _ = invoke(str(bad), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert (report["records"], report["invalid_records"]) == (3, 2)
    assert report["codes"] == {"EG001": 1, "EG203": 1, "EG204": 1}
    first = report["problems"][0]
    assert set(first) >= {"code", "message", "path", "file", "line", "hint"}
    assert first["file"] == str(bad)


def test_github_format(bad: Path) -> None:
    code, out, _ = invoke(str(bad), "-f", "github")
    assert code == 1
    annotations = [x for x in out.splitlines() if x.startswith("::error ")]
    assert len(annotations) == 3
    assert f"::error file={bad},line=2,title=EG203 span text mismatch::$.mentions[0].text:" in out
    assert out.strip().splitlines()[-1].startswith("INVALID:")


def test_junit_format_is_parseable_xml(bad: Path) -> None:
    code, out, _ = invoke(str(bad), "--format", "junit")
    assert code == 1
    suite = ET.fromstring(out)
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures", "-1")) == len(failures) == 2
    assert int(suite.get("tests", "-1")) == len(cases) == 3
    names = {c.get("name") for c in failures}
    assert names == {f"{bad}:2", f"{bad}:3"}
    failure = next(c for c in failures if c.get("name") == f"{bad}:2").find("failure")
    assert failure is not None and "EG204" in (failure.text or "")


def test_junit_for_valid_input(good: Path) -> None:
    code, out, _ = invoke(str(good), "--format", "junit")
    assert code == 0
    suite = ET.fromstring(out)
    assert suite.get("failures") == "0"


def test_report_file_written(bad: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    code, _, _ = invoke(str(bad), "--format", "junit", "--output", str(target))
    assert code == 1
    assert ET.fromstring(target.read_text(encoding="utf-8")).tag == "testsuite"


def test_unknown_format_is_a_usage_error(good: Path) -> None:
    code, out, err = invoke(str(good), "--format", "yaml")
    assert code == 2
    assert "--format" in err
    assert "EG009" in out + err


def test_missing_path_argument_is_a_usage_error() -> None:
    code, _, _ = invoke()
    assert code == 2


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, out, err = invoke(str(tmp_path / "nope.jsonl"))
    assert code == 2
    assert "EG006" in out + err


def test_missing_file_json_format_is_json(tmp_path: Path) -> None:
    code, out, _ = invoke(str(tmp_path / "nope.jsonl"), "--format", "json")
    assert code == 2
    assert json.loads(out)["problems"][0]["code"] == "EG006"


def test_folder_without_data_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    code, out, err = invoke(str(tmp_path))
    assert code == 2
    assert "EG005" in out + err


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.jsonl").write_text(line(synthetic_record(1)), encoding="utf-8")
    (tmp_path / "a" / "b" / "two.json").write_text(
        json.dumps([synthetic_record(2), synthetic_record(3)]), encoding="utf-8"
    )
    (tmp_path / "a" / "readme.md").write_text("not data", encoding="utf-8")
    code, out, _ = invoke(str(tmp_path))
    assert code == 0
    assert "valid: 3 record(s) in 2 file(s)" in out


def test_stdin(good: Path) -> None:
    code, out, _ = invoke("-", stdin=good.read_bytes())
    assert code == 0
    assert "valid: 2 record(s) in 1 file(s)" in out


def test_stdin_problems_name_stdin() -> None:
    code, out, _ = invoke("-", "-f", "json", stdin=b'{"kind": "document"}\n')
    assert code == 1
    problem = json.loads(out)["problems"][0]
    assert problem["file"] == "<stdin>"
    assert problem["line"] == 1


def test_stdin_duplicate_ids_across_stdin_and_file(good: Path) -> None:
    code, out, _ = invoke(str(good), "-", "-f", "json", stdin=good.read_bytes().splitlines()[0])
    assert code == 1
    assert json.loads(out)["codes"] == {"EG226": 1}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "EG004"),
        (b"\n\n", "EG004"),
        (b"\xef\xbb\xbf" + line(synthetic_record(1)).encode(), "EG003"),
        (b'{"kind": "document", "text": "caf\xe9"}\n', "EG002"),
        (b'{"kind": "document",\n', "EG001"),
        (b"[1, 2]\n", "EG008"),
    ],
    ids=["empty", "blank", "bom", "latin1", "malformed", "array"],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    exit_code, out, _ = invoke(str(path), "-f", "json")
    assert exit_code == 1
    report = json.loads(out)
    assert report["codes"] == {code: 1}
    assert report["problems"][0]["file"] == str(path)
    assert report["problems"][0]["line"] == 1


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line(synthetic_record(1)).encode() + b'{"text": "caf\xe9"}\n')
    code, out, _ = invoke(str(path))
    assert code == 1
    assert f"{path}:2: EG002" in out
    assert "byte 13 is not UTF-8" in out


def test_several_paths_and_duplicates_across_files(good: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(good.read_bytes())
    code, out, _ = invoke(str(good), str(copy))
    assert code == 1
    assert (
        f"{copy}:1: EG226 $.document.id: document id 'synthetic-1' already used at {good}:1" in out
    )


def test_console_script_runs_without_traceback(bad: Path) -> None:
    """The real entry point (not the test runner): exit code and stderr are clean."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "eventgold"), "validate", str(bad), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["codes"]["EG001"] == 1
