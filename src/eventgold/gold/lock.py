"""An exclusive lock per output folder, so two builds into one folder never interleave.

The lock is an ``flock`` on a hidden sibling file (``.exports.lock`` beside ``exports/``):
the operating system releases it when the holder exits, even after a crash, so a stale lock
cannot block later builds. The file itself stays; it holds the holder's pid for humans.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from eventgold.errors import Problem, ServerError


def lock_path(out_dir: Path) -> Path:
    out_dir = Path(out_dir).resolve()
    return out_dir.with_name(f".{out_dir.name}.lock")


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the lock of ``out_dir`` for the block; raise EG606 if another process holds it."""
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise ServerError(
                Problem(
                    "EG606",
                    f"another build into {out_dir} is running (pid {holder}, lock {path})",
                    "$",
                    str(out_dir),
                )
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
