"""Tickets (工单): every hotline call, and every request to contact the judge.

State machine (API contract): ``OPEN -> DISPATCHED -> REPLIED -> CLOSED``; a call answered
on the spot (当场答复) is created ``CLOSED``. Dispatching again while ``DISPATCHED``
reassigns the ticket (same state, new assignee). Every other move raises `InvalidState`.
Each step appends to an append-only history and returns the events it announces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import day_of, iso, new_id
from chalicelib.domain.errors import InvalidState, Problem, ValidationFailed
from chalicelib.domain.events import DomainEvent

TICKET_ID = re.compile(r"^GD\d{8}-\d{6,9}$")


class Category(StrEnum):
    CONTACT_JUDGE = "CONTACT_JUDGE"
    CASE_INQUIRY = "CASE_INQUIRY"
    CONSULTATION = "CONSULTATION"
    COMPLAINT = "COMPLAINT"
    SUGGESTION = "SUGGESTION"
    OTHER = "OTHER"

    @property
    def label(self) -> str:
        return {
            "CONTACT_JUDGE": "联系法官", "CASE_INQUIRY": "案件查询", "CONSULTATION": "诉讼咨询",
            "COMPLAINT": "投诉", "SUGGESTION": "意见建议", "OTHER": "其他",
        }[self.value]


class Channel(StrEnum):
    HOTLINE = "HOTLINE"
    WEB = "WEB"
    APP = "APP"
    SMS = "SMS"
    WECHAT = "WECHAT"
    WINDOW = "WINDOW"


class TicketStatus(StrEnum):
    OPEN = "OPEN"
    DISPATCHED = "DISPATCHED"
    REPLIED = "REPLIED"
    CLOSED = "CLOSED"

    @property
    def label(self) -> str:
        return {"OPEN": "待派单", "DISPATCHED": "办理中", "REPLIED": "已答复",
                "CLOSED": "已办结"}[self.value]


UNREPLIED = frozenset({TicketStatus.OPEN, TicketStatus.DISPATCHED})


class ReplyResult(StrEnum):
    CALLED_BACK = "CALLED_BACK"
    ANSWERED_BY_SMS = "ANSWERED_BY_SMS"
    UNREACHABLE = "UNREACHABLE"


RATING_LABELS = {1: "满意", 2: "基本满意", 3: "不满意"}

CALLER_RELATIONS = ("当事人", "代理律师", "法定代理人", "近亲属", "其他诉讼参与人", "案外人",
                    "其他")

# 工单描述要素: what a ticket of each category must record, and how to name it to people.
REQUIRED_ELEMENTS: dict[Category, tuple[str, ...]] = {
    Category.CONTACT_JUDGE: ("case_number", "caller.relation", "elements.callback_phone"),
    Category.CASE_INQUIRY: ("case_number",),
    Category.COMPLAINT: ("elements.respondent", "elements.callback_phone"),
}
ELEMENT_NAMES = {
    "case_number": "案号",
    "caller.relation": "来电人与案件的关系",
    "elements.callback_phone": "回电号码",
    "elements.respondent": "被投诉对象",
}


def check_elements(category: Category, present: dict[str, Any]) -> None:
    """Raise naming every required description element that is missing."""
    missing = [e for e in REQUIRED_ELEMENTS.get(category, ()) if not present.get(e)]
    if missing:
        names = "、".join(ELEMENT_NAMES[e] for e in missing)
        raise ValidationFailed(
            f"{category.label}工单缺少描述要素：{names}。",
            [Problem(e, f"缺少{ELEMENT_NAMES[e]}") for e in missing],
        )


def format_ticket_id(day: date, sequence: int) -> str:
    return f"GD{day:%Y%m%d}-{sequence:06d}"


@dataclass(frozen=True)
class Caller:
    name: str
    phone: str | None = None  # E.164
    relation: str | None = None


@dataclass(frozen=True)
class Actor:
    """Who did something to a ticket, as history shows it."""

    id: str
    role: str  # party | agent | judge | admin | system
    name: str = ""

    def label(self) -> str:
        titles = {"party": "当事人", "agent": "座席员", "judge": "法官", "admin": "管理员",
                  "system": "系统"}
        title = titles.get(self.role, self.role)
        return f"{title} {self.name}".strip() if self.role not in ("party", "system") else title


SYSTEM = Actor("system", "system")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    note: str = ""


@dataclass(frozen=True)
class ReplyRecord:
    result: ReplyResult
    note: str
    at: datetime
    within_sla: bool


@dataclass(frozen=True)
class RatingRecord:
    score: int
    at: datetime


@dataclass(frozen=True)
class Ticket:
    ticket_id: str
    category: Category
    channel: Channel
    status: TicketStatus
    answered_on_spot: bool
    court_code: str
    caller: Caller
    summary: str
    created_at: datetime
    created_by: Actor
    case_number: str | None = None
    callback_phone: str | None = None
    preferred_time: str | None = None
    elements: dict[str, str] = field(default_factory=dict)
    assignee: PersonRef | None = None
    due_at: datetime | None = None
    due_at_provisional: bool = False
    overdue: bool = False
    escalated: bool = False
    escalate_at: datetime | None = None
    escalated_to: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    reply: ReplyRecord | None = None
    rating: RatingRecord | None = None
    limited: bool = False  # counts toward the 3-open-callbacks limit of (case, phone)
    version: int = 0

    @property
    def contact_phone(self) -> str | None:
        return self.callback_phone or self.caller.phone

    def event(self, kind: str, at: datetime, **extra: Any) -> DomainEvent:
        payload = {
            "ticket_id": self.ticket_id, "category": self.category.value,
            "channel": self.channel.value, "status": self.status.value,
            "case_number": self.case_number, "answered_on_spot": self.answered_on_spot,
            "assignee_id": self.assignee.id if self.assignee else None,
            "due_at": iso(self.due_at) if self.due_at else None,
            "created_by": self.created_by.id if self.created_by.role == "agent" else None,
            "day": day_of(self.created_at).isoformat(),
            **extra,
        }
        return DomainEvent(new_id(at), kind, at, "ticket", self.ticket_id, self.court_code,
                           payload=payload)


def _record(ticket: Ticket, at: datetime, actor: Actor, action: str, note: str = "",
            **changes: Any) -> Ticket:
    entry = HistoryEntry(at, actor.label(), action, note)
    return replace(ticket, history=(*ticket.history, entry), **changes)


def opened(ticket: Ticket) -> tuple[Ticket, list[DomainEvent]]:
    """A new ticket, in the state its facts call for, with its creation events."""
    at, actor = ticket.created_at, ticket.created_by
    if ticket.answered_on_spot:
        closed = _record(ticket, at, actor, "ANSWERED_ON_SPOT", status=TicketStatus.CLOSED,
                         assignee=None, due_at=None, due_at_provisional=False)
        return closed, [closed.event("TICKET_CREATED", at)]
    if ticket.assignee is None:
        queued = _record(ticket, at, actor, "CREATED", "待派单", status=TicketStatus.OPEN)
        return queued, [queued.event("TICKET_CREATED", at)]
    created = _record(ticket, at, actor, "CREATED", status=TicketStatus.DISPATCHED)
    dispatched = _record(created, at, SYSTEM, "DISPATCHED", f"派单至{ticket.assignee.name}")
    return dispatched, [dispatched.event("TICKET_CREATED", at),
                        dispatched.event("TICKET_DISPATCHED", at, reassigned=False)]


def _require(ticket: Ticket, allowed: set[TicketStatus], action: str) -> None:
    if ticket.status not in allowed:
        raise InvalidState(f"工单当前为“{ticket.status.label}”状态，不能{action}。")


def dispatch(ticket: Ticket, assignee: PersonRef, actor: Actor,
             at: datetime) -> tuple[Ticket, list[DomainEvent]]:
    _require(ticket, {TicketStatus.OPEN, TicketStatus.DISPATCHED}, "派单")
    if ticket.assignee == assignee:
        raise InvalidState("工单已派给该承办人。")
    action = "REASSIGNED" if ticket.status is TicketStatus.DISPATCHED else "DISPATCHED"
    updated = _record(ticket, at, actor, action, f"派单至{assignee.name}",
                      status=TicketStatus.DISPATCHED, assignee=assignee)
    return updated, [updated.event("TICKET_DISPATCHED", at, reassigned=action == "REASSIGNED")]


def reply(ticket: Ticket, result: ReplyResult, note: str, actor: Actor,
          at: datetime) -> tuple[Ticket, list[DomainEvent]]:
    _require(ticket, {TicketStatus.DISPATCHED}, "答复")
    within = ticket.due_at is None or at <= ticket.due_at
    record = ReplyRecord(result, note, at, within)
    updated = _record(ticket, at, actor, "REPLIED", note, status=TicketStatus.REPLIED,
                      reply=record)
    return updated, [updated.event("TICKET_REPLIED", at, result=result.value, within_sla=within)]


def rate(ticket: Ticket, score: int, actor: Actor,
         at: datetime) -> tuple[Ticket, list[DomainEvent]]:
    if score not in RATING_LABELS:
        raise ValidationFailed(details=[Problem("score", "评分应为1、2或3")])
    if ticket.rating is not None:
        raise InvalidState("该工单已评价，谢谢您。")
    _require(ticket, {TicketStatus.REPLIED}, "评价")
    updated = _record(ticket, at, actor, "RATED", RATING_LABELS[score],
                      status=TicketStatus.CLOSED, rating=RatingRecord(score, at))
    return updated, [updated.event("TICKET_RATED", at, score=score)]


def mark_overdue(ticket: Ticket, at: datetime,
                 escalate_at: datetime) -> tuple[Ticket, list[DomainEvent]]:
    _require(ticket, set(UNREPLIED), "标记超期")
    if ticket.overdue:
        raise InvalidState("工单已标记超期。")
    updated = _record(ticket, at, SYSTEM, "OVERDUE", "已超过办理期限，已提醒承办人",
                      overdue=True, escalate_at=escalate_at)
    return updated, [updated.event("TICKET_OVERDUE", at)]


def escalate(ticket: Ticket, at: datetime,
             supervisor: PersonRef | None) -> tuple[Ticket, list[DomainEvent]]:
    _require(ticket, set(UNREPLIED), "督办")
    if not ticket.overdue or ticket.escalated:
        raise InvalidState("工单不需要督办。")
    note = f"超期一个工作日仍未答复，已督办至{supervisor.name}" if supervisor else (
        "超期一个工作日仍未答复，未找到庭长，请法院管理员督办")
    updated = _record(ticket, at, SYSTEM, "ESCALATED", note, escalated=True,
                      escalated_to=supervisor.id if supervisor else None)
    return updated, [updated.event("TICKET_ESCALATED", at,
                                   supervisor_id=supervisor.id if supervisor else None)]
