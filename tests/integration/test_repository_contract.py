"""One contract for every implementation of the ports (fake and DynamoDB on moto server)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from chalicelib.domain.case_number import parse_case_number
from chalicelib.domain.cases import (
    Case,
    CaseStatus,
    Hearing,
    Party,
    PartyKind,
    PersonRef,
    Procedure,
    changes,
    with_timeline,
)
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.lockout import LockKey, LockoutPolicy
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.services.ports import StaleWrite
from tests.integration.conftest import Repositories

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
A, B = "+8613812345678", "+8613987654321"
KEY = LockKey("query_code", "（2026）沪0101民初1号|1.2.3.4")
POLICY = LockoutPolicy()


def a_case(number: str = "（2026）沪0101民初1号", filed: date = date(2026, 3, 2),
           phones: tuple[str, ...] = (A, B)) -> Case:
    parties = tuple(Party("原告" if i == 0 else "被告", f"当事人{i}", PartyKind.PERSON, p,
                          "11010519491231002X" if i == 0 else None)
                    for i, p in enumerate(phones))
    return Case(
        number=parse_case_number(number), cause="民间借贷纠纷", status=CaseStatus.IN_TRIAL,
        procedure=Procedure.ORDINARY, filed_on=filed, closed_on=None,
        judge=PersonRef("J1", "王法官"), clerk=None, parties=parties,
        hearings=(Hearing(NOW + timedelta(days=8), "第十二法庭", "H1"),),
        query_code_digest="ab" * 32, trial_deadline=date(2026, 9, 2), updated_at=NOW,
    )


def save_new(repos: Repositories, case: Case) -> Case:
    events = changes(None, case, NOW)
    return repos.cases.save(with_timeline(case, None, events), None, events)


def test_a_saved_case_reads_back_equal(repos: Repositories) -> None:
    assert repos.cases.get(a_case().number).case is None
    stored = save_new(repos, a_case())
    assert stored.version == 1
    read = repos.cases.get(a_case().number).case
    assert read == stored
    assert [e.type for e in read.timeline] == ["HEARING_SCHEDULED", "JUDGE_ASSIGNED",
                                               "CASE_FILED"]


def test_writes_are_optimistic(repos: Repositories) -> None:
    first = save_new(repos, a_case())
    with pytest.raises(StaleWrite):
        save_new(repos, a_case())  # creating what exists
    second = repos.cases.save(replace(first, cause="借款合同纠纷"), first, [])
    assert second.version == 2
    with pytest.raises(StaleWrite):
        repos.cases.save(replace(first, cause="买卖合同纠纷"), first, [])  # stale version
    current = repos.cases.get(first.number).case
    assert current is not None
    assert current.cause == "借款合同纠纷"


def test_a_stale_write_is_refused_even_when_links_are_deleted(repos: Repositories) -> None:
    first = save_new(repos, a_case())
    repos.cases.save(replace(first, cause="借款合同纠纷"), first, [])
    with pytest.raises(StaleWrite):
        repos.cases.save(replace(a_case(phones=(A,)), version=first.version), first, [])
    assert repos.cases.case_numbers_of_phone(B, 10, None).items == ["（2026）沪0101民初1号"]


def test_get_many_skips_unknown_numbers(repos: Repositories) -> None:
    save_new(repos, a_case())
    found = repos.cases.get_many(["（2026）沪0101民初1号", "（2026）沪0101民初2号"])
    assert list(found) == ["（2026）沪0101民初1号"]
    assert repos.cases.get_many([]) == {}


def test_party_links_page_newest_filing_first(repos: Repositories) -> None:
    for i, filed in enumerate((date(2026, 1, 5), date(2026, 3, 5), date(2026, 2, 5)), 1):
        save_new(repos, a_case(f"（2026）沪0101民初{i}号", filed))
    first = repos.cases.case_numbers_of_phone(A, 2, None)
    assert first.items == ["（2026）沪0101民初2号", "（2026）沪0101民初3号"]
    assert first.cursor is not None
    second = repos.cases.case_numbers_of_phone(A, 2, first.cursor)
    assert second.items == ["（2026）沪0101民初1号"]
    assert second.cursor is None
    exact = repos.cases.case_numbers_of_phone(A, 3, None)
    assert exact.cursor is None  # no empty last page
    with pytest.raises(ValidationFailed):
        repos.cases.case_numbers_of_phone(A, 2, "not-a-cursor")


def test_party_links_follow_party_and_date_changes(repos: Repositories) -> None:
    first = save_new(repos, a_case())
    second = repos.cases.save(replace(a_case(phones=(A,)), version=first.version), first, [])
    assert repos.cases.case_numbers_of_phone(B, 10, None).items == []
    refiled = replace(a_case(phones=(A,), filed=date(2026, 4, 1)), version=second.version)
    repos.cases.save(refiled, second, [])
    assert repos.cases.case_numbers_of_phone(A, 10, None).items == ["（2026）沪0101民初1号"]


def test_lockouts_count_lock_and_expire(repos: Repositories) -> None:
    assert repos.lockouts.get(KEY) is None
    for attempt in range(1, 5):
        assert repos.lockouts.record_failure(KEY, NOW, POLICY).failures == attempt
    locked = repos.lockouts.record_failure(KEY, NOW, POLICY)
    assert locked.is_locked(NOW)
    assert locked.retry_after_seconds(NOW) == 900
    other = LockKey("query_code_case", "（2026）沪0101民初1号")
    read = repos.cases.get(parse_case_number("（2026）沪0101民初1号"), lock_keys=[KEY, other])
    assert read.case is None
    assert set(read.lockouts) == {KEY}
    assert read.lockouts[KEY].is_locked(NOW + timedelta(minutes=14))
    later = NOW + timedelta(minutes=16)
    assert repos.lockouts.record_failure(KEY, later, POLICY).failures == 1
    repos.lockouts.clear(KEY)
    assert repos.lockouts.get(KEY) is None


def test_concurrent_failures_are_all_counted(repos: Repositories) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: repos.lockouts.record_failure(KEY, NOW, POLICY), range(20)))
    state = repos.lockouts.get(KEY)
    assert state is not None
    assert state.failures == 20
    assert state.is_locked(NOW)


def test_staff_round_trip(repos: Repositories) -> None:
    member = StaffMember("J1", "王法官", StaffRole.JUDGE, "沪0101", "民一庭", "+8613900000001",
                         "H1")
    repos.staff.save(member)
    assert repos.staff.get("J1") == member
    assert repos.staff.get("nobody") is None
    assert repos.staff.get_many(["J1", "nobody"]) == {"J1": member}
    heads = [StaffMember(f"H{i}", "庭长", StaffRole.DIVISION_HEAD, "沪0101", division,
                         "+8613900000002") for i, division in enumerate(("民一庭", "民二庭"))]
    for head in heads:
        repos.staff.save(head)
    assert repos.staff.division_heads("沪0101", "民一庭") == [heads[0]]
    assert repos.staff.division_heads("沪0104", "民一庭") == []
