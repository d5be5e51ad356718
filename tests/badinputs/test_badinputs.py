"""The bad-input corpus: one table (cases.yaml), one test.

Each case builds its malformed input in a fresh folder, runs the ``eventgold`` CLI in-process
(typer's CliRunner, so an uncaught exception is caught and reported here rather than lost in a
subprocess) and asserts:

* the expected stable error code appears in the output,
* the exit code is the expected 1 (invalid data) or 2 (usage),
* no exception escaped the CLI and no traceback was printed,
* nothing was written or modified: every file of the case folder (inputs and the pre-created
  output, whose mtime is set in the past) keeps its bytes and mtime, and no file appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import traceback
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.testing import RecordBuilder, record_json

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE / "fixtures"
OLD_TIME_NS = 1_000_000_000 * 10**9  # 2001-09-09: any rewrite moves the mtime
SENTINEL = b"previous output - must survive a failed run\n"


class InputSpec(BaseModel):
    """How to build one input file (or folder) of a case."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    text: str | None = None
    record: Literal["doc", "doc2", "cluster", "meeting", "ls_export"] | None = None
    repo_file: str | None = None
    set_: dict[str, Any] = Field(default_factory=dict, alias="set")
    delete: list[str] = Field(default_factory=list)
    resha: bool = False
    truncate: int | None = None
    records: list[InputSpec] | None = None
    fixture: str | None = None
    generate: Literal["big_line", "nested"] | None = None
    megabytes: int = 50
    cut_tail: bool = False
    depth: int = 100_000
    dir: bool = False
    encoding: str = "utf-8"
    bom: bool = False


class Case(BaseModel):
    """One row of cases.yaml."""

    model_config = ConfigDict(extra="forbid")

    id: str
    args: list[str]
    files: dict[str, InputSpec] = Field(default_factory=dict)
    output: str | None = None
    output_exists: bool = True  # False: the output must not appear (no earlier run)
    stdin: str | None = None
    code: str
    exit: Literal[1, 2]

    @property
    def entry_point(self) -> str:
        first = self.args[0]
        return first if first in ("validate", "preannotate") else f"{first} {self.args[1]}"


def load_cases() -> list[Case]:
    cases = [Case.model_validate(row) for row in yaml.safe_load((HERE / "cases.yaml").read_text())]
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids in cases.yaml: {duplicates}"
    return cases


CASES = load_cases()

# ---------------------------------------------------------------------- base records

BASE_TEXT = "North Korea sent 10,000 troops to Russia on October 30, 2024, officials in Seoul said."


def _deployment_record(doc_id: str) -> dict[str, Any]:
    b = RecordBuilder(BASE_TEXT, doc_id=doc_id, published="2024-10-31")
    north_korea = b.mention("North Korea", "GPE", normalized="PRK")
    troops = b.mention("10,000 troops", "QUANTITY", normalized="10000 troops")
    russia = b.mention("Russia", "GPE", normalized="RUS")
    date = b.mention("October 30, 2024", "DATE", normalized="2024-10-30")
    seoul = b.mention("Seoul", "GPE", normalized="KOR")
    b.event(
        "deployment",
        "sent",
        {"deployer": [north_korea], "quantity": [troops], "destination": [russia], "time": [date]},
        attribution=seoul,
        status="arrived",
    )
    return record_json(b.build())


def _meeting_record() -> dict[str, Any]:
    b = RecordBuilder(
        "Choe Son Hui met Sergei Lavrov in Moscow on Friday.", doc_id="m1", published="2024-11-01"
    )
    choe = b.mention("Choe Son Hui", "PERSON", normalized="Choe Son Hui")
    lavrov = b.mention("Sergei Lavrov", "PERSON", normalized="Sergey Lavrov")
    moscow = b.mention("Moscow", "GPE", normalized="RUS")
    b.event(
        "diplomatic_meeting",
        "met",
        {"participants": [choe, lavrov], "location": [moscow]},
        format="bilateral",
    )
    return record_json(b.build())


def _ls_export() -> list[dict[str, Any]]:
    """A Label Studio full JSON export of one task: one annotation and one prediction."""
    from eventgold.schema import DocumentRecord, default_table
    from eventgold.studio.config import studio_config
    from eventgold.studio.convert import document_task, prediction_of, record_results

    config = studio_config(default_table())
    record = DocumentRecord.model_validate(_deployment_record("d1"))
    task: dict[str, Any] = dict(document_task(record, config))
    task["id"] = 1
    task["predictions"] = [{"id": 21, **prediction_of(record, config)}]
    task["annotations"] = [
        {
            "id": 11,
            "completed_by": {"id": 1, "email": "ann@example.org"},
            "result": record_results(record, config, with_provenance=False),
            "was_cancelled": False,
            "ground_truth": False,
            "created_at": "2024-11-02T10:00:00Z",
            "lead_time": 42.0,
        }
    ]
    return [task]


def base_record(name: str) -> Any:
    if name == "ls_export":
        return _ls_export()
    if name == "doc":
        return _deployment_record("d1")
    if name == "doc2":
        return _deployment_record("d2")
    if name == "meeting":
        return _meeting_record()
    return {
        "kind": "event_cluster",
        "schema_name": "eventgold",
        "schema_version": "1.0.0",
        "id": "c1",
        "event_type": "deployment",
        "members": [{"document": "d1", "event": "e1"}, {"document": "d2", "event": "e1"}],
    }


def _step(container: Any, key: str) -> Any:
    return container[int(key)] if isinstance(container, list) else container[key]


