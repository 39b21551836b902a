"""DynamoDB implementation of the ticket repository, and of the published calendars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamodb.keys import (
    SWEEP_SHARDS,
    Key,
    KeyMaker,
    ticket_id_of_index_sk,
)
from chalicelib.adapters.dynamodb.models import (
    ActorMap,
    AwaitingRatingItem,
    CalendarItem,
    CallerMap,
    CounterItem,
    HistoryMap,
    PersonMap,
    RatingMap,
    ReplyMap,
    TableItem,
    TicketItem,
)
from chalicelib.adapters.dynamodb.store import (
    CANCELLED_BY_CONDITION,
    cancellation_reasons,
    event_item,
    get_item,
    transaction,
)
from chalicelib.domain.calendar import CalendarSource, YearCalendar
from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import SHANGHAI, day_of, iso
from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.tickets import (
    UNREPLIED,
    Actor,
    Caller,
    Category,
    Channel,
    HistoryEntry,
    RatingRecord,
    ReplyRecord,
    ReplyResult,
    Ticket,
    TicketStatus,
)
from chalicelib.services.ports import (
    CalendarRepository,
    LimitReached,
    Page,
    StaleWrite,
    TicketRepository,
)

_COUNTER_DAYS = 3  # a day's ticket counter is kept a little past the day, then expires


class DynamoTicketRepository(TicketRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def next_sequence(self, day: date) -> int:
        key = self._keys.ticket_counter(f"{day:%Y%m%d}")
        counter = CounterItem(key.pk, key.sk)
        expires = datetime.combine(day + timedelta(days=_COUNTER_DAYS), datetime.min.time(),
                                   SHANGHAI)
        counter.update(actions=[CounterItem.value.add(1), CounterItem.expires_at.set(expires)])
        return int(counter.value)

    def create(self, ticket: Ticket, events: Sequence[DomainEvent], open_limit: int) -> Ticket:
        stored = replace(ticket, version=1)
        try:
            with transaction() as tx:
                tx.save(self._item(stored), condition=TicketItem.pk.does_not_exist())
                for event in events:
                    tx.save(event_item(self._keys, event, stored.created_at))
                guard = self._guard(stored)
                if guard is not None and stored.status in UNREPLIED:
                    tx.update(guard, actions=[CounterItem.value.add(1)],
                              condition=CounterItem.value.does_not_exist()
                              | (CounterItem.value < open_limit))
        except TransactWriteError as error:
            # Items go as [ticket put, event puts..., guard update] (PynamoDB: puts, updates).
            reasons = cancellation_reasons(error)
            if len(reasons) > 1 + len(events) and reasons[-1] == CANCELLED_BY_CONDITION:
                raise LimitReached(stored.ticket_id) from None
            if reasons and reasons[0] == CANCELLED_BY_CONDITION:
                raise StaleWrite(stored.ticket_id) from None
            raise
        return stored

    def get(self, ticket_id: str) -> Ticket | None:
        item = get_item(TicketItem, self._keys.ticket(ticket_id))
        return _ticket(item) if item else None

    def save(self, ticket: Ticket, previous: Ticket, events: Sequence[DomainEvent]) -> Ticket:
        stored = replace(ticket, version=previous.version + 1)
        at = events[-1].at if events else datetime.now(SHANGHAI)
        try:
            with transaction() as tx:
                tx.save(self._item(stored), condition=TicketItem.version == previous.version)
                for event in events:
                    tx.save(event_item(self._keys, event, at))
                self._side_items(tx, stored, previous)
        except TransactWriteError as error:
            # Only the ticket put carries a condition here (markers may be deleted first).
            if CANCELLED_BY_CONDITION in cancellation_reasons(error):
                raise StaleWrite(ticket.ticket_id) from None
            raise
        return stored

    def _side_items(self, tx: TransactWrite, new: Ticket, old: Ticket) -> None:
        guard = self._guard(new)
        if guard is not None and old.status in UNREPLIED and new.status not in UNREPLIED:
            tx.update(guard, actions=[CounterItem.value.add(-1)])
        phone = new.contact_phone
        if phone is None:
            return
        if new.status is TicketStatus.REPLIED and old.status is not TicketStatus.REPLIED:
            if new.reply is None:
                raise ValueError("a REPLIED ticket carries its reply")
            key = self._keys.awaiting_rating(phone, iso(new.reply.at), new.ticket_id)
            tx.save(AwaitingRatingItem(key.pk, key.sk, ticket_id=new.ticket_id))
        if old.status is TicketStatus.REPLIED and new.status is not TicketStatus.REPLIED:
            if old.reply is None:
                raise ValueError("a REPLIED ticket carries its reply")
            key = self._keys.awaiting_rating(phone, iso(old.reply.at), old.ticket_id)
            tx.delete(AwaitingRatingItem(key.pk, key.sk))

    def _guard(self, ticket: Ticket) -> CounterItem | None:
        if not ticket.limited or ticket.case_number is None or ticket.contact_phone is None:
            return None
        key = self._keys.callback_guard(ticket.case_number, ticket.contact_phone)
        return CounterItem(key.pk, key.sk)

    # -- lists -----------------------------------------------------------------------------

    def assigned(self, staff_id: str, status: TicketStatus, limit: int,
                 cursor: str | None) -> Page[Ticket]:
        partition = self._keys.assignee_queue(staff_id, status.value, "", "").pk
        return _page(TableItem.by_gsi1, "gsi1pk", "gsi1sk", partition, limit, cursor)

    def unreplied(self, court_code: str, limit: int, cursor: str | None, *,
                  due_before: datetime | None = None,
                  status: TicketStatus | None = None) -> Page[Ticket]:
        partition = self._keys.court_unreplied(court_code, "", "").pk
        sort = TableItem.gsi2sk < iso(due_before) if due_before is not None else None
        only = TicketItem.status == status.value if status is not None else None
        return _page(TableItem.by_gsi2, "gsi2pk", "gsi2sk", partition, limit, cursor, sort, only)

    def needing_sweep(self, now: datetime) -> list[Ticket]:
        bound = iso(now) + "#\uffff"
        found: list[Ticket] = []
        for shard in range(SWEEP_SHARDS):
            items = TableItem.by_gsi3.query(f"SWEEP#{shard}", TableItem.gsi3sk <= bound)
            found.extend(_ticket(i) for i in items if isinstance(i, TicketItem))
        return sorted(found, key=lambda t: (t.due_at or t.created_at, t.ticket_id))

    def recorded_on(self, court_code: str, day: date) -> list[Ticket]:
        partition = self._keys.court_day(court_code, day.isoformat(), "").pk
        return [_ticket(i) for i in TableItem.by_gsi4.query(partition)
                if isinstance(i, TicketItem)]

    def awaiting_rating(self, phone: str) -> Ticket | None:
        pk = self._keys.awaiting_rating(phone, "", "").pk
        for marker in AwaitingRatingItem.query(pk, scan_index_forward=False, limit=1):
            return self.get(marker.ticket_id)
        return None

    # -- mapping ---------------------------------------------------------------------------

    def _item(self, ticket: Ticket) -> TicketItem:
        key = self._keys.ticket(ticket.ticket_id)
        item = _ticket_item(key, ticket)
        when = iso(ticket.due_at or ticket.created_at)
        recorded = self._keys.court_day(ticket.court_code, day_of(ticket.created_at).isoformat(),
                                        ticket.ticket_id)
        item.gsi4pk, item.gsi4sk = recorded.pk, recorded.sk
        if ticket.assignee is not None:
            queue = self._keys.assignee_queue(ticket.assignee.id, ticket.status.value, when,
                                              ticket.ticket_id)
            item.gsi1pk, item.gsi1sk = queue.pk, queue.sk
        if ticket.status in UNREPLIED:
            court = self._keys.court_unreplied(ticket.court_code, when, ticket.ticket_id)
            item.gsi2pk, item.gsi2sk = court.pk, court.sk
            next_look = ticket.escalate_at if ticket.overdue else ticket.due_at
            if next_look is not None and not ticket.escalated:
                sweep = self._keys.sweep(iso(next_look), ticket.ticket_id)
                item.gsi3pk, item.gsi3sk = sweep.pk, sweep.sk
        return item


class DynamoCalendarRepository(CalendarRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def get(self, year: int) -> YearCalendar | None:
        item = get_item(CalendarItem, self._keys.calendar(year))
        if item is None:
            return None
        return YearCalendar(year, frozenset(date.fromisoformat(str(d)) for d in item.holidays),
                            frozenset(date.fromisoformat(str(d)) for d in item.workdays),
                            CalendarSource.PUBLISHED)

    def put(self, calendar: YearCalendar, published_by: str, at: datetime) -> None:
        key = self._keys.calendar(calendar.year)
        CalendarItem(key.pk, key.sk, year=calendar.year,
                     holidays=sorted(d.isoformat() for d in calendar.holidays),
                     workdays=sorted(d.isoformat() for d in calendar.workdays),
                     published_at=iso(at), published_by=published_by).save()


def _page(index: Any, hash_name: str, range_name: str, partition: str, limit: int,
          cursor: str | None, sort: Any = None, only: Any = None) -> Page[Ticket]:
    start = None
    if cursor is not None:
        ticket_id = ticket_id_of_index_sk(cursor)
        if ticket_id is None:
            raise ValidationFailed(details=[Problem("next_token", "翻页标记无效")])
        start = {hash_name: {"S": partition}, range_name: {"S": cursor},
                 "pk": {"S": f"TICKET#{ticket_id}"}, "sk": {"S": "#TICKET"}}
    items = list(index.query(partition, sort, filter_condition=only, limit=limit + 1,
                             last_evaluated_key=start))
    tickets = [i for i in items if isinstance(i, TicketItem)]
    page = tickets[:limit]
    more = len(tickets) > limit
    return Page([_ticket(i) for i in page], getattr(page[-1], range_name) if more else None)


def _opt_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _ticket_item(key: Key, t: Ticket) -> TicketItem:
    return TicketItem(
        key.pk, key.sk, ticket_id=t.ticket_id, category=t.category.value,
        channel=t.channel.value, status=t.status.value, answered_on_spot=t.answered_on_spot,
        court_code=t.court_code, case_number=t.case_number,
        caller=CallerMap(name=t.caller.name, phone=t.caller.phone, relation=t.caller.relation),
        callback_phone=t.callback_phone, preferred_time=t.preferred_time, summary=t.summary,
        elements=dict(t.elements),
        assignee=PersonMap(id=t.assignee.id, name=t.assignee.name) if t.assignee else None,
        due_at=iso(t.due_at) if t.due_at else None, due_at_provisional=t.due_at_provisional,
        overdue=t.overdue, escalated=t.escalated,
        escalate_at=iso(t.escalate_at) if t.escalate_at else None,
        escalated_to=t.escalated_to,
        history=[HistoryMap(at=iso(h.at), actor=h.actor, action=h.action, note=h.note or None)
                 for h in t.history],
        reply=ReplyMap(result=t.reply.result.value, note=t.reply.note, at=iso(t.reply.at),
                       within_sla=t.reply.within_sla) if t.reply else None,
        rating=RatingMap(score=t.rating.score, at=iso(t.rating.at)) if t.rating else None,
        created_at=iso(t.created_at),
        created_by=ActorMap(id=t.created_by.id, role=t.created_by.role, name=t.created_by.name),
        limited=t.limited, version=t.version,
    )


def _ticket(item: TicketItem) -> Ticket:
    reply = item.reply
    rating = item.rating
    assignee = item.assignee
    return Ticket(
        ticket_id=item.ticket_id, category=Category(item.category),
        channel=Channel(item.channel), status=TicketStatus(item.status),
        answered_on_spot=bool(item.answered_on_spot), court_code=item.court_code,
        caller=Caller(item.caller.name, item.caller.phone, item.caller.relation),
        summary=item.summary, created_at=datetime.fromisoformat(item.created_at),
        created_by=Actor(item.created_by.id, item.created_by.role, item.created_by.name),
        case_number=item.case_number, callback_phone=item.callback_phone,
        preferred_time=item.preferred_time,
        elements={str(k): str(v) for k, v in (item.elements.as_dict() if item.elements else {})
                  .items()},
        assignee=PersonRef(assignee.id, assignee.name) if assignee else None,
        due_at=_opt_time(item.due_at), due_at_provisional=bool(item.due_at_provisional),
        overdue=bool(item.overdue), escalated=bool(item.escalated),
        escalate_at=_opt_time(item.escalate_at), escalated_to=item.escalated_to,
        history=tuple(HistoryEntry(datetime.fromisoformat(h.at), h.actor, h.action, h.note or "")
                      for h in item.history or []),
        reply=ReplyRecord(ReplyResult(reply.result), reply.note, datetime.fromisoformat(reply.at),
                          bool(reply.within_sla)) if reply else None,
        rating=RatingRecord(int(rating.score), datetime.fromisoformat(rating.at))
        if rating else None,
        limited=bool(item.limited), version=int(item.version),
    )
