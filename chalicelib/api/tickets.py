"""Contacting the judge (联系法官) and ticket routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Limit, Reply, endpoint
from chalicelib.api.paging import decode_token, encode_token
from chalicelib.bootstrap import container
from chalicelib.domain.access import Role
from chalicelib.schemas.tickets import (
    CallbackIn,
    DispatchIn,
    RatingIn,
    ReplyIn,
    TicketIn,
    TicketList,
    TicketOut,
    TicketQuery,
)

bp = Blueprint(__name__)
STAFF = {Role.AGENT, Role.JUDGE, Role.ADMIN}


@endpoint(bp, "/v1/cases/{case_number}/callback-requests", method="POST", tags=("tickets",),
          summary="Ask the judge on the case to call back", body=CallbackIn, response=TicketOut,
          status=201, errors=(400, 401, 403, 404, 409, 413, 423, 429),
          headers=("X-Query-Code", "Idempotency-Key"),
          limit=Limit("callback", target="case_number"),
          description="A party on the case (bearer token) or the holder of its query code. "
                      "Creates a CONTACT_JUDGE ticket dispatched to the judge (or clerk), "
                      "due in 2 working days; at most 3 open requests per case and phone.")
def request_callback(call: Call, case_number: str) -> Reply:
    ticket = container().tickets.request_callback(
        case_number, call.body, call.principal, call.header("X-Query-Code") or None,
        call.client_ip, call.header("Idempotency-Key"))
    return Reply(ticket, 201)


@endpoint(bp, "/v1/tickets", method="POST", tags=("tickets",), summary="Record a hotline call",
          body=TicketIn, response=TicketOut,
          status=201, errors=(400, 401, 403, 409, 413), headers=("Idempotency-Key",))
def record_call(call: Call) -> Reply:
    ticket = container().tickets.record_call(call.body, call.principal,
                                             call.header("Idempotency-Key"))
    return Reply(ticket, 201)


@endpoint(bp, "/v1/tickets", tags=("tickets",), summary="Worklists of tickets",
          query=TicketQuery, response=TicketList,
          errors=(400, 401, 403),
          description="`assignee=me[&status=]` (own queue by due time), `overdue=true` "
                      "(admins and division heads: the court's overdue tickets), or "
                      "`status=OPEN` (agents and admins: the court's undispatched queue).")
def worklist(call: Call) -> TicketList:
    query: TicketQuery = call.query
    page = container().tickets.worklist(call.principal, query, decode_token(query.next_token))
    return page.model_copy(update={"next_token": encode_token(page.next_token)})


@endpoint(bp, "/v1/tickets/{ticket_id}", tags=("tickets",), summary="One ticket",
          response=TicketOut, errors=(401, 404))
def get_ticket(call: Call, ticket_id: str) -> TicketOut:
    return container().tickets.get(ticket_id, call.principal)


@endpoint(bp, "/v1/tickets/{ticket_id}/dispatch", method="POST", tags=("tickets",),
          summary="Dispatch (or reassign) a ticket", body=DispatchIn, response=TicketOut,
          errors=(401, 403, 404, 409, 413))
def dispatch(call: Call, ticket_id: str) -> TicketOut:
    return container().tickets.dispatch(ticket_id, call.body, call.principal)


@endpoint(bp, "/v1/tickets/{ticket_id}/reply", method="POST", tags=("tickets",),
          summary="The assignee's reply", body=ReplyIn,
          response=TicketOut, errors=(401, 403, 404, 409, 413))
def reply(call: Call, ticket_id: str) -> TicketOut:
    return container().tickets.reply(ticket_id, call.body, call.principal)


@endpoint(bp, "/v1/tickets/{ticket_id}/rating", method="POST", tags=("tickets",),
          summary="The caller's rating (1 满意, 2 基本满意, 3 不满意)", body=RatingIn,
          response=TicketOut,
          errors=(401, 403, 404, 409, 413))
def rate(call: Call, ticket_id: str) -> TicketOut:
    return container().tickets.rate(ticket_id, call.body, call.principal)
