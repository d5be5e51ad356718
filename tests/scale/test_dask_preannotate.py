"""preannotate --backend dask: sharded outputs with a manifest, same records as one process."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.annotate import preannotate_paths
from eventgold.cli.main import app
from eventgold.validate import validate_paths

pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parent.parent.parent
SENTENCES = [
    "North Korea sent about 10,000 troops to Russia on Tuesday, the Pentagon said.",
    "Russia vetoed the UN Security Council resolution on sanctions against Pyongyang.",
    "Foreign Minister Choe Son Hui held talks with Sergei Lavrov in Moscow.",
    "Seoul said it would consider supplying artillery shells to Ukraine.",
]


@pytest.fixture
def shards(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for shard in range(3):
        lines = [
            json.dumps({"id": f"s{shard}-d{n}", "text": SENTENCES[(shard + n) % 4] * (n + 1)})
            for n in range(5)
        ]
        (folder / f"shard-{shard}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_sharded_output_with_manifest_equals_local(
    shards: Path, tmp_path: Path, cluster: str
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "preannotate",
            str(shards),
            "-o",
            str(out),
            "--published",
            "2024-10-30",
            "--backend",
            "dask",
            "--scheduler",
            cluster,
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    parts = sorted(p.name for p in out.glob("part-*.jsonl"))
    assert parts == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert [s["output"] for s in manifest["shards"]] == parts
    assert manifest["documents"] == 15
    for shard in manifest["shards"]:
        data = (out / shard["output"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == shard["sha256"]
        assert len(data) == shard["bytes"]
    assert validate_paths([out / p for p in parts]).ok
    local = tmp_path / "local.jsonl"
    preannotate_paths([shards], local, published="2024-10-30")
    sharded = b"".join((out / p).read_bytes() for p in parts)
    assert sharded == local.read_bytes()


def test_bad_shard_leaves_previous_output_untouched(
    shards: Path, tmp_path: Path, cluster: str
) -> None:
    (shards / "shard-1.jsonl").write_bytes(b'{"id": "x", "text": "caf\xe9"}\n')
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["preannotate", str(shards), "-o", str(out), "--backend", "dask", "--scheduler", cluster],
    )
    assert result.exit_code == 1, result.output
    assert "EG002" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["previous.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_schema_ext_is_shipped_to_the_workers(shards: Path, tmp_path: Path, cluster: str) -> None:
    """--schema-ext with --backend dask writes the extension's records, as the local backend
    does (the workers cannot load the extension themselves)."""
    from eventgold.annotate.packs import DEFAULT_PACK
    from eventgold.schema import active_table

    definition = ROOT / "examples" / "extension" / "acme-events-0.3.0.yaml"
    table = active_table(definition)
    # The core pack's names all exist in the extension (extensions only add).
    pack = tmp_path / "acme-pack.yaml"
    core = DEFAULT_PACK.read_text(encoding="utf-8")
    pack.write_text(re.sub(r"(?m)^schema: .*$", f"schema: {table.name}", core), encoding="utf-8")
    out = tmp_path / "out"
    args = ["preannotate", str(shards), "-o", str(out), "--published", "2024-10-30"]
    ext = ["--rules", str(pack), "--schema-ext", str(definition)]
    dask = ["--backend", "dask", "--scheduler", cluster]
    result = CliRunner().invoke(app, [*args, *ext, *dask])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_id"] == table.id == "acme-events@0.3.0"
    parts = sorted(out.glob("part-*.jsonl"))
    records = [json.loads(line) for p in parts for line in p.read_text("utf-8").splitlines()]
    assert len(records) == 15
    assert {(r["schema_name"], r["schema_version"]) for r in records} == {("acme-events", "0.3.0")}
    assert sum(len(r["events"]) for r in records) > 0
    assert validate_paths(parts).ok
    local = tmp_path / "local.jsonl"
    preannotate_paths([shards], local, published="2024-10-30", pack=pack, table=table)
    assert b"".join(p.read_bytes() for p in parts) == local.read_bytes()
