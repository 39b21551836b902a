"""Ports: what the use cases need from the outside world.

Adapters implement them over DynamoDB (`chalicelib.adapters.dynamodb`); tests use the
in-memory fakes in `tests/fakes.py`, and one contract suite runs against both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from chalicelib.domain.calendar import YearCalendar
from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.cases import Case, CaseEvent
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.lockout import LockKey, Lockout, LockoutPolicy
from chalicelib.domain.otp import OtpPolicy, OtpRecord
from chalicelib.domain.staff import StaffMember
from chalicelib.domain.stats import AgentMonth, Increment
from chalicelib.domain.tickets import Ticket, TicketStatus

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursor: str | None  # opaque to callers; None on the last page


@dataclass(frozen=True)
class CaseRead:
    case: Case | None
    lockouts: dict[LockKey, Lockout] = field(default_factory=dict)


class StaleWrite(Exception):
    """The item changed since it was read (optimistic concurrency); read and try again."""


class CaseRepository(ABC):
    @abstractmethod
    def get(self, number: CaseNumber, lock_keys: Sequence[LockKey] = ()) -> CaseRead:
        """The case, and the lockout records of ``lock_keys`` that exist, in one round trip."""

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

    @abstractmethod
    def division_heads(self, court_code: str, division: str) -> list[StaffMember]:
        """The division heads (庭长) of a court's division."""


class LockoutStore(ABC):
    @abstractmethod
    def get(self, key: LockKey) -> Lockout | None: ...

    @abstractmethod
    def record_failure(self, key: LockKey, now: datetime, policy: LockoutPolicy) -> Lockout:
        """Count one failure atomically (concurrent failures are all counted)."""

    @abstractmethod
    def clear(self, key: LockKey) -> None: ...


class LimitReached(Exception):
    """Creating the ticket would exceed the open-callback limit of its (case, phone)."""


class TicketRepository(ABC):
    @abstractmethod
    def next_sequence(self, day: date) -> int:
        """The next ticket number of ``day`` (atomic; unique under concurrency)."""

    @abstractmethod
    def create(self, ticket: Ticket, events: Sequence[DomainEvent], open_limit: int) -> Ticket:
        """Write a new ticket with its events atomically.

        A ticket marked ``limited`` also counts against the open callback requests of its
        (case, contact phone); if ``open_limit`` are already open, raise `LimitReached` and
        write nothing.
        """

    @abstractmethod
    def get(self, ticket_id: str) -> Ticket | None: ...

    @abstractmethod
    def save(self, ticket: Ticket, previous: Ticket, events: Sequence[DomainEvent]) -> Ticket:
        """Write a transition atomically; `StaleWrite` if ``previous`` is no longer current.

        The repository keeps its derived items in step: worklist and due-time index keys,
        the open-callback count (released when the ticket is replied), and the caller's
        "awaiting rating" marker (set on reply, removed on rating).
        """

    @abstractmethod
    def assigned(self, staff_id: str, status: TicketStatus, limit: int,
                 cursor: str | None) -> Page[Ticket]:
        """An assignee's tickets in ``status``, earliest due first."""

    @abstractmethod
    def recorded_on(self, court_code: str, day: date) -> list[Ticket]:
        """Every ticket a court recorded on ``day`` (Asia/Shanghai), through an index."""

    @abstractmethod
    def unreplied(self, court_code: str, limit: int, cursor: str | None, *,
                  due_before: datetime | None = None,
                  status: TicketStatus | None = None) -> Page[Ticket]:
        """A court's OPEN and DISPATCHED tickets, earliest due first."""

    @abstractmethod
    def needing_sweep(self, now: datetime) -> list[Ticket]:
        """Unreplied tickets whose due (or escalation) time has passed."""

    @abstractmethod
    def awaiting_rating(self, phone: str) -> Ticket | None:
        """The caller's most recently replied ticket that has no rating yet."""


class CalendarRepository(ABC):
    @abstractmethod
    def get(self, year: int) -> YearCalendar | None: ...

    @abstractmethod
    def put(self, calendar: YearCalendar, published_by: str, at: datetime) -> None: ...


