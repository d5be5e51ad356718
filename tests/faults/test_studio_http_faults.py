"""Label Studio answering 5xx, stalling or cutting a download: retried, bounded, then clear.

The boundary is real HTTP: a tiny server on 127.0.0.1 plays a sick Label Studio (every request
is recorded with its arrival time), and eventgold's own client talks to it through the SDK.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import ServerError
from eventgold.studio import Connection, StudioClient
from eventgold.studio.client import Timeouts
from eventgold.studio.retry import RetryPolicy

# A legacy-style token: the SDK sends it as a header and makes no call in its constructor.
TOKEN = "fault-test-token-0123456789"
Behaviour = Callable[[BaseHTTPRequestHandler, int], None]


@dataclass
class SickServer:
    url: str
    arrivals: list[tuple[float, str, str]] = field(default_factory=list)
    behaviour: list[Behaviour] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.arrivals)


def answer(status: int, body: object) -> Behaviour:
    def respond(handler: BaseHTTPRequestHandler, _n: int) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return respond


def stall(seconds: float) -> Behaviour:
    def respond(handler: BaseHTTPRequestHandler, _n: int) -> None:
        time.sleep(seconds)
        answer(200, {})(handler, _n)

    return respond


def stall_then(seconds: float, status: int, body: object, *, raw: bool = False) -> Behaviour:
    """Answer after ``seconds`` of silence (a server busy with a large import or export)."""

    def respond(handler: BaseHTTPRequestHandler, _n: int) -> None:
        time.sleep(seconds)
        if not raw:
            answer(status, body)(handler, _n)
            return
        assert isinstance(body, bytes)
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def cut_body(body: bytes) -> Behaviour:
    """Announce the full length, send half, close: a download interrupted half-way."""

    def respond(handler: BaseHTTPRequestHandler, _n: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        handler.close_connection = True

    return respond


@pytest.fixture
def sick_server() -> Iterator[SickServer]:
    state = SickServer(url="")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            state.arrivals.append((time.monotonic(), self.command, self.path))
            number = len(state.arrivals) - 1
            behaviour = state.behaviour[min(number, len(state.behaviour) - 1)]
            behaviour(self, number)

        do_GET = do_POST = do_PATCH = do_DELETE = _serve

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client hanging up on a cut download is the point, not news

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def fast_policy(delays: list[float], attempts: int = 4) -> RetryPolicy:
    def sleep(seconds: float) -> None:
        delays.append(seconds)
        time.sleep(seconds)

    return RetryPolicy(attempts=attempts, base_delay=0.05, max_delay=0.3, sleep=sleep)


def client_for(
    server: SickServer, policy: RetryPolicy, timeout: float | Timeouts = 5.0
) -> StudioClient:
    return StudioClient(Connection(server.url, TOKEN), retry=policy, timeout=timeout)


WHOAMI = {"id": 1, "email": "admin@eventgold.local", "username": "admin"}


def test_5xx_is_retried_with_bounded_exponential_backoff_then_fails_clearly(
    sick_server: SickServer,
) -> None:
    sick_server.behaviour = [answer(503, {"detail": "database is locked"})]
    delays: list[float] = []
    policy = fast_policy(delays, attempts=4)
    with pytest.raises(ServerError) as caught:
        client_for(sick_server, policy).whoami()
    problem = caught.value.problems[0]
    assert problem.code == "EG532"
    assert "503" in problem.message and "4 times" in problem.message
    assert TOKEN not in str(caught.value)
    # Exactly one HTTP request per attempt: no second retry layer multiplying them.
    assert sick_server.requests == 4
    assert len(delays) == 3
    for number, delay in enumerate(delays):
        assert 0.0 <= delay <= min(policy.max_delay, policy.base_delay * 2**number)
    gaps = [
        b[0] - a[0] for a, b in zip(sick_server.arrivals, sick_server.arrivals[1:], strict=False)
    ]
    assert all(gap >= delay for gap, delay in zip(gaps, delays, strict=True))


def test_backoff_is_jittered_and_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0)
    for number in range(10):
        cap = min(8.0, 0.5 * 2**number)
        samples = {policy.delay(number) for _ in range(200)}
        assert all(0.0 <= s <= cap for s in samples)
        assert len(samples) > 150  # jitter: not one fixed delay
        assert max(samples) > 0.7 * cap  # the cap grows exponentially until max_delay


def test_transient_5xx_then_success_recovers(sick_server: SickServer) -> None:
    sick_server.behaviour = [answer(502, {}), answer(500, {}), answer(200, WHOAMI)]
    delays: list[float] = []
    user = client_for(sick_server, fast_policy(delays)).whoami()
    assert user.email == "admin@eventgold.local"
    assert sick_server.requests == 3 and len(delays) == 2


def test_client_error_is_not_retried(sick_server: SickServer) -> None:
    sick_server.behaviour = [answer(400, {"detail": "bad request"})]
    delays: list[float] = []
    with pytest.raises(ServerError) as caught:
        client_for(sick_server, fast_policy(delays)).whoami()
    assert caught.value.problems[0].code == "EG541"
    assert sick_server.requests == 1 and delays == []


def test_stalled_server_times_out_repeatedly_then_fails_clearly(sick_server: SickServer) -> None:
    sick_server.behaviour = [stall(2.0)]
    delays: list[float] = []
    began = time.monotonic()
    with pytest.raises(ServerError) as caught:
        client_for(sick_server, fast_policy(delays, attempts=3), timeout=0.3).whoami()
    assert caught.value.problems[0].code == "EG533"
    assert sick_server.requests == 3
    assert time.monotonic() - began < 3 * 0.3 + sum(delays) + 2.0  # bounded, no hang


def test_unreachable_server_fails_clearly() -> None:
    delays: list[float] = []
    # A port nothing listens on: bind, read the port, close.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = StudioClient(
        Connection(f"http://127.0.0.1:{port}", TOKEN), retry=fast_policy(delays, 3)
    )
    with pytest.raises(ServerError) as caught:
        client.whoami()
    assert caught.value.problems[0].code == "EG531"
    assert len(delays) == 2


def test_cli_push_against_failing_server_exits_3_without_traceback(
    sick_server: SickServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sick_server.behaviour = [answer(500, {"detail": "Internal Server Error"})]
    doc = tmp_path / "doc1.txt"
    doc.write_text("Russia moved troops to Kursk.", encoding="utf-8")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", TOKEN)
    result = CliRunner().invoke(
        app,
        ["studio", "push", str(doc), "--project", "p", "--url", sick_server.url, "--retries", "2"],
    )
    assert result.exit_code == 3, result.output
    assert "EG532" in result.output and "Traceback" not in result.output
    assert TOKEN not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_pull_cut_half_way_leaves_previous_output_untouched(
    sick_server: SickServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_list = {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [{"id": 7, "title": "news", "task_number": 3}],
    }
    export = json.dumps([{"id": n, "data": {"text": "x" * 5000}} for n in range(50)]).encode()
    sick_server.behaviour = [
        answer(200, project_list),  # find the project
        answer(201, {"id": 99, "title": "eventgold pull", "status": "completed"}),  # snapshot
        cut_body(export),  # download: half the bytes, then the connection closes
        answer(204, {}),  # delete the snapshot
    ]
    out = tmp_path / "pulled.jsonl"
    out.write_text("previous pull\n", encoding="utf-8")
    before = out.stat().st_mtime_ns
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", TOKEN)
    result = CliRunner().invoke(
        app,
        [
            "studio",
            "pull",
            "--project",
            "news",
            "-o",
            str(out),
            "--url",
            sick_server.url,
            "--retries",
            "0",
        ],
    )
    assert result.exit_code == 3, result.output
    assert "EG531" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous pull\n"
    assert out.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pulled.jsonl"]


def test_retry_policy_bounds_the_time_a_stalled_server_can_hold_a_call() -> None:
    policy = RetryPolicy.with_retries(4)
    assert policy.attempts == 5
    # 5 attempts of 120 s plus backoff caps 0.5 + 1 + 2 + 4 s: minutes, not the ~50 min of
    # 600 s requests.
    assert policy.longest_wait(120.0) == 5 * 120.0 + 7.5
    assert RetryPolicy.with_retries(0).longest_wait(30.0) == 30.0


def test_default_timeouts_are_per_kind_of_request() -> None:
    client = StudioClient(Connection("http://127.0.0.1:9", TOKEN))
    assert client.timeouts == Timeouts(request=30.0, imports=120.0, exports=180.0)
    worst = client.retry.longest_wait(client.timeouts.longest)
    assert worst < 30 * 60  # a stalled server fails a command well within half an hour
    assert StudioClient(Connection("http://x", TOKEN), timeout=7).timeouts == Timeouts(7, 7, 7)


IMPORTED = {"task_count": 1, "prediction_count": 0, "task_ids": [5]}


def test_imports_get_their_own_longer_timeout(sick_server: SickServer) -> None:
    """A batch import that takes longer than a small call may is not cut off."""
    slow_import = stall_then(0.8, 201, IMPORTED)
    sick_server.behaviour = [slow_import]
    client = client_for(
        sick_server, fast_policy([], attempts=1), timeout=Timeouts(request=0.3, imports=5.0)
    )
    result = client.import_tasks(7, [{"data": {"text": "x"}, "meta": {}, "predictions": []}])
    assert result.task_ids == (5,)
    # The same stall on a small call is a timeout.
    sick_server.behaviour = [slow_import]
    with pytest.raises(ServerError) as caught:
        client.whoami()
    assert caught.value.problems[0].code == "EG533"
    assert "0.3 s" in caught.value.problems[0].message


def test_exports_get_their_own_longer_timeout(sick_server: SickServer) -> None:
    export = json.dumps([{"id": 1, "data": {"text": "x"}}]).encode()
    sick_server.behaviour = [
        stall_then(0.8, 201, {"id": 99, "title": "eventgold pull", "status": "completed"}),
        stall_then(0.8, 200, export, raw=True),
        answer(204, {}),
    ]
    client = client_for(
        sick_server, fast_policy([], attempts=1), timeout=Timeouts(request=0.3, exports=5.0)
    )
    assert client.export_snapshot(7) == export


def test_cli_timeout_and_retries_bound_a_stalled_push(
    sick_server: SickServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sick_server.behaviour = [stall(3.0)]
    doc = tmp_path / "doc1.txt"
    doc.write_text("Russia moved troops to Kursk.", encoding="utf-8")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", TOKEN)
    began = time.monotonic()
    result = CliRunner().invoke(
        app,
        [
            "studio",
            "push",
            str(doc),
            "--project",
            "p",
            "--url",
            sick_server.url,
            "--timeout",
            "0.3",
            "--retries",
            "1",
        ],
    )
    took = time.monotonic() - began
    assert result.exit_code == 3, result.output
    assert "EG533" in result.output and "timed out 2 times" in result.output
    assert "--timeout" in result.output  # the hint names options the command has
    assert "Traceback" not in result.output
    assert sick_server.requests == 2  # --retries 1: one retry, no hidden second layer
    assert took < RetryPolicy.with_retries(1).longest_wait(0.3) + 3.0


def test_cli_pull_takes_timeout_and_retries(
    sick_server: SickServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sick_server.behaviour = [stall(3.0)]
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", TOKEN)
    out = tmp_path / "pulled.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "studio",
            "pull",
            "--project",
            "news",
            "-o",
            str(out),
            "--url",
            sick_server.url,
            "--timeout",
            "0.2",
            "--retries",
            "2",
        ],
    )
    assert result.exit_code == 3, result.output
    assert "EG533" in result.output and "timed out 3 times" in result.output
    assert sick_server.requests == 3
    assert not out.exists()
