"""Models for case inquiry and case sync."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

from chalicelib.domain.cases import PARTY_ROLES, CaseStatus, PartyKind, Procedure
from chalicelib.domain.query_code import check_format
from chalicelib.schemas.common import (
    CourtCode,
    IdNumber,
    Phone,
    ResponseModel,
    ShortText,
    StaffId,
    StrictModel,
    _domain_check,
)

MAX_PARTIES = 30  # keeps one sync inside a single 100-item DynamoDB transaction
MAX_HEARINGS = 15


def _party_role(value: str) -> str:
    if value not in PARTY_ROLES:
        raise ValueError("诉讼地位不在支持的列表中")
    return value


QueryCode = Annotated[str, AfterValidator(_domain_check(check_format))]
PartyRole = Annotated[str, AfterValidator(_party_role)]


class PartyIn(StrictModel):
    role: PartyRole = Field(examples=["原告"])
    name: ShortText
    kind: PartyKind = PartyKind.PERSON
    phone: Phone | None = None
    id_number: IdNumber | None = None


class HearingIn(StrictModel):
    starts_at: AwareDatetime = Field(examples=["2026-12-08T09:30:00+08:00"])
    courtroom: Annotated[str, Field(min_length=1, max_length=50)]
    id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class CaseSyncIn(StrictModel):
    """A case as synced from the court's case-management system (PUT /v1/admin/cases/...)."""

    court_code: CourtCode = Field(examples=["沪0101"])
    cause: ShortText = Field(examples=["民间借贷纠纷"])
    status: CaseStatus
    procedure: Procedure
    filed_on: date
    closed_on: date | None = None
    judge_id: StaffId | None = None
    clerk_id: StaffId | None = None
    parties: list[PartyIn] = Field(min_length=1, max_length=MAX_PARTIES)
    hearings: list[HearingIn] = Field(default_factory=list, max_length=MAX_HEARINGS)
    query_code: QueryCode
    trial_deadline: date | None = Field(
        default=None, description="审限届满日 if the case-management system knows it "
        "(extensions, suspensions); otherwise computed from the statutory period.")


class CourtOut(ResponseModel):
    code: str
    name: str | None


class CaseTypeOut(ResponseModel):
    code: str
    name: str


class PersonOut(ResponseModel):
    id: str
    name: str


class PartyOut(ResponseModel):
    role: str
    name: str
    kind: PartyKind | None = None
    phone: str | None = Field(default=None, description="Masked except for staff.")
    id_number: str | None = Field(default=None, description="Staff only.")


class HearingOut(ResponseModel):
    starts_at: str
    courtroom: str


class EventOut(ResponseModel):
    at: str
    type: str
    label: str


class CaseBasics(ResponseModel):
    """What every view of a case carries."""

    case_number: str = Field(examples=["（2026）沪0101民初1234号"])
    year: int
    court: CourtOut
    case_type: CaseTypeOut
    cause: str
    status: CaseStatus
    status_label: str
    procedure: Procedure
    filed_on: date
    closed_on: date | None
    judge: PersonOut | None


class CaseOut(CaseBasics):
    clerk: PersonOut | None
    parties: list[PartyOut]
    hearings: list[HearingOut]
    trial_deadline: date | None
    events: list[EventOut]
    access: str = Field(description="How the reader got in: staff | party | query_code.")


class CaseSummaryOut(CaseBasics):
    my_roles: list[str] = Field(description="The caller's roles in the case.")
    next_hearing: HearingOut | None


class CaseList(ResponseModel):
    items: list[CaseSummaryOut]
    next_token: str | None
