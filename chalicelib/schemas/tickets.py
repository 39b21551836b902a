"""Models for contacting the judge and for tickets."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from chalicelib.domain.tickets import (
    CALLER_RELATIONS,
    Category,
    Channel,
    ReplyResult,
    TicketStatus,
)
from chalicelib.schemas.cases import CourtOut, PersonOut
from chalicelib.schemas.common import CourtCode, Phone, ResponseModel, StaffId, StrictModel

_ELEMENT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_ELEMENTS = 20


def _relation(value: str) -> str:
    if value not in CALLER_RELATIONS:
        raise ValueError(f"应为：{'、'.join(CALLER_RELATIONS)}")
    return value


def _elements(value: dict[str, str]) -> dict[str, str]:
    if len(value) > MAX_ELEMENTS:
        raise ValueError(f"描述要素最多{MAX_ELEMENTS}项")
    for key, text in value.items():
        if not _ELEMENT_KEY.match(key):
            raise ValueError(f"要素名“{key}”应为小写字母、数字或下划线")
        if not text.strip() or len(text) > 200:
            raise ValueError(f"要素“{key}”应为1至200个字符")
    return value


Relation = Annotated[str, AfterValidator(_relation)]
Text = Annotated[str, Field(min_length=1, max_length=500)]


class CallbackIn(StrictModel):
    """A party's request that the judge call back (POST /v1/cases/{n}/callback-requests)."""

    phone: Phone = Field(description="The number the judge should call.")
    message: Text = Field(examples=["想了解开庭前需要准备哪些材料"])
    preferred_time: Annotated[str, Field(min_length=1, max_length=50)] | None = Field(
        default=None, examples=["工作日下午"])
    name: Annotated[str, Field(min_length=1, max_length=50)] | None = None
    relation: Relation | None = Field(default=None, description="Defaults to 当事人.")
    channel: Literal["WEB", "APP", "WECHAT", "SMS"] = "WEB"


class CallerIn(StrictModel):
    name: Annotated[str, Field(min_length=1, max_length=50)]
    phone: Phone | None = None
    relation: Relation | None = None


class TicketIn(StrictModel):
    """A hotline call recorded by an agent (POST /v1/tickets)."""

    category: Category
    channel: Channel
    caller: CallerIn
    summary: Annotated[str, Field(min_length=1, max_length=1000)]
    case_number: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    elements: Annotated[dict[str, str], AfterValidator(_elements)] = Field(default_factory=dict)
    answered_on_spot: bool


class DispatchIn(StrictModel):
    assignee_id: StaffId


class ReplyIn(StrictModel):
    result: ReplyResult
    note: Text


class RatingIn(StrictModel):
    score: Literal[1, 2, 3] = Field(description="1 满意, 2 基本满意, 3 不满意")


class TicketQuery(StrictModel):
    """Worklists: ``assignee=me`` (+ ``status``), ``overdue=true``, or ``status=OPEN``."""

    model_config = StrictModel.model_config | {"strict": False}

    assignee: Literal["me"] | None = None
    status: TicketStatus | None = None
    overdue: bool | None = None
    court: CourtCode | None = None
    limit: int = Field(default=20, ge=1, le=100)
    next_token: Annotated[str, Field(min_length=1, max_length=512)] | None = None


class CallerOut(ResponseModel):
    name: str
    phone: str | None = Field(default=None, description="Masked except for staff.")
    relation: str | None = None


class HistoryOut(ResponseModel):
    at: str
    actor: str
    action: str
    note: str


class ReplyOut(ResponseModel):
    result: ReplyResult
    note: str
    at: str
    within_sla: bool


class RatingOut(ResponseModel):
    score: int
    label: str
    at: str


class TicketOut(ResponseModel):
    ticket_id: str = Field(examples=["GD20261130-000042"])
    category: Category
    category_label: str
    channel: Channel
    status: TicketStatus
    status_label: str
    answered_on_spot: bool
    case_number: str | None
    court: CourtOut
    caller: CallerOut
    callback_phone: str | None = Field(description="Masked except for staff.")
    preferred_time: str | None
    summary: str
    elements: dict[str, str] | None = Field(default=None, description="Staff only.")
    assignee: PersonOut | None
    due_at: str | None
    due_at_provisional: bool = Field(
        description="True when no published calendar covered the period (weekdays counted).")
    overdue: bool
    escalated: bool
    history: list[HistoryOut]
    reply: ReplyOut | None
    rating: RatingOut | None
    created_at: str


class TicketList(ResponseModel):
    items: list[TicketOut]
    next_token: str | None


