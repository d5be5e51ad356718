from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


def pytest_report_header() -> str:
    from eventgold.annotate.build import build_name

    return f"eventgold pre-annotation build: {build_name()}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """``EVENTGOLD_COMPILED=1`` (``make unit-compiled``): refuse to run the pure-Python build."""
    from eventgold.annotate.build import build_name

    if os.environ.get("EVENTGOLD_COMPILED") == "1" and build_name() != "compiled":
        raise pytest.UsageError(
            f"EVENTGOLD_COMPILED=1 but the {build_name()} build was imported: "
            "put build/compiled on PYTHONPATH (make compiled)"
        )
