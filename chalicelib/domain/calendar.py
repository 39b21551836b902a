"""Working days in mainland China: weekends, statutory holidays and make-up workdays (调休).

Each year's arrangement is set by the State Council's notice (国务院办公厅关于…部分节假日安排的
通知), published late in the previous year. Sources, in order of precedence:

1. a year published by an administrator (``PUT /v1/admin/calendar/{year}``), stored in the
   table — the only way to add years the package does not know yet;
2. the `chinesecalendar` package (data for 2004–2026 in 1.11.0).

When neither knows a year, `strict` callers (legal deadlines) get `CalendarUnavailable`;
lenient callers (ticket SLAs: a party's request must never fail because of the calendar)
count Monday to Friday and are told the result is provisional.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from chalicelib.domain.errors import CalendarUnavailable, Problem, ValidationFailed


class CalendarSource(StrEnum):
    PUBLISHED = "published"
    PACKAGE = "chinesecalendar"
    NONE = "none"


@dataclass(frozen=True)
class YearCalendar:
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]  # make-up workdays on weekends
    source: CalendarSource

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def published_year(year: int, holidays: Iterable[date], workdays: Iterable[date]) -> YearCalendar:
    """Validate an administrator's calendar for ``year``; every problem is reported at once."""
    holiday_set, workday_set = frozenset(holidays), frozenset(workdays)
    problems = [Problem("holidays", f"{d.isoformat()} 不在{year}年内")
                for d in sorted(holiday_set) if d.year != year]
    problems += [Problem("workdays", f"{d.isoformat()} 不在{year}年内")
                 for d in sorted(workday_set) if d.year != year]
    problems += [Problem("workdays", f"{d.isoformat()} 同时出现在节假日和调休上班日中")
                 for d in sorted(holiday_set & workday_set)]
    problems += [Problem("workdays", f"{d.isoformat()} 不是周末，无需列为调休上班日")
                 for d in sorted(workday_set) if d.weekday() < 5]
    if problems:
        raise ValidationFailed(details=problems)
    return YearCalendar(year, holiday_set, workday_set, CalendarSource.PUBLISHED)


def package_year(year: int) -> YearCalendar | None:
    """The `chinesecalendar` package's data for ``year``, if it has any."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return None
    holidays = frozenset(d for d in chinese_calendar.holidays if d.year == year)
    workdays = frozenset(d for d in chinese_calendar.workdays if d.year == year)
    return YearCalendar(year, holidays, workdays, CalendarSource.PACKAGE)


class WorkingCalendar:
    """Working-day arithmetic over the published years, then the package."""

    def __init__(self, published: Callable[[int], YearCalendar | None]) -> None:
        self._published = published

    def year(self, year: int) -> YearCalendar | None:
        return self._published(year) or package_year(year)

    def is_workday(self, day: date, *, strict: bool = True) -> tuple[bool, bool]:
        """(is it a working day, is the answer provisional). Strict: unknown years raise."""
        calendar = self.year(day.year)
        if calendar is not None:
            return calendar.is_workday(day), False
        if strict:
            raise CalendarUnavailable(
                f"{day.year}年的节假日安排尚未发布，暂时无法计算期限，请您以法院通知为准。")
        return day.weekday() < 5, True

    def add_working_days(self, start: date, days: int, *, strict: bool = True) -> tuple[date, bool]:
        """The ``days``-th working day after ``start`` (the start day itself not counted)."""
        if days < 1:
            raise ValueError("days must be positive")
        current, counted, provisional = start, 0, False
        while counted < days:
            current += timedelta(days=1)
            working, guessed = self.is_workday(current, strict=strict)
            provisional = provisional or guessed
            counted += working
        return current, provisional

    def on_or_after(self, day: date, *, strict: bool = True) -> tuple[date, bool]:
        """``day`` if it is a working day, else the next working day."""
        provisional = False
        while True:
            working, guessed = self.is_workday(day, strict=strict)
            provisional = provisional or guessed
            if working:
                return day, provisional
            day += timedelta(days=1)
