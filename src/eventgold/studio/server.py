"""A local Label Studio for this project: start, stop, status.

The server runs from the ``[studio]`` extra, bound to 127.0.0.1 (``--internal-host``; Label
Studio's default is 0.0.0.0), with SQLite in ``<state dir>/data``. On the first start an admin
user is created without prompts and its API token (a legacy token, enabled for the
organization at creation) is written to ``<state dir>/token`` with mode 0600; credentials go to
the process through its environment, never its command line, and are never printed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from eventgold.atomic import atomic_write_text
from eventgold.errors import Problem, ServerError

DEFAULT_PORT = 8080
HOST = "127.0.0.1"
ADMIN_EMAIL = "admin@eventgold.local"
_STARTED_RE = re.compile(r"Starting development server at http://[^:/]+:(\d+)/")


class ServerState(BaseModel):
    """``<state dir>/server.json``: the process this project started."""

    model_config = ConfigDict(extra="forbid")

    pid: int
    port: int
    url: str
    data_dir: str
    log: str
    started_at: str


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    healthy: bool
    state: ServerState | None


def token_path(state_dir: Path) -> Path:
    return state_dir / "token"


def _state_path(state_dir: Path) -> Path:
    return state_dir / "server.json"


def _password_path(state_dir: Path) -> Path:
    return state_dir / "admin-password"


def admin_password_path(state_dir: Path) -> Path:
    """The local admin's password file (0600): the login shown to open the local server."""
    return _password_path(state_dir)


def _write_secret(path: Path, value: str) -> None:
    """Create ``path`` readable by the owner only (0600 from the start, not chmod after)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.replace(tmp, path)


def _alive(pid: int) -> bool:
    # Reap it first if it is our own child that exited (tests start and stop in one process).
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_label_studio(pid: int) -> bool:
    """Guard against a recycled pid: only signal a process that is a Label Studio server."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return sys.platform != "linux"  # no /proc: trust the pid file
    return b"label-studio" in cmdline or b"label_studio" in cmdline


def health(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def port_is_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Like the server's own bind (Django's runserver reuses addresses): connections of a
        # server stopped a moment ago linger in TIME_WAIT but do not keep the port busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def read_state(state_dir: Path) -> ServerState | None:
    path = _state_path(state_dir)
    try:
        return ServerState.model_validate_json(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def local_server_state(state_dir: Path) -> ServerState | None:
    """The state of the local server if its process is still running."""
    state = read_state(state_dir)
    if state is None or not _alive(state.pid):
        return None
    return state


def server_status(state_dir: Path) -> ServerStatus:
    state = local_server_state(state_dir)
    if state is None:
        return ServerStatus(False, False, read_state(state_dir))
    return ServerStatus(True, health(state.url), state)


def _label_studio_command() -> list[str]:
    if importlib.util.find_spec("label_studio") is None:
        raise ServerError(
            Problem("EG542", "the label-studio package is not installed (extra [studio])")
        )
    beside = Path(sys.executable).parent / "label-studio"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("label-studio")
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        "import sys; from label_studio.server import main; sys.exit(main())",
    ]


def _environment(data_dir: Path, token: str, password: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            # No calls to the public package index, no analytics.
            "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
            "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
            # Only honoured when the organization is created (first start).
            "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            "LABEL_STUDIO_USERNAME": ADMIN_EMAIL,
            "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token,
        }
    )
    return env


def _log_tail(log: Path, lines: int = 15) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _announced_port(log: Path, offset: int = 0) -> int | None:
    """The port announced in ``log`` after byte ``offset`` (the log is appended per start)."""
    try:
        with log.open("rb") as handle:
            handle.seek(offset)
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _STARTED_RE.search(text)
    return int(match.group(1)) if match else None


def _credentials(state_dir: Path, data_dir: Path) -> tuple[str, str]:
    token_file, password_file = token_path(state_dir), _password_path(state_dir)
    if token_file.exists() and password_file.exists():
        return (
            token_file.read_text(encoding="utf-8").strip(),
            password_file.read_text(encoding="utf-8").strip(),
        )
    if (data_dir / "label_studio.sqlite3").exists():
        raise ServerError(
            Problem(
                "EG538",
                f"{data_dir} holds a Label Studio database but {token_file} is missing; "
                "the admin token cannot be recovered. Remove the data dir to start afresh.",
            )
        )
    token, password = secrets.token_hex(20), secrets.token_urlsafe(18)
    _write_secret(token_file, token)
    _write_secret(password_file, password)
    return token, password


def start_server(
    state_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    timeout: float = 240.0,
    on_wait: Callable[[float], None] | None = None,
) -> ServerState:
    """Start the local server (or return the running one) and wait until ``/health`` is up."""
    state_dir = state_dir.resolve()
    running = local_server_state(state_dir)
    if running is not None and health(running.url):
        return running
    command = _label_studio_command()
    if not port_is_free(port):
        raise ServerError(
            Problem("EG537", f"port {port} on {HOST} is in use; choose another with --port")
        )
    data_dir = state_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    token, password = _credentials(state_dir, data_dir)
    log = state_dir / "server.log"
    args = [*command, "start", "--no-browser", "--internal-host", HOST, "--port", str(port)]
    log_start = log.stat().st_size if log.exists() else 0  # earlier starts are not news
    with open(log, "ab") as log_handle:
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=log_handle,
            stderr=subprocess.STDOUT,
            env=_environment(data_dir, token, password),
            cwd=state_dir,
            start_new_session=True,  # survives the CLI process; stopped by pid
        )
    url = f"http://{HOST}:{port}"
    state = ServerState(
        pid=process.pid,
        port=port,
        url=url,
        data_dir=str(data_dir),
        log=str(log),
        started_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )
    atomic_write_text(_state_path(state_dir), state.model_dump_json(indent=2) + "\n")
    began = time.monotonic()
    while True:
        elapsed = time.monotonic() - began
        if process.poll() is not None:
            raise ServerError(
                Problem(
                    "EG538",
                    f"Label Studio exited with code {process.returncode}; log {log}:\n"
                    + _log_tail(log),
                )
            )
        announced = _announced_port(log, log_start)
        if announced is not None and announced != port:
            _terminate(process.pid)
            raise ServerError(
                Problem("EG537", f"Label Studio moved to port {announced}; port {port} was taken")
            )
        if health(url):
            return state
        if elapsed > timeout:
            _terminate(process.pid)
            raise ServerError(
                Problem("EG538", f"Label Studio not healthy after {timeout:.0f}s; log {log}")
            )
        if on_wait is not None:
            on_wait(elapsed)
        time.sleep(0.5)


def _terminate(pid: int, timeout: float = 20.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.2)
            _alive(pid)
            return
        time.sleep(0.2)


def stop_server(state_dir: Path) -> ServerState:
    """Stop the server this project started (SIGTERM to its pid). Raises if none runs."""
    state_dir = state_dir.resolve()
    state = local_server_state(state_dir)
    if state is None or not _is_label_studio(state.pid):
        with contextlib.suppress(FileNotFoundError):
            _state_path(state_dir).unlink()
        raise ServerError(Problem("EG539", f"no local Label Studio runs for {state_dir}"))
    _terminate(state.pid)
    with contextlib.suppress(FileNotFoundError):
        _state_path(state_dir).unlink()
    return state
