"""In-memory fakes of the ports. The contract suite (tests/integration) runs the same
assertions against these and against DynamoDB on a moto server, so they cannot drift."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.adapters.dynamodb.keys import ticket_id_of_index_sk
from chalicelib.bootstrap import Adapters
from chalicelib.domain.calendar import YearCalendar
from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.cases import Case, CaseEvent
from chalicelib.domain.clock import day_of, iso
from chalicelib.domain.errors import IdempotencyKeyReused, Problem, ValidationFailed
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.lockout import LockKey, Lockout, LockoutPolicy, after_failure
from chalicelib.domain.otp import OtpPolicy, OtpRecord
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.domain.stats import AgentMonth, Increment
from chalicelib.domain.tickets import UNREPLIED, Ticket, TicketStatus
from chalicelib.services.ports import (
    CalendarRepository,
    CaseRead,
    CaseRepository,
    EventPublisher,
    HearingReminderRepository,
    HearingSlot,
    IdempotencyStore,
    InboundRepository,
    InboundSms,
    LimitReached,
    LockoutStore,
    OptOutRepository,
    OtpStore,
    OtpTooSoon,
    OutboxEntry,
    OutboxRepository,
    Page,
    RateCounter,
    SmsGateway,
    SmsLog,
    SmsRecord,
    StaffRepository,
    StaleWrite,
    StatsRepository,
    TicketRepository,
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
    def __init__(self, lockouts: FakeLockoutStore | None = None,
                 outbox: FakeOutbox | None = None) -> None:
        self.cases: dict[str, Case] = {}
        self.events: dict[str, list[CaseEvent]] = {}
        self.lockouts = lockouts or FakeLockoutStore()
        self.outbox = outbox
        self.reads = 0
        self._lock = threading.Lock()

    def get(self, number: CaseNumber, lock_keys: Sequence[LockKey] = ()) -> CaseRead:
        self.reads += 1
        found = {key: lockout for key in lock_keys
                 if (lockout := self.lockouts.get(key)) is not None}
        return CaseRead(self.cases.get(str(number)), found)

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
            if self.outbox is not None:
                self.outbox.add(events)
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

    def division_heads(self, court_code: str, division: str) -> list[StaffMember]:
        return sorted((m for m in self.members.values()
                       if m.court_code == court_code and m.division == division
                       and m.role is StaffRole.DIVISION_HEAD), key=lambda m: m.staff_id)


def _when(ticket: Ticket) -> str:
    return f"{iso(ticket.due_at or ticket.created_at)}#{ticket.ticket_id}"


def _page_of(tickets: list[Ticket], limit: int, cursor: str | None) -> Page[Ticket]:
    ordered = sorted(tickets, key=_when)
    if cursor is not None:
        if ticket_id_of_index_sk(cursor) is None:
            raise ValidationFailed(details=[Problem("next_token", "翻页标记无效")])
        ordered = [t for t in ordered if _when(t) > cursor]
    page = ordered[:limit]
    return Page(page, _when(page[-1]) if len(ordered) > limit else None)


class FakeTicketRepository(TicketRepository):
    def __init__(self, outbox: FakeOutbox | None = None) -> None:
        self.outbox = outbox
        self.tickets: dict[str, Ticket] = {}
        self.events: list[DomainEvent] = []
        self.counters: dict[str, int] = {}
        self.open_callbacks: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def next_sequence(self, day: date) -> int:
        with self._lock:
            key = day.isoformat()
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]

    def _guard(self, ticket: Ticket) -> tuple[str, str] | None:
        if not ticket.limited or ticket.case_number is None or ticket.contact_phone is None:
            return None
        return (ticket.case_number, ticket.contact_phone)

    def create(self, ticket: Ticket, events: Sequence[DomainEvent], open_limit: int) -> Ticket:
        with self._lock:
            if ticket.ticket_id in self.tickets:
                raise StaleWrite(ticket.ticket_id)
            guard = self._guard(ticket)
            if guard is not None and ticket.status in UNREPLIED:
                if self.open_callbacks.get(guard, 0) >= open_limit:
                    raise LimitReached(ticket.ticket_id)
                self.open_callbacks[guard] = self.open_callbacks.get(guard, 0) + 1
            stored = replace(ticket, version=1)
            self.tickets[ticket.ticket_id] = stored
            self.events.extend(events)
            if self.outbox is not None:
                self.outbox.add(events)
            return stored

    def get(self, ticket_id: str) -> Ticket | None:
        return self.tickets.get(ticket_id)

    def save(self, ticket: Ticket, previous: Ticket, events: Sequence[DomainEvent]) -> Ticket:
        with self._lock:
            current = self.tickets.get(ticket.ticket_id)
            if current is None or current.version != previous.version:
                raise StaleWrite(ticket.ticket_id)
            guard = self._guard(ticket)
            released = previous.status in UNREPLIED and ticket.status not in UNREPLIED
            if guard is not None and released:
                self.open_callbacks[guard] -= 1
            stored = replace(ticket, version=previous.version + 1)
            self.tickets[ticket.ticket_id] = stored
            self.events.extend(events)
            if self.outbox is not None:
                self.outbox.add(events)
            return stored

    def assigned(self, staff_id: str, status: TicketStatus, limit: int,
                 cursor: str | None) -> Page[Ticket]:
        mine = [t for t in self.tickets.values()
                if t.assignee is not None and t.assignee.id == staff_id and t.status is status]
        return _page_of(mine, limit, cursor)

    def unreplied(self, court_code: str, limit: int, cursor: str | None, *,
                  due_before: datetime | None = None,
                  status: TicketStatus | None = None) -> Page[Ticket]:
        found = [t for t in self.tickets.values()
                 if t.court_code == court_code and t.status in UNREPLIED
                 and (status is None or t.status is status)
                 and (due_before is None or iso(t.due_at or t.created_at) < iso(due_before))]
        return _page_of(found, limit, cursor)

    def recorded_on(self, court_code: str, day: date) -> list[Ticket]:
        return sorted((t for t in self.tickets.values()
                       if t.court_code == court_code and day_of(t.created_at) == day),
                      key=lambda t: t.ticket_id)

    def needing_sweep(self, now: datetime) -> list[Ticket]:
        def look(t: Ticket) -> datetime | None:
            return t.escalate_at if t.overdue else t.due_at

        due = [t for t in self.tickets.values()
               if t.status in UNREPLIED and not t.escalated and look(t) is not None
               and look(t) <= now]  # type: ignore[operator]
        return sorted(due, key=lambda t: (t.due_at or t.created_at, t.ticket_id))

    def awaiting_rating(self, phone: str) -> Ticket | None:
        waiting = [t for t in self.tickets.values()
                   if t.status is TicketStatus.REPLIED and t.contact_phone == phone
                   and t.reply is not None]
        return max(waiting, key=lambda t: (t.reply.at, t.ticket_id), default=None)  # type: ignore[union-attr]


class FakeCalendarRepository(CalendarRepository):
    def __init__(self) -> None:
        self.years: dict[int, YearCalendar] = {}

    def get(self, year: int) -> YearCalendar | None:
        return self.years.get(year)

    def put(self, calendar: YearCalendar, published_by: str, at: datetime) -> None:
        self.years[calendar.year] = calendar


class FakeIdempotency(IdempotencyStore):
    """Same semantics as the powertools store: replay for the same payload, refuse others."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}

    def run(self, scope: str, key: str, payload: Mapping[str, Any],
            create: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        fingerprint = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        found = self.records.get((scope, key))
        if found is not None:
            if found[0] != fingerprint:
                raise IdempotencyKeyReused()
            return found[1]
        result = create()
        self.records[(scope, key)] = (fingerprint, result)
        return result


class FakeOutbox(OutboxRepository):
    """Sees every event the fake repositories write (they share this list)."""

    def __init__(self) -> None:
        self.entries: list[OutboxEntry] = []
        self.published: list[str] = []

    def add(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            pk = f"{event.aggregate.upper()}#{event.aggregate_id}"
            self.entries.append(OutboxEntry(pk, f"EVENT#{iso(event.at)}#{event.event_id}", event))

    def pending(self, limit: int) -> list[OutboxEntry]:
        waiting = [e for e in self.entries if e.event.event_id not in self.published]
        return sorted(waiting, key=lambda e: (e.event.at, e.event.event_id))[:limit]

    def still_pending(self, keys: Sequence[tuple[str, str]]) -> list[OutboxEntry]:
        wanted = set(keys)
        return [e for e in self.pending(10_000) if (e.pk, e.sk) in wanted]

    def mark_published(self, entry: OutboxEntry, at: datetime) -> None:
        if entry.event.event_id not in self.published:
            self.published.append(entry.event.event_id)


class FakePublisher(EventPublisher):
    def __init__(self) -> None:
        self.published: list[DomainEvent] = []
        self.failures_left = 0

    def publish(self, event: DomainEvent) -> None:
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError("SNS is down")
        self.published.append(event)


class FakeGateway(SmsGateway):
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.failures_left = 0

    def send(self, phone: str, text: str) -> str:
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError("SMS provider is down")
        self.sent.append((phone, text))
        return f"msg-{len(self.sent)}"


class FakeSmsLog(SmsLog):
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], tuple[SmsRecord, datetime | None]] = {}
        self._lock = threading.Lock()

    def claim(self, record: SmsRecord, now: datetime, stale_after: timedelta) -> bool:
        with self._lock:
            found = self.records.get((record.event_id, record.phone))
            stale = found is not None and found[0].status == "SENDING" and (
                found[1] is not None and found[1] < now - stale_after)
            if found is not None and not stale:
                return False
            self.records[(record.event_id, record.phone)] = (replace(record, status="SENDING"),
                                                             now)
            return True

    def defer(self, record: SmsRecord) -> bool:
        with self._lock:
            if (record.event_id, record.phone) in self.records:
                return False
            self.records[(record.event_id, record.phone)] = (record, None)
            return True

    def claim_deferred(self, record: SmsRecord, now: datetime) -> bool:
        with self._lock:
            found = self.records.get((record.event_id, record.phone))
            if found is None or found[0].status != "DEFERRED":
                return False
            self.records[(record.event_id, record.phone)] = (replace(found[0], status="SENDING"),
                                                             now)
            return True

    def _set(self, record: SmsRecord, status: str) -> None:
        key = (record.event_id, record.phone)
        found = self.records.get(key, (record, None))
        self.records[key] = (replace(found[0], status=status), found[1])

    def mark_sent(self, record: SmsRecord, message_id: str, segments: int,
                  now: datetime) -> None:
        self._set(record, "SENT")

    def mark_skipped(self, record: SmsRecord, reason: str) -> None:
        self._set(record, "SKIPPED")

    def release(self, record: SmsRecord, back_to: str) -> None:
        if back_to == "DEFERRED":
            self._set(record, "DEFERRED")
        else:
            self.records.pop((record.event_id, record.phone), None)

    def due(self, now: datetime, limit: int) -> list[SmsRecord]:
        return [r for r, _ in self.records.values()
                if r.status == "DEFERRED" and r.send_at is not None and r.send_at <= now][:limit]


