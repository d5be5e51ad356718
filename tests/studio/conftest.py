"""A real local Label Studio for the whole test session (the [studio] extra must be installed).

Started with eventgold's own ``start_server`` on a free port and a temporary data dir, so the
embedded-server code path is exercised too. The first start takes ~30-50 s (migrations).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventgold.studio import Connection, StudioClient, start_server, stop_server
from eventgold.studio.server import free_port, token_path


@dataclass(frozen=True)
class LiveStudio:
    state_dir: Path
    url: str
    connection: Connection

    def client(self) -> StudioClient:
        return StudioClient(self.connection)


@pytest.fixture(scope="session")
def live_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStudio]:
    if importlib.util.find_spec("label_studio") is None:
        pytest.skip("label-studio (the [studio] extra) is not installed")
    state_dir = tmp_path_factory.mktemp("studio-state")
    state = start_server(state_dir, port=free_port(), timeout=400)
    token = token_path(state_dir).read_text(encoding="utf-8").strip()
    try:
        yield LiveStudio(state_dir, state.url, Connection(state.url, token))
    finally:
        stop_server(state_dir)
