"""Round-trip against a real local Label Studio (session fixture in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.schema import DocumentRecord, Provenance, default_table
from eventgold.studio import (
    StudioClient,
    add_annotation,
    label_config_xml,
    load_documents,
    pull_project,
    push_documents,
    write_pull,
)
from eventgold.studio.push import PushDocument, group_documents
from eventgold.testing import RecordBuilder, record_json
from eventgold.validate import validate_record

from .conftest import LiveStudio

pytestmark = [pytest.mark.studio, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TABLE = default_table()
ADMIN = "admin@eventgold.local"
SECOND = "ann2@example.com"


def seed_gold() -> list[DocumentRecord]:
    records = []
    for path in sorted((ROOT / "seeds" / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("kind", "document") == "document":
                records.append(DocumentRecord.model_validate_json(line))
    assert records, "seeds/gold/*.jsonl holds no document records"
    return records


def bare(record: DocumentRecord) -> DocumentRecord:
    return record.model_copy(update={"mentions": [], "events": [], "annotation": None})


def simple_predictions(gold: DocumentRecord) -> DocumentRecord:
    """Rule-like predictions: the gold mentions that no event needs, with rule provenance."""
    prov = Provenance(origin="rule", rule_id="test.gold-copy", score=0.5, rules_version="test-1")
    return gold.model_copy(
        update={
            "mentions": [m.model_copy(update={"provenance": prov}) for m in gold.mentions[:5]],
            "events": [],
            "annotation": None,
        }
    )


def rule_predictions(gold: list[DocumentRecord]) -> list[DocumentRecord]:
    """The pre-annotator's output when it is available and valid, else simple predictions.

    The pre-annotator is developed separately; the round-trip must be testable without it.
    """
    try:
        from eventgold.annotate.engine import Annotator

        annotator = Annotator()
        records = [annotator.annotate(g.document) for g in gold]
    except Exception:
        return [simple_predictions(g) for g in gold]
    if any(validate_record(record_json(r)) for r in records) or not any(
        r.mentions for r in records
    ):
        return [simple_predictions(g) for g in gold]
    return records


def content(record: DocumentRecord) -> dict[str, object]:
    """What annotators decide: spans, types, normalized values, arguments, attributes."""
    data = record_json(record)
    for item in [*data.get("mentions", []), *data.get("events", [])]:  # type: ignore[misc]
        item.pop("provenance", None)
    data.pop("annotation", None)
    return data


def altered(record: DocumentRecord) -> tuple[DocumentRecord, dict[str, object]]:
    """A second annotator's copy with three deliberate changes, and those changes."""
    used = set()
    for event in record.events:
        used.update(mid for ids in event.arguments.values() for mid in ids)
        if event.attribution:
            used.add(event.attribution)
    dropped = next(m for m in reversed(record.mentions) if m.id not in used)
    renamed = next(
        m
        for m in record.mentions
        if TABLE.mention_types[m.type].normalization == "name" and m.id != dropped.id
    )
    event = record.events[0]
    old_modality = event.attributes["modality"]
    new_modality = "alleged" if old_modality != "alleged" else "reported"
    mentions = [
        m.model_copy(update={"normalized": "Altered Name"}) if m.id == renamed.id else m
        for m in record.mentions
        if m.id != dropped.id
    ]
    events = [
        e.model_copy(update={"attributes": {**e.attributes, "modality": new_modality}})
        if e.id == event.id
        else e
        for e in record.events
    ]
    changes = {
        "dropped": dropped.id,
        "normalized": (renamed.id, "Altered Name"),
        "modality": (event.id, new_modality),
    }
    return record.model_copy(update={"mentions": mentions, "events": events}), changes


def differences(a: DocumentRecord, b: DocumentRecord) -> dict[str, object]:
    """The changes that turn ``a`` into ``b``, in the vocabulary of :func:`altered`."""
    out: dict[str, object] = {}
    a_mentions, b_mentions = a.mention_by_id(), b.mention_by_id()
    missing = sorted(set(a_mentions) - set(b_mentions))
    assert set(b_mentions) <= set(a_mentions), "the altered copy added mentions"
    if missing:
        assert len(missing) == 1
        out["dropped"] = missing[0]
    for mid, mention in b_mentions.items():
        before = a_mentions[mid].model_copy(update={"provenance": None})
        after = mention.model_copy(update={"provenance": None})
        if before != after:
            assert before.model_copy(update={"normalized": after.normalized}) == after
            out["normalized"] = (mid, after.normalized)
    a_events = {e.id: e for e in a.events}
    assert [e.id for e in b.events] == list(a_events)
    for event in b.events:
        before_e = a_events[event.id].model_copy(update={"provenance": None})
        after_e = event.model_copy(update={"provenance": None})
        if before_e != after_e:
            changed = {
                k: v for k, v in after_e.attributes.items() if before_e.attributes.get(k) != v
            }
            assert before_e.model_copy(update={"attributes": after_e.attributes}) == after_e
            assert list(changed) == ["modality"]
            out["modality"] = (event.id, changed["modality"])
    return out