class IdempotencyStore(ABC):
    @abstractmethod
    def run(self, scope: str, key: str, payload: Mapping[str, Any],
            create: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Run ``create`` once per (scope, key); replay its result for the same payload.

        Raises `IdempotencyKeyReused` for the same key with another payload, and `Conflict`
        while the first request with that key is still running.
        """


# -- notifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxEntry:
    """An event still waiting to be published, and where it is stored."""

    pk: str
    sk: str
    event: DomainEvent


class OutboxRepository(ABC):
    @abstractmethod
    def pending(self, limit: int) -> list[OutboxEntry]:
        """Unpublished events, oldest first (the sparse outbox index, every shard)."""

    @abstractmethod
    def still_pending(self, keys: Sequence[tuple[str, str]]) -> list[OutboxEntry]:
        """Of these event items (from a stream), the ones not yet published."""

    @abstractmethod
    def mark_published(self, entry: OutboxEntry, at: datetime) -> None:
        """Take the event out of the outbox (idempotent)."""


class EventPublisher(ABC):
    @abstractmethod
    def publish(self, event: DomainEvent) -> None:
        """Publish to the event topic with message attributes; raise if it fails."""


class SmsGateway(ABC):
    @abstractmethod
    def send(self, phone: str, text: str) -> str:
        """Send one SMS; return the provider's message id; raise if it fails."""


@dataclass(frozen=True)
class SmsRecord:
    event_id: str
    phone: str
    template: str
    text: str
    status: str  # DEFERRED | SENDING | SENT | SKIPPED
    send_at: datetime | None = None


class SmsLog(ABC):
    """One record per (event, recipient): the dedupe of the whole SMS flow."""

    @abstractmethod
    def claim(self, record: SmsRecord, now: datetime, stale_after: timedelta) -> bool:
        """Create the record as SENDING unless it exists (a claim older than
        ``stale_after`` that never became SENT may be taken over); True if ours."""

    @abstractmethod
    def defer(self, record: SmsRecord) -> bool:
        """Create the record as DEFERRED until ``send_at`` unless it exists."""

    @abstractmethod
    def claim_deferred(self, record: SmsRecord, now: datetime) -> bool:
        """DEFERRED -> SENDING; False if someone else took it."""

    @abstractmethod
    def mark_sent(self, record: SmsRecord, message_id: str, segments: int,
                  now: datetime) -> None: ...

    @abstractmethod
    def mark_skipped(self, record: SmsRecord, reason: str) -> None: ...

    @abstractmethod
    def release(self, record: SmsRecord, back_to: str) -> None:
        """After a failed send: delete a fresh claim (``back_to="NEW"``) or return a
        deferred one to DEFERRED, so a retry can send it."""

    @abstractmethod
    def due(self, now: datetime, limit: int) -> list[SmsRecord]:
        """Deferred texts whose time has come."""


class OptOutRepository(ABC):
    @abstractmethod
    def is_opted_out(self, phone: str) -> bool: ...

    @abstractmethod
    def opt_out(self, phone: str, at: datetime) -> None: ...


@dataclass(frozen=True)
class InboundSms:
    inbound_id: str
    phone: str
    text: str
    received_at: datetime
    action: str
    ticket_id: str | None = None


class InboundRepository(ABC):
    @abstractmethod
    def record(self, message: InboundSms, events: Sequence[DomainEvent]) -> None:
        """Store an inbound SMS and the events it causes, atomically."""

    @abstractmethod
    def get(self, inbound_id: str) -> InboundSms | None: ...


@dataclass(frozen=True)
class HearingSlot:
    """An upcoming hearing as indexed by day, for the day-before reminder."""

    day: date
    case_number: str
    court_code: str
    starts_at: datetime
    courtroom: str
    reminded: bool = False


class HearingReminderRepository(ABC):
    @abstractmethod
    def hearings_on(self, day: date) -> list[HearingSlot]: ...

    @abstractmethod
    def mark_reminded(self, slot: HearingSlot, event: DomainEvent) -> bool:
        """Mark the slot reminded and write the reminder event atomically; False if it
        already was (a second run, or a concurrent one)."""


# -- sign-in codes ---------------------------------------------------------------------------


class OtpTooSoon(Exception):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class OtpStore(ABC):
    @abstractmethod
    def store(self, phone: str, record: OtpRecord, day: date, policy: OtpPolicy) -> None:
        """Keep ``record`` as the phone's current code and count it for ``day``, atomically.

        Raise `OtpTooSoon` (nothing written) if the previous code is younger than
        ``policy.resend_after`` or the day already had ``policy.per_day`` codes.
        """

    @abstractmethod
    def read(self, phone: str, lock_key: LockKey) -> tuple[OtpRecord | None, Lockout | None]:
        """The phone's current code and its lockout record, in one round trip."""

    @abstractmethod
    def consume(self, phone: str, record: OtpRecord) -> bool:
        """Delete the code if it is still ``record`` (single use); False if it was not."""


class RateCounter(ABC):
    @abstractmethod
    def hit(self, bucket: str, subject: str, window_start: int, window_end: int) -> int:
        """Count one request for (bucket, subject) in the window; return the new count."""


class StatsRepository(ABC):
    @abstractmethod
    def apply(self, event_id: str, increment: Increment) -> bool:
        """Add ``increment`` atomically, once per ``event_id``; False if already counted."""

    @abstractmethod
    def days(self, court_code: str, start: date, end: date) -> dict[date, dict[str, int]]:
        """The counters of each day in [start, end] that has any (one read)."""

    @abstractmethod
    def replace_day(self, court_code: str, day: date, counts: dict[str, int]) -> None:
        """Overwrite a day's counters (the rebuild after an incident)."""

    @abstractmethod
    def agents(self, court_code: str, month: str) -> list[AgentMonth]:
        """The month's agent counters of a court (one read)."""

    @abstractmethod
    def set_mentor_score(self, court_code: str, month: str, agent_id: str, score: float) -> None:
        """Record the mentor's score for an agent's month."""
