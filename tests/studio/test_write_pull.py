"""write_pull: the records and their report are a consistent pair, whenever a pull stops."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from eventgold.schema import DocumentRecord
from eventgold.studio import PullResult, write_pull
from eventgold.testing import RecordBuilder


def result_of(count: int) -> PullResult:
    records = []
    for n in range(count):
        b = RecordBuilder(f"Russia moved troops to Kursk, day {n}.", f"doc-{n}")
        b.mention("Kursk", "GPE", normalized="RU-KRS")
        records.append(b.build())
    return PullResult("test", records=records, tasks=count, annotations=count)


def old_pair(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "pulled.jsonl"
    write_pull(result_of(1), out)
    return out, tmp_path / "pulled.jsonl.report.json"


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_pair_is_written_and_agrees(tmp_path: Path) -> None:
    out, report = old_pair(tmp_path)
    assert write_pull(result_of(3), out) == report
    assert len(lines(out)) == 3
    assert json.loads(report.read_text(encoding="utf-8"))["records"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name, report.name]


def test_interrupted_between_records_and_report_leaves_no_stale_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, report = old_pair(tmp_path)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == report:
            raise KeyboardInterrupt  # stopped after the records were swapped in
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_pull(result_of(3), out)
    assert len(lines(out)) == 3
    # The report of the previous pull (1 record) must not sit beside the 3 new records.
    assert not report.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


class _Exploding:
    def model_dump(self, **_: Any) -> dict[str, Any]:
        raise KeyboardInterrupt


def test_interrupted_while_writing_keeps_the_previous_pair(tmp_path: Path) -> None:
    out, report = old_pair(tmp_path)
    before = (out.read_bytes(), report.read_bytes())
    broken = result_of(2)
    broken.records.append(_Exploding())  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        write_pull(broken, out)
    assert (out.read_bytes(), report.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name, report.name]
    assert DocumentRecord.model_validate_json(lines(out)[0]).document.id == "doc-0"
