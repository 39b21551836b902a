"""Working-day calendar routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, endpoint
from chalicelib.bootstrap import container
from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.schemas.calendar import CalendarIn, CalendarOut

bp = Blueprint(__name__)


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ValidationFailed(details=[Problem("year", "年份应为4位数字")])
    return int(text)


@endpoint(bp, "/v1/calendar/{year}", tags=("calendar",), response=CalendarOut,
          summary="The effective working-day calendar of a year and its source")
def get_calendar(call: Call, year: str) -> CalendarOut:
    return container().calendar.view(_year(year))


@endpoint(bp, "/v1/admin/calendar/{year}", method="PUT", tags=("admin",),
          summary="Publish a year's holidays and make-up workdays (调休)", body=CalendarIn,
          response=CalendarOut,
          errors=(400, 401, 403, 413))
def put_calendar(call: Call, year: str) -> CalendarOut:
    return container().calendar.publish(_year(year), call.body, call.principal)
