"""Ports: what the use cases need from the outside world.

Adapters implement them over DynamoDB (`chalicelib.adapters.dynamodb`); tests use the
in-memory fakes in `tests/fakes.py`, and one contract suite runs against both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.cases import Case, CaseEvent
from chalicelib.domain.lockout import LockKey, Lockout, LockoutPolicy
from chalicelib.domain.staff import StaffMember

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursor: str | None  # opaque to callers; None on the last page


@dataclass(frozen=True)
class CaseRead:
    case: Case | None
    lockout: Lockout | None = None


class StaleWrite(Exception):
    """The item changed since it was read (optimistic concurrency); read and try again."""


class CaseRepository(ABC):
    @abstractmethod
    def get(self, number: CaseNumber, lock_key: LockKey | None = None) -> CaseRead:
        """The case, and the lockout record for ``lock_key`` if asked, in one round trip."""

    @abstractmethod
    def get_many(self, numbers: Sequence[str]) -> dict[str, Case]:
        """Cases by canonical number; unknown numbers are left out."""

    @abstractmethod
    def save(self, case: Case, previous: Case | None, events: Sequence[CaseEvent]) -> Case:
        """Write the case, its events and its party links atomically.

        ``previous`` is the version read before; if the stored case is no longer that
        version, raise `StaleWrite` and write nothing. Returns the case as stored.
        """

    @abstractmethod
    def case_numbers_of_phone(self, phone: str, limit: int, cursor: str | None) -> Page[str]:
        """Canonical numbers of the cases a phone is a party to, newest filing first."""


class StaffRepository(ABC):
    @abstractmethod
    def get(self, staff_id: str) -> StaffMember | None: ...

    @abstractmethod
    def get_many(self, staff_ids: Sequence[str]) -> dict[str, StaffMember]: ...

    @abstractmethod
    def save(self, member: StaffMember) -> None:
        """Create or replace the directory entry."""


class LockoutStore(ABC):
    @abstractmethod
    def get(self, key: LockKey) -> Lockout | None: ...

    @abstractmethod
    def record_failure(self, key: LockKey, now: datetime, policy: LockoutPolicy) -> Lockout:
        """Count one failure atomically (concurrent failures are all counted)."""

    @abstractmethod
    def clear(self, key: LockKey) -> None: ...
