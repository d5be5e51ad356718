"""Throughput and memory of ``eventgold preannotate`` against spaCy tokenization alone.

Builds a synthetic news-like corpus (JSONL of Document objects; sentences from templates about
the five event types mixed with filler prose, random states, people, numbers and dates), then
measures in one run:

- blank-English tokenization alone (``nlp.tokenizer.pipe`` over the same texts): the anchor,
  timed right before each preannotate run it is compared with; and, for reference, the same
  tokenizer with the annotator's larger chunk cache (``TOKENIZER_CACHE_CHUNKS``);
- ``eventgold preannotate`` on the same file, with 1 worker (``--rounds R``: R times, side by
  side with the anchor, and the median ratio) and with ``--workers N``;
- peak RSS growth of a preannotate run on a small and on a large input (subprocesses).

Run (the figures in ``benchmarks/README.md``):
``.venv/bin/python benchmarks/preannotate_bench.py --mb 50 --workers 2 --compiled --rounds 3``
(``--compiled`` also measures the compiled build, mypyc and the token loops in C, on the same
corpus beside the pure-Python one; ``--rounds 3`` repeats the 1-worker comparison side by
side and reports the median; ``--rss-small 10 --rss-large 200`` sizes the memory check, in MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventgold.annotate.engine import TOKENIZER_CACHE_CHUNKS

STATES = [
    ("France", "French"),
    ("Germany", "German"),
    ("India", "Indian"),
    ("Pakistan", "Pakistani"),
    ("Iran", "Iranian"),
    ("Israel", "Israeli"),
    ("Turkey", "Turkish"),
    ("Japan", "Japanese"),
    ("Brazil", "Brazilian"),
    ("Nigeria", "Nigerian"),
    ("Poland", "Polish"),
    ("Egypt", "Egyptian"),
    ("Russia", "Russian"),
    ("China", "Chinese"),
    ("Ukraine", "Ukrainian"),
    ("Canada", "Canadian"),
    ("Australia", "Australian"),
    ("South Korea", "South Korean"),
    ("North Korea", "North Korean"),
    ("the United States", "American"),
    ("Britain", "British"),
    ("Mexico", "Mexican"),
]
CAPITALS = [
    "Paris",
    "Berlin",
    "New Delhi",
    "Tehran",
    "Ankara",
    "Tokyo",
    "Warsaw",
    "Cairo",
    "Moscow",
    "Beijing",
    "Kyiv",
    "Seoul",
    "Pyongyang",
    "Washington",
    "London",
    "Doha",
]
PEOPLE = [
    "Foreign Minister Anna Berg",
    "President Luis Ortega",
    "Prime Minister Kenji Sato",
    "Defence Minister Omar Haddad",
    "Maj Gen Peter Lund",
    "Ambassador Maria Costa",
]
WEAPONS = ["artillery shells", "drones", "air defence systems", "tanks", "missiles", "weapons"]
DATES = [
    "on Monday",
    "on Tuesday",
    "last week",
    "in March",
    "on October 3, 2023",
    "next month",
    "in 2022",
    "on Friday",
    "yesterday",
]
FILLER = [
    "Markets in the region were calm as traders waited for further economic data.",
    "The weather service warned of heavy rain across the northern provinces this weekend.",
    "Analysts said the trade figures could shift the central bank's outlook for the year.",
    "Local officials opened a new bridge that is expected to ease traffic in the capital.",
    "The company reported higher quarterly profits, driven by strong demand for its services.",
    "Thousands of fans gathered in the stadium to watch the final match of the season.",
    "Researchers published a study on the effects of drought on wheat harvests.",
    "The museum will reopen after a two-year renovation of its main exhibition hall.",
]
TEMPLATES = [
    "{S} has deployed about {N} troops to {T} {D}, {P} said.",
    "{Dm} troops are heading to {T}, according to the defence ministry.",
    "{P} met {P2} in {C} {D} to discuss trade and security.",
    "{S} and {T} will hold talks in {C} {D}.",
    "The European Union imposed new sanctions on {T} {D}.",
    "{S} joined US-led economic sanctions against {T}.",
    "{S} vetoed a UN Security Council resolution on {T} {D}.",
    "The Security Council voted to extend the mandate of the mission in {T}.",
    "{S} has been accused of providing {W} to {T}.",
    "{S} has refused to supply {W} to {T}, {P} said.",
    "{S} is considering providing {W} to {T} as part of a ${M} billion deal.",
    "Negotiators opened sanctions relief talks in {C} {D}.",
]


def _vocabulary() -> list[str]:
    """English words from the lemma table of spacy-lookups-data (a realistic vocabulary)."""
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    return sorted({str(v) for v in table.values() if str(v).isalpha() and len(str(v)) > 2})


_WORDS: list[str] = []


def _prose(rng: random.Random) -> str:
    """A sentence of ordinary words, so tokenization does not run on a few cached strings."""
    if not _WORDS:
        _WORDS.extend(_vocabulary())
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 95)}%,")
    return " ".join(words).capitalize() + "."


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return _prose(rng)
    if roll < 0.65:
        return rng.choice(FILLER)
    s, dm = rng.choice(STATES)
    t, _ = rng.choice(STATES)
    return rng.choice(TEMPLATES).format(
        S=s,
        Dm=dm,
        T=t,
        C=rng.choice(CAPITALS),
        P=rng.choice(PEOPLE),
        P2=rng.choice(PEOPLE),
        D=rng.choice(DATES),
        W=rng.choice(WEAPONS),
        N=f"{rng.randint(1, 40) * 500:,}",
        M=f"{rng.randint(1, 90) / 10}",
    )


FIRST_PUBLISHED = dt.date(2023, 10, 5)


def _document(rng: random.Random, index: int, dates: int = 1) -> dict[str, str]:
    paragraphs = []
    for _ in range(rng.randint(3, 8)):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))))
    text = "\n\n".join(paragraphs)
    # With dates > 1 the documents are spread over that many days (relative dates then
    # resolve against many anchors, as in a real archive).
    published = FIRST_PUBLISHED + dt.timedelta(days=rng.randrange(dates) if dates > 1 else 0)
    return {"id": f"bench-{index:07d}", "text": text, "published": published.isoformat()}


def build_corpus(path: Path, megabytes: float, seed: int = 7, dates: int = 1) -> int:
    """Write a JSONL corpus of about ``megabytes`` MB of text; returns the number of characters."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        index = 0
        while chars < target:
            doc = _document(rng, index, dates)
            out.write(json.dumps(doc) + "\n")
            chars += len(doc["text"])
            index += 1
    return chars


