"""Push + pull of N tasks with predictions vs the SDK's plain bulk import + export.

    .venv/bin/python benchmarks/studio_bench.py --tasks 2000

Starts a fresh local Label Studio (temporary data dir, free port) unless ``--url`` and
``--token-file`` are given. Both sides send the same task payloads (text ~3,000 code points,
one prediction with 30 mention regions, 10 triggers, their attributes and relations):

* anchor: one ``projects.import_tasks`` call with all tasks, then a snapshot export with full
  predictions (``exports.create`` + ``download``): the least a script needs to get the same data
  back (the default export gives prediction ids only, measured too for reference);
* eventgold: ``push_documents`` (key lookup, batches of 500 with a progress callback) and
  ``pull_project`` (snapshot export, conversion of every prediction back into a checked,
  validated record).

Target: eventgold <= 1.3x the anchor.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

from eventgold.schema import DocumentRecord, default_table
from eventgold.studio import (
    Connection,
    StudioClient,
    label_config_xml,
    pull_project,
    push_documents,
    start_server,
    stop_server,
)
from eventgold.studio.client import FULL_EXPORT_OPTIONS
from eventgold.studio.config import studio_config
from eventgold.studio.convert import document_task
from eventgold.studio.push import PushDocument
from eventgold.studio.server import free_port, token_path
from eventgold.testing import synthetic_record


def documents(count: int) -> list[PushDocument]:
    out = []
    for index in range(count):
        record = DocumentRecord.model_validate(synthetic_record(index))
        prediction = record.model_copy(update={"annotation": None})
        bare = record.model_copy(update={"mentions": [], "events": []})
        out.append(PushDocument(bare, (prediction,)))
    return out


def anchor(client: StudioClient, docs: list[PushDocument], title: str) -> dict[str, float]:
    """The plain SDK: one bulk import, one snapshot export with full predictions."""
    table = default_table()
    config = studio_config(table)
    project = client.create_project(title, label_config_xml(table))
    sdk = client.sdk
    began = time.perf_counter()
    tasks = [document_task(d.record, config, d.predictions) for d in docs]
    sdk.projects.import_tasks(project.id, request=cast(Any, tasks))
    imported = time.perf_counter()
    snapshot = sdk.projects.exports.create(
        project.id, title="bench", serialization_options=cast(Any, FULL_EXPORT_OPTIONS)
    )
    assert snapshot.id is not None
    raw = b"".join(
        sdk.projects.exports.download(project.id, export_pk=snapshot.id, export_type="JSON")
    )
    exported = time.perf_counter()
    assert len(json.loads(raw)) == len(docs)
    default = sdk.projects.exports.create(project.id, title="bench-default")
    assert default.id is not None
    b"".join(sdk.projects.exports.download(project.id, export_pk=default.id, export_type="JSON"))
    default_done = time.perf_counter()
    return {
        "import": imported - began,
        "export": exported - imported,
        "export_default": default_done - exported,
        "total": exported - began,
    }


def eventgold(client: StudioClient, docs: list[PushDocument], title: str) -> dict[str, float]:
    table = default_table()
    began = time.perf_counter()
    report = push_documents(client, docs, title, table, progress=lambda done, total: None)
    pushed = time.perf_counter()
    result = pull_project(client, title, table)
    pulled = time.perf_counter()
    assert report.imported_tasks == len(docs)
    assert len(result.records) == len(docs) and not result.skipped
    return {"push": pushed - began, "pull": pulled - pushed, "total": pulled - began}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--url")
    parser.add_argument("--token-file", type=Path)
    args = parser.parse_args()

    state_dir: Path | None = None
    if args.url:
        connection = Connection(args.url, args.token_file.read_text(encoding="utf-8").strip())
    else:
        state_dir = Path(tempfile.mkdtemp(prefix="eventgold-studio-bench-"))
        began = time.perf_counter()
        state = start_server(state_dir, port=free_port(), timeout=600)
        print(f"server up in {time.perf_counter() - began:.1f}s at {state.url}")
        connection = Connection(state.url, token_path(state_dir).read_text().strip())
    client = StudioClient(connection)
    try:
        docs = documents(args.tasks)
        payload = sum(
            len(json.dumps(document_task(d.record, studio_config(default_table()), d.predictions)))
            for d in docs
        )
        print(f"{len(docs)} tasks, {payload / 1e6:.1f} MB of task JSON")
        stamp = int(time.time())
        totals: list[tuple[float, float]] = []
        for round_number in range(args.rounds):
            # Alternate who goes first: the SQLite file grows with every project.
            if round_number % 2 == 0:
                plain = anchor(client, docs, f"bench-anchor-{stamp}-{round_number}")
                ours = eventgold(client, docs, f"bench-eventgold-{stamp}-{round_number}")
            else:
                ours = eventgold(client, docs, f"bench-eventgold-{stamp}-{round_number}")
                plain = anchor(client, docs, f"bench-anchor-{stamp}-{round_number}")
            totals.append((plain["total"], ours["total"]))
            print(
                f"round {round_number + 1}: anchor import {plain['import']:.1f}s + export "
                f"{plain['export']:.1f}s = {plain['total']:.1f}s "
                f"(default export, prediction ids only: {plain['export_default']:.1f}s)"
            )
            print(
                f"round {round_number + 1}: eventgold push {ours['push']:.1f}s + pull "
                f"{ours['pull']:.1f}s = {ours['total']:.1f}s"
            )
            print(
                f"round {round_number + 1}: ratio {ours['total'] / plain['total']:.2f}x (target <= 1.3x)"
            )
        plain_sum = sum(p for p, _ in totals)
        ours_sum = sum(o for _, o in totals)
        print(f"all rounds: ratio {ours_sum / plain_sum:.2f}x (target <= 1.3x)")
    finally:
        if state_dir is not None:
            stop_server(state_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
