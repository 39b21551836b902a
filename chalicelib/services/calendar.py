"""The working-day calendar as a service: published years (cached), publishing, viewing."""

from __future__ import annotations

import threading
import time
from datetime import date

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.calendar import (
    CalendarSource,
    WorkingCalendar,
    YearCalendar,
    published_year,
)
from chalicelib.domain.clock import Clock
from chalicelib.domain.courts import SUPREME_COURT_CODE
from chalicelib.domain.errors import Forbidden, Problem, Unauthenticated, ValidationFailed
from chalicelib.observability import count
from chalicelib.schemas.calendar import CalendarIn, CalendarOut
from chalicelib.services.ports import CalendarRepository

FIRST_YEAR, LAST_YEAR = 2004, 2100
CACHE_SECONDS = 60.0  # a newly published year is seen by every container within a minute


class CalendarService:
    def __init__(self, repository: CalendarRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock
        self._cache: dict[int, tuple[float, YearCalendar | None]] = {}
        self._lock = threading.Lock()
        self.working = WorkingCalendar(self._published)

    def _published(self, year: int) -> YearCalendar | None:
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(year)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        found = self._repository.get(year)
        with self._lock:
            self._cache[year] = (now, found)
        return found

    def view(self, year: int) -> CalendarOut:
        _check_year(year)
        calendar = self.working.year(year)
        if calendar is None:
            return CalendarOut(year=year, source=CalendarSource.NONE, holidays=[], workdays=[])
        return _out(calendar)

    def publish(self, year: int, data: CalendarIn, principal: Principal | None) -> CalendarOut:
        """Publish the State Council's arrangement for ``year``.

        The arrangement is national, so only admins of the SPC or a high court may publish.
        """
        _check_year(year)
        if principal is None:
            raise Unauthenticated("请您先登录。")
        national = principal.court == SUPREME_COURT_CODE or (
            principal.court is not None and len(principal.court) == 1)
        if principal.role is not Role.ADMIN or not national:
            raise Forbidden("节假日安排全国统一，仅最高法院或高级法院管理员可发布。")
        calendar = published_year(year, data.holidays, data.workdays)
        self._repository.put(calendar, principal.subject, self._clock.now())
        with self._lock:
            self._cache.pop(year, None)
        count("CalendarPublished")
        return _out(calendar)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(details=[Problem("year", f"年份应在{FIRST_YEAR}至{LAST_YEAR}之间")])


def _out(calendar: YearCalendar) -> CalendarOut:
    def days(values: frozenset[date]) -> list[date]:
        return sorted(values)

    return CalendarOut(year=calendar.year, source=calendar.source,
                       holidays=days(calendar.holidays), workdays=days(calendar.workdays))
