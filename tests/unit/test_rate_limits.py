"""Rate limits: fixed windows per client and per target, configuration, Retry-After."""

from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import CaseNotFound, Locked, RateLimited
from chalicelib.domain.rate_limits import DEFAULT_RULES, RateRule, rules_from_json, window
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.rate_limits import RateLimits
from tests.fakes import FakeCaseRepository, FakeLockoutStore, FakeRateCounter, FixedClock

NOW = datetime(2026, 11, 30, 10, 0, 30, tzinfo=SHANGHAI)


def test_the_contract_defaults() -> None:
    assert DEFAULT_RULES["case_lookup"].per_client == 60
    assert DEFAULT_RULES["callback"].per_client == 60
    assert DEFAULT_RULES["consultation"].per_client == 300
    assert DEFAULT_RULES["calculator"].per_client == 300


def test_rules_are_configurable_and_checked() -> None:
    rules = rules_from_json('{"callback": {"per_client": 5, "window_seconds": 10}}')
    assert rules["callback"] == RateRule(per_client=5, per_target=20, window_seconds=10)
    for bad in ('{"nope": {}}', '{"callback": {"per_client": 0}}',
                '{"callback": {"colour": 1}}', "[]"):
        with pytest.raises(ValueError, match=r"RATE_LIMITS|rate-limit|positive"):
            rules_from_json(bad)


def test_windows_are_fixed() -> None:
    start, end = window(NOW, 60)
    assert end - start == 60
    assert start <= NOW.timestamp() < end


def test_limits_per_client_then_per_target_with_retry_after() -> None:
    clock = FixedClock(NOW)
    limits = RateLimits(FakeRateCounter(), {"callback": RateRule(3, 4)}, clock)
    for _ in range(3):
        limits.check("callback", "1.1.1.1", "case-A")
    with pytest.raises(RateLimited) as caught:
        limits.check("callback", "1.1.1.1", "case-A")
    assert caught.value.retry_after_seconds == 30  # the rest of the minute
    limits.check("callback", "2.2.2.2", "case-A")
    with pytest.raises(RateLimited):
        limits.check("callback", "3.3.3.3", "case-A")  # the case's 5th request this minute
    clock.advance(seconds=30)  # the next window: time injected, not slept
    limits.check("callback", "1.1.1.1", "case-A")


def test_wrong_codes_from_many_addresses_are_limited_per_case() -> None:
    clock = FixedClock(NOW)
    lockouts = FakeLockoutStore()
    access = CaseAccess(FakeCaseRepository(lockouts), lockouts, clock, b"pepper-0123456789")
    from chalicelib.domain.case_number import parse_case_number

    number = parse_case_number("（2026）沪0101民初1号")
    for attempt in range(30):  # 30 different clients, one guess each
        with pytest.raises(CaseNotFound):
            access.read(number, None, "GUESS1234", f"10.0.0.{attempt}")
    with pytest.raises(RateLimited) as caught:
        access.read(number, None, "GUESS1234", "10.0.1.1")
    assert 1 <= caught.value.retry_after_seconds <= 60
    clock.advance(minutes=1, seconds=1)
    with pytest.raises(CaseNotFound):
        access.read(number, None, "GUESS1234", "10.0.1.1")
    for _ in range(4):
        with pytest.raises(CaseNotFound):
            access.read(number, None, "GUESS1234", "10.0.1.1")
    with pytest.raises(Locked):
        access.read(number, None, "GUESS1234", "10.0.1.1")  # the pair lock still applies
