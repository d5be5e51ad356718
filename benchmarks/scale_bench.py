"""Scale-out benchmark: validate a sharded synthetic corpus on Dask with 1 and 2 workers.

    .venv/bin/python benchmarks/scale_bench.py --mb 1024 --shards 32

Writes ``--mb`` MB of valid synthetic records (``eventgold.testing.synthetic_record``, about
10 KiB each, unique document ids) as ``--shards`` JSONL shards in a temporary folder, then
measures in the same run:

* the anchor: one process, ``validate_paths`` over all shards;
* ``--backend dask`` with a LocalCluster of 1 and of 2 single-threaded worker processes
  (cluster start-up excluded, the full validation including the cross-shard pass included);
* peak resident memory of each worker process (``ru_maxrss``), read from the workers after
  the run: it depends on the shard reader's streaming, not on the corpus size.

Prints a table and, with ``--json``, the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from eventgold.testing import synthetic_record
from eventgold.validate import validate_paths
from eventgold.validate.distributed import dask_client, validate_shards

TEMPLATES = 500  # distinct synthetic records; copies get their own document ids


def write_corpus(folder: Path, megabytes: int, shards: int) -> tuple[int, int]:
    """(records, bytes) written as ``shards`` JSONL files of about equal size."""
    templates = [synthetic_record(i) for i in range(TEMPLATES)]
    target = megabytes * 1024 * 1024
    per_shard = target // shards
    records = written = 0
    for shard in range(shards):
        size = 0
        with (folder / f"shard-{shard:05d}.jsonl").open("wb") as handle:
            while size < per_shard:
                record = templates[records % TEMPLATES]
                record["document"]["id"] = f"doc-{records}"
                line = orjson.dumps(record) + b"\n"
                handle.write(line)
                size += len(line)
                records += 1
        written += size
    return records, written


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(folder: Path, workers: int) -> dict[str, Any]:
    with dask_client(None, workers=workers) as client:
        client.run(lambda: None)  # workers up before the clock starts
        began = time.perf_counter()
        report = validate_shards([str(folder)], scheduler=client.scheduler.address)
        seconds = time.perf_counter() - began
        peaks = sorted(client.run(peak_rss_mb).values())
    assert report.ok, report.summary()
    return {"workers": workers, "seconds": seconds, "records": report.records, "peak_mb": peaks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="corpus size in MB")
    parser.add_argument("--shards", type=int, default=32)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventgold-scale-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        records, size = write_corpus(folder, args.mb, args.shards)
        generated = time.perf_counter() - began
        mb = size / 1024 / 1024
        began = time.perf_counter()
        anchor = validate_paths([folder])
        anchor_seconds = time.perf_counter() - began
        assert anchor.ok, anchor.summary()
        one = run_dask(folder, 1)
        two = run_dask(folder, 2)
    figures = {
        "corpus_mb": round(mb, 1),
        "records": records,
        "shards": args.shards,
        "generate_seconds": round(generated, 1),
        "local_mb_s": round(mb / anchor_seconds, 1),
        "dask1_mb_s": round(mb / one["seconds"], 1),
        "dask2_mb_s": round(mb / two["seconds"], 1),
        "speedup_2_vs_1": round(one["seconds"] / two["seconds"], 2),
        "peak_mb_per_worker_1": [round(p) for p in one["peak_mb"]],
        "peak_mb_per_worker_2": [round(p) for p in two["peak_mb"]],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{records} records, {mb:.0f} MB in {args.shards} shards (generated in {generated:.0f} s)"
    )
    print(f"local, one process        {figures['local_mb_s']:8.1f} MB/s  (anchor)")
    print(f"dask, 1 worker            {figures['dask1_mb_s']:8.1f} MB/s")
    print(f"dask, 2 workers           {figures['dask2_mb_s']:8.1f} MB/s")
    print(f"speed-up 2 vs 1 workers   {figures['speedup_2_vs_1']:8.2f}x  (target >= 1.7x)")
    print(f"peak RSS per worker, 1 worker   {figures['peak_mb_per_worker_1']} MB")
    print(f"peak RSS per worker, 2 workers  {figures['peak_mb_per_worker_2']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
