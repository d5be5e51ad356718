"""The committed ``exports/`` without a server: what the demo's pull gives, built.

``make demo`` builds ``exports/`` from the records it pulls out of Label Studio. Those are the
demo's submissions as :func:`~eventgold.demo.annotators.as_pulled` describes them (the
round-trip is lossless, which the live Label Studio test checks), so the same dataset can be
rebuilt and checked offline in CI::

    python -m eventgold.demo.exports          # rewrite exports/ from seeds/gold
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventgold.demo.annotators import as_pulled, submissions
from eventgold.gold.build import BuildResult, build_gold
from eventgold.gold.io import Inputs, read_inputs


def demo_inputs(gold: Path) -> Inputs:
    """The annotation records the demo pulls for the gold in ``gold``, plus its clusters."""
    found = read_inputs([gold])
    return Inputs([as_pulled(s) for s in submissions(found.documents)], found.clusters)


def build_demo_exports(gold: Path, output: Path) -> BuildResult:
    return build_gold(demo_inputs(gold), output)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    result = build_demo_exports(root / "seeds" / "gold", root / "exports")
    print(f"wrote {len(result.files)} file(s) to {result.out_dir}")
