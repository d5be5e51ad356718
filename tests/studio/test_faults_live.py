"""Faults around a real Label Studio: a server killed mid-push, concurrent pushes.

The kill test runs its own server (the session server of conftest.py stays up for the other
tests): 1,000 tasks with predictions are pushed in batches, the server is killed with SIGKILL
while a batch is being imported, restarted on the same data, and the push re-run. The project
must end with exactly 1,000 tasks, one per document key, and 1,000 predictions.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from eventgold.errors import ServerError
from eventgold.schema import Provenance, default_table
from eventgold.studio import (
    Connection,
    RetryPolicy,
    StudioClient,
    push_documents,
    start_server,
    stop_server,
)
from eventgold.studio.lock import push_lock
from eventgold.studio.push import PushDocument
from eventgold.studio.server import free_port, read_state, token_path
from eventgold.testing import RecordBuilder

from .conftest import LiveStudio

pytestmark = [pytest.mark.studio, pytest.mark.slow]
TABLE = default_table()


def documents_with_predictions(count: int, tag: str) -> list[PushDocument]:
    out = []
    for index in range(count):
        text = f"Report {tag}-{index}: Russia moved troops to Kursk on Tuesday."
        builder = RecordBuilder(text, f"{tag}-{index}")
        prov = Provenance(origin="rule", rule_id="gpe.gaz", score=0.9, rules_version="1.0.0")
        builder.mention("Russia", "GPE", normalized="RUS", provenance=prov)
        prediction = builder.build()
        out.append(PushDocument(prediction, (prediction,)))
    return out


def prediction_count(client: StudioClient, project_id: int) -> int:
    import json

    tasks = json.loads(client.export_snapshot(project_id))
    return sum(len(task.get("predictions", [])) for task in tasks)


def test_server_killed_mid_push_then_rerun_gives_exactly_all_tasks(tmp_path: Path) -> None:
    state_dir = tmp_path / "studio"
    port = free_port()
    state = start_server(state_dir, port=port, timeout=400)
    token = token_path(state_dir).read_text(encoding="utf-8").strip()
    documents = documents_with_predictions(1000, "kill")
    impatient = RetryPolicy(attempts=2, base_delay=0.2, max_delay=0.5)
    client = StudioClient(Connection(state.url, token), retry=impatient, timeout=60)
    killed = threading.Event()

    def kill_during_third_batch(done: int, total: int) -> None:
        if done == 200 and not killed.is_set():
            # The third import request is about to be sent: kill the server while it runs.
            def kill() -> None:
                time.sleep(0.3)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(state.pid, signal.SIGKILL)
                killed.set()

            threading.Thread(target=kill, daemon=True).start()

    try:
        with pytest.raises(ServerError) as caught:
            push_documents(
                client, documents, "killed", TABLE, batch_size=100, progress=kill_during_third_batch
            )
        assert killed.is_set()
        assert caught.value.problems[0].code in ("EG531", "EG532", "EG533")
        running = read_state(state_dir)
        assert running is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.pid, signal.SIGKILL)
        time.sleep(1.0)
        # Same data dir; a new port (the old one may linger in TIME_WAIT after the kill).
        state = start_server(state_dir, port=free_port(), timeout=400)
        client = StudioClient(Connection(state.url, token))
        report = push_documents(client, documents, "killed", TABLE, batch_size=100)
        assert report.already_present >= 200
        assert report.already_present + report.imported_tasks == 1000
        project = client.project("killed")
        keys = Counter(key for _, key in client.task_keys(project.id))
        assert len(keys) == 1000 and set(keys.values()) == {1}
        assert keys.keys() == {d.key for d in documents}
        assert prediction_count(client, project.id) == 1000
    finally:
        with contextlib.suppress(ServerError):
            stop_server(state_dir)


def test_two_concurrent_pushes_create_no_duplicates(live_studio: LiveStudio) -> None:
    documents = documents_with_predictions(60, "race")
    # The project exists already, so the two runs race on the task keys, not on its creation.
    push_documents(live_studio.client(), documents_with_predictions(1, "seed"), "race", TABLE)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def push() -> None:
        try:
            barrier.wait()
            push_documents(live_studio.client(), documents, "race", TABLE, batch_size=20)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors, errors
    client = live_studio.client()
    project = client.project("race")
    keys = Counter(key for _, key in client.task_keys(project.id))
    assert len(keys) == 61 and set(keys.values()) == {1}
    assert prediction_count(client, project.id) == 61


def test_push_lock_excludes_a_second_holder_and_times_out_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTGOLD_LOCK_DIR", str(tmp_path))
    with push_lock("http://127.0.0.1:1", "p"):
        began = time.monotonic()
        with pytest.raises(ServerError) as caught, push_lock("http://127.0.0.1:1", "p", wait=0.5):
            pass
        assert time.monotonic() - began >= 0.5
        assert caught.value.problems[0].code == "EG543"
        with push_lock("http://127.0.0.1:1", "other project", wait=0.1):
            pass  # another project is not blocked
    with push_lock("http://127.0.0.1:1", "p", wait=0.1):
        pass  # released
