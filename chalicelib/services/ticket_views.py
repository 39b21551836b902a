"""What staff and callers see of a ticket (phones masked for anyone but staff)."""

from __future__ import annotations

from chalicelib.domain.access import Audience
from chalicelib.domain.clock import iso
from chalicelib.domain.courts import court
from chalicelib.domain.masking import mask_phone
from chalicelib.domain.tickets import RATING_LABELS, Ticket
from chalicelib.schemas.cases import CourtOut, PersonOut
from chalicelib.schemas.tickets import CallerOut, HistoryOut, RatingOut, ReplyOut, TicketOut


def _phone(phone: str | None, audience: Audience) -> str | None:
    if phone is None or audience is Audience.STAFF:
        return phone
    return mask_phone(phone)


def ticket_out(ticket: Ticket, audience: Audience) -> TicketOut:
    staff = audience is Audience.STAFF
    entry = court(ticket.court_code)
    reply = ticket.reply
    rating = ticket.rating
    return TicketOut(
        ticket_id=ticket.ticket_id,
        category=ticket.category,
        category_label=ticket.category.label,
        channel=ticket.channel,
        status=ticket.status,
        status_label=ticket.status.label,
        answered_on_spot=ticket.answered_on_spot,
        case_number=ticket.case_number,
        court=CourtOut(code=entry.code, name=entry.name),
        caller=CallerOut(name=ticket.caller.name, phone=_phone(ticket.caller.phone, audience),
                         relation=ticket.caller.relation),
        callback_phone=_phone(ticket.callback_phone, audience),
        preferred_time=ticket.preferred_time,
        summary=ticket.summary,
        **({"elements": dict(ticket.elements)} if staff else {}),
        assignee=PersonOut(id=ticket.assignee.id, name=ticket.assignee.name)
        if ticket.assignee else None,
        due_at=iso(ticket.due_at) if ticket.due_at else None,
        due_at_provisional=ticket.due_at_provisional,
        overdue=ticket.overdue,
        escalated=ticket.escalated,
        history=[HistoryOut(at=iso(h.at), actor=h.actor, action=h.action, note=h.note)
                 for h in ticket.history],
        reply=ReplyOut(result=reply.result, note=reply.note, at=iso(reply.at),
                       within_sla=reply.within_sla) if reply else None,
        rating=RatingOut(score=rating.score, label=RATING_LABELS[rating.score],
                         at=iso(rating.at)) if rating else None,
        created_at=iso(ticket.created_at),
    )
