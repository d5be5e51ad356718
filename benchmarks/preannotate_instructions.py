"""Instructions executed by ``Annotator.annotate_json``, counted by valgrind's callgrind.

On a shared, noisy machine a change worth 1-3% cannot be seen in seconds; an instruction
count repeats to about 0.01% whatever else the host does (``PYTHONHASHSEED=0`` fixes set and
dict order; pass one checkout twice to see the spread). It does not see cache misses, so confirm a gain in seconds with
``preannotate_ab.py`` or ``preannotate_inprocess.py`` before quoting it as speed.

Each checkout or build is run in its own process: warm-up on one small corpus, then only the
annotation of a second corpus is counted (it runs inside ``functools.reduce``, which callgrind
is told to collect: ``--toggle-collect=functools_reduce``).

Run (two builds side by side; a directory with ``src/`` is a checkout, otherwise it is put on
the path as it is, e.g. ``build/compiled``):

    git worktree add /tmp/before <commit> && (cd /tmp/before && python tools/build_compiled.py)
    .venv/bin/python benchmarks/preannotate_instructions.py /tmp/before/build/compiled build/compiled

Needs valgrind (``apt-get install valgrind``); about 3 minutes per build for the defaults
(0.2 MB measured after a 1 MB warm-up).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from preannotate_bench import build_corpus, checkout_path

_MEASURED = """
import functools, sys
import orjson
from eventgold.annotate import Annotator
from eventgold.annotate.inputs import input_files, read_documents

def load(path):
    return [i.document for i in read_documents(input_files([path])) if i.document is not None]

warm, docs = load(sys.argv[1]), load(sys.argv[2])
annotator = Annotator()
for record in annotator.annotate_json(warm):
    orjson.dumps(record)
size = functools.reduce(lambda n, r: n + len(orjson.dumps(r)), annotator.annotate_json(docs), 0)
print(size)
"""


def count(build: Path, warm: Path, corpus: Path, out: Path) -> tuple[int, str]:
    """(instructions inside the measured annotation, the output size it printed)."""
    env = dict(os.environ, PYTHONPATH=checkout_path(build), PYTHONHASHSEED="0")
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            _MEASURED,
            str(warm),
            str(corpus),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no summary line in {out}")
    return int(found.group(1)), result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("builds", type=Path, nargs="+", help="checkouts or build directories")
    parser.add_argument("--mb", type=float, default=0.2, help="size of the measured corpus")
    parser.add_argument(
        "--warm-mb",
        type=float,
        default=1.0,
        help="size of the warm-up corpus (smaller counts first-seen words: new lexemes, "
        "tokenizer cache misses, word rows, which a long run amortizes)",
    )
    parser.add_argument("--keep", type=Path, help="directory to keep the callgrind files in")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="eg-instr-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        warm, corpus = root / "warm.jsonl", root / "corpus.jsonl"
        build_corpus(warm, args.warm_mb, seed=99)
        mb = build_corpus(corpus, args.mb) / 1e6
        outs = [root / f"callgrind.{k}.out" for k in range(len(args.builds))]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = list(
                pool.map(count, args.builds, [warm] * len(outs), [corpus] * len(outs), outs)
            )
    first = counts[0][0]
    print(f"measured corpus: {mb:.2f} MB (after a {args.warm_mb} MB warm-up)")
    for k, (build, (instructions, size)) in enumerate(zip(args.builds, counts, strict=True)):
        change = f"{100 * (instructions - first) / first:+.2f}%" if k else ""
        print(f"{instructions:>16,d} instructions  output {size} bytes  {build}  {change}")


if __name__ == "__main__":
    main()
