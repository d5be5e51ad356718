"""Hatch build hook: the token loops in C (``annotate/kernel.pyx``), built with Cython.

The extension cimports spaCy's ``Doc`` (its declarations need C++ and numpy's headers) and
records the spaCy version it was compiled against.

Part of the compiled build (``make compiled``, ``tools/build_compiled.py``), beside the mypyc
hook; off by default, so a plain install stays pure Python. The C file and the extension are
written under ``build/kernel`` of the tree being built (git-ignored; ``make compiled``
builds from a copy of the sources), never beside the ``.pyx`` in ``src/``, and the extension is
put into the wheel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "eventgold.annotate.kernel"
SOURCE = Path("src/eventgold/annotate/kernel.pyx")
# Run in a directory of its own: setuptools would otherwise read this project's pyproject.toml.
SETUP = """
import sys
import numpy
import spacy
from Cython.Build import cythonize
from setuptools import Extension, setup

module, source, build = sys.argv[1:4]
extension = Extension(
    module,
    [source],
    language="c++",  # spaCy's declarations (cimported for its Doc) use C++ containers
    include_dirs=[numpy.get_include()],  # ... and numpy
    define_macros=[("EVENTGOLD_SPACY_VERSION", f'"{spacy.__version__}"')],
    extra_compile_args=["-O3"],
)
setup(
    name="eventgold-kernel",
    ext_modules=cythonize([extension], build_dir=build, quiet=True),
    script_args=["build_ext", "--build-lib", build + "/lib", "--build-temp", build + "/tmp"],
)
"""


class KernelBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        build = root / "build" / "kernel"
        build.mkdir(parents=True, exist_ok=True)
        process = subprocess.run(
            [sys.executable, "-c", SETUP, MODULE, str(root / SOURCE), str(build)],
            cwd=build,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if process.returncode:
            raise RuntimeError(f"building {SOURCE} with Cython failed:\n{process.stdout}")
        (built,) = (build / "lib" / "eventgold" / "annotate").glob("kernel.*")
        build_data["infer_tag"] = True
        build_data["pure_python"] = False
        build_data["force_include"][str(built)] = f"eventgold/annotate/{built.name}"