class FakeOptOuts(OptOutRepository):
    def __init__(self) -> None:
        self.phones: set[str] = set()

    def is_opted_out(self, phone: str) -> bool:
        return phone in self.phones

    def opt_out(self, phone: str, at: datetime) -> None:
        self.phones.add(phone)


class FakeInbound(InboundRepository):
    def __init__(self, outbox: FakeOutbox) -> None:
        self.messages: dict[str, InboundSms] = {}
        self._outbox = outbox

    def record(self, message: InboundSms, events: Sequence[DomainEvent]) -> None:
        self.messages[message.inbound_id] = message
        self._outbox.add(events)

    def get(self, inbound_id: str) -> InboundSms | None:
        return self.messages.get(inbound_id)


class FakeHearingSlots(HearingReminderRepository):
    """Upcoming hearings of the fake case repository, by day, with reminder marks."""

    def __init__(self, cases: FakeCaseRepository, outbox: FakeOutbox) -> None:
        self._cases = cases
        self._outbox = outbox
        self.reminded: set[tuple[str, str]] = set()

    def hearings_on(self, day: date) -> list[HearingSlot]:
        slots = [HearingSlot(day, number, case.court_code, h.starts_at, h.courtroom,
                             (number, iso(h.starts_at)) in self.reminded)
                 for number, case in self._cases.cases.items() for h in case.hearings
                 if day_of(h.starts_at) == day]
        return sorted(slots, key=lambda s: (s.starts_at, s.case_number))

    def mark_reminded(self, slot: HearingSlot, event: DomainEvent) -> bool:
        key = (slot.case_number, iso(slot.starts_at))
        if key in self.reminded:
            return False
        self.reminded.add(key)
        self._outbox.add([event])
        return True


