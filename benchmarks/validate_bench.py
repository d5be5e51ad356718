"""Throughput of ``eventgold validate`` against its two anchors, measured in one run.

    .venv/bin/python benchmarks/validate_bench.py [--records 5000] [--jsonschema-records 200]

Writes N synthetic valid records (about 3 KB of text, 30 mentions, 10 events each) to a
temporary JSONL file, then measures records/s for:

1. ``json.loads`` alone (read the file line by line and parse it): the floor any validator pays;
2. plain python ``jsonschema`` (Draft 2020-12) against the exported schema file, after json.loads;
3. ``eventgold.validate.validate_paths`` (read, parse, structural and semantic checks).

Targets: eventgold >= 0.5x the json.loads rate and >= 30x plain python jsonschema.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema

from eventgold.schema import default_table, json_schema
from eventgold.testing import synthetic_record
from eventgold.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent


def write_records(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write(json.dumps(synthetic_record(index), ensure_ascii=False) + "\n")


def rate(count: int, run: Callable[[], None], repeat: int = 3) -> float:
    """Best records/s of ``repeat`` runs (the least disturbed by other processes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return count / best


def json_loads_only(path: Path) -> None:
    with path.open("rb") as handle:
        for line in handle:
            json.loads(line)


def python_jsonschema(path: Path, limit: int) -> None:
    table = default_table()
    schema_file = ROOT / "schema" / "event-schema" / f"{table.version}.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8")) if schema_file.exists() else None
    validator = jsonschema.Draft202012Validator(schema or json_schema(table))
    with path.open("rb") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            if not validator.is_valid(json.loads(line)):
                raise SystemExit("synthetic record rejected by python jsonschema")


def eventgold_validate(path: Path, count: int) -> None:
    report = validate_paths([path])
    if not report.ok or report.records != count:
        raise SystemExit(f"eventgold rejected synthetic records: {report.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--jsonschema-records", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        write_records(path, args.records)
        size = path.stat().st_size
        eventgold_validate(path, args.records)  # warm-up: builds the validators once
        loads = rate(args.records, lambda: json_loads_only(path))
        slow = rate(
            args.jsonschema_records,
            lambda: python_jsonschema(path, args.jsonschema_records),
            repeat=1,
        )
        ours = rate(args.records, lambda: eventgold_validate(path, args.records))
    print(f"{args.records} records, {size / args.records / 1024:.1f} KiB/record")
    print(f"json.loads only          {loads:10.0f} records/s")
    print(f"python jsonschema        {slow:10.0f} records/s ({args.jsonschema_records} records)")
    print(f"eventgold validate       {ours:10.0f} records/s")
    print(f"eventgold / json.loads   {ours / loads:10.2f}x  (target >= 0.5x)")
    print(f"eventgold / jsonschema   {ours / slow:10.1f}x  (target >= 30x)")


if __name__ == "__main__":
    main()
