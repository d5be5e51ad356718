"""The mypyc-compiled build gives byte-identical output to the pure-Python sources."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from eventgold.annotate.build import HOT_MODULES, KERNEL

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The compiled build (built here when the sources changed since the last build)."""
    builder = _load(ROOT / "tools" / "build_compiled.py", "build_compiled")
    return Path(builder.build())


def _run(pythonpath: Path | None, code: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


_PREANNOTATE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from eventgold.annotate import preannotate_paths\n"
    "from eventgold.annotate.build import build_name\n"
    "preannotate_paths(sys.argv[3:], Path(sys.argv[2]), workers=int(sys.argv[1]))\n"
    "print(build_name())\n"
)


def test_the_compiled_modules_are_the_hot_modules() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]["include"]
    as_modules = {p.removeprefix("src/").removesuffix(".py").replace("/", ".") for p in included}
    assert as_modules == set(HOT_MODULES)
    kernel_hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    hook = _load(ROOT / kernel_hook["path"], "kernel_build_hook")
    assert hook.MODULE == KERNEL and (ROOT / hook.SOURCE).is_file()


@pytest.mark.slow
def test_compiled_output_is_byte_identical(compiled: Path, tmp_path: Path) -> None:
    bench = _load(ROOT / "benchmarks" / "preannotate_bench.py", "preannotate_bench")
    corpus = tmp_path / "corpus.jsonl"
    bench.build_corpus(corpus, 0.3, seed=5, dates=400)
    inputs = [
        str(corpus),
        str(ROOT / "tests" / "data" / "heldout_gold.jsonl"),
        *sorted(str(p) for p in (ROOT / "seeds").glob("*.txt")),
        *sorted(str(p) for p in (ROOT / "tests" / "data" / "blind").glob("*.txt")),
    ]
    pure_out = tmp_path / "pure.jsonl"
    assert _run(None, _PREANNOTATE, "1", str(pure_out), *inputs).strip() == "pure Python"
    pure = pure_out.read_bytes()
    assert pure.count(b"\n") > 200 and b'"events":[{' in pure
    for workers in ("1", "2"):  # one process, and a pool of forked workers
        out = tmp_path / f"compiled-{workers}.jsonl"
        assert _run(compiled, _PREANNOTATE, workers, str(out), *inputs).strip() == "compiled"
        assert out.read_bytes() == pure, f"compiled build, {workers} worker(s)"


_MISFIT_KERNEL = (
    "import importlib.abc, importlib.machinery, sys, warnings\n"
    "class Misfit(importlib.abc.MetaPathFinder, importlib.abc.Loader):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'eventgold.annotate.kernel':\n"
    "            return importlib.machinery.ModuleSpec(name, self)\n"
    "    def create_module(self, spec):\n"
    "        raise ValueError('spacy.tokens.doc.Doc size changed, may indicate binary "
    "incompatibility')\n"
    "    def exec_module(self, module):\n"
    "        pass\n"
    "sys.meta_path.insert(0, Misfit())\n"
    "with warnings.catch_warnings(record=True) as caught:\n"
    "    warnings.simplefilter('always')\n"
    "    from eventgold.annotate import Annotator\n"
    "    from eventgold.annotate.build import build_name\n"
    "    from eventgold.annotate.native import kernel\n"
    "from eventgold.schema import new_document\n"
    "record = Annotator().annotate(new_document('d', sys.argv[1]))\n"
    "print(kernel is None, build_name(), len(record.events))\n"
    "print([str(w.message) for w in caught if w.category is RuntimeWarning])\n"
)


def test_a_kernel_that_does_not_fit_spacy_is_set_aside(compiled: Path) -> None:
    """An extension built against another spaCy fails Cython's import-time type check with
    ValueError: the annotator warns, runs the Python loops and still finds the events."""
    text = "France deployed 2,000 troops to Mali on Tuesday."
    lines = _run(compiled, _MISFIT_KERNEL, text).splitlines()
    assert lines[0] == "True partly compiled 1"
    assert "Rebuild with `make compiled`" in lines[1] and "size changed" in lines[1]
