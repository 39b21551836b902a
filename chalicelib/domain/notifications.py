"""Who gets which text for each event (the SMS plan), and what an inbound SMS means.

The plan is pure: the sender service looks up the ticket, the case and the staff
directory, and this module decides recipients and templates from them. Texts are rendered
with `chalicelib.domain.sms` at delivery time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.cases import Case
from chalicelib.domain.sms import date_time, short_date
from chalicelib.domain.staff import StaffMember
from chalicelib.domain.tickets import Category, Ticket

SMS_EVENT_TYPES = (
    "TICKET_CREATED", "TICKET_DISPATCHED", "TICKET_REPLIED", "TICKET_OVERDUE",
    "TICKET_ESCALATED", "HEARING_SCHEDULED", "HEARING_REMINDER", "SMS_REPLY",
)
STATS_EVENT_TYPES = (
    "TICKET_CREATED", "TICKET_DISPATCHED", "TICKET_REPLIED", "TICKET_OVERDUE",
    "TICKET_ESCALATED", "TICKET_RATED",
)


@dataclass(frozen=True)
class Outgoing:
    phone: str  # E.164
    template: str
    params: dict[str, str] = field(default_factory=dict)


def for_ticket(event_type: str, ticket: Ticket, staff: StaffMember | None) -> list[Outgoing]:
    """Texts for a ticket event. ``staff`` is the assignee (or, when escalated, the
    supervisor) the event names, looked up in the directory."""
    if ticket.answered_on_spot:
        return []
    due = short_date(ticket.due_at) if ticket.due_at else ""
    caller = ticket.contact_phone
    if event_type == "TICKET_CREATED" and caller and due:
        template = ("TICKET_RECEIPT" if ticket.category is Category.CONTACT_JUDGE
                    else "TICKET_RECEIPT_QUEUED")
        return [Outgoing(caller, template, {"ticket_id": ticket.ticket_id, "due": due})]
    if event_type == "TICKET_REPLIED" and caller:
        return [Outgoing(caller, "TICKET_REPLIED", {"ticket_id": ticket.ticket_id})]
    if staff is None or not due:
        return []
    return _for_staff(event_type, ticket, staff, due)


def _for_staff(event_type: str, ticket: Ticket, staff: StaffMember, due: str) -> list[Outgoing]:
    if event_type == "TICKET_DISPATCHED":
        if ticket.category is Category.CONTACT_JUDGE and ticket.case_number:
            return [Outgoing(staff.phone, "TICKET_ASSIGNED", {
                "assignee": staff.name, "case_number": ticket.case_number,
                "ticket_id": ticket.ticket_id, "due": due})]
        return [Outgoing(staff.phone, "TICKET_ASSIGNED_GENERAL", {
            "assignee": staff.name, "category": ticket.category.label,
            "ticket_id": ticket.ticket_id, "due": due})]
    if event_type == "TICKET_OVERDUE":
        return [Outgoing(staff.phone, "TICKET_OVERDUE", {"ticket_id": ticket.ticket_id,
                                                         "due": due})]
    if event_type == "TICKET_ESCALATED" and ticket.assignee is not None:
        return [Outgoing(staff.phone, "TICKET_ESCALATED", {
            "assignee": ticket.assignee.name, "ticket_id": ticket.ticket_id})]
    return []


def for_hearing(event_type: str, case: Case, starts_at: datetime,
                courtroom: str) -> list[Outgoing]:
    """A hearing notice (new or moved hearing) or reminder to every party with a phone."""
    template = {"HEARING_SCHEDULED": "HEARING_NOTICE",
                "HEARING_REMINDER": "HEARING_REMINDER"}.get(event_type)
    if template is None:
        return []
    params = {"case_number": str(case.number), "when": date_time(starts_at),
              "courtroom": courtroom}
    return [Outgoing(phone, template, params) for phone in sorted(case.party_phones())]


class InboundAction(StrEnum):
    RATED = "RATED"
    NOTHING_TO_RATE = "NOTHING_TO_RATE"
    OPTED_OUT = "OPTED_OUT"
    HELP = "HELP"


@dataclass(frozen=True)
class InboundMeaning:
    score: int | None = None
    opt_out: bool = False


_OPT_OUT = re.compile(r"^(TD|退订|TD退订)$", re.IGNORECASE)


def read_inbound(text: str) -> InboundMeaning:
    """``1``/``2``/``3`` rate, ``TD``/``退订`` opt out; anything else asks for help."""
    compact = re.sub(r"[\s。.！!，,]+", "", text)
    if compact in ("1", "2", "3"):
        return InboundMeaning(score=int(compact))
    if _OPT_OUT.match(compact):
        return InboundMeaning(opt_out=True)
    return InboundMeaning()
