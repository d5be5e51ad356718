"""Two gold builds into one folder never interleave: the second is refused (EG606) while the
first holds the folder's lock, and whatever ends on disk is one complete, consistent build."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.gold.lock import build_lock

ROOT = Path(__file__).resolve().parent.parent.parent
INPUTS = [str(p) for p in sorted((ROOT / "seeds" / "gold").glob("*.jsonl"))]
FORMATS = ["--format", "jsonl", "--format", "brat"]


def assert_consistent(out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in manifest["files"]}
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert listed <= on_disk and on_disk - listed <= {"manifest.json"}
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]


def test_build_refused_while_another_holds_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    with build_lock(out):
        result = CliRunner().invoke(app, ["gold", "build", *INPUTS, "-o", str(out), *FORMATS])
    assert result.exit_code == 3, result.output
    assert "EG606" in result.output and "Traceback" not in result.output
    assert not out.exists()
    after = CliRunner().invoke(app, ["gold", "build", *INPUTS, "-o", str(out), *FORMATS])
    assert after.exit_code == 0, after.output  # the lock went with its holder
    assert_consistent(out)


def test_two_simultaneous_builds_leave_one_consistent_dataset(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    command = [str(Path(sys.executable).parent / "eventgold"), "gold", "build", *INPUTS]
    runs = [
        subprocess.Popen(
            [*command, "-o", str(out), *FORMATS, "--seed", str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for seed in (1, 2)
    ]
    results = [(run.wait(timeout=300), run.stdout.read() if run.stdout else "") for run in runs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results
    for code, output in results:
        assert "Traceback" not in output
        if code == 3:
            assert "EG606" in output
    assert_consistent(out)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("dataset", ".dataset.lock")]
    assert leftovers == []