def test_seed_gold_round_trip_with_two_annotators(live_studio: LiveStudio, tmp_path: Path) -> None:
    client = live_studio.client()
    gold = seed_gold()
    predictions = rule_predictions(gold)
    documents = group_documents(
        [(bare(g), "gold") for g in gold] + [(p, "rules") for p in predictions]
    )
    report = push_documents(client, documents, "round-trip", TABLE, batch_size=1)
    assert report.created_project and report.imported_tasks == len(gold)
    assert report.imported_predictions == len(predictions)
    project = client.project("round-trip")
    assert client.label_config(project.id).strip() == label_config_xml(TABLE).strip()

    for record in gold:
        assert add_annotation(client, "round-trip", record) is not None
    # Adding the same annotation again is a no-op (stable unique_id).
    assert add_annotation(client, "round-trip", gold[0]) is None
    second, changes = altered(gold[0])
    assert add_annotation(client, "round-trip", second, annotator_email=SECOND) is not None

    result = pull_project(client, "round-trip", TABLE)
    assert result.skipped == [] and result.repairs == []
    by_source: dict[tuple[str, str | None, str], DocumentRecord] = {}
    for record in result.records:
        assert record.annotation is not None
        key = (record.annotation.source, record.annotation.annotator, record.document.id)
        assert key not in by_source
        by_source[key] = record

    for record in gold:
        pulled = by_source[("labelstudio", ADMIN, record.document.id)]
        assert pulled.document == record.document
        assert content(pulled) == content(record)
        info = pulled.annotation
        assert info is not None and info.task_id and info.annotation_id and info.completed_at
        assert info.ground_truth is False
        assert all(
            m.provenance == Provenance(origin="annotator", annotators=[ADMIN])
            for m in pulled.mentions
        )

    pulled_second = by_source[("labelstudio", SECOND, gold[0].document.id)]
    assert differences(gold[0], pulled_second) == changes

    for prediction in predictions:
        pulled = by_source[("rules", None, prediction.document.id)]
        assert pulled.mentions == prediction.mentions  # provenance (rule ids, scores) kept
        assert pulled.events == prediction.events
        assert pulled.annotation is not None and pulled.annotation.rules_version

    out = tmp_path / "pulled.jsonl"
    write_pull(result, out)
    # Each record is valid; several records of one document (one per annotator) are the point.
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(validate_record(json.loads(line)) == [] for line in lines)
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(gold) + 1 + len(predictions)


