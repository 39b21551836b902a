"""DynamoDB implementations of the repository ports (the only code that talks to the table)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.keys import Key, KeyMaker, is_party_link_sk
from chalicelib.adapters.dynamodb.models import (
    CaseItem,
    EventItem,
    HearingMap,
    HearingSlotItem,
    LockoutItem,
    PartyLinkItem,
    PartyMap,
    PersonMap,
    StaffItem,
    TableItem,
    TimelineMap,
)
from chalicelib.domain.case_number import CaseNumber, parse_case_number
from chalicelib.domain.cases import (
    Case,
    CaseEvent,
    CaseStatus,
    Hearing,
    Party,
    PartyKind,
    PersonRef,
    Procedure,
    TimelineEntry,
)
from chalicelib.domain.clock import SHANGHAI, day_of, iso
from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.lockout import LockKey, Lockout, LockoutPolicy, after_failure
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.observability import logger
from chalicelib.services.ports import (
    CaseRead,
    CaseRepository,
    LockoutStore,
    Page,
    StaffRepository,
    StaleWrite,
)

_CONDITION_FAILED = "ConditionalCheckFailedException"
# The code a transaction's cancellation reasons give an item whose condition failed.
CANCELLED_BY_CONDITION = "ConditionalCheckFailed"
MAX_TRANSACTION_ITEMS = 100  # DynamoDB's limit for TransactWriteItems


class DynamoCaseRepository(CaseRepository):
    """Cases, their events and party links. Reads the lockout record beside the case."""

    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def get(self, number: CaseNumber, lock_keys: Sequence[LockKey] = ()) -> CaseRead:
        case_key = self._keys.case(str(number))
        if not lock_keys:
            item = get_item(CaseItem, case_key)
            return CaseRead(_case_from_item(item) if item else None)
        locks = {(k.pk, k.sk): lock for lock in lock_keys
                 for k in [self._keys.lock(lock.scope, lock.subject)]}
        # One BatchGetItem for all; strongly consistent so a fresh lock is always seen.
        found = {(i.pk, i.sk): i for i in TableItem.batch_get(
            [(case_key.pk, case_key.sk), *locks], consistent_read=True)}
        case_item = found.get((case_key.pk, case_key.sk))
        lockouts = {lock: lockout_from_item(lock_item) for key, lock in locks.items()
                    if isinstance(lock_item := found.get(key), LockoutItem)}
        return CaseRead(_case_from_item(case_item) if isinstance(case_item, CaseItem) else None,
                        lockouts)

    def get_many(self, numbers: Sequence[str]) -> dict[str, Case]:
        keys = {(k.pk, k.sk) for k in map(self._keys.case, numbers)}
        if not keys:
            return {}
        cases = (_case_from_item(i) for i in CaseItem.batch_get(keys))
        return {str(c.number): c for c in cases}

    def save(self, case: Case, previous: Case | None, events: Sequence[CaseEvent]) -> Case:
        stored = replace(case, version=(previous.version + 1) if previous else 1)
        now = stored.updated_at or datetime.now(SHANGHAI)
        condition = (
            CaseItem.pk.does_not_exist() if previous is None
            else CaseItem.version == previous.version
        )
        puts: list[TableItem] = [event_item(self._keys, e, now) for e in events]
        deletes: list[TableItem] = []
        new_slots, old_slots = self._slots(stored, now), self._slots(previous, now)
        puts += [new_slots[k] for k in sorted(new_slots.keys() - old_slots.keys())]
        deletes += [old_slots[k] for k in sorted(old_slots.keys() - new_slots.keys())]
        link_puts = self._links_to_put(stored, previous)
        link_deletes = self._links_to_delete(stored, previous)
        # Links ride in the transaction when they fit; a sync that rewrites very many
        # phones at once writes them right after the commit instead (they are derived).
        room = MAX_TRANSACTION_ITEMS - 1 - len(puts) - len(deletes)
        links_inside = len(link_puts) + len(link_deletes) <= room
        if links_inside:
            puts += link_puts
            deletes += link_deletes
        try:
            with transaction() as tx:
                tx.save(_case_to_item(self._keys.case(str(case.number)), stored),
                        condition=condition)
                for item in puts:
                    tx.save(item)
                for item in deletes:
                    tx.delete(item)
        except TransactWriteError as error:
            # Only the case put carries a condition (deletes are sent first, so look at all).
            if CANCELLED_BY_CONDITION in cancellation_reasons(error):
                raise StaleWrite(str(case.number)) from None
            raise
        if not links_inside:
            logger.warning("party links written outside the case transaction",
                           extra={"links": len(link_puts) + len(link_deletes)})
            with PartyLinkItem.batch_write() as batch:
                for link in link_puts:
                    batch.save(link)
                for link in link_deletes:
                    batch.delete(link)
        return stored

    def _slots(self, case: Case | None, now: datetime) -> dict[tuple[str, str], HearingSlotItem]:
        """Index items of the case's hearings still to come (day-before reminders)."""
        if case is None:
            return {}
        slots = {}
        for hearing in case.hearings:
            if hearing.starts_at <= now:
                continue
            key = self._keys.hearing_slot(day_of(hearing.starts_at).isoformat(),
                                          iso(hearing.starts_at), str(case.number),
                                          hearing.courtroom)
            slots[(key.pk, key.sk)] = HearingSlotItem(
                key.pk, key.sk, case_number=str(case.number), court_code=case.court_code,
                starts_at=iso(hearing.starts_at), courtroom=hearing.courtroom,
                reminded=False, expires_at=hearing.starts_at + timedelta(days=2))
        return slots

    def case_numbers_of_phone(self, phone: str, limit: int, cursor: str | None) -> Page[str]:
        pk = self._keys.party_pk(phone)
        start = None
        if cursor is not None:
            if not is_party_link_sk(cursor):
                raise ValidationFailed(details=[Problem("next_token", "翻页标记无效")])
            start = {"pk": {"S": pk}, "sk": {"S": cursor}}
        # One extra item tells whether another page exists (no empty last page).
        links = list(PartyLinkItem.query(pk, scan_index_forward=False, limit=limit + 1,
                                         last_evaluated_key=start))
        page = links[:limit]
        cursor = page[-1].sk if len(links) > limit else None
        return Page([link.case_number for link in page], cursor)

    def _link(self, phone: str, case: Case) -> PartyLinkItem:
        key = self._keys.party_link(phone, case.filed_on.isoformat(), str(case.number))
        return PartyLinkItem(key.pk, key.sk, case_number=str(case.number),
                             filed_on=case.filed_on.isoformat())

    def _links_to_put(self, case: Case, previous: Case | None) -> list[PartyLinkItem]:
        unchanged = _unchanged_phones(case, previous)
        return [self._link(p, case) for p in sorted(case.party_phones() - unchanged)]

    def _links_to_delete(self, case: Case, previous: Case | None) -> list[PartyLinkItem]:
        if previous is None:
            return []
        unchanged = _unchanged_phones(case, previous)
        return [self._link(p, previous) for p in sorted(previous.party_phones() - unchanged)]


