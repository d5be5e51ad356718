"""Validation streams: memory does not grow with the number of records."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from eventgold.testing import synthetic_record
from eventgold.validate import validate_paths


def write(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            record = synthetic_record(index, mentions=4, events=2, text_chars=300)
            handle.write(json.dumps(record) + "\n")
    return path


def peak_bytes(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        report = validate_paths([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok, report.summary()
    return report.records, peak


def test_peak_memory_does_not_grow_with_record_count(tmp_path: Path) -> None:
    small = write(tmp_path / "small.jsonl", 2_000)
    large = write(tmp_path / "large.jsonl", 20_000)
    validate_paths([small])  # build validators and caches outside the measurement
    small_records, small_peak = peak_bytes(small)
    large_records, large_peak = peak_bytes(large)
    assert (small_records, large_records) == (2_000, 20_000)
    # Ten times the records, (almost) the same peak: nothing per record is kept.
    assert large_peak < small_peak * 1.2 + 200_000, (small_peak, large_peak)


def test_duplicates_are_still_found_in_a_large_input(tmp_path: Path) -> None:
    path = write(tmp_path / "records.jsonl", 3_000)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(synthetic_record(1234, mentions=4, events=2, text_chars=300)))
    report = validate_paths([path])
    assert report.codes == {"EG226": 1}
    assert report.problems[0].line == 3_001
    assert f"{path}:1235" in report.problems[0].message


def test_an_over_long_line_is_reported_without_reading_it_whole(tmp_path: Path) -> None:
    from eventgold.validate import read_items

    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"text": "' + "x" * 30_000_000 + '"}\n')
        handle.write(json.dumps(synthetic_record(1, mentions=2, events=1, text_chars=100)) + "\n")
    tracemalloc.start()
    try:
        items = list(read_items([str(path)], max_record_bytes=10_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(i.line, i.problem.code if i.problem else "ok") for i in items] == [
        (1, "EG007"),
        (2, "ok"),
    ]
    assert peak < 10_000_000, peak  # the 30 MB line was never held whole
