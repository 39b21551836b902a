"""Brute-force lockouts: N failures inside a window lock a (target, client) pair for a while.

Used for query codes (API contract: 5 wrong codes for one case number from one client lock
the pair for 15 minutes) and, later, sign-in codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class LockKey:
    """What is being guessed (``scope``) and by whom; stored only as a keyed digest."""

    scope: str
    subject: str


@dataclass(frozen=True)
class Lockout:
    failures: int
    window_ends_at: datetime
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def is_current(self, now: datetime) -> bool:
        """Failures count only inside their window (a stale record is as good as none)."""
        return now < self.window_ends_at or self.is_locked(now)

    def retry_after_seconds(self, now: datetime) -> int:
        if self.locked_until is None:
            return 0
        return max(1, math.ceil((self.locked_until - now).total_seconds()))


def after_failure(current: Lockout | None, now: datetime, policy: LockoutPolicy) -> Lockout:
    """The record after one more failure (what the stores must compute atomically)."""
    if current is None or not current.is_current(now):
        current = Lockout(0, now + policy.window)
    failures = current.failures + 1
    if failures >= policy.max_failures and not current.is_locked(now):
        until = now + policy.lock_for
        return Lockout(failures, max(current.window_ends_at, until), until)
    return Lockout(failures, current.window_ends_at, current.locked_until)
