"""DynamoDB store of sign-in codes: the current code per phone and the per-day counter."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from pynamodb.exceptions import DeleteError, TransactWriteError

from chalicelib.adapters.dynamodb.keys import KeyMaker
from chalicelib.adapters.dynamodb.models import CounterItem, LockoutItem, OtpItem, TableItem
from chalicelib.adapters.dynamodb.store import (
    CANCELLED_BY_CONDITION,
    cancellation_reasons,
    lockout_from_item,
    transaction,
)
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.lockout import LockKey, Lockout
from chalicelib.domain.otp import OtpPolicy, OtpRecord
from chalicelib.services.ports import OtpStore, OtpTooSoon


def _epoch(moment: datetime) -> int:
    return math.ceil(moment.timestamp())


class DynamoOtpStore(OtpStore):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def store(self, phone: str, record: OtpRecord, day: date, policy: OtpPolicy) -> None:
        key = self._keys.otp(phone)
        counter = self._keys.otp_day(phone, f"{day:%Y%m%d}")
        resend_from = record.sent_at - policy.resend_after
        old_enough = OtpItem.pk.does_not_exist() | (OtpItem.sent_at <= _epoch(resend_from))
        under_limit = CounterItem.value.does_not_exist() | (CounterItem.value < policy.per_day)
        next_day = datetime.combine(day + timedelta(days=1), datetime.min.time(), SHANGHAI)
        try:
            with transaction() as tx:
                tx.save(OtpItem(key.pk, key.sk, code_digest=record.code_digest,
                                sent_at=_epoch(record.sent_at),
                                valid_until=_epoch(record.expires_at),
                                expires_at=record.expires_at), condition=old_enough)
                tx.update(CounterItem(counter.pk, counter.sk),
                          actions=[CounterItem.value.add(1),
                                   CounterItem.expires_at.set(next_day + timedelta(days=1))],
                          condition=under_limit)
        except TransactWriteError as error:
            reasons = cancellation_reasons(error)
            if reasons[:1] == [CANCELLED_BY_CONDITION]:  # the previous code is too recent
                current = self._current(phone)
                wait = policy.resend_after - (record.sent_at - current.sent_at) if current else (
                    policy.resend_after)
                raise OtpTooSoon(max(1, math.ceil(wait.total_seconds()))) from None
            if CANCELLED_BY_CONDITION in reasons:  # the day's allowance is used up
                raise OtpTooSoon(math.ceil((next_day - record.sent_at).total_seconds())) from None
            raise

    def _current(self, phone: str) -> OtpRecord | None:
        key = self._keys.otp(phone)
        try:
            item = OtpItem.get(key.pk, key.sk, consistent_read=True)
        except OtpItem.DoesNotExist:
            return None
        return _record(item)

    def read(self, phone: str, lock_key: LockKey) -> tuple[OtpRecord | None, Lockout | None]:
        key = self._keys.otp(phone)
        lock = self._keys.lock(lock_key.scope, lock_key.subject)
        found = {(i.pk, i.sk): i for i in TableItem.batch_get(
            [(key.pk, key.sk), (lock.pk, lock.sk)], consistent_read=True)}
        otp_item = found.get((key.pk, key.sk))
        lock_item = found.get((lock.pk, lock.sk))
        return (_record(otp_item) if isinstance(otp_item, OtpItem) else None,
                lockout_from_item(lock_item) if isinstance(lock_item, LockoutItem) else None)

    def consume(self, phone: str, record: OtpRecord) -> bool:
        key = self._keys.otp(phone)
        try:
            OtpItem(key.pk, key.sk).delete(condition=OtpItem.code_digest == record.code_digest)
        except DeleteError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True


def _record(item: OtpItem) -> OtpRecord:
    return OtpRecord(item.code_digest, datetime.fromtimestamp(item.sent_at, SHANGHAI),
                     datetime.fromtimestamp(item.valid_until, SHANGHAI))
