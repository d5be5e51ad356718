"""``eventgold preannotate`` of two checkouts, alternating on one corpus, beside tokenization.

On a shared machine single runs vary by ±30%, so two versions of the code are compared in
rounds: each round times blank-English tokenization, the CLI of the ``--before`` checkout,
the CLI of the ``--after`` checkout (CPU of the subprocess, start-up included) and
tokenization again; the medians over the rounds are the figures to quote.

Run: ``git worktree add /tmp/before <commit>`` then
``.venv/bin/python benchmarks/preannotate_ab.py --before /tmp/before --after . --mb 10 --rounds 9``
(pure Python against the compiled build: ``--before . --after build/compiled``; a directory
without ``src/`` is put on the path as it is).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from preannotate_bench import build_corpus, checkout_path, tokenize_only


def cli_cpu(checkout: Path, corpus: Path, out: Path) -> float:
    """CPU seconds of ``eventgold preannotate`` with ``checkout/src`` (or ``checkout`` itself
    when it has no ``src/``, e.g. ``build/compiled``) first on the path."""
    env = dict(os.environ, PYTHONPATH=checkout_path(checkout))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            str(Path(sys.executable).parent / "eventgold"),
            "preannotate",
            str(corpus),
            "-o",
            str(out),
        ],
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old code")
    parser.add_argument("--after", type=Path, default=Path("."), help="checkout of the new code")
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eg-ab-") as tmp:
        corpus, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl"
        mb = build_corpus(corpus, args.mb) / 1e6
        ratios: dict[str, list[float]] = {"before": [], "after": []}
        speeds: dict[str, list[float]] = {"before": [], "after": []}
        gains = []
        for number in range(1, args.rounds + 1):
            _, tok_first = tokenize_only(corpus)
            old = cli_cpu(args.before, corpus, out)
            new = cli_cpu(args.after, corpus, out)
            _, tok_last = tokenize_only(corpus)
            tok = (tok_first + tok_last) / 2
            for name, cpu in (("before", old), ("after", new)):
                ratios[name].append(tok / cpu)
                speeds[name].append(mb / cpu)
            gains.append(old / new)
            print(
                f"round {number}: tokenization {mb / tok:.2f} MB/s | before {mb / old:.2f} MB/s "
                f"{tok / old:.3f}x | after {mb / new:.2f} MB/s {tok / new:.3f}x | "
                f"speed-up {old / new:.2f}x",
                flush=True,
            )
        median = statistics.median
        for name in ("before", "after"):
            print(
                f"median {name:6s} {median(speeds[name]):.2f} MB/s CPU, "
                f"{median(ratios[name]):.3f}x tokenization"
            )
        print(f"median speed-up {median(gains):.2f}x over {args.rounds} rounds")


if __name__ == "__main__":
    main()
