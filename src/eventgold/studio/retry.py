"""Bounded retries with exponential backoff and full jitter.

Label Studio's dev server answers 5xx or stalls under load (SQLite locks, migrations on first
start); a few retries spread in time ride that out. Retries are bounded so a server that is
really down gives a clear error quickly instead of hanging.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` calls at most; delay n is uniform in [0, min(max_delay, base * 2**n)]."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, retry_number: int) -> float:
        return self.rng.uniform(0.0, min(self.max_delay, self.base_delay * 2**retry_number))

    @classmethod
    def with_retries(cls, retries: int) -> RetryPolicy:
        """The default backoff with ``retries`` retries after the first attempt (``--retries``)."""
        return cls(attempts=retries + 1)

    def longest_wait(self, timeout: float) -> float:
        """The most one call can take when every attempt times out after ``timeout`` seconds:
        every attempt plus the largest backoff before each retry. This is what bounds the time
        a stalled server can hold a command."""
        backoff = sum(
            min(self.max_delay, self.base_delay * 2.0**n) for n in range(self.attempts - 1)
        )
        return self.attempts * timeout + backoff


NO_RETRY = RetryPolicy(attempts=1)


def call_with_retries(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    is_transient: Callable[[BaseException], bool],
    give_up: Callable[[BaseException, int], BaseException],
    before_retry: Callable[[int], None] | None = None,
) -> T:
    """``fn()``; transient failures are retried per ``policy``, then ``give_up(exc, attempts)``
    is raised. Non-transient exceptions pass through untouched. ``before_retry(n)`` runs before
    retry n (e.g. to re-check what a timed-out write already did)."""
    attempt = 0
    while True:
        attempt += 1
        try:
            if attempt > 1 and before_retry is not None:
                before_retry(attempt - 1)
            return fn()
        except Exception as exc:
            if not is_transient(exc):
                raise
            if attempt >= policy.attempts:
                raise give_up(exc, attempt) from None
            policy.sleep(policy.delay(attempt - 1))