def tokenize_only(path: Path, cache_chunks: int | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of blank-English tokenization of every text: the anchor, spaCy
    as it comes; ``cache_chunks``: with the tokenizer cache enlarged as the annotator does."""
    import spacy

    nlp = spacy.blank("en")
    if cache_chunks is not None:
        nlp.tokenizer.max_cache_size = cache_chunks
    start, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8") as handle:
        texts = (json.loads(line)["text"] for line in handle)
        for _ in nlp.tokenizer.pipe(texts, batch_size=256):
            pass
    return time.perf_counter() - start, time.process_time() - cpu


Build = tuple[str, "Path | None"]  # (name, directory to put first on PYTHONPATH)


def _builds(compiled: Path | None) -> list[Build]:
    """The builds to measure: the installed sources, and the compiled build if given."""
    return [("pure Python", None)] + ([("compiled", compiled)] if compiled is not None else [])


def checkout_path(checkout: Path) -> str:
    """What to put first on PYTHONPATH to run ``checkout``: its ``src/``, or the directory
    itself when it has none (a build such as ``build/compiled``)."""
    source = checkout.resolve() / "src"
    return str(source if source.is_dir() else checkout.resolve())


def _environment(pythonpath: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def preannotate(
    path: Path, out: Path, workers: int, pythonpath: Path | None = None
) -> tuple[float, float]:
    """(wall, CPU of all processes) seconds of ``eventgold preannotate`` on ``path``;
    ``pythonpath``: the compiled build to run instead of the installed sources."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "eventgold"),
            "preannotate",
            str(path),
            "-o",
            str(out),
            "--workers",
            str(workers),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
        env=_environment(pythonpath),
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def peak_rss_mb(path: Path, out: Path, pythonpath: Path | None = None) -> float:
    """Peak RSS (MB) of a single-worker preannotate run in a fresh process.

    Read from VmHWM, the peak of this process image only: ru_maxrss would also count the
    parent's peak at fork time (Linux keeps it across exec), i.e. the corpus builder's memory.
    """
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from eventgold.annotate import preannotate_paths\n"
        "preannotate_paths([sys.argv[1]], Path(sys.argv[2]))\n"
        "try:\n"
        "    print(int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]))\n"
        "except OSError:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=_environment(pythonpath),
    )
    return int(result.stdout.strip().splitlines()[-1]) / 1024  # KiB -> MiB


