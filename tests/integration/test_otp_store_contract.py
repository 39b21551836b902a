"""The sign-in code store contract, for the fake and DynamoDB on moto server."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.lockout import LockKey
from chalicelib.domain.otp import OtpPolicy, OtpRecord
from chalicelib.services.ports import OtpTooSoon
from tests.integration.conftest import Repositories

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
PHONE = "+8613812345678"
POLICY = OtpPolicy()
KEY = LockKey("otp", PHONE)


def record(at: datetime, digest: str = "d1") -> OtpRecord:
    return OtpRecord(digest, at, at + timedelta(minutes=5))


def test_a_stored_code_reads_back_and_is_consumed_once(repos: Repositories) -> None:
    assert repos.otp.read(PHONE, KEY) == (None, None)
    repos.otp.store(PHONE, record(NOW), NOW.date(), POLICY)
    current, lockout = repos.otp.read(PHONE, KEY)
    assert current == record(NOW)
    assert lockout is None
    assert not repos.otp.consume(PHONE, record(NOW, "other"))
    assert repos.otp.consume(PHONE, record(NOW))
    assert not repos.otp.consume(PHONE, record(NOW))
    assert repos.otp.read(PHONE, KEY)[0] is None


def test_one_code_a_minute(repos: Repositories) -> None:
    repos.otp.store(PHONE, record(NOW), NOW.date(), POLICY)
    with pytest.raises(OtpTooSoon) as caught:
        repos.otp.store(PHONE, record(NOW + timedelta(seconds=20), "d2"), NOW.date(), POLICY)
    assert 39 <= caught.value.retry_after_seconds <= 41
    assert repos.otp.read(PHONE, KEY)[0] == record(NOW)  # nothing written
    later = NOW + timedelta(seconds=60)
    repos.otp.store(PHONE, record(later, "d3"), NOW.date(), POLICY)
    assert repos.otp.read(PHONE, KEY)[0] == record(later, "d3")


def test_ten_codes_a_day(repos: Repositories) -> None:
    for minute in range(10):
        at = NOW + timedelta(minutes=minute)
        repos.otp.store(PHONE, record(at, f"d{minute}"), NOW.date(), POLICY)
    with pytest.raises(OtpTooSoon):
        repos.otp.store(PHONE, record(NOW + timedelta(minutes=30), "dx"), NOW.date(), POLICY)
    tomorrow = NOW + timedelta(days=1)
    repos.otp.store(PHONE, record(tomorrow, "dy"), tomorrow.date(), POLICY)


def test_the_lockout_reads_with_the_code(repos: Repositories) -> None:
    repos.otp.store(PHONE, record(NOW), NOW.date(), POLICY)
    repos.lockouts.record_failure(KEY, NOW, POLICY.lockout)
    current, lockout = repos.otp.read(PHONE, KEY)
    assert current is not None
    assert lockout is not None
    assert lockout.failures == 1
