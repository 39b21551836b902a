"""Use cases of contacting the judge (联系法官) and of the hotline's tickets (工单)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain import tickets as t
from chalicelib.domain.access import Audience, Principal, Role
from chalicelib.domain.case_number import parse_case_number
from chalicelib.domain.cases import Case, PersonRef
from chalicelib.domain.clock import Clock, day_of
from chalicelib.domain.courts import covers
from chalicelib.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    Problem,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.identity import parse_phone
from chalicelib.domain.sla import SlaPolicy, due_at
from chalicelib.domain.staff import StaffRole
from chalicelib.observability import count
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
from chalicelib.services.authz import court_served, staff_with
from chalicelib.services.calendar import CalendarService
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.ports import (
    CaseRepository,
    IdempotencyStore,
    LimitReached,
    StaffRepository,
    StaleWrite,
    TicketRepository,
)
from chalicelib.services.ticket_views import ticket_out

OPEN_CALLBACK_LIMIT = 3  # API contract: at most 3 open callback requests per case per phone
TRANSITION_ATTEMPTS = 3


class TicketNotFound(NotFound):
    code = "TICKET_NOT_FOUND"
    default_message = "未找到该工单，请您核对工单号。"


@dataclass(frozen=True)
class Created:
    ticket: TicketOut
    replayed: bool = False


class TicketService:
    def __init__(self, tickets: TicketRepository, cases: CaseRepository, access: CaseAccess,
                 staff: StaffRepository, calendar: CalendarService, sla: SlaPolicy,
                 clock: Clock, idempotency: IdempotencyStore) -> None:
        self._tickets = tickets
        self._cases = cases
        self._access = access
        self._staff = staff
        self._calendar = calendar
        self._sla = sla
        self._clock = clock
        self._idempotency = idempotency

    # -- creation --------------------------------------------------------------------------

    def request_callback(self, raw_number: str, data: CallbackIn, principal: Principal | None,
                         code: str | None, client: str, idempotency_key: str | None) -> TicketOut:
        """A party asks the judge on their case to call back: a CONTACT_JUDGE ticket,
        dispatched to the case's judge (or clerk), due in N working days."""
        number = parse_case_number(raw_number)
        if principal is not None and principal.is_staff:
            raise Forbidden("工作人员请通过 POST /v1/tickets 登记来电。")

        def create() -> dict[str, Any]:
            case, audience = self._access.read(number, principal, code, client)
            return _dump(self._callback(case, audience, data, principal))

        scope = f"callback#{number}#{principal.subject if principal else 'code'}"
        return self._once(scope, idempotency_key, data.model_dump(mode="json"), create)

    def _callback(self, case: Case, audience: Audience, data: CallbackIn,
                  principal: Principal | None) -> TicketOut:
        phones = {data.phone} | ({principal.phone} if principal and principal.phone else set())
        matching = [p for p in case.parties if p.phone in phones]
        name = data.name or (matching[0].name if matching else "当事人")
        actor = t.Actor(principal.subject if principal else "query_code", "party", name)
        assignee = case.judge or case.clerk
        ticket = self._open(
            category=t.Category.CONTACT_JUDGE, channel=t.Channel(data.channel),
            court_code=case.court_code, case_number=str(case.number),
            caller=t.Caller(name, data.phone, data.relation or "当事人"),
            callback_phone=data.phone, summary=data.message, elements={},
            preferred_time=data.preferred_time, assignee=assignee, on_spot=False,
            actor=actor, limited=True,
        )
        count("CallbackRequested", access=audience.value)
        return self._store_new(ticket, Audience.PARTY)

    def record_call(self, data: TicketIn, principal: Principal | None,
                    idempotency_key: str | None) -> TicketOut:
        """An agent records a hotline call: answered on the spot (CLOSED) or dispatched."""
        agent = staff_with(principal, {Role.AGENT, Role.ADMIN}, "仅座席员可登记来电。")

        def create() -> dict[str, Any]:
            return _dump(self._record(data, agent))

        scope = f"call#{agent.subject}"
        return self._once(scope, idempotency_key, data.model_dump(mode="json"), create)

    def _record(self, data: TicketIn, agent: Principal) -> TicketOut:
        case_number = _case_number_of(data)
        callback = _callback_phone_of(data)
        t.check_elements(data.category, {
            "case_number": case_number, "caller.relation": data.caller.relation,
            "elements.callback_phone": callback, "elements.respondent":
            data.elements.get("respondent"),
        })
        court = parse_case_number(case_number).court_code if case_number else agent.court
        if court is None or not agent.serves(court):
            raise Forbidden("该案件不属于您所服务的法院。")
        assignee = None
        if not data.answered_on_spot and case_number is not None:
            case = self._cases.get(parse_case_number(case_number)).case
            assignee = (case.judge or case.clerk) if case else None
        ticket = self._open(
            category=data.category, channel=data.channel, court_code=court,
            case_number=case_number,
            caller=t.Caller(data.caller.name, data.caller.phone, data.caller.relation),
            callback_phone=callback, summary=data.summary,
            elements={k: v.strip() for k, v in data.elements.items()}, preferred_time=None,
            assignee=assignee, on_spot=data.answered_on_spot,
            actor=t.Actor(agent.subject, agent.role.value, agent.name), limited=False,
        )
        count("CallRecorded", on_spot=str(data.answered_on_spot).lower())
        return self._store_new(ticket, Audience.STAFF)

    def _open(self, *, category: t.Category, channel: t.Channel, court_code: str,
                    case_number: str | None, caller: t.Caller, callback_phone: str | None,
                    summary: str, elements: dict[str, str], preferred_time: str | None,
                    assignee: PersonRef | None, on_spot: bool, actor: t.Actor,
                    limited: bool) -> tuple[t.Ticket, list[DomainEvent]]:
        now = self._clock.now()
        sequence = self._tickets.next_sequence(day_of(now))
        due, provisional = None, False
        if not on_spot:
            days = self._sla.working_days(court_code, category)
            due, provisional = due_at(self._calendar.working, now, days)
        draft = t.Ticket(
            ticket_id=t.format_ticket_id(day_of(now), sequence), category=category,
            channel=channel, status=t.TicketStatus.OPEN, answered_on_spot=on_spot,
            court_code=court_code, caller=caller, summary=summary.strip(), created_at=now,
            created_by=actor, case_number=case_number, callback_phone=callback_phone,
            preferred_time=preferred_time, elements=elements, assignee=assignee,
            due_at=due, due_at_provisional=provisional, limited=limited,
        )
        return t.opened(draft)

    def _store_new(self, opened: tuple[t.Ticket, list[DomainEvent]],
                   audience: Audience) -> TicketOut:
        ticket, events = opened
        try:
            stored = self._tickets.create(ticket, events, OPEN_CALLBACK_LIMIT)
        except LimitReached:
            raise RateLimited(
                3600, f"您就该案已有{OPEN_CALLBACK_LIMIT}个联系法官请求正在办理中，"
                "请您等待法官回复后再提交，谢谢。") from None
        return ticket_out(stored, audience)

    def _once(self, scope: str, key: str | None, payload: dict[str, Any],
              create: Callable[[], dict[str, Any]]) -> TicketOut:
        if key is None:
            return TicketOut.model_validate(create())
        if not 1 <= len(key) <= 128:
            raise ValidationFailed(details=[Problem("Idempotency-Key", "长度应为1至128个字符")])
        return TicketOut.model_validate(self._idempotency.run(scope, key, payload, create))

    # -- reading ---------------------------------------------------------------------------

    def get(self, ticket_id: str, principal: Principal | None) -> TicketOut:
        """A ticket for its caller, its assignee or staff of its court; 404 for anyone else."""
        if principal is None:
            raise Unauthenticated("请您先登录。")
        ticket = self._load(ticket_id)
        return ticket_out(ticket, self._audience(ticket, principal))

    def _load(self, ticket_id: str) -> t.Ticket:
        if not t.TICKET_ID.match(ticket_id):
            raise TicketNotFound()
        ticket = self._tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound()
        return ticket

    @staticmethod
    def _audience(ticket: t.Ticket, principal: Principal) -> Audience:
        if principal.role is Role.PARTY:
            if principal.phone in {ticket.caller.phone, ticket.callback_phone} - {None}:
                return Audience.PARTY
            raise TicketNotFound()
        assigned = ticket.assignee is not None and ticket.assignee.id == principal.subject
        if assigned or principal.serves(ticket.court_code):
            return Audience.STAFF
        raise TicketNotFound()

    def worklist(self, principal: Principal | None, query: TicketQuery,
                 cursor: str | None) -> TicketList:
        """An assignee's queue, a court's overdue list, or a court's undispatched queue."""
        staff = staff_with(principal, {Role.AGENT, Role.JUDGE, Role.ADMIN},
                            "仅法院工作人员可查看工单列表。")
        if query.overdue:
            court = self._court_for_supervision(staff, query.court)
            page = self._tickets.unreplied(court, query.limit, cursor,
                                           due_before=self._clock.now())
        elif query.assignee == "me":
            status = query.status or t.TicketStatus.DISPATCHED
            page = self._tickets.assigned(staff.subject, status, query.limit, cursor)
        elif query.status is t.TicketStatus.OPEN:
            if staff.role is Role.JUDGE:
                raise Forbidden("待派单列表仅供座席员和管理员查看。")
            court = court_served(staff, query.court)
            page = self._tickets.unreplied(court, query.limit, cursor, status=t.TicketStatus.OPEN)
        else:
            raise ValidationFailed("请指定 assignee=me、overdue=true 或 status=OPEN。", [
                Problem("assignee", "可选 me"), Problem("overdue", "可选 true")])
        return TicketList(items=[ticket_out(x, Audience.STAFF) for x in page.items],
                          next_token=page.cursor)

    def _court_for_supervision(self, staff: Principal, wanted: str | None) -> str:
        court = court_served(staff, wanted)
        if staff.role is Role.ADMIN:
            return court
        member = self._staff.get(staff.subject)
        if member is None or member.role is not StaffRole.DIVISION_HEAD:
            raise Forbidden("超期工单列表仅供管理员和庭长查看。")
        return court

    # -- transitions -----------------------------------------------------------------------

    def dispatch(self, ticket_id: str, data: DispatchIn, principal: Principal | None) -> TicketOut:
        staff = staff_with(principal, {Role.AGENT, Role.ADMIN}, "仅座席员或管理员可派单。")
        member = self._staff.get(data.assignee_id)

        def step(ticket: t.Ticket, now: datetime) -> tuple[t.Ticket, list[DomainEvent]]:
            if not staff.serves(ticket.court_code):
                raise TicketNotFound()
            if member is None or not covers(member.court_code, ticket.court_code):
                raise ValidationFailed(details=[Problem("assignee_id", "该法院人员名录中没有此人")])
            actor = t.Actor(staff.subject, staff.role.value, staff.name)
            return t.dispatch(ticket, PersonRef(member.staff_id, member.name), actor, now)

        return self._transition(ticket_id, step, Audience.STAFF)

    def reply(self, ticket_id: str, data: ReplyIn, principal: Principal | None) -> TicketOut:
        staff = staff_with(principal, {Role.AGENT, Role.JUDGE, Role.ADMIN}, "仅承办人可答复。")

        def step(ticket: t.Ticket, now: datetime) -> tuple[t.Ticket, list[DomainEvent]]:
            self._audience(ticket, staff)  # 404 for staff who cannot see it at all
            if ticket.assignee is None or ticket.assignee.id != staff.subject:
                raise Forbidden("仅该工单的承办人可以答复。")
            actor = t.Actor(staff.subject, staff.role.value, ticket.assignee.name)
            return t.reply(ticket, data.result, data.note.strip(), actor, now)

        return self._transition(ticket_id, step, Audience.STAFF)

    def rate(self, ticket_id: str, data: RatingIn, principal: Principal | None) -> TicketOut:
        if principal is None:
            raise Unauthenticated("请您先登录。")
        if principal.role is not Role.PARTY:
            raise Forbidden("仅来电人本人可以评价。")

        def step(ticket: t.Ticket, now: datetime) -> tuple[t.Ticket, list[DomainEvent]]:
            self._audience(ticket, principal)
            return t.rate(ticket, data.score, t.Actor(principal.subject, "party"), now)

        return self._transition(ticket_id, step, Audience.PARTY)

    def rate_by_phone(self, phone: str, score: int) -> TicketOut | None:
        """A rating sent by SMS: the sender's latest ticket awaiting a rating, if any."""
        ticket = self._tickets.awaiting_rating(parse_phone(phone))
        if ticket is None:
            return None
        actor = t.Actor("sms", "party")
        return self._transition(ticket.ticket_id,
                                lambda tk, now: t.rate(tk, score, actor, now), Audience.PARTY)

    def _transition(self, ticket_id: str,
                    step: Callable[[t.Ticket, datetime], tuple[t.Ticket, list[DomainEvent]]],
                    audience: Audience) -> TicketOut:
        """Read, apply ``step``, write with a version check; re-read and retry on a race."""
        for _ in range(TRANSITION_ATTEMPTS):
            current = self._load(ticket_id)
            updated, events = step(current, self._clock.now())
            try:
                stored = self._tickets.save(updated, current, events)
            except StaleWrite:
                continue
            for event in events:
                count(event.type)
            return ticket_out(stored, audience)
        raise Conflict("工单正在被他人处理，请您刷新后重试。")


def _dump(ticket: TicketOut) -> dict[str, Any]:
    """What idempotency stores and replays: only the fields the view set."""
    return ticket.model_dump(mode="json", exclude_unset=True)


def _case_number_of(data: TicketIn) -> str | None:
    texts = {s for s in (data.case_number, data.elements.get("case_number")) if s}
    numbers = set()
    for text in texts:
        try:
            numbers.add(str(parse_case_number(text)))
        except DomainError as error:
            raise ValidationFailed(details=error.details) from None
    if len(numbers) > 1:
        raise ValidationFailed(details=[Problem("case_number", "与 elements.case_number 不一致")])
    return numbers.pop() if numbers else None


def _callback_phone_of(data: TicketIn) -> str | None:
    text = data.elements.get("callback_phone")
    if text is None:
        return data.caller.phone
    return parse_phone(text, field="elements.callback_phone")
