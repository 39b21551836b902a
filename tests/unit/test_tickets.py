"""Tickets: every transition (allowed and refused), description elements, the use cases,
idempotency and the sweep, on the in-memory fakes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Literal

import pytest

from chalicelib.bootstrap import Container
from chalicelib.domain import tickets as t
from chalicelib.domain.access import Principal, Role
from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import (
    CaseNotFound,
    Forbidden,
    IdempotencyKeyReused,
    InvalidState,
    Locked,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.schemas.cases import CaseSyncIn
from chalicelib.schemas.tickets import (
    CallbackIn,
    DispatchIn,
    RatingIn,
    ReplyIn,
    TicketIn,
    TicketQuery,
)
from chalicelib.services.tickets import TicketNotFound
from tests.fakes import FakeTicketRepository, FixedClock, fake_adapters
from tests.support import (
    CASE,
    DEFENDANT_PHONE,
    PLAINTIFF_PHONE,
    QUERY_CODE,
    STRANGER_PHONE,
    case_payload,
    json_body,
    local_settings,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)  # a Monday
ADMIN = Principal("A1", Role.ADMIN, "管理员", court="沪0101")
JUDGE = Principal("J001", Role.JUDGE, "王法官", court="沪0101")
CLERK = Principal("C001", Role.JUDGE, "赵书记员", court="沪0101")
AGENT = Principal("AG1", Role.AGENT, "李座席", court="沪")
HEAD = Principal("H001", Role.JUDGE, "钱庭长", court="沪0101")
PARTY = Principal("P1", Role.PARTY, phone=PLAINTIFF_PHONE)
STRANGER = Principal("P9", Role.PARTY, phone=STRANGER_PHONE)


@pytest.fixture
def world() -> dict[str, Any]:
    clock = FixedClock(NOW)
    adapters = fake_adapters()
    container = Container.build(local_settings(), clock=clock, adapters=adapters)
    for member in (
        StaffMember("H001", "钱庭长", StaffRole.DIVISION_HEAD, "沪0101", "民一庭",
                    "+8613900000009"),
        StaffMember("J001", "王法官", StaffRole.JUDGE, "沪0101", "民一庭", "+8613900000001",
                    "H001"),
        StaffMember("C001", "赵书记员", StaffRole.CLERK, "沪0101", "民一庭", "+8613900000002"),
        StaffMember("J002", "陈法官", StaffRole.JUDGE, "沪0101", "民一庭", "+8613900000003"),
    ):
        adapters.staff.save(member)
    container.cases.sync(CASE, CaseSyncIn.model_validate_json(json_body(case_payload())), ADMIN)
    return {"c": container, "clock": clock, "repo": adapters.tickets}


def callback(world: dict[str, Any], principal: Principal | None = PARTY, code: str | None = None,
             key: str | None = None, **body: Any) -> Any:
    data = CallbackIn.model_validate_json(json.dumps(
        {"phone": "13812345678", "message": "请法官回电，想了解开庭准备", **body}))
    return world["c"].tickets.request_callback(CASE, data, principal, code, "1.2.3.4", key)


def call(world: dict[str, Any], key: str | None = None, **body: Any) -> Any:
    payload = {"category": "CONTACT_JUDGE", "channel": "HOTLINE",
               "caller": {"name": "李四", "phone": "13812345678", "relation": "当事人"},
               "summary": "来电要求法官回电", "case_number": CASE, "answered_on_spot": False,
               **body}
    return world["c"].tickets.record_call(TicketIn.model_validate_json(json.dumps(payload)),
                                          AGENT, key)


def events(world: dict[str, Any]) -> list[str]:
    return [e.type for e in world["repo"].events]


# -- the state machine -----------------------------------------------------------------------

def a_ticket(status: t.TicketStatus, **changes: Any) -> t.Ticket:
    base = t.Ticket("GD20261130-000001", t.Category.CONTACT_JUDGE, t.Channel.WEB, status, False,
                    "沪0101", t.Caller("李四", PLAINTIFF_PHONE, "当事人"), "请回电", NOW,
                    t.Actor("P1", "party"), case_number=CASE,
                    assignee=PersonRef("J001", "王法官"), due_at=NOW + timedelta(days=2))
    return replace(base, **changes)


ACTOR = t.Actor("AG1", "agent", "李座席")
MOVES = {
    "dispatch": lambda tk: t.dispatch(tk, PersonRef("J002", "陈法官"), ACTOR, NOW),
    "reply": lambda tk: t.reply(tk, t.ReplyResult.CALLED_BACK, "已回电", ACTOR, NOW),
    "rate": lambda tk: t.rate(tk, 1, ACTOR, NOW),
    "overdue": lambda tk: t.mark_overdue(tk, NOW, NOW + timedelta(days=1)),
}
ALLOWED = {
    ("dispatch", t.TicketStatus.OPEN): t.TicketStatus.DISPATCHED,
    ("dispatch", t.TicketStatus.DISPATCHED): t.TicketStatus.DISPATCHED,  # reassignment
    ("reply", t.TicketStatus.DISPATCHED): t.TicketStatus.REPLIED,
    ("rate", t.TicketStatus.REPLIED): t.TicketStatus.CLOSED,
    ("overdue", t.TicketStatus.OPEN): t.TicketStatus.OPEN,
    ("overdue", t.TicketStatus.DISPATCHED): t.TicketStatus.DISPATCHED,
}


@pytest.mark.parametrize("move", sorted(MOVES))
@pytest.mark.parametrize("status", list(t.TicketStatus))
def test_every_transition_is_allowed_or_refused(move: str, status: t.TicketStatus) -> None:
    ticket = a_ticket(status)
    if (move, status) in ALLOWED:
        updated, announced = MOVES[move](ticket)
        assert updated.status is ALLOWED[(move, status)]
        assert updated.history[:len(ticket.history)] == ticket.history  # append-only
        assert len(updated.history) == len(ticket.history) + 1
        assert announced
    else:
        with pytest.raises(InvalidState):
            MOVES[move](ticket)


def test_opening_picks_the_state_from_the_facts() -> None:
    on_spot, ev = t.opened(a_ticket(t.TicketStatus.OPEN, answered_on_spot=True))
    assert (on_spot.status, on_spot.due_at, [e.type for e in ev]) == (
        t.TicketStatus.CLOSED, None, ["TICKET_CREATED"])
    queued, _ = t.opened(a_ticket(t.TicketStatus.OPEN, assignee=None))
    assert queued.status is t.TicketStatus.OPEN
    sent, ev = t.opened(a_ticket(t.TicketStatus.OPEN))
    assert sent.status is t.TicketStatus.DISPATCHED
    assert [e.type for e in ev] == ["TICKET_CREATED", "TICKET_DISPATCHED"]
    assert "phone" not in json.dumps(ev[0].payload)  # no personal data in events


def test_escalation_needs_an_overdue_unescalated_ticket() -> None:
    with pytest.raises(InvalidState):
        t.escalate(a_ticket(t.TicketStatus.DISPATCHED), NOW, None)
    overdue, _ = MOVES["overdue"](a_ticket(t.TicketStatus.DISPATCHED))
    escalated, ev = t.escalate(overdue, NOW, PersonRef("H001", "钱庭长"))
    assert escalated.escalated
    assert ev[0].payload["supervisor_id"] == "H001"
    with pytest.raises(InvalidState):
        t.escalate(escalated, NOW, None)
    with pytest.raises(InvalidState):
        t.mark_overdue(overdue, NOW, NOW)


def test_rating_twice_is_refused_and_scores_are_checked() -> None:
    replied, _ = MOVES["reply"](a_ticket(t.TicketStatus.DISPATCHED))
    with pytest.raises(ValidationFailed):
        t.rate(replied, 4, ACTOR, NOW)
    rated, _ = t.rate(replied, 2, ACTOR, NOW)
    with pytest.raises(InvalidState, match="已评价"):
        t.rate(rated, 1, ACTOR, NOW)


def test_missing_description_elements_are_named() -> None:
    with pytest.raises(ValidationFailed) as caught:
        t.check_elements(t.Category.CONTACT_JUDGE, {"caller.relation": "当事人"})
    assert "案号" in caught.value.message
    assert "回电号码" in caught.value.message
    assert {d.field for d in caught.value.details} == {"case_number", "elements.callback_phone"}
    t.check_elements(t.Category.SUGGESTION, {})


def test_ticket_ids_are_readable() -> None:
    assert t.format_ticket_id(NOW.date(), 42) == "GD20261130-000042"
    assert t.TICKET_ID.match("GD20261130-1234567")


# -- callback requests -------------------------------------------------------------------------

def test_a_party_callback_goes_to_the_judge_due_in_two_working_days(world: dict[str, Any]) -> None:
    ticket = callback(world)
    assert ticket.ticket_id == "GD20261130-000001"
    assert (ticket.status, ticket.category) == (t.TicketStatus.DISPATCHED,
                                               t.Category.CONTACT_JUDGE)
    assert ticket.assignee.id == "J001"
    assert ticket.due_at == "2026-12-02T23:59:59+08:00"
    assert ticket.due_at_provisional is False
    assert ticket.caller.name == "李四"
    assert ticket.callback_phone == "138****5678"  # the caller's own view is masked too
    assert events(world) == ["TICKET_CREATED", "TICKET_DISPATCHED"]


def test_a_query_code_holder_may_ask_and_wrong_codes_count(world: dict[str, Any]) -> None:
    assert callback(world, None, QUERY_CODE).assignee.id == "J001"
    for _ in range(5):
        with pytest.raises(CaseNotFound):
            callback(world, None, "WRONG123")
    with pytest.raises(Locked):
        callback(world, None, QUERY_CODE)


def test_strangers_and_staff_cannot_request_callbacks(world: dict[str, Any]) -> None:
    with pytest.raises(CaseNotFound):
        callback(world, STRANGER)
    with pytest.raises(Unauthenticated):
        callback(world, None)
    with pytest.raises(Forbidden):
        callback(world, JUDGE)


def test_at_most_three_open_callbacks_per_case_and_phone(world: dict[str, Any]) -> None:
    first = callback(world)
    callback(world)
    callback(world)
    with pytest.raises(RateLimited) as caught:
        callback(world)
    assert caught.value.retry_after_seconds > 0
    callback(world, phone="13987654321")  # another phone has its own allowance
    world["c"].tickets.reply(first.ticket_id, ReplyIn(result=t.ReplyResult.CALLED_BACK,
                                                      note="已电话联系"), JUDGE)
    assert callback(world).status is t.TicketStatus.DISPATCHED  # a reply frees a slot


def test_idempotent_replay_returns_the_same_ticket_and_announces_nothing(
        world: dict[str, Any]) -> None:
    first = callback(world, key="k-1")
    again = callback(world, key="k-1")
    assert again == first
    assert events(world) == ["TICKET_CREATED", "TICKET_DISPATCHED"]
    with pytest.raises(IdempotencyKeyReused):
        callback(world, key="k-1", message="另一件事")
    with pytest.raises(ValidationFailed):
        callback(world, key="x" * 129)


def test_a_case_without_judge_or_clerk_goes_to_the_duty_queue(world: dict[str, Any]) -> None:
    payload = case_payload(judge_id=None, clerk_id=None)
    world["c"].cases.sync(CASE, CaseSyncIn.model_validate_json(json_body(payload)), ADMIN)
    ticket = callback(world)
    assert (ticket.status, ticket.assignee) == (t.TicketStatus.OPEN, None)
    queue = world["c"].tickets.worklist(AGENT, TicketQuery(status=t.TicketStatus.OPEN,
                                                           court="沪0101"), None)
    assert [x.ticket_id for x in queue.items] == [ticket.ticket_id]


# -- hotline calls -----------------------------------------------------------------------------

def test_an_on_the_spot_answer_is_created_closed(world: dict[str, Any]) -> None:
    ticket = call(world, category="CONSULTATION", case_number=None, answered_on_spot=True,
                  caller={"name": "匿名来电"})
    assert (ticket.status, ticket.answered_on_spot, ticket.due_at) == (
        t.TicketStatus.CLOSED, True, None)
    assert ticket.court.code == "沪"  # the agent's own court
    assert ticket.history[0].action == "ANSWERED_ON_SPOT"


def test_a_dispatched_call_goes_to_the_case_judge(world: dict[str, Any]) -> None:
    ticket = call(world, case_number="(2026)沪0101民初1234号")
    assert ticket.case_number == CASE
    assert ticket.assignee.id == "J001"
    assert ticket.elements == {}


def test_calls_must_carry_their_description_elements(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        call(world, case_number=None, caller={"name": "李四"})
    assert {d.field for d in caught.value.details} == {
        "case_number", "caller.relation", "elements.callback_phone"}
    ticket = call(world, case_number=None, elements={"case_number": CASE,
                                                     "callback_phone": "13987654321"})
    assert ticket.callback_phone == DEFENDANT_PHONE
    with pytest.raises(ValidationFailed):
        call(world, elements={"case_number": "（2026）沪0101民初1号"})  # disagrees
    with pytest.raises(ValidationFailed) as complaint:
        call(world, category="COMPLAINT")
    assert "被投诉对象" in complaint.value.message


def test_agents_only_record_calls_for_courts_they_serve(world: dict[str, Any]) -> None:
    basic_agent = Principal("AG2", Role.AGENT, court="沪0104")
    data = TicketIn.model_validate_json(json.dumps({
        "category": "CASE_INQUIRY", "channel": "HOTLINE", "caller": {"name": "李四"},
        "summary": "查询案件进度", "case_number": CASE, "answered_on_spot": True}))
    with pytest.raises(Forbidden):
        world["c"].tickets.record_call(data, basic_agent, None)
    with pytest.raises(Forbidden):
        world["c"].tickets.record_call(data, JUDGE, None)


# -- reading, working, replying, rating ----------------------------------------------------------

def test_visibility_of_a_ticket(world: dict[str, Any]) -> None:
    ticket = callback(world)
    tickets = world["c"].tickets
    assert tickets.get(ticket.ticket_id, PARTY).caller.phone == "138****5678"
    assert tickets.get(ticket.ticket_id, JUDGE).caller.phone == PLAINTIFF_PHONE
    assert tickets.get(ticket.ticket_id, AGENT).elements == {}
    for outsider in (STRANGER, Principal("J9", Role.JUDGE, court="沪0104")):
        with pytest.raises(TicketNotFound):
            tickets.get(ticket.ticket_id, outsider)
    with pytest.raises(TicketNotFound):
        tickets.get("GD20261130-999999", JUDGE)
    with pytest.raises(TicketNotFound):
        tickets.get("not-a-ticket", JUDGE)


def test_the_whole_life_of_a_callback(world: dict[str, Any]) -> None:
    tickets = world["c"].tickets
    ticket = callback(world)
    queue = tickets.worklist(JUDGE, TicketQuery(assignee="me"), None)
    assert [x.ticket_id for x in queue.items] == [ticket.ticket_id]
    with pytest.raises(Forbidden):
        tickets.reply(ticket.ticket_id, ReplyIn(result=t.ReplyResult.CALLED_BACK, note="x"),
                      CLERK)
    replied = tickets.reply(ticket.ticket_id,
                            ReplyIn(result=t.ReplyResult.CALLED_BACK, note="已电话告知开庭准备"),
                            JUDGE)
    assert replied.reply.within_sla
    with pytest.raises(Forbidden):
        tickets.rate(ticket.ticket_id, RatingIn(score=1), JUDGE)
    with pytest.raises(TicketNotFound):
        tickets.rate(ticket.ticket_id, RatingIn(score=1), STRANGER)
    closed = tickets.rate(ticket.ticket_id, RatingIn(score=1), PARTY)
    assert (closed.status, closed.rating.label) == (t.TicketStatus.CLOSED, "满意")
    with pytest.raises(InvalidState):
        tickets.rate(ticket.ticket_id, RatingIn(score=2), PARTY)
    assert events(world) == ["TICKET_CREATED", "TICKET_DISPATCHED", "TICKET_REPLIED",
                             "TICKET_RATED"]


def test_dispatch_checks_the_assignee(world: dict[str, Any]) -> None:
    tickets = world["c"].tickets
    ticket = callback(world)
    moved = tickets.dispatch(ticket.ticket_id, DispatchIn(assignee_id="J002"), AGENT)
    assert moved.assignee.id == "J002"
    with pytest.raises(InvalidState):
        tickets.dispatch(ticket.ticket_id, DispatchIn(assignee_id="J002"), AGENT)
    with pytest.raises(ValidationFailed):
        tickets.dispatch(ticket.ticket_id, DispatchIn(assignee_id="NOBODY"), AGENT)
    with pytest.raises(Forbidden):
        tickets.dispatch(ticket.ticket_id, DispatchIn(assignee_id="J001"), JUDGE)


def test_a_rating_by_sms_rates_the_latest_ticket_awaiting_one(world: dict[str, Any]) -> None:
    tickets = world["c"].tickets
    first = callback(world)
    second = callback(world)
    for ticket in (first, second):
        world["clock"].advance(minutes=5)
        tickets.reply(ticket.ticket_id, ReplyIn(result=t.ReplyResult.ANSWERED_BY_SMS,
                                                note="已短信答复"), JUDGE)
    rated = tickets.rate_by_phone("13812345678", 3)
    assert rated is not None
    assert rated.ticket_id == second.ticket_id
    assert tickets.rate_by_phone("13812345678", 1).ticket_id == first.ticket_id
    assert tickets.rate_by_phone("13812345678", 1) is None


def test_worklist_requests_must_say_which_list(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        world["c"].tickets.worklist(JUDGE, TicketQuery(), None)
    with pytest.raises(Forbidden):
        world["c"].tickets.worklist(JUDGE, TicketQuery(overdue=True), None)
    with pytest.raises(Forbidden):
        world["c"].tickets.worklist(PARTY, TicketQuery(assignee="me"), None)


# -- the sweep -------------------------------------------------------------------------------

def test_the_sweep_reminds_once_then_escalates_once(world: dict[str, Any]) -> None:
    tickets, sweep, clock = world["c"].tickets, world["c"].sweep, world["clock"]
    ticket = callback(world)  # due 2026-12-02 23:59:59
    assert sweep.run().overdue == []
    clock.set(datetime(2026, 12, 3, 0, 5, tzinfo=SHANGHAI))
    assert sweep.run().overdue == [ticket.ticket_id]
    assert sweep.run().overdue == []  # run twice: nothing twice
    overdue = tickets.worklist(HEAD, TicketQuery(overdue=True), None)
    assert [x.ticket_id for x in overdue.items] == [ticket.ticket_id]
    clock.set(datetime(2026, 12, 3, 23, 0, tzinfo=SHANGHAI))
    assert sweep.run().escalated == []  # one working day after the due day is not over yet
    clock.set(datetime(2026, 12, 4, 0, 1, tzinfo=SHANGHAI))
    assert sweep.run().escalated == [ticket.ticket_id]
    assert sweep.run().escalated == []
    final = tickets.get(ticket.ticket_id, JUDGE)
    assert (final.overdue, final.escalated) == (True, True)
    assert events(world).count("TICKET_OVERDUE") == 1
    assert events(world).count("TICKET_ESCALATED") == 1
    escalation = next(e for e in world["repo"].events if e.type == "TICKET_ESCALATED")
    assert escalation.payload["supervisor_id"] == "H001"
    late = tickets.reply(ticket.ticket_id, ReplyIn(result=t.ReplyResult.CALLED_BACK,
                                                   note="已联系"), JUDGE)
    assert late.reply.within_sla is False


def test_concurrent_sweeps_announce_each_step_once(world: dict[str, Any]) -> None:
    for _ in range(5):
        callback(world, phone=f"139{len(world['repo'].tickets):08d}")
    world["clock"].set(datetime(2026, 12, 3, 1, 0, tzinfo=SHANGHAI))
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: world["c"].sweep.run(), range(4)))
    assert events(world).count("TICKET_OVERDUE") == 5


def test_parallel_creations_get_distinct_ids(world: dict[str, Any]) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        ids = list(pool.map(lambda i: call(world, case_number=None, answered_on_spot=True,
                                           category="CONSULTATION").ticket_id, range(50)))
    assert len(set(ids)) == 50


def test_parallel_ratings_exactly_one_wins(world: dict[str, Any]) -> None:
    tickets = world["c"].tickets
    ticket = callback(world)
    tickets.reply(ticket.ticket_id, ReplyIn(result=t.ReplyResult.CALLED_BACK, note="已回电"),
                  JUDGE)

    def try_rate(score: Literal[1, 2, 3]) -> str:
        try:
            tickets.rate(ticket.ticket_id, RatingIn(score=score), PARTY)
            return "won"
        except InvalidState:
            return "refused"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(try_rate, [1, 2, 3] * 6 + [1, 2]))
    assert outcomes.count("won") == 1
    assert outcomes.count("refused") == 19
    assert events(world).count("TICKET_RATED") == 1


def test_fake_repository_counts_sequences_per_day() -> None:
    repo = FakeTicketRepository()
    assert [repo.next_sequence(NOW.date()) for _ in range(3)] == [1, 2, 3]
    assert repo.next_sequence(NOW.date() + timedelta(days=1)) == 1
