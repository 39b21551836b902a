"""In-memory fakes of the ports. The contract suite (tests/integration) runs the same
assertions against these and against DynamoDB on a moto server, so they cannot drift."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.cases import Case, CaseEvent
from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.domain.lockout import LockKey, Lockout, LockoutPolicy, after_failure
from chalicelib.domain.staff import StaffMember
from chalicelib.services.ports import (
    CaseRead,
    CaseRepository,
    LockoutStore,
    Page,
    StaffRepository,
    StaleWrite,
)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

    def set(self, now: datetime) -> None:
        self._now = now


class FakeLockoutStore(LockoutStore):
    def __init__(self) -> None:
        self.records: dict[LockKey, Lockout] = {}
        self._lock = threading.Lock()

    def get(self, key: LockKey) -> Lockout | None:
        return self.records.get(key)

    def record_failure(self, key: LockKey, now: datetime, policy: LockoutPolicy) -> Lockout:
        with self._lock:
            self.records[key] = after_failure(self.records.get(key), now, policy)
            return self.records[key]

    def clear(self, key: LockKey) -> None:
        self.records.pop(key, None)


class FakeCaseRepository(CaseRepository):
    def __init__(self, lockouts: FakeLockoutStore | None = None) -> None:
        self.cases: dict[str, Case] = {}
        self.events: dict[str, list[CaseEvent]] = {}
        self.lockouts = lockouts or FakeLockoutStore()
        self.reads = 0
        self._lock = threading.Lock()

    def get(self, number: CaseNumber, lock_key: LockKey | None = None) -> CaseRead:
        self.reads += 1
        lockout = self.lockouts.get(lock_key) if lock_key else None
        return CaseRead(self.cases.get(str(number)), lockout)

    def get_many(self, numbers: Sequence[str]) -> dict[str, Case]:
        return {n: self.cases[n] for n in numbers if n in self.cases}

    def save(self, case: Case, previous: Case | None, events: Sequence[CaseEvent]) -> Case:
        key = str(case.number)
        with self._lock:
            current = self.cases.get(key)
            if (current.version if current else None) != (previous.version if previous else None):
                raise StaleWrite(key)
            stored = replace(case, version=(previous.version + 1) if previous else 1)
            self.cases[key] = stored
            self.events.setdefault(key, []).extend(events)
            return stored

    def case_numbers_of_phone(self, phone: str, limit: int, cursor: str | None) -> Page[str]:
        mine = sorted(
            ((c.filed_on.isoformat(), n) for n, c in self.cases.items()
             if phone in c.party_phones()),
            reverse=True,
        )
        keys = [f"CASE#{filed}#{n}" for filed, n in mine]
        if cursor is not None:
            if cursor not in keys and not cursor.startswith("CASE#"):
                raise ValidationFailed(details=[Problem("next_token", "翻页标记无效")])
            keys = [k for k in keys if k < cursor]
        page = keys[:limit]
        more = len(keys) > limit
        return Page([k.split("#", 2)[2] for k in page], page[-1] if more and page else None)


class FakeStaffRepository(StaffRepository):
    def __init__(self) -> None:
        self.members: dict[str, StaffMember] = {}

    def get(self, staff_id: str) -> StaffMember | None:
        return self.members.get(staff_id)

    def get_many(self, staff_ids: Sequence[str]) -> dict[str, StaffMember]:
        return {s: self.members[s] for s in staff_ids if s in self.members}

    def save(self, member: StaffMember) -> None:
        self.members[member.staff_id] = member
