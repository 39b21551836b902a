"""Case snapshots: events announced by a sync, the timeline, statutory trial deadlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.case_number import parse_case_number
from chalicelib.domain.cases import (
    TIMELINE_LIMIT,
    Case,
    CaseStatus,
    Hearing,
    Party,
    PersonRef,
    Procedure,
    add_months,
    changes,
    statutory_trial_deadline,
    with_timeline,
)
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.lockout import LockoutPolicy, after_failure

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
HEARING = Hearing(datetime(2026, 12, 8, 9, 30, tzinfo=SHANGHAI), "第十二法庭", "H1")


def a_case(**changes_: object) -> Case:
    case = Case(
        number=parse_case_number("（2026）沪0101民初1234号"), cause="民间借贷纠纷",
        status=CaseStatus.IN_TRIAL, procedure=Procedure.SUMMARY, filed_on=date(2026, 3, 2),
        closed_on=None, judge=PersonRef("J001", "王法官"), clerk=None,
        parties=(Party("原告", "李四", phone="+8613812345678"),), hearings=(HEARING,),
        query_code_digest="d",
    )
    return replace(case, **changes_)  # type: ignore[arg-type]


def kinds(events: list) -> list[str]:  # type: ignore[type-arg]
    return [e.type for e in events]


def test_a_new_case_announces_filing_judge_and_hearing() -> None:
    events = changes(None, a_case(), NOW)
    assert kinds(events) == ["CASE_FILED", "JUDGE_ASSIGNED", "HEARING_SCHEDULED"]
    hearing = events[-1]
    assert hearing.payload["upcoming"] is True
    assert hearing.label == "排定开庭：2026年12月8日 09:30，第十二法庭"
    assert (hearing.aggregate, hearing.aggregate_id) == ("case", "（2026）沪0101民初1234号")
    assert hearing.court_code == "沪0101"


def test_an_identical_sync_announces_nothing() -> None:
    assert changes(a_case(), a_case(), NOW) == []
    assert a_case().same_content(replace(a_case(), version=7, updated_at=NOW))


def test_a_moved_hearing_with_an_id_is_one_change_not_a_cancellation() -> None:
    moved = replace(HEARING, starts_at=HEARING.starts_at + timedelta(days=7))
    events = changes(a_case(), a_case(hearings=(moved,)), NOW)
    assert kinds(events) == ["HEARING_SCHEDULED"]
    assert events[0].label.startswith("开庭安排变更为：2026年12月15日")
    assert events[0].payload["previous"]["starts_at"] == "2026-12-08T09:30:00+08:00"


def test_a_hearing_without_ids_replaced_is_a_new_one_and_a_cancellation() -> None:
    old = replace(HEARING, hearing_id=None)
    new = Hearing(old.starts_at, "第三法庭")
    assert kinds(changes(a_case(hearings=(old,)), a_case(hearings=(new,)), NOW)) == [
        "HEARING_SCHEDULED", "HEARING_CANCELLED"]


def test_a_past_hearing_is_recorded_but_not_upcoming() -> None:
    past = Hearing(NOW - timedelta(days=1), "第一法庭")
    events = changes(a_case(hearings=()), a_case(hearings=(past,)), NOW)
    assert events[0].payload["upcoming"] is False


def test_status_changes_and_closing() -> None:
    suspended = changes(a_case(), a_case(status=CaseStatus.SUSPENDED), NOW)
    assert kinds(suspended) == ["STATUS_CHANGED"]
    assert suspended[0].label == "案件状态变更为“中止”"
    closed = changes(a_case(), a_case(status=CaseStatus.CLOSED, closed_on=date(2026, 11, 20)),
                     NOW)
    assert kinds(closed) == ["CASE_CLOSED"]
    assert closed[0].at == datetime(2026, 11, 20, tzinfo=SHANGHAI)


def test_a_new_judge_is_announced() -> None:
    events = changes(a_case(), a_case(judge=PersonRef("J002", "陈法官")), NOW)
    assert [e.label for e in events] == ["承办法官变更为：陈法官"]


def test_timeline_is_newest_first_and_capped() -> None:
    case = a_case()
    previous = None
    for day in range(TIMELINE_LIMIT + 5):
        moment = NOW + timedelta(days=day)
        hearing = Hearing(moment + timedelta(days=30), "第一法庭")
        new = a_case(hearings=(hearing,), version=case.version)
        case = with_timeline(new, previous, changes(previous, new, moment))
        previous = case
    assert len(case.timeline) == TIMELINE_LIMIT
    moments = [entry.at for entry in case.timeline]
    assert moments == sorted(moments, reverse=True)


@pytest.mark.parametrize(("type_code", "procedure", "filed", "deadline"), [
    ("民初", Procedure.ORDINARY, date(2026, 3, 2), date(2026, 9, 2)),
    ("民初", Procedure.SUMMARY, date(2026, 3, 2), date(2026, 6, 2)),
    ("民初", Procedure.SMALL_CLAIMS, date(2026, 3, 2), date(2026, 5, 2)),
    ("民初", Procedure.SUMMARY, date(2026, 11, 30), date(2027, 2, 28)),  # no 30 Feb
    ("民特", Procedure.SPECIAL, date(2026, 3, 2), date(2026, 4, 1)),
    ("民终", Procedure.ORDINARY, date(2026, 8, 31), date(2026, 11, 30)),
    ("行初", Procedure.ORDINARY, date(2026, 1, 31), date(2026, 7, 31)),
    ("执", Procedure.ORDINARY, date(2026, 1, 31), date(2026, 7, 31)),
    ("刑初", Procedure.ORDINARY, date(2026, 1, 31), None),
])
def test_statutory_trial_deadlines(type_code: str, procedure: Procedure, filed: date,
                                   deadline: date | None) -> None:
    number = parse_case_number(f"（{filed.year}）沪0101{type_code}1号")
    assert statutory_trial_deadline(number, procedure, filed) == deadline


@given(st.dates(date(2016, 1, 1), date(2090, 12, 31)), st.integers(0, 120))
def test_month_periods_end_on_the_same_day_or_the_month_end(start: date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


def test_lockout_counts_inside_the_window_then_locks() -> None:
    policy = LockoutPolicy()
    state = None
    for attempt in range(1, 5):
        state = after_failure(state, NOW, policy)
        assert (state.failures, state.is_locked(NOW)) == (attempt, False)
    state = after_failure(state, NOW, policy)
    assert state.is_locked(NOW)
    assert state.retry_after_seconds(NOW) == 900
    assert not state.is_locked(NOW + timedelta(minutes=15))


def test_failures_outside_the_window_start_over() -> None:
    policy = LockoutPolicy()
    state = None
    for _ in range(4):
        state = after_failure(state, NOW, policy)
    later = NOW + timedelta(minutes=16)
    state = after_failure(state, later, policy)
    assert state.failures == 1
