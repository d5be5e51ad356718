"""Hatch build hook: the rule index's C loop (``annotate/index_kernel.pyx``), built with Cython.

Part of the compiled build (``make compiled``, ``tools/build_compiled.py``), beside the mypyc
hook; off by default, so a plain install stays pure Python. The C file and the extension are
written under ``build/index-kernel`` of the tree being built (git-ignored; ``make compiled``
builds from a copy of the sources), never beside the ``.pyx`` in ``src/``, and the extension is
put into the wheel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "eventgold.annotate.index_kernel"
SOURCE = Path("src/eventgold/annotate/index_kernel.pyx")
# Run in a directory of its own: setuptools would otherwise read this project's pyproject.toml.
SETUP = """
import sys
from Cython.Build import cythonize
from setuptools import Extension, setup

module, source, build = sys.argv[1:4]
extension = Extension(module, [source], extra_compile_args=["-O3"])
setup(
    name="eventgold-index-kernel",
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
        build = root / "build" / "index-kernel"
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
        (built,) = (build / "lib" / "eventgold" / "annotate").glob("index_kernel.*")
        build_data["infer_tag"] = True
        build_data["pure_python"] = False
        build_data["force_include"][str(built)] = f"eventgold/annotate/{built.name}"
