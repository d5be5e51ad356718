"""A server that is down or answers 5xx: bounded retries, then a clear error (exit 3)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import ServerError
from eventgold.studio import Connection, RetryPolicy, StudioClient
from eventgold.studio.server import free_port

TOKEN = "secret-token-never-shown"
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)


class _Failing(BaseHTTPRequestHandler):
    hits = 0

    def _fail(self) -> None:
        type(self).hits += 1
        body = b'{"detail": "database is locked"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = _fail

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_server() -> Iterator[str]:
    """A real HTTP server that answers 503 to everything."""
    _Failing.hits = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_unreachable_server_gives_eg531_after_retries() -> None:
    client = StudioClient(Connection(f"http://127.0.0.1:{free_port()}", TOKEN), retry=FAST)
    with pytest.raises(ServerError) as caught:
        client.whoami()
    problem = caught.value.problems[0]
    assert problem.code == "EG531" and "after 3 attempts" in problem.message
    assert caught.value.exit_code == 3
    assert TOKEN not in str(caught.value)


def test_5xx_is_retried_then_reported(failing_server: str) -> None:
    client = StudioClient(Connection(failing_server, TOKEN), retry=FAST)
    with pytest.raises(ServerError) as caught:
        client.find_project("news")
    problem = caught.value.problems[0]
    assert problem.code == "EG532"
    assert "503" in problem.message and "database is locked" in problem.message
    assert _Failing.hits == 3
    assert TOKEN not in str(caught.value)


def test_retry_delays_are_bounded_and_jittered() -> None:
    policy = RetryPolicy(attempts=6, base_delay=0.5, max_delay=4.0)
    for n in range(10):
        delays = {policy.delay(n) for _ in range(50)}
        assert all(0 <= d <= min(4.0, 0.5 * 2**n) for d in delays)
        assert len(delays) > 1


def test_cli_reports_server_down_with_exit_3_and_no_traceback(
    failing_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", TOKEN)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["studio", "pull", "--project", "news", "-o", str(out), "--url", failing_server]
    )
    assert result.exit_code == 3
    assert "EG532" in result.output
    assert "Traceback" not in result.output and TOKEN not in result.output
    assert not out.exists()


def test_no_token_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    result = CliRunner().invoke(
        app,
        [
            "studio",
            "pull",
            "--project",
            "news",
            "-o",
            str(tmp_path / "o.jsonl"),
            "--url",
            "http://127.0.0.1:9",
            "--state-dir",
            str(tmp_path / "state"),
        ],
    )
    assert result.exit_code == 3 and "EG535" in result.output


def test_start_refuses_a_busy_port(tmp_path: Path) -> None:
    """Label Studio would silently move to port+1; eventgold refuses instead."""
    import socket

    from eventgold.studio import start_server

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerError) as caught:
            start_server(tmp_path / "state", port=port)
    assert caught.value.problems[0].code == "EG537"
    assert not (tmp_path / "state" / "server.json").exists()


def test_stop_without_a_server_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["studio", "stop", "--state-dir", str(tmp_path)])
    assert result.exit_code == 3 and "EG539" in result.output
