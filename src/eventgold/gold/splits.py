"""Deterministic, seeded train/dev/test splits that never separate a near-duplicate group.

Groups (from :func:`eventgold.gold.dedup.near_duplicate_groups`) are the unit of assignment.
They are ordered largest first, ties broken by a seeded hash of their first id (so the seed,
not the input order, decides), and each goes to the split furthest below its target share of
documents. The result depends only on the groups, the ratios and the seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from eventgold.errors import Problem, UsageError

SPLIT_NAMES: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True)
class SplitRatios:
    """Target shares of documents per split; they sum to 1."""

    train: float = 0.8
    dev: float = 0.1
    test: float = 0.1

    def __post_init__(self) -> None:
        values = self.as_tuple()
        if any(v < 0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
            raise UsageError(
                Problem(
                    "EG604",
                    f"split ratios must be >= 0 and sum to 1, got {','.join(map(str, values))}",
                    "$.ratios",
                )
            )

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.train, self.dev, self.test)

    @classmethod
    def parse(cls, text: str) -> SplitRatios:
        """``"0.8,0.1,0.1"`` -> ratios (train, dev, test)."""
        parts = [p.strip() for p in text.split(",")]
        try:
            values = [float(p) for p in parts]
        except ValueError:
            values = []
        if len(values) != 3:
            raise UsageError(
                Problem(
                    "EG604", f"expected three comma-separated numbers, got {text!r}", "$.ratios"
                )
            )
        return cls(*values)


def _seeded_key(seed: int, group: Sequence[str]) -> str:
    return hashlib.sha256(f"{seed}\x00{group[0]}".encode()).hexdigest()


def assign_splits(
    groups: Sequence[Sequence[str]], ratios: SplitRatios | None = None, seed: int = 0
) -> dict[str, str]:
    """Document id -> split name; all members of a group get the same split."""
    ratios = ratios or SplitRatios()
    total = sum(len(g) for g in groups)
    targets = [r * total for r in ratios.as_tuple()]
    filled = [0, 0, 0]
    eligible = [i for i, r in enumerate(ratios.as_tuple()) if r > 0]
    ordered = sorted((g for g in groups if g), key=lambda g: (-len(g), _seeded_key(seed, g)))
    out: dict[str, str] = {}
    for group in ordered:
        # The split with the largest shortfall; on a tie the earlier split (train first).
        best = max(eligible, key=lambda i: (targets[i] - filled[i], -i))
        filled[best] += len(group)
        for doc_id in group:
            out[doc_id] = SPLIT_NAMES[best]
    return dict(sorted(out.items()))