def set_path(obj: Any, dotted: str, value: Any) -> None:
    """Set ``a.0.b`` in nested dicts/lists; an index one past the end appends."""
    *parents, last = dotted.split(".")
    for key in parents:
        obj = _step(obj, key)
    if isinstance(obj, list):
        index = int(last)
        if index == len(obj):
            obj.append(value)
        else:
            obj[index] = value
    else:
        obj[last] = value


def delete_path(obj: Any, dotted: str) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        obj = _step(obj, key)
    del obj[int(last) if isinstance(obj, list) else last]


def edited(value: Any, spec: InputSpec) -> Any:
    for dotted, new in spec.set_.items():
        set_path(value, dotted, new)
    for dotted in spec.delete:
        delete_path(value, dotted)
    return value


def record_text(spec: InputSpec) -> str:
    assert spec.record is not None
    record = edited(base_record(spec.record), spec)
    if spec.resha:
        text = record["document"]["text"]
        record["document"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    line = json.dumps(record, ensure_ascii=False)
    return line[: spec.truncate] if spec.truncate is not None else line


def repo_file_text(spec: InputSpec) -> str:
    """A committed JSON or YAML file of the project, edited by set/delete."""
    assert spec.repo_file is not None
    path = ROOT / spec.repo_file
    if path.suffix == ".json":
        text = json.dumps(edited(json.loads(path.read_text("utf-8")), spec), indent=1)
    else:
        text = yaml.safe_dump(
            edited(yaml.safe_load(path.read_text("utf-8")), spec), allow_unicode=True
        )
    return text[: spec.truncate] if spec.truncate is not None else text


# ---------------------------------------------------------------------- generated inputs


def big_line(path: Path, megabytes: int, cut_tail: bool = False) -> None:
    """One record on one line of ``megabytes`` MB whose sha256 is stale (streamed to disk);
    ``cut_tail`` leaves the JSON unterminated, as a truncated transfer would."""
    record = base_record("doc")
    filler = " Officials said the talks would continue next week." * 1000
    repeats = megabytes * 1024 * 1024 // len(filler)
    record["document"]["text"] = "@@TEXT@@"
    head, tail = json.dumps(record, ensure_ascii=False).split("@@TEXT@@")
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head + BASE_TEXT)
        for _ in range(repeats):
            handle.write(filler)
        handle.write("\n" if cut_tail else tail + "\n")


def nested(path: Path, depth: int) -> None:
    path.write_text("[" * depth + "]" * depth + "\n", encoding="utf-8")


def materialize(folder: Path, name: str, spec: InputSpec) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if spec.dir:
        path.mkdir(exist_ok=True)
        return
    if spec.fixture is not None:
        path.write_bytes((FIXTURES / spec.fixture).read_bytes())
        return
    if spec.generate == "big_line":
        big_line(path, spec.megabytes, spec.cut_tail)
        return
    if spec.generate == "nested":
        nested(path, spec.depth)
        return
    if spec.records is not None:
        text = "".join(record_text(s) + "\n" for s in spec.records)
    elif spec.record is not None:
        text = record_text(spec) + ("\n" if spec.truncate is None else "")
    elif spec.repo_file is not None:
        text = repo_file_text(spec)
    else:
        assert spec.text is not None, f"input {name} needs text, record(s), fixture or generate"
        text = spec.text
    data = text.encode(spec.encoding)
    path.write_bytes(("\ufeff".encode() if spec.bom else b"") + data)


def precreate_output(folder: Path, name: str) -> Path:
    """An output from an earlier run: a file, or a folder (name ends with /) holding one."""
    path = folder / name
    if name.endswith("/"):
        path.mkdir(parents=True)
        (path / "previous.txt").write_bytes(SENTINEL)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SENTINEL)
    return path


def snapshot(folder: Path) -> dict[str, tuple[str, int, str]]:
    """Every entry under ``folder``: kind, mtime and a digest of the bytes.

    Not counted: the empty ``.NAME.lock`` file ``gold build`` keeps beside its output folder
    (an flock target that is meant to stay; it holds no data).
    """
    state: dict[str, tuple[str, int, str]] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.name.startswith(".") and path.name.endswith(".lock"):
            continue
        if path.is_dir():
            state[rel] = ("dir", 0, "")
            continue
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        state[rel] = ("file", path.stat().st_mtime_ns, digest)
    return state


def age(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_TIME_NS, OLD_TIME_NS))


def fill(arg: str, folder: Path, case: Case) -> str:
    out = str(folder / case.output) if case.output else ""
    return arg.replace("{tmp}", str(folder)).replace("{out}", out.rstrip("/"))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_cleanly(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, spec in case.files.items():
        materialize(folder, name, spec)
    if case.output and case.output_exists:
        precreate_output(folder, case.output)
    age(folder)
    before = snapshot(folder)
    monkeypatch.chdir(folder)  # a stray file in the working folder counts as output too

    result = CliRunner().invoke(
        app, [fill(a, folder, case) for a in case.args], input=case.stdin, catch_exceptions=True
    )

    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"{case.entry_point} crashed on {case.id}:\n{crash}")
    assert "Traceback" not in output
    assert case.code in output, f"expected {case.code} in output:\n{output[-3000:]}"
    assert result.exit_code == case.exit, f"exit {result.exit_code}, output:\n{output[-3000:]}"
    assert snapshot(folder) == before, "a failed run wrote or modified files"


def test_corpus_covers_every_entry_point() -> None:
    entry_points = {case.entry_point for case in CASES}
    assert len(CASES) >= 60
    assert {"validate", "schema check", "preannotate", "studio pull", "gold build"} <= entry_points
