"""One push at a time per Label Studio project, across processes on this machine.

Label Studio has no unique constraint on task data, so two pushes that look up the task keys
at the same time would both import the missing documents. The push therefore holds an
``flock`` on a lock file named after the server URL and project title; a second push waits for
the first and then finds every key present. The operating system releases the lock when the
holder exits, even after a crash, so a stale lock cannot block later pushes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from eventgold.errors import Problem, ServerError

LOCK_DIR_ENV = "EVENTGOLD_LOCK_DIR"
DEFAULT_WAIT = 900.0


def lock_dir() -> Path:
    return Path(os.environ.get(LOCK_DIR_ENV) or Path(tempfile.gettempdir()) / "eventgold-locks")


def push_lock_path(url: str, project: str) -> Path:
    digest = hashlib.sha256(f"{url.rstrip('/')}\n{project}".encode()).hexdigest()[:32]
    return lock_dir() / f"push-{digest}.lock"


@contextlib.contextmanager
def push_lock(
    url: str, project: str, *, wait: float = DEFAULT_WAIT, poll: float = 0.2
) -> Iterator[Path]:
    """Hold the push lock of (``url``, ``project``); wait up to ``wait`` s, then EG543."""
    path = push_lock_path(url, project)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise ServerError(
                        Problem(
                            "EG543",
                            f"another push to project {project!r} on {url} is running "
                            f"(pid {holder}, lock {path}); waited {wait:.0f} s",
                        )
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