class FakeOtpStore(OtpStore):
    def __init__(self, lockouts: FakeLockoutStore) -> None:
        self.codes: dict[str, OtpRecord] = {}
        self.per_day: dict[tuple[str, date], int] = {}
        self._lockouts = lockouts

    def store(self, phone: str, record: OtpRecord, day: date, policy: OtpPolicy) -> None:
        current = self.codes.get(phone)
        if current is not None and record.sent_at - current.sent_at < policy.resend_after:
            wait = policy.resend_after - (record.sent_at - current.sent_at)
            raise OtpTooSoon(max(1, int(wait.total_seconds())))
        if self.per_day.get((phone, day), 0) >= policy.per_day:
            raise OtpTooSoon(3600)
        self.codes[phone] = record
        self.per_day[(phone, day)] = self.per_day.get((phone, day), 0) + 1

    def read(self, phone: str, lock_key: LockKey) -> tuple[OtpRecord | None, Lockout | None]:
        return self.codes.get(phone), self._lockouts.get(lock_key)

    def consume(self, phone: str, record: OtpRecord) -> bool:
        if self.codes.get(phone) != record:
            return False
        del self.codes[phone]
        return True


class FakeRateCounter(RateCounter):
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, int], int] = {}

    def hit(self, bucket: str, subject: str, window_start: int, window_end: int) -> int:
        key = (bucket, subject, window_start)
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]