def test_cli_pull_with_url_and_token_file(live_studio: LiveStudio, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(live_studio.connection.token + "\n", encoding="utf-8")
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    common = ["--url", live_studio.url, "--token-file", str(token_file)]
    runner = CliRunner()
    pushed = runner.invoke(app, ["studio", "push", *seeds, "--project", "cli", *common])
    assert pushed.exit_code == 0, pushed.output
    assert live_studio.connection.token not in pushed.output
    out = tmp_path / "cli.jsonl"
    pulled = runner.invoke(app, ["studio", "pull", "--project", "cli", "-o", str(out), *common])
    assert pulled.exit_code == 0, pulled.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == []  # no annotations and no predictions yet: nothing to write
    missing = runner.invoke(app, ["studio", "pull", "--project", "nope", "-o", str(out), *common])
    assert missing.exit_code == 3 and "EG536" in missing.output


def test_push_twice_creates_no_duplicates(live_studio: LiveStudio) -> None:
    client = live_studio.client()
    documents = load_documents(sorted((ROOT / "seeds").glob("*.txt")), TABLE)
    first = push_documents(client, documents, "twice", TABLE)
    second = push_documents(client, documents, "twice", TABLE)
    assert (first.imported_tasks, second.imported_tasks) == (len(documents), 0)
    assert second.already_present == len(documents)
    keys = [key for _, key in client.task_keys(first.project_id)]
    assert sorted(keys) == sorted(d.key for d in documents)  # type: ignore[type-var]


class Interrupted(Exception):
    pass


def synthetic_documents(count: int) -> list[PushDocument]:
    out = []
    for index in range(count):
        builder = RecordBuilder(
            f"Report {index}: Russia moved troops to Kursk. 🚀\r\n", f"syn-{index}"
        )
        builder.mention("Russia", "GPE", normalized="RUS")
        out.append(PushDocument(builder.build()))
    return out


def test_interrupted_push_resumes_without_duplicates_or_gaps(live_studio: LiveStudio) -> None:
    client = live_studio.client()
    documents = synthetic_documents(7)

    def stop_after_two_batches(done: int, total: int) -> None:
        if done >= 4:
            raise Interrupted

    with pytest.raises(Interrupted):
        push_documents(
            client, documents, "resume", TABLE, batch_size=2, progress=stop_after_two_batches
        )
    project = client.project("resume")
    assert len(client.task_keys(project.id)) == 4
    resumed = push_documents(client, documents, "resume", TABLE, batch_size=2)
    assert (resumed.already_present, resumed.imported_tasks) == (4, 3)
    keys = [key for _, key in client.task_keys(project.id)]
    assert sorted(keys) == sorted(d.key for d in documents)  # type: ignore[type-var]


def test_wrong_token_is_an_authentication_error(live_studio: LiveStudio) -> None:
    from eventgold.errors import ServerError
    from eventgold.studio import Connection

    client = StudioClient(Connection(live_studio.url, "not-the-token"))
    with pytest.raises(ServerError) as caught:
        client.whoami()
    assert caught.value.problems[0].code == "EG534"
    assert "not-the-token" not in str(caught.value)


def test_local_server_state_token_and_status(live_studio: LiveStudio) -> None:
    from eventgold.studio import server_status
    from eventgold.studio.server import token_path

    mode = token_path(live_studio.state_dir).stat().st_mode & 0o777
    assert mode == 0o600
    status = server_status(live_studio.state_dir)
    assert status.running and status.healthy and status.state is not None
    assert status.state.url.startswith("http://127.0.0.1:")
    log = Path(status.state.log).read_text(encoding="utf-8", errors="replace")
    assert live_studio.connection.token not in log


class _DroppingProxy:
    """A real HTTP proxy to the live server that forwards the first task import, then hangs
    up without answering: the client sees a broken connection after the server stored it."""

    def __init__(self, target: str) -> None:
        import http.server
        import threading
        import urllib.request

        proxy = self
        self.dropped = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
                }
                request = urllib.request.Request(
                    target + self.path, data=body, headers=headers, method=self.command
                )
                try:
                    with urllib.request.urlopen(request, timeout=300) as response:
                        status, payload = response.status, response.read()
                        reply_headers = response.headers.items()
                except urllib.error.HTTPError as exc:
                    status, payload, reply_headers = exc.code, exc.read(), exc.headers.items()
                if "/import" in self.path and self.command == "POST" and proxy.dropped == 0:
                    proxy.dropped += 1
                    self.close_connection = True
                    return  # stored upstream, but no answer
                self.send_response(status)
                for key, value in reply_headers:
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_DELETE = _forward

            def log_message(self, *args: object) -> None:
                pass

        import urllib.error

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_import_lost_in_transit_is_not_duplicated_on_retry(live_studio: LiveStudio) -> None:
    from eventgold.studio import Connection, RetryPolicy

    proxy = _DroppingProxy(live_studio.url)
    try:
        client = StudioClient(
            Connection(proxy.url, live_studio.connection.token),
            retry=RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.1),
        )
        documents = synthetic_documents(3)
        report = push_documents(client, documents, "lost-import", TABLE)
    finally:
        proxy.close()
    assert proxy.dropped == 1
    assert report.imported_tasks == 0  # the retry found all three already stored
    keys = [key for _, key in live_studio.client().task_keys(report.project_id)]
    assert sorted(keys) == sorted(d.key for d in documents)  # type: ignore[type-var]


def test_cli_status_and_config_against_the_live_server(live_studio: LiveStudio) -> None:
    runner = CliRunner()
    status = runner.invoke(app, ["studio", "status", "--state-dir", str(live_studio.state_dir)])
    assert status.exit_code == 0 and "healthy" in status.output
    assert live_studio.url in status.output
    config = runner.invoke(app, ["studio", "config"])
    assert config.exit_code == 0 and config.output == label_config_xml(TABLE)
