"""Working days (chinesecalendar + published years) and ticket SLAs, computed by hand.

2026 arrangement (国务院办公厅通知): Spring Festival 2月15日–23日 off, make-up workdays
2月14日 (Sat) and 2月28日 (Sat); Mid-Autumn 9月25日–27日 off; National Day 10月1日–7日
off, make-up workdays 9月20日 (Sun) and 10月10日 (Sat).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chalicelib.domain.calendar import (
    CalendarSource,
    WorkingCalendar,
    YearCalendar,
    package_year,
    published_year,
)
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import CalendarUnavailable, ValidationFailed
from chalicelib.domain.sla import SlaPolicy, due_at, escalation_at
from chalicelib.domain.tickets import Category


def at(y: int, m: int, d: int, hour: int = 15) -> datetime:
    return datetime(y, m, d, hour, 0, tzinfo=SHANGHAI)


def end(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=SHANGHAI)


CAL = WorkingCalendar(lambda year: None)
YEAR_2027 = published_year(2027, [date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 8)],
                           [date(2027, 2, 20)])


@pytest.mark.parametrize(("created", "due", "why"), [
    (at(2026, 11, 30), end(2026, 12, 2), "Mon -> Tue (1), Wed (2)"),
    (at(2026, 12, 4), end(2026, 12, 8), "Fri -> Mon (1), Tue (2)"),
    (at(2026, 12, 5), end(2026, 12, 8), "Sat: the weekend is not counted"),
    (at(2026, 2, 12), end(2026, 2, 14), "Thu -> Fri 13 (1), make-up Sat 14 (2)"),
    (at(2026, 2, 13), end(2026, 2, 24), "Fri -> Sat 14 (1), 15-23 off, Tue 24 (2)"),
    (at(2026, 9, 30), end(2026, 10, 9), "Wed -> 1-7 off, Thu 8 (1), Fri 9 (2)"),
    (at(2026, 10, 9), end(2026, 10, 12), "Fri -> make-up Sat 10 (1), Mon 12 (2)"),
    (at(2026, 9, 18), end(2026, 9, 21), "Fri -> make-up Sun 20 (1), Mon 21 (2)"),
    (at(2026, 9, 24), end(2026, 9, 29), "Thu -> 25-27 off, Mon 28 (1), Tue 29 (2)"),
])
def test_two_working_days_around_2026_holidays(created: datetime, due: datetime, why: str) -> None:
    assert due_at(CAL, created, 2) == (due, False), why


def test_a_year_no_source_knows_counts_weekdays_provisionally() -> None:
    # 2026-12-31 (Thu): Fri 2027-01-01 counted as a weekday, then Mon 4 -> provisional.
    assert due_at(CAL, at(2026, 12, 31), 2) == (end(2027, 1, 4), True)


def test_a_published_year_takes_over() -> None:
    published = WorkingCalendar(lambda year: YEAR_2027 if year == 2027 else None)
    # 2027-01-01 off (published), so Mon 4 (1), Tue 5 (2).
    assert due_at(published, at(2026, 12, 31), 2) == (end(2027, 1, 5), False)
    assert published.year(2027) is YEAR_2027
    assert published.is_workday(date(2027, 2, 20)) == (True, False)  # a make-up Saturday


def test_published_data_beats_the_package() -> None:
    override = published_year(2026, [], [])
    calendar = WorkingCalendar(lambda year: override if year == 2026 else None)
    assert calendar.is_workday(date(2026, 10, 1)) == (True, False)  # the admin's word wins


def test_legal_deadlines_fail_closed_for_unknown_years() -> None:
    with pytest.raises(CalendarUnavailable):
        CAL.is_workday(date(2027, 3, 1))
    with pytest.raises(CalendarUnavailable):
        CAL.add_working_days(date(2026, 12, 31), 2)
    assert CAL.on_or_after(date(2026, 10, 1)) == (date(2026, 10, 8), False)


def test_package_years() -> None:
    year = package_year(2026)
    assert year is not None
    assert year.source is CalendarSource.PACKAGE
    assert date(2026, 2, 14) in year.workdays
    assert package_year(2027) is None


@pytest.mark.parametrize(("holidays", "workdays", "field"), [
    ([date(2026, 1, 1)], [], "holidays"),  # another year
    ([], [date(2027, 2, 22)], "workdays"),  # a Monday is no make-up workday
    ([date(2027, 2, 20)], [date(2027, 2, 20)], "workdays"),  # in both lists
])
def test_published_years_are_validated(holidays: list[date], workdays: list[date],
                                       field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        published_year(2027, holidays, workdays)
    assert field in {d.field for d in caught.value.details}


def test_escalation_is_due_at_the_end_of_the_next_working_day() -> None:
    assert escalation_at(CAL, end(2026, 2, 13)) == end(2026, 2, 14)
    assert escalation_at(CAL, end(2026, 9, 30)) == end(2026, 10, 8)


def test_sla_policy_per_court_and_category() -> None:
    policy = SlaPolicy.from_json('{"default": {"COMPLAINT": 4}, "沪0115": {"CONTACT_JUDGE": 3}}')
    assert policy.working_days("沪0101", Category.CONTACT_JUDGE) == 2
    assert policy.working_days("沪0115", Category.CONTACT_JUDGE) == 3
    assert policy.working_days("沪0115", Category.COMPLAINT) == 4
    for bad in ('{"default": {"CONTACT_JUDGE": 0}}', '{"x": {"NOPE": 2}}', "[1]"):
        with pytest.raises((ValueError, KeyError)):
            SlaPolicy.from_json(bad)


def test_year_calendar_rules() -> None:
    year = YearCalendar(2030, frozenset({date(2030, 1, 1)}), frozenset({date(2030, 1, 5)}),
                        CalendarSource.PUBLISHED)
    assert not year.is_workday(date(2030, 1, 1))
    assert year.is_workday(date(2030, 1, 5))  # Saturday, make-up
    assert not year.is_workday(date(2030, 1, 6))  # Sunday
