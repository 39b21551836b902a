"""DynamoDB side of notifications: the outbox, the SMS log, opt-outs, inbound SMS and the
hearing-day index."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError, PutError, TransactWriteError, UpdateError

from chalicelib.adapters.dynamodb.keys import OUTBOX_SHARDS, SWEEP_SHARDS, Key, KeyMaker
from chalicelib.adapters.dynamodb.models import (
    EventItem,
    HearingSlotItem,
    InboundItem,
    OptOutItem,
    SmsItem,
    TableItem,
)
from chalicelib.adapters.dynamodb.store import (
    CANCELLED_BY_CONDITION,
    cancellation_reasons,
    event_item,
    get_item,
    transaction,
)
from chalicelib.domain.clock import iso
from chalicelib.domain.events import DomainEvent
from chalicelib.services.ports import (
    HearingReminderRepository,
    HearingSlot,
    InboundRepository,
    InboundSms,
    OptOutRepository,
    OutboxEntry,
    OutboxRepository,
    SmsLog,
    SmsRecord,
)

_CONDITION_FAILED = "ConditionalCheckFailedException"
SMS_LOG_DAYS = 30


def _conditional(error: Exception) -> bool:
    return getattr(error, "cause_response_code", None) == _CONDITION_FAILED


def _event(item: EventItem) -> DomainEvent:
    payload: dict[str, Any] = dict(item.payload or {})
    return DomainEvent(item.event_id, item.event_type, datetime.fromisoformat(item.at),
                       item.aggregate, item.aggregate_id, item.court_code, item.label or "",
                       payload)


class DynamoOutbox(OutboxRepository):
    def pending(self, limit: int) -> list[OutboxEntry]:
        entries: list[OutboxEntry] = []
        for shard in range(OUTBOX_SHARDS):
            for item in TableItem.outbox.query(f"OUTBOX#{shard}", limit=limit):
                if isinstance(item, EventItem):
                    entries.append(OutboxEntry(item.pk, item.sk, _event(item)))
        entries.sort(key=lambda e: (e.event.at, e.event.event_id))
        return entries[:limit]

    def still_pending(self, keys: Sequence[tuple[str, str]]) -> list[OutboxEntry]:
        if not keys:
            return []
        items = EventItem.batch_get(list(dict.fromkeys(keys)), consistent_read=True)
        found = [OutboxEntry(i.pk, i.sk, _event(i)) for i in items if i.outbox_pk]
        return sorted(found, key=lambda e: (e.event.at, e.event.event_id))

    def mark_published(self, entry: OutboxEntry, at: datetime) -> None:
        item = EventItem(entry.pk, entry.sk)
        try:
            item.update(actions=[EventItem.outbox_pk.remove(), EventItem.outbox_sk.remove()],
                        condition=EventItem.pk.exists())
        except UpdateError as error:
            if not _conditional(error):
                raise


class DynamoSmsLog(SmsLog):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def _key(self, record: SmsRecord) -> Key:
        return self._keys.sms(record.event_id, record.phone)

    def _item(self, record: SmsRecord, status: str, **extra: Any) -> SmsItem:
        key = self._key(record)
        expires = datetime.now().astimezone() + timedelta(days=SMS_LOG_DAYS)
        return SmsItem(key.pk, key.sk, event_id=record.event_id, phone=record.phone,
                       template=record.template, text=record.text, status=status,
                       expires_at=expires, **extra)

    def claim(self, record: SmsRecord, now: datetime, stale_after: timedelta) -> bool:
        stale = (SmsItem.status == "SENDING") & (SmsItem.claimed_at < iso(now - stale_after))
        try:
            self._item(record, "SENDING", claimed_at=iso(now)).save(
                condition=SmsItem.pk.does_not_exist() | stale)
        except PutError as error:
            if _conditional(error):
                return False
            raise
        return True

    def defer(self, record: SmsRecord) -> bool:
        if record.send_at is None:
            raise ValueError("a deferred text needs its send time")
        recipient = self._keys.digest("phone", record.phone)[:16]
        index = self._keys.sms_deferred(iso(record.send_at), record.event_id, recipient)
        try:
            self._item(record, "DEFERRED", send_at=iso(record.send_at), gsi3pk=index.pk,
                       gsi3sk=index.sk).save(condition=SmsItem.pk.does_not_exist())
        except PutError as error:
            if _conditional(error):
                return False
            raise
        return True

    def claim_deferred(self, record: SmsRecord, now: datetime) -> bool:
        key = self._key(record)
        try:
            SmsItem(key.pk, key.sk).update(
                actions=[SmsItem.status.set("SENDING"), SmsItem.claimed_at.set(iso(now)),
                         SmsItem.gsi3pk.remove(), SmsItem.gsi3sk.remove()],
                condition=SmsItem.status == "DEFERRED")
        except UpdateError as error:
            if _conditional(error):
                return False
            raise
        return True

    def mark_sent(self, record: SmsRecord, message_id: str, segments: int,
                  now: datetime) -> None:
        key = self._key(record)
        SmsItem(key.pk, key.sk).update(actions=[
            SmsItem.status.set("SENT"), SmsItem.message_id.set(message_id),
            SmsItem.segments.set(segments), SmsItem.sent_at.set(iso(now))])

    def mark_skipped(self, record: SmsRecord, reason: str) -> None:
        key = self._key(record)
        if get_item(SmsItem, key) is None:
            self._item(record, "SKIPPED", reason=reason).save()
            return
        SmsItem(key.pk, key.sk).update(actions=[
            SmsItem.status.set("SKIPPED"), SmsItem.reason.set(reason),
            SmsItem.gsi3pk.remove(), SmsItem.gsi3sk.remove()])

    def release(self, record: SmsRecord, back_to: str) -> None:
        key = self._key(record)
        if back_to == "DEFERRED" and record.send_at is not None:
            recipient = self._keys.digest("phone", record.phone)[:16]
            index = self._keys.sms_deferred(iso(record.send_at), record.event_id, recipient)
            SmsItem(key.pk, key.sk).update(actions=[
                SmsItem.status.set("DEFERRED"), SmsItem.gsi3pk.set(index.pk),
                SmsItem.gsi3sk.set(index.sk)], condition=SmsItem.status == "SENDING")
            return
        try:
            SmsItem(key.pk, key.sk).delete(condition=SmsItem.status == "SENDING")
        except DeleteError as error:
            if not _conditional(error):
                raise

    def due(self, now: datetime, limit: int) -> list[SmsRecord]:
        bound = iso(now) + "#\uffff"
        found: list[SmsRecord] = []
        for shard in range(SWEEP_SHARDS):
            for item in TableItem.by_gsi3.query(f"DEFERRED#{shard}", TableItem.gsi3sk <= bound,
                                                limit=limit):
                if isinstance(item, SmsItem):
                    found.append(SmsRecord(item.event_id, item.phone, item.template, item.text,
                                           item.status, datetime.fromisoformat(item.send_at)
                                           if item.send_at else None))
        return found[:limit]


class DynamoOptOuts(OptOutRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def is_opted_out(self, phone: str) -> bool:
        return get_item(OptOutItem, self._keys.opt_out(phone)) is not None

    def opt_out(self, phone: str, at: datetime) -> None:
        key = self._keys.opt_out(phone)
        OptOutItem(key.pk, key.sk, opted_out_at=iso(at)).save()


class DynamoInbound(InboundRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def record(self, message: InboundSms, events: Sequence[DomainEvent]) -> None:
        key = self._keys.inbound(message.inbound_id)
        with transaction() as tx:
            tx.save(InboundItem(key.pk, key.sk, inbound_id=message.inbound_id,
                                phone=message.phone, text=message.text,
                                received_at=iso(message.received_at), action=message.action,
                                ticket_id=message.ticket_id,
                                expires_at=message.received_at + timedelta(days=180)))
            for event in events:
                tx.save(event_item(self._keys, event, message.received_at))

    def get(self, inbound_id: str) -> InboundSms | None:
        item = get_item(InboundItem, self._keys.inbound(inbound_id))
        if item is None:
            return None
        return InboundSms(item.inbound_id, item.phone, item.text,
                          datetime.fromisoformat(item.received_at), item.action, item.ticket_id)


class DynamoHearingReminders(HearingReminderRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def hearings_on(self, day: date) -> list[HearingSlot]:
        items = HearingSlotItem.query(f"HEARINGS#{day.isoformat()}")
        return [HearingSlot(day, i.case_number, i.court_code,
                            datetime.fromisoformat(i.starts_at), i.courtroom, bool(i.reminded))
                for i in items]

    def mark_reminded(self, slot: HearingSlot, event: DomainEvent) -> bool:
        key = self._keys.hearing_slot(slot.day.isoformat(), iso(slot.starts_at),
                                      slot.case_number, slot.courtroom)
        not_yet = HearingSlotItem.pk.exists() & (HearingSlotItem.reminded != True)  # noqa: E712
        try:
            with transaction() as tx:
                tx.update(HearingSlotItem(key.pk, key.sk),
                          actions=[HearingSlotItem.reminded.set(True)], condition=not_yet)
                tx.save(event_item(self._keys, event, event.at))
        except TransactWriteError as error:
            if CANCELLED_BY_CONDITION in cancellation_reasons(error):
                return False
            raise
        return True

