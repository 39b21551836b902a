"""CaseService and StaffService against the in-memory fakes."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.errors import (
    CaseNotFound,
    Conflict,
    Forbidden,
    Locked,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.schemas.cases import CaseSyncIn
from chalicelib.schemas.staff import StaffIn
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.cases import CaseService
from chalicelib.services.ports import StaleWrite
from chalicelib.services.staff import StaffService
from tests.fakes import FakeCaseRepository, FakeLockoutStore, FakeStaffRepository, FixedClock
from tests.support import (
    CASE,
    NOW,
    PLAINTIFF_PHONE,
    QUERY_CODE,
    STRANGER_PHONE,
    case_payload,
    json_body,
    judge_payload,
)

PEPPER = b"unit-test-pepper-0123456789"
ADMIN = Principal("A1", Role.ADMIN, court="沪0101")
PARTY = Principal("P1", Role.PARTY, phone=PLAINTIFF_PHONE)


@pytest.fixture
def world() -> dict[str, Any]:
    lockouts = FakeLockoutStore()
    cases = FakeCaseRepository(lockouts)
    staff = FakeStaffRepository()
    staff.save(StaffMember("J001", "王法官", StaffRole.JUDGE, "沪0101", "民一庭", "+8613900000001"))
    staff.save(StaffMember("C001", "赵书记员", StaffRole.CLERK, "沪0101", "民一庭",
                           "+8613900000002"))
    clock = FixedClock(NOW)
    service = CaseService(cases, staff, CaseAccess(cases, lockouts, clock, PEPPER), clock, PEPPER)
    return {"cases": cases, "staff": staff, "clock": clock, "service": service,
            "lockouts": lockouts}


def sync(world: dict[str, Any], **overrides: Any) -> Any:
    data = CaseSyncIn.model_validate_json(json_body(case_payload(**overrides)))
    return world["service"].sync(CASE, data, ADMIN)


def staff_in(**overrides: Any) -> StaffIn:
    return StaffIn.model_validate_json(json_body(judge_payload(**overrides)))


def test_sync_stores_the_query_code_only_as_a_digest(world: dict[str, Any]) -> None:
    assert sync(world).created
    stored = world["cases"].cases[CASE]
    assert QUERY_CODE not in stored.query_code_digest
    assert len(stored.query_code_digest) == 64
    assert [e.type for e in world["cases"].events[CASE]] == [
        "CASE_FILED", "JUDGE_ASSIGNED", "HEARING_SCHEDULED"]


def test_sync_retries_after_a_concurrent_write(world: dict[str, Any], mocker: Any) -> None:
    sync(world)
    real_save = world["cases"].save
    calls = {"n": 0}

    def flaky(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise StaleWrite(CASE)
        return real_save(*args)

    mocker.patch.object(world["cases"], "save", side_effect=flaky)
    result = sync(world, cause="借款合同纠纷")
    assert result.case.cause == "借款合同纠纷"
    assert calls["n"] == 2


def test_sync_gives_up_with_a_conflict(world: dict[str, Any], mocker: Any) -> None:
    mocker.patch.object(world["cases"], "save", side_effect=StaleWrite(CASE))
    with pytest.raises(Conflict):
        sync(world)


def test_sync_reports_every_problem_at_once(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        sync(world, court_code="沪0104", judge_id="C001", clerk_id="NOPE", filed_on="2025-01-01")
    fields = {d.field for d in caught.value.details}
    assert {"court_code", "filed_on"} <= fields


def test_sync_needs_an_admin_of_the_court(world: dict[str, Any]) -> None:
    data = CaseSyncIn.model_validate_json(json_body(case_payload()))
    with pytest.raises(Unauthenticated):
        world["service"].sync(CASE, data, None)
    with pytest.raises(Forbidden):
        world["service"].sync(CASE, data, Principal("A", Role.ADMIN, court="沪0104"))
    with pytest.raises(Forbidden):
        world["service"].sync(CASE, data, Principal("J", Role.JUDGE, court="沪0101"))


def test_views_by_audience(world: dict[str, Any]) -> None:
    sync(world)
    service = world["service"]
    assert service.view(CASE, PARTY, None, "1.2.3.4").access == "party"
    assert service.view(CASE, None, QUERY_CODE, "1.2.3.4").access == "query_code"
    staff = Principal("J", Role.JUDGE, court="沪0101")
    assert service.view(CASE, staff, "WRONG-CODE", "1.2.3.4").access == "staff"
    with pytest.raises(CaseNotFound):
        service.view(CASE, Principal("P2", Role.PARTY, phone=STRANGER_PHONE), None, "1.2.3.4")
    with pytest.raises(Unauthenticated):
        service.view(CASE, None, None, "1.2.3.4")


def test_lock_is_per_client(world: dict[str, Any]) -> None:
    sync(world)
    service = world["service"]
    for _ in range(5):
        with pytest.raises(CaseNotFound):
            service.view(CASE, None, "WRONG123", "1.1.1.1")
    with pytest.raises(Locked):
        service.view(CASE, None, QUERY_CODE, "1.1.1.1")
    assert service.view(CASE, None, QUERY_CODE, "2.2.2.2").access == "query_code"
    world["clock"].advance(minutes=15, seconds=1)
    assert service.view(CASE, None, QUERY_CODE, "1.1.1.1").access == "query_code"


def test_unknown_cases_count_failures_too(world: dict[str, Any]) -> None:
    service = world["service"]
    other = "（2026）沪0101民初4321号"
    for _ in range(5):
        with pytest.raises(CaseNotFound):
            service.view(other, None, QUERY_CODE, "1.1.1.1")
    with pytest.raises(Locked):
        service.view(other, None, QUERY_CODE, "1.1.1.1")


def test_my_cases_only_lists_cases_the_phone_is_on(world: dict[str, Any]) -> None:
    sync(world)
    mine = world["service"].my_cases(PARTY, 20, None)
    assert [c.case_number for c in mine.items] == [CASE]
    assert mine.items[0].my_roles == ["原告"]
    stranger = Principal("P2", Role.PARTY, phone=STRANGER_PHONE)
    assert world["service"].my_cases(stranger, 20, None).items == []
    with pytest.raises(Forbidden):
        world["service"].my_cases(ADMIN, 20, None)


def test_staff_service_upserts_within_the_admins_court() -> None:
    staff = FakeStaffRepository()
    service = StaffService(staff)
    result = service.upsert("J9", staff_in(), ADMIN)
    assert result.created
    assert staff.members["J9"].phone == "+8613900000001"
    again = service.upsert("J9", staff_in(name="新名字"), ADMIN)
    assert not again.created
    with pytest.raises(Forbidden):
        service.upsert("J9", staff_in(court="沪0104"), ADMIN)
