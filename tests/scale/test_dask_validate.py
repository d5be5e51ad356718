"""validate --backend dask over sharded JSONL gives the same report as one process."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.testing import synthetic_record
from eventgold.validate import validate_paths

pytest.importorskip("dask.distributed")

from eventgold.validate.distributed import validate_shards


def write_shard(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def shards(tmp_path: Path) -> Path:
    folder = tmp_path / "shards"
    folder.mkdir()
    records = [synthetic_record(i, mentions=6, events=3, text_chars=600) for i in range(30)]
    duplicate = json.loads(json.dumps(records[3]))
    broken = json.loads(json.dumps(records[7]))
    broken["mentions"][0]["start"] = 10**6
    broken["mentions"][0]["end"] = 10**6 + 3
    cluster = {
        "kind": "event_cluster",
        "schema_name": "eventgold",
        "schema_version": "1.0.0",
        "id": "c1",
        "event_type": records[0]["events"][0]["type"],
        "members": [
            {"document": records[0]["document"]["id"], "event": records[0]["events"][0]["id"]},
            {"document": records[25]["document"]["id"], "event": "e404"},
        ],
    }
    write_shard(folder / "part-0.jsonl", records[:10])
    write_shard(folder / "part-1.jsonl", [*records[10:20], broken])
    write_shard(folder / "part-2.jsonl", [*records[20:], duplicate, cluster])
    (folder / "part-3.jsonl").write_text('{"kind": "docu\n', encoding="utf-8")
    return folder


def test_dask_report_equals_local_report(shards: Path, cluster: str) -> None:
    local = validate_paths([shards])
    distributed = validate_shards([str(shards)], scheduler=cluster)
    assert local.codes == distributed.codes
    assert {"EG201", "EG226", "EG221", "EG001"} <= set(distributed.codes)
    assert (local.files, local.records, local.invalid_records) == (
        distributed.files,
        distributed.records,
        distributed.invalid_records,
    )
    assert sorted(map(str, local.problems)) == sorted(map(str, distributed.problems))


def test_cli_backend_dask_with_scheduler(shards: Path, cluster: str) -> None:
    result = CliRunner().invoke(
        app, ["validate", str(shards), "--backend", "dask", "--scheduler", cluster, "-f", "json"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["codes"]["EG226"] == 1 and report["records"] == 34


def test_unreachable_scheduler_is_a_clear_error(shards: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", str(shards), "--backend", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 3
    assert "EG091" in result.output and "Traceback" not in result.output


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "extension"


@pytest.fixture
def extension(tmp_path: Path) -> tuple[Path, Path]:
    """The example extension under a name of its own (workers of the session cluster live on,
    so a name they saw in another test would hide a missing shipment), and its records in two
    shards plus one record that breaks an extension rule."""
    name = f"acme-{uuid.uuid4().hex[:8]}"
    definition = tmp_path / f"{name}.yaml"
    text = (EXAMPLE / "acme-events-0.3.0.yaml").read_text(encoding="utf-8")
    definition.write_text(
        re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1), encoding="utf-8"
    )
    lines = (EXAMPLE / "records.jsonl").read_text(encoding="utf-8").splitlines()
    records = [{**json.loads(line), "schema_name": name} for line in lines]
    broken = json.loads(json.dumps(records[0]))
    broken["document"]["id"] = "acme-broken"
    broken["mentions"][0]["type"] = "NOT_A_TYPE"
    folder = tmp_path / "ext-shards"
    folder.mkdir()
    write_shard(folder / "part-0.jsonl", records[:1])
    write_shard(folder / "part-1.jsonl", [*records[1:], broken])
    return definition, folder


def test_schema_ext_records_validate_on_the_workers(
    extension: tuple[Path, Path], cluster: str
) -> None:
    """The workers know the extension the client loaded: no EG110, the same report."""
    from eventgold.schema import active_table

    definition, shards = extension
    active_table(definition)
    # Not shipped, the workers cannot read the records: the guard that this test can fail.
    blind = validate_shards([str(shards)], scheduler=cluster, tables=())
    assert blind.codes["EG110"] == 3
    local = validate_paths([shards])
    distributed = validate_shards([str(shards)], scheduler=cluster)
    assert "EG110" not in distributed.codes
    assert distributed.invalid_records == 1 and local.invalid_records == 1
    assert sorted(map(str, local.problems)) == sorted(map(str, distributed.problems))


def test_cli_schema_ext_with_dask_backend(extension: tuple[Path, Path], cluster: str) -> None:
    definition, shards = extension
    broken = (shards / "part-1.jsonl").read_text(encoding="utf-8").splitlines()
    (shards / "part-1.jsonl").write_text(broken[0] + "\n", encoding="utf-8")
    args = ["validate", str(shards), "--backend", "dask", "--scheduler", cluster]
    result = CliRunner().invoke(app, [*args, "--schema-ext", str(definition), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and report["records"] == 2
