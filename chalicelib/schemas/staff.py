"""Models for the staff directory."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.staff import StaffRole
from chalicelib.schemas.common import CourtCode, Phone, ResponseModel, StaffId, StrictModel


class StaffIn(StrictModel):
    name: str = Field(min_length=1, max_length=50)
    role: StaffRole
    court_code: CourtCode
    division: str = Field(min_length=1, max_length=50, examples=["民事审判第一庭"])
    phone: Phone
    supervisor_id: StaffId | None = None


class StaffOut(ResponseModel):
    staff_id: str
    name: str
    role: StaffRole
    court_code: str
    court_name: str | None
    division: str
    phone: str
    supervisor_id: str | None
