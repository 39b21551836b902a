"""Models for the working-day calendar."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from chalicelib.domain.calendar import CalendarSource
from chalicelib.schemas.common import ResponseModel, StrictModel


class CalendarIn(StrictModel):
    holidays: list[date] = Field(max_length=60,
                                 description="法定节假日放假日期（含调休连休的周末）")
    workdays: list[date] = Field(max_length=20, description="调休上班的周末日期")


class CalendarOut(ResponseModel):
    year: int
    source: CalendarSource = Field(description="published > chinesecalendar > none")
    holidays: list[date]
    workdays: list[date]