class FakeStats(StatsRepository):
    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.day_counts: dict[tuple[str, date], dict[str, int]] = {}
        self.agent_counts: dict[tuple[str, str, str], dict[str, int]] = {}
        self.mentor: dict[tuple[str, str, str], float] = {}

    def apply(self, event_id: str, increment: Increment) -> bool:
        if event_id in self.seen:
            return False
        self.seen.add(event_id)
        _add(self.day_counts.setdefault((increment.court_code, increment.day), {}),
             increment.counts)
        if increment.agent_id:
            _add(self.agent_counts.setdefault(
                (increment.court_code, increment.month, increment.agent_id), {}),
                increment.agent_counts)
        return True

    def days(self, court_code: str, start: date, end: date) -> dict[date, dict[str, int]]:
        return {day: dict(counts) for (court, day), counts in self.day_counts.items()
                if court == court_code and start <= day <= end}

    def replace_day(self, court_code: str, day: date, counts: dict[str, int]) -> None:
        self.day_counts[(court_code, day)] = {k: v for k, v in counts.items() if v}

    def agents(self, court_code: str, month: str) -> list[AgentMonth]:
        keys = {k for k in self.agent_counts if k[:2] == (court_code, month)}
        keys |= {k for k in self.mentor if k[:2] == (court_code, month)}
        return [AgentMonth(k[2], self.agent_counts.get(k, {}).get("handled", 0),
                           self.agent_counts.get(k, {}).get("answered_on_spot", 0),
                           self.mentor.get(k)) for k in sorted(keys)]

    def set_mentor_score(self, court_code: str, month: str, agent_id: str, score: float) -> None:
        self.mentor[(court_code, month, agent_id)] = score


def _add(into: dict[str, int], counts: dict[str, int]) -> None:
    for name, n in counts.items():
        into[name] = into.get(name, 0) + n


def fake_adapters() -> Adapters:
    lockouts = FakeLockoutStore()
    outbox = FakeOutbox()
    cases = FakeCaseRepository(lockouts, outbox)
    return Adapters(cases=cases, staff=FakeStaffRepository(),
                    lockouts=lockouts, tickets=FakeTicketRepository(outbox),
                    calendars=FakeCalendarRepository(), idempotency=FakeIdempotency(),
                    outbox=outbox, sms_log=FakeSmsLog(), opt_outs=FakeOptOuts(),
                    inbound=FakeInbound(outbox), hearing_slots=FakeHearingSlots(cases, outbox),
                    publisher=FakePublisher(), gateway=FakeGateway(),
                    otp=FakeOtpStore(lockouts), rates=FakeRateCounter(),
                    stats=FakeStats())
