"""Near-duplicate groups and leakage-free splits."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventgold.cli.main import app
from eventgold.errors import UsageError
from eventgold.gold.dedup import (
    DEFAULT_THRESHOLD,
    jaccard,
    near_duplicate_groups,
    shingles,
)
from eventgold.gold.io import read_text_document
from eventgold.gold.splits import SplitRatios, assign_splits
from eventgold.schema import Document, new_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DISTINCT = sorted((ROOT / "tests" / "data" / "dedup").glob("*.txt"))


def docs(paths: list[Path]) -> list[Document]:
    return [read_text_document(p).document for p in paths]


def test_seed_documents_form_one_group_and_distinct_stories_do_not() -> None:
    groups = near_duplicate_groups(docs(SEEDS + DISTINCT))
    seed_ids = sorted(p.stem for p in SEEDS)
    assert seed_ids in groups
    assert sorted(len(g) for g in groups) == [1] * len(DISTINCT) + [2]


def test_threshold_sits_between_measured_similarities() -> None:
    a, b = (p.read_text(encoding="utf-8") for p in SEEDS)
    assert jaccard(a, b) > DEFAULT_THRESHOLD * 1.5
    for path in DISTINCT:
        other = path.read_text(encoding="utf-8")
        assert jaccard(a, other) < DEFAULT_THRESHOLD / 2
        assert jaccard(b, other) < DEFAULT_THRESHOLD / 2


def test_groups_are_transitive_and_records_of_one_document_count_once() -> None:
    base = " ".join(f"w{i}" for i in range(200))
    a = new_document("a", base)
    b = new_document("b", base.replace("w50 ", "x50 ").replace("w150", "x150"))
    c = new_document("c", " ".join(f"w{i}" for i in range(200, 400)))
    d = new_document("d", base + " " + " ".join(f"v{i}" for i in range(150)))
    groups = near_duplicate_groups([a, b, c, d, a])
    assert groups == [["a", "b", "d"], ["c"]]


def test_empty_and_tiny_texts() -> None:
    assert shingles("Hello") == {"hello"}
    groups = near_duplicate_groups([new_document("e1", ""), new_document("e2", "")])
    assert groups == [["e1"], ["e2"]]  # an empty text is nobody's duplicate
    with pytest.raises(UsageError):
        near_duplicate_groups([], threshold=0)


def test_splits_follow_ratios_and_are_seeded() -> None:
    groups = [[f"d{i:02d}"] for i in range(20)]
    splits = assign_splits(groups, SplitRatios(0.8, 0.1, 0.1), seed=1)
    assert Counter(splits.values()) == {"train": 16, "dev": 2, "test": 2}
    assert splits == assign_splits(list(reversed(groups)), SplitRatios(0.8, 0.1, 0.1), seed=1)
    assert splits != assign_splits(groups, SplitRatios(0.8, 0.1, 0.1), seed=2)
    only_train = assign_splits(groups, SplitRatios(1.0, 0.0, 0.0), seed=3)
    assert set(only_train.values()) == {"train"}


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=1, max_size=30),
    seed=st.integers(0, 10_000),
    ratios=st.sampled_from([(0.8, 0.1, 0.1), (0.6, 0.2, 0.2), (0.5, 0.5, 0.0), (1 / 3,) * 3]),
)
def test_a_group_never_crosses_splits(
    sizes: list[int], seed: int, ratios: tuple[float, float, float]
) -> None:
    groups = [[f"g{g}-{m}" for m in range(size)] for g, size in enumerate(sizes)]
    splits = assign_splits(groups, SplitRatios(*ratios), seed)
    assert set(splits) == {doc for g in groups for doc in g}
    for group in groups:
        assert len({splits[d] for d in group}) == 1
    # never more than one largest group away from the target share
    counts = Counter(splits.values())
    for name, ratio in zip(("train", "dev", "test"), ratios, strict=True):
        assert abs(counts[name] - ratio * sum(sizes)) <= max(sizes) + 1e-9


def test_ratio_parsing() -> None:
    assert SplitRatios.parse("0.7, 0.2, 0.1") == SplitRatios(0.7, 0.2, 0.1)
    for bad in ("0.8,0.1", "a,b,c", "0.8,0.3,0.1", "-0.1,0.6,0.5"):
        with pytest.raises(UsageError):
            SplitRatios.parse(bad)


def test_cli_dedup(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["gold", "dedup", *map(str, SEEDS), str(ROOT / "tests/data/dedup"), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(p.stem for p in SEEDS) in data["groups"]
    assert data["documents"] == len(SEEDS) + len(DISTINCT)
    table = runner.invoke(app, ["gold", "dedup", str(ROOT / "seeds")])
    assert "1 near-duplicate group(s)" in table.stdout
    bad = runner.invoke(app, ["gold", "dedup", str(ROOT / "seeds"), "--threshold", "2"])
    assert bad.exit_code == 2 and "EG605" in bad.stderr
