"""Build the compiled wheel (mypyc, Cython) and unpack it into ``build/compiled``.

The pre-annotation hot path (the modules listed under
``[tool.hatch.build.targets.wheel.hooks.mypyc]`` in ``pyproject.toml``) is compiled with
mypyc, and the token loops in C (``annotate/kernel.pyx``) with Cython
(``tools/kernel_build_hook.py``): same output, faster. The wheel is built from a copy of the
sources, never in the working tree, where a left-over ``.so`` beside its ``.py`` would shadow
later edits.

    python tools/build_compiled.py            # -> dist/eventgold-*-cp3XX-*.whl, build/compiled/
    PYTHONPATH=build/compiled eventgold preannotate ...   # run the compiled modules

Nothing is rebuilt when the sources, the Python version and the installed spaCy, numpy,
Cython and mypy are unchanged since the last build (a hash is kept in
``build/compiled/.sources``). Needs the ``[dev]`` extra (mypy, hatch-mypyc, Cython) and a C
and C++ compiler.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "build" / "compiled"
DIST = ROOT / "dist"
_COPIED = ("pyproject.toml", "README.md", "tools/kernel_build_hook.py")


def _sources() -> list[Path]:
    files = [ROOT / name for name in _COPIED]
    files += sorted(
        p
        for p in (ROOT / "src").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".so", ".pyc")
    )
    return files


# The build also depends on these: the extension cimports spaCy's Doc and numpy's headers,
# so an upgrade of either (or of the compilers' Python side) must rebuild it.
_BUILD_DEPENDENCIES = ("spacy", "numpy", "cython", "mypy")


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def sources_hash() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in _BUILD_DEPENDENCIES:
        digest.update(f"{name}=={_installed(name)}\0".encode())
    for path in _sources():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def is_current() -> bool:
    stamp = TARGET / ".sources"
    return stamp.is_file() and stamp.read_text() == sources_hash()


def build(quiet: bool = True) -> Path:
    """Build (if the sources changed) and return the directory to put on ``PYTHONPATH``."""
    if is_current():
        return TARGET
    wanted = sources_hash()
    env = dict(
        os.environ, HATCH_BUILD_HOOK_ENABLE_MYPYC="true", HATCH_BUILD_HOOK_ENABLE_CUSTOM="true"
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    if quiet:
        pip.append("--quiet")
    with tempfile.TemporaryDirectory(prefix="eventgold-compile-") as tmp:
        tree = Path(tmp) / "tree"
        for path in _sources():
            copy = tree / path.relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
        # The build hides pyproject.toml from mypy; its settings (strict, pydantic plugin) are
        # passed as this copy (see mypy-args of the hook).
        shutil.copy2(ROOT / "pyproject.toml", tree / "mypyc.toml")
        wheels = Path(tmp) / "wheels"
        # No build isolation: mypy type-checks against the installed dependencies.
        subprocess.run(
            [*pip, "wheel", "--no-build-isolation", "--no-deps", "-w", str(wheels), str(tree)],
            check=True,
            env=env,
            cwd=tree,  # mypy reads its settings (pydantic plugin) from pyproject.toml here
        )
        (wheel,) = wheels.glob("eventgold-*.whl")
        DIST.mkdir(exist_ok=True)
        shutil.copy2(wheel, DIST / wheel.name)
        shutil.rmtree(TARGET, ignore_errors=True)
        subprocess.run(
            [*pip, "install", "--no-deps", "--no-compile", "--target", str(TARGET), str(wheel)],
            check=True,
        )
    (TARGET / ".sources").write_text(wanted)
    return TARGET


def main() -> int:
    verbose = "-v" in sys.argv
    try:
        print(build(quiet=not verbose))
    except subprocess.CalledProcessError as error:
        print(
            f"error: the compiled build failed (pip exited with {error.returncode}; its output is "
            "above). It needs the [dev] extra (mypy, hatch-mypyc, Cython, setuptools) and a C "
            "and C++ compiler. build/compiled was left as it was.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
