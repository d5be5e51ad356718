"""Committed generated files must equal what the code generates (run `make generate`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventgold.cli.generate import artifacts

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("artifact", artifacts(), ids=lambda a: a.path)
def test_committed_artifact_matches_code(artifact) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / artifact.path
    assert path.exists(), f"{artifact.path} missing: run `make generate`"
    assert path.read_text(encoding="utf-8") == artifact.produce(), (
        f"{artifact.path} drifted from the code: run `make generate` and commit"
    )
