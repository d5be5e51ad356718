"""`eventgold demo` against the real local Label Studio of the session fixture."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.demo import DemoOptions, run_demo
from eventgold.demo.exports import build_demo_exports
from eventgold.schema import DocumentRecord
from eventgold.studio.server import token_path
from eventgold.testing import record_json

from .conftest import LiveStudio

pytestmark = [pytest.mark.studio, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def options(live: LiveStudio, tmp: Path, project: str) -> DemoOptions:
    return DemoOptions(
        seeds=ROOT / "seeds",
        gold=ROOT / "seeds" / "gold",
        output=tmp / "exports",
        state_dir=live.state_dir,
        work_dir=tmp / "work",
        project=project,
    )


def test_demo_round_trip_is_lossless_and_rerunnable(
    live_studio: LiveStudio, tmp_path: Path
) -> None:
    opts = options(live_studio, tmp_path, "demo round trip")
    first = run_demo(opts)
    assert first.reused_server  # the fixture's server, not a second one
    assert first.push.imported_tasks == 2 and first.push.imported_predictions == 2
    assert first.annotations_created == 4 and first.annotations_existing == 0
    assert first.pull.annotations == 4 and first.pull.predictions == 2
    assert first.validation.ok
    assert first.strict.mentions.total.tp > 0  # the rules found something in the seeds
    assert [s.name for s in first.steps[:1]] == ["Label Studio"] and len(first.steps) == 8

    # What came back from Label Studio builds exactly the offline (committed) dataset.
    offline = tmp_path / "offline"
    build_demo_exports(ROOT / "seeds" / "gold", offline)
    assert tree(opts.output) == tree(offline)
    assert tree(opts.output) == tree(ROOT / "exports")

    second = run_demo(opts)
    assert second.push.project_id == first.push.project_id
    assert second.push.imported_tasks == 0 and second.push.already_present == 2
    assert second.annotations_created == 0 and second.annotations_existing == 4
    assert second.pull.annotations == 4
    assert tree(opts.output) == tree(offline)

    # A corrected gold updates each user's annotation of that document; none is added.
    corrected = corrected_gold(tmp_path / "gold")
    third = run_demo(replace(opts, gold=corrected))
    assert third.annotations_created == 2 and third.annotations_existing == 2
    assert third.pull.annotations == 4
    assert third.build.agreement.annotators == second.build.agreement.annotators
    rebuilt = tmp_path / "offline-corrected"
    build_demo_exports(corrected, rebuilt)
    assert tree(opts.output) == tree(rebuilt) != tree(offline)


def corrected_gold(folder: Path) -> Path:
    """A copy of the seed gold with one mention (used by no event) removed from 000."""
    shutil.copytree(ROOT / "seeds" / "gold", folder)
    path = sorted(folder.glob("000_*.jsonl"))[0]
    record = DocumentRecord.model_validate_json(path.read_text(encoding="utf-8"))
    used = {i for e in record.events for ids in e.arguments.values() for i in ids}
    used |= {e.attribution for e in record.events if e.attribution}
    unused = next(m.id for m in record.mentions if m.id not in used)
    record = record.model_copy(update={"mentions": [m for m in record.mentions if m.id != unused]})
    path.write_text(record_json_line(record), encoding="utf-8")
    return folder


def record_json_line(record: DocumentRecord) -> str:
    return json.dumps(record_json(record), ensure_ascii=False) + "\n"


def test_demo_cli_shows_login_but_never_the_token(live_studio: LiveStudio, tmp_path: Path) -> None:
    opts = options(live_studio, tmp_path, "demo cli")
    result = CliRunner().invoke(
        app,
        [
            "demo",
            "--seeds", str(opts.seeds),
            "--gold", str(opts.gold),
            "--output", str(opts.output),
            "--state-dir", str(opts.state_dir),
            "--work-dir", str(opts.work_dir),
            "--project", opts.project,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    token = token_path(live_studio.state_dir).read_text(encoding="utf-8").strip()
    assert token not in result.output
    assert "admin@eventgold.local" in result.output and "eventgold studio stop" in result.output
    assert f"{live_studio.url}/projects/" in result.output
    for name in ("pre-annotation vs hand gold", "inter-annotator agreement", "strict F1"):
        assert name in result.output
    assert str(token_path(live_studio.state_dir.resolve())) in result.output