class DynamoStaffRepository(StaffRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def get(self, staff_id: str) -> StaffMember | None:
        key = self._keys.staff(staff_id)
        item = get_item(StaffItem, key)
        return _staff_from_item(item) if item else None

    def get_many(self, staff_ids: Sequence[str]) -> dict[str, StaffMember]:
        keys = {(k.pk, k.sk) for k in map(self._keys.staff, staff_ids)}
        if not keys:
            return {}
        return {i.staff_id: _staff_from_item(i) for i in StaffItem.batch_get(keys)}

    def save(self, member: StaffMember) -> None:
        key = self._keys.staff(member.staff_id)
        index = self._keys.staff_by_court(member.court_code, member.role.value,
                                          member.division, member.staff_id)
        StaffItem(
            key.pk, key.sk, gsi1pk=index.pk, gsi1sk=index.sk, staff_id=member.staff_id,
            name=member.name, role=member.role.value, court_code=member.court_code,
            division=member.division, phone=member.phone, supervisor_id=member.supervisor_id,
        ).save()

    def division_heads(self, court_code: str, division: str) -> list[StaffMember]:
        prefix = self._keys.staff_by_court(court_code, StaffRole.DIVISION_HEAD.value, division, "")
        items = TableItem.by_gsi1.query(prefix.pk, TableItem.gsi1sk.startswith(prefix.sk))
        return [_staff_from_item(i) for i in items if isinstance(i, StaffItem)]


class DynamoLockoutStore(LockoutStore):
    """Failure counters with atomic updates; stale records expire by TTL."""

    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def _key(self, key: LockKey) -> Key:
        return self._keys.lock(key.scope, key.subject)

    def get(self, key: LockKey) -> Lockout | None:
        return self._read(self._key(key))

    def _read(self, k: Key) -> Lockout | None:
        item = get_item(LockoutItem, k, consistent_read=True)
        return lockout_from_item(item) if item else None

    def record_failure(self, key: LockKey, now: datetime, policy: LockoutPolicy) -> Lockout:
        k = self._key(key)
        for _ in range(5):
            counted = self._count_in_window(k, now) or self._start_window(k, now, policy)
            if counted is None:
                continue  # lost a race with another first failure: count again
            if counted.failures >= policy.max_failures and not counted.is_locked(now):
                return self._lock(k, counted, now, policy)
            return counted
        raise RuntimeError("lockout counter kept changing under us")

    def _count_in_window(self, k: Key, now: datetime) -> Lockout | None:
        item = LockoutItem(k.pk, k.sk)
        now_s = now.timestamp()
        current = (LockoutItem.window_ends_at > now_s) | (LockoutItem.locked_until > now_s)
        try:
            item.update(actions=[LockoutItem.failures.add(1)], condition=current)
        except UpdateError as error:
            if error.cause_response_code == _CONDITION_FAILED:
                return None
            raise
        return lockout_from_item(item)

    def _start_window(self, k: Key, now: datetime, policy: LockoutPolicy) -> Lockout | None:
        fresh = after_failure(None, now, policy)
        now_s = now.timestamp()
        stale = (LockoutItem.window_ends_at <= now_s) & (
            LockoutItem.locked_until.does_not_exist() | (LockoutItem.locked_until <= now_s)
        )
        try:
            _lockout_to_item(k, fresh).save(condition=LockoutItem.pk.does_not_exist() | stale)
        except PutError as error:
            if error.cause_response_code == _CONDITION_FAILED:
                return None
            raise
        return fresh

    def _lock(self, k: Key, counted: Lockout, now: datetime, policy: LockoutPolicy) -> Lockout:
        until = now + policy.lock_for
        ends = max(counted.window_ends_at, until)
        not_locked = LockoutItem.locked_until.does_not_exist() | (
            LockoutItem.locked_until <= now.timestamp()
        )
        item = LockoutItem(k.pk, k.sk)
        try:
            item.update(
                actions=[
                    LockoutItem.locked_until.set(math.ceil(until.timestamp())),
                    LockoutItem.window_ends_at.set(math.ceil(ends.timestamp())),
                    LockoutItem.expires_at.set(ends),
                ],
                condition=not_locked,
            )
        except UpdateError as error:
            if error.cause_response_code != _CONDITION_FAILED:
                raise
            return self._read(k) or counted  # a concurrent failure locked it first
        return lockout_from_item(item)

    def clear(self, key: LockKey) -> None:
        k = self._key(key)
        LockoutItem(k.pk, k.sk).delete()


# -- mapping between items and domain objects -------------------------------------------

_Item = TypeVar("_Item", bound=TableItem)


def transaction() -> TransactWrite:
    """A TransactWriteItems with a ClientRequestToken: when botocore retries a transaction
    whose first attempt did commit (a timeout on the way back), DynamoDB answers the retry
    as a success instead of failing its conditions against our own write."""
    return TransactWrite(connection=TableItem._get_connection().connection,
                         client_request_token=uuid.uuid4().hex)


def cancellation_reasons(error: TransactWriteError) -> list[str | None]:
    """Per item of a cancelled transaction, in the order sent, its reason code (or None)."""
    return [reason.code if reason else None for reason in error.cancellation_reasons or []]


def get_item(model: type[_Item], key: Key, consistent_read: bool = False) -> _Item | None:
    try:
        return model.get(key.pk, key.sk, consistent_read=consistent_read)
    except model.DoesNotExist:
        return None


def event_item(keys: KeyMaker, event: DomainEvent, recorded_at: datetime) -> EventItem:
    """The outbox item for ``event``, to be written in the transaction of its change."""
    key = keys.event(event.aggregate, event.aggregate_id, iso(event.at), event.event_id)
    outbox = keys.outbox(event.event_id, iso(recorded_at))
    return EventItem(
        key.pk, key.sk, event_id=event.event_id, event_type=event.type, at=iso(event.at),
        aggregate=event.aggregate, aggregate_id=event.aggregate_id,
        court_code=event.court_code, label=event.label, payload=event.payload,
        recorded_at=iso(recorded_at), outbox_pk=outbox.pk, outbox_sk=outbox.sk,
    )


def _unchanged_phones(case: Case, previous: Case | None) -> frozenset[str]:
    if previous is None or previous.filed_on != case.filed_on:
        return frozenset()
    return case.party_phones() & previous.party_phones()


def _person_to_map(person: PersonRef | None) -> PersonMap | None:
    return PersonMap(id=person.id, name=person.name) if person else None


def _person_from_map(value: PersonMap | None) -> PersonRef | None:
    return PersonRef(value.id, value.name) if value else None


def _opt_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _case_to_item(key: Key, case: Case) -> CaseItem:
    number = case.number
    return CaseItem(
        key.pk, key.sk,
        case_number=str(number), year=number.year, court_code=number.court_code,
        type_code=number.type_code, specialised_code=number.specialised_code or None,
        sequence=number.sequence, cause=case.cause, status=case.status.value,
        procedure=case.procedure.value, filed_on=case.filed_on.isoformat(),
        closed_on=case.closed_on.isoformat() if case.closed_on else None,
        judge=_person_to_map(case.judge), clerk=_person_to_map(case.clerk),
        parties=[
            PartyMap(role=p.role, name=p.name, party_kind=p.kind.value, phone=p.phone,
                     id_number=p.id_number)
            for p in case.parties
        ],
        hearings=[
            HearingMap(starts_at=iso(h.starts_at), courtroom=h.courtroom,
                       hearing_id=h.hearing_id)
            for h in case.hearings
        ],
        query_code_digest=case.query_code_digest,
        trial_deadline=case.trial_deadline.isoformat() if case.trial_deadline else None,
        timeline=[TimelineMap(at=iso(t.at), type=t.type, label=t.label) for t in case.timeline],
        version=case.version,
        updated_at=iso(case.updated_at) if case.updated_at else None,
    )


def _case_from_item(item: CaseItem) -> Case:
    number = parse_case_number(item.case_number)
    return Case(
        number=number,
        cause=item.cause,
        status=CaseStatus(item.status),
        procedure=Procedure(item.procedure),
        filed_on=date.fromisoformat(item.filed_on),
        closed_on=_opt_date(item.closed_on),
        judge=_person_from_map(item.judge),
        clerk=_person_from_map(item.clerk),
        parties=tuple(
            Party(p.role, p.name, PartyKind(p.party_kind), p.phone, p.id_number)
            for p in _list(item.parties)
        ),
        hearings=tuple(
            Hearing(datetime.fromisoformat(h.starts_at), h.courtroom, h.hearing_id)
            for h in _list(item.hearings)
        ),
        query_code_digest=item.query_code_digest,
        trial_deadline=_opt_date(item.trial_deadline),
        timeline=tuple(
            TimelineEntry(datetime.fromisoformat(t.at), t.type, t.label)
            for t in _list(item.timeline)
        ),
        version=int(item.version),
        updated_at=datetime.fromisoformat(item.updated_at).astimezone(SHANGHAI)
        if item.updated_at else None,
    )


def _list(values: Iterable[Any] | None) -> list[Any]:
    return list(values or [])


def _staff_from_item(item: StaffItem) -> StaffMember:
    return StaffMember(
        staff_id=item.staff_id, name=item.name, role=StaffRole(item.role),
        court_code=item.court_code, division=item.division, phone=item.phone,
        supervisor_id=item.supervisor_id,
    )


def _epoch(value: float) -> datetime:
    return datetime.fromtimestamp(value, SHANGHAI)


def lockout_from_item(item: LockoutItem) -> Lockout:
    return Lockout(
        failures=int(item.failures),
        window_ends_at=_epoch(item.window_ends_at),
        locked_until=_epoch(item.locked_until) if item.locked_until is not None else None,
    )


def _lockout_to_item(k: Key, lockout: Lockout) -> LockoutItem:
    return LockoutItem(
        k.pk, k.sk, failures=lockout.failures,
        window_ends_at=math.ceil(lockout.window_ends_at.timestamp()),
        locked_until=math.ceil(lockout.locked_until.timestamp()) if lockout.locked_until else None,
        expires_at=lockout.locked_until or lockout.window_ends_at,
    )