def throughput(
    root: Path,
    megabytes: float,
    workers: int,
    dates: int = 1,
    compiled: Path | None = None,
    rounds: int = 1,
) -> None:
    """Tokenization and preannotate side by side, ``rounds`` times: each round times the
    anchor right before each build, so a host that speeds up or slows down between rounds
    moves both; the per-round ratios and their median are printed."""
    corpus = root / "corpus.jsonl"
    mb = build_corpus(corpus, megabytes, dates=dates) / 1e6
    print(
        f"corpus: {mb:.1f} MB of text in {corpus.stat().st_size / 1e6:.1f} MB of JSONL, "
        f"{dates} publication date(s)"
    )
    builds = _builds(compiled)
    ratios: dict[str, list[float]] = {name: [] for name, _ in builds}
    speeds: dict[str, list[float]] = {name: [] for name, _ in builds}
    for round_number in range(1, rounds + 1):
        if rounds > 1:
            print(f"round {round_number} of {rounds}")
        for name, pythonpath in builds:
            tok, tok_cpu = tokenize_only(corpus)
            print(
                f"tokenization only (blank en)   wall {mb / tok:7.2f} MB/s   "
                f"CPU {mb / tok_cpu:7.2f} MB/s"
            )
            out = root / f"out1-{name}.jsonl"
            one, one_cpu = preannotate(corpus, out, 1, pythonpath)
            ratios[name].append(tok_cpu / one_cpu)
            speeds[name].append(mb / one_cpu)
            print(
                f"preannotate ({name}), 1 worker  wall {mb / one:7.2f} MB/s   "
                f"CPU {mb / one_cpu:7.2f} MB/s"
            )
            print(
                f"  ratio to tokenization        wall {tok / one:7.3f}x       "
                f"CPU {tok_cpu / one_cpu:7.3f}x  (target >= 0.35x)"
            )
            if name == builds[-1][0]:
                # Not the anchor the target is set against, but the fair comparison with
                # the annotator's own tokenizer, which memoizes more chunks than spaCy's default.
                _, big_cpu = tokenize_only(corpus, TOKENIZER_CACHE_CHUNKS)
                print(
                    f"  tokenization with the annotator's cache ({TOKENIZER_CACHE_CHUNKS:,} "
                    f"chunks) CPU {mb / big_cpu:7.2f} MB/s, ratio {big_cpu / one_cpu:.3f}x"
                )
            if pythonpath is not None:
                same = out.read_bytes() == (root / "out1-pure Python.jsonl").read_bytes()
                print(f"  output identical to pure Python {same}")
    for name, pythonpath in builds:
        if rounds > 1:
            print(
                f"median over {rounds} rounds ({name}): CPU {statistics.median(speeds[name]):.2f}"
                f" MB/s, {statistics.median(ratios[name]):.3f}x tokenization (per round: "
                + ", ".join(f"{r:.3f}x" for r in ratios[name])
                + ")"
            )
        if workers > 1:
            many, many_cpu = preannotate(corpus, root / "outN.jsonl", workers, pythonpath)
            print(
                f"preannotate ({name}), {workers} workers wall {mb / many:7.2f} MB/s   "
                f"CPU {mb / many_cpu:7.2f} MB/s per worker (target >= 1 MB/s per worker)"
            )
            same = (root / f"out1-{name}.jsonl").read_bytes() == (root / "outN.jsonl").read_bytes()
            print(f"  output identical to 1 worker {same}")


def memory(root: Path, small_mb: float, large_mb: float, compiled: Path | None = None) -> None:
    small, large = root / "small.jsonl", root / "large.jsonl"
    build_corpus(small, small_mb, seed=11)
    build_corpus(large, large_mb, seed=13)
    for name, pythonpath in _builds(compiled):
        rss_small = peak_rss_mb(small, root / "s.jsonl", pythonpath)
        rss_large = peak_rss_mb(large, root / "l.jsonl", pythonpath)
        print(
            f"peak RSS ({name}): {small_mb:.0f} MB input {rss_small:.0f} MB, {large_mb:.0f} MB "
            f"input {rss_large:.0f} MB, growth {rss_large - rss_small:.0f} MB (target < 100 MB)"
        )


def _compiled_build() -> Path:
    """The compiled build's directory (built first when the sources changed)."""
    tools = Path(__file__).resolve().parent.parent / "tools"
    sys.path.insert(0, str(tools))
    from build_compiled import build

    return build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size for throughput")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rss-small", type=float, default=10.0)
    parser.add_argument("--rss-large", type=float, default=200.0)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat tokenization and the 1-worker run side by side; report the median ratio",
    )
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--compiled",
        action="store_true",
        help="also measure the compiled build (tools/build_compiled.py), in the same run",
    )
    parser.add_argument(
        "--publication-dates",
        type=int,
        default=1,
        help="spread the documents over this many publication dates (default: all on one)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eg-bench-") as tmp:
        root = Path(tmp)
        compiled = _compiled_build() if args.compiled else None
        if not args.skip_throughput:
            throughput(root, args.mb, args.workers, args.publication_dates, compiled, args.rounds)
        if not args.skip_rss:
            memory(root, args.rss_small, args.rss_large, compiled)


if __name__ == "__main__":
    main()
