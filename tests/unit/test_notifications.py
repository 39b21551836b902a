"""The SMS plan, inbound SMS, and the sender's guarantees, on the fakes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest

from chalicelib.domain import tickets as t
from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.notifications import for_ticket, read_inbound
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.services.notifications import OutboxRelay, PoisonMessage, SmsDispatcher, parse_event
from chalicelib.services.ports import SmsRecord
from tests.fakes import (
    FakeCaseRepository,
    FakeGateway,
    FakeInbound,
    FakeOptOuts,
    FakeOutbox,
    FakePublisher,
    FakeSmsLog,
    FakeStaffRepository,
    FakeTicketRepository,
    FixedClock,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
PHONE = "+8613812345678"
JUDGE = StaffMember("J001", "王法官", StaffRole.JUDGE, "沪0101", "民一庭", "+8613900000001", "H1")


def a_ticket(**changes: object) -> t.Ticket:
    ticket = t.Ticket("GD20261130-000001", t.Category.CONTACT_JUDGE, t.Channel.WEB,
                      t.TicketStatus.DISPATCHED, False, "沪0101", t.Caller("李四", PHONE, "当事人"),
                      "请回电", NOW, t.Actor("P1", "party"), case_number="（2026）沪0101民初1234号",
                      callback_phone=PHONE, assignee=PersonRef("J001", "王法官"),
                      due_at=datetime(2026, 12, 2, 23, 59, 59, tzinfo=SHANGHAI))
    return replace(ticket, **changes)  # type: ignore[arg-type]


def test_the_plan_for_each_ticket_event() -> None:
    ticket = a_ticket()
    assert [o.template for o in for_ticket("TICKET_CREATED", ticket, None)] == ["TICKET_RECEIPT"]
    assert for_ticket("TICKET_DISPATCHED", ticket, JUDGE)[0].phone == JUDGE.phone
    assert for_ticket("TICKET_REPLIED", ticket, None)[0].template == "TICKET_REPLIED"
    assert for_ticket("TICKET_OVERDUE", ticket, JUDGE)[0].template == "TICKET_OVERDUE"
    head = replace(JUDGE, staff_id="H1", name="钱庭长", phone="+8613900000009")
    escalation = for_ticket("TICKET_ESCALATED", ticket, head)[0]
    assert (escalation.phone, escalation.params["assignee"]) == (head.phone, "王法官")
    assert for_ticket("TICKET_RATED", ticket, None) == []
    assert for_ticket("TICKET_CREATED", a_ticket(answered_on_spot=True), None) == []
    complaint = a_ticket(category=t.Category.COMPLAINT, case_number=None)
    assert for_ticket("TICKET_CREATED", complaint, None)[0].template == "TICKET_RECEIPT_QUEUED"
    assert for_ticket("TICKET_DISPATCHED", complaint, JUDGE)[0].template == (
        "TICKET_ASSIGNED_GENERAL")


@pytest.mark.parametrize(("text", "score", "opt_out"), [
    ("1", 1, False), (" 2 ", 2, False), ("3。", 3, False), ("TD", None, True),
    ("td", None, True), ("退订", None, True), ("4", None, False), ("12", None, False),
    ("谢谢法官", None, False), ("", None, False),
])
def test_reading_an_inbound_sms(text: str, score: int | None, opt_out: bool) -> None:
    meaning = read_inbound(text)
    assert (meaning.score, meaning.opt_out) == (score, opt_out)


def test_unparseable_bodies_are_poison() -> None:
    for body in ("{not json", "[]", '{"type": "X"}'):
        with pytest.raises(PoisonMessage):
            parse_event(body)


@dataclass
class Rig:
    dispatcher: SmsDispatcher
    gateway: FakeGateway
    log: FakeSmsLog
    opt_outs: FakeOptOuts
    clock: FixedClock


@pytest.fixture
def rig() -> Rig:
    tickets, staff = FakeTicketRepository(), FakeStaffRepository()
    staff.save(JUDGE)
    tickets.create(a_ticket(), [], 3)
    gateway, log, opt_outs, clock = FakeGateway(), FakeSmsLog(), FakeOptOuts(), FixedClock(NOW)
    dispatcher = SmsDispatcher(tickets, FakeCaseRepository(), staff, FakeInbound(FakeOutbox()),
                               log, opt_outs, gateway, clock, "上海法院")
    return Rig(dispatcher, gateway, log, opt_outs, clock)


def created(at: datetime = NOW) -> DomainEvent:
    return a_ticket().event("TICKET_CREATED", at)


def test_a_failed_send_is_released_and_sent_once_on_retry(rig: Rig) -> None:
    event = created()
    rig.gateway.failures_left = 1
    with pytest.raises(ConnectionError):
        rig.dispatcher.handle(event)
    assert rig.dispatcher.handle(event).sent == ["TICKET_RECEIPT"]
    assert rig.dispatcher.handle(event).duplicates == ["TICKET_RECEIPT"]
    assert len(rig.gateway.sent) == 1


def test_a_claim_left_by_a_crash_is_taken_over_after_five_minutes(rig: Rig) -> None:
    event = created()
    crashed = SmsRecord(event.event_id, PHONE, "TICKET_RECEIPT", "x", "NEW")
    assert rig.log.claim(crashed, NOW, timedelta(minutes=5))
    assert rig.dispatcher.handle(event).duplicates == ["TICKET_RECEIPT"]
    rig.clock.advance(minutes=6)
    assert rig.dispatcher.handle(event).sent == ["TICKET_RECEIPT"]
    assert len(rig.gateway.sent) == 1


def test_an_opt_out_made_overnight_stops_a_deferred_text(rig: Rig) -> None:
    rig.clock.set(datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI))
    replied = a_ticket(status=t.TicketStatus.REPLIED)
    report = rig.dispatcher.handle(replied.event("TICKET_REPLIED", rig.clock.now()))
    assert report.deferred == ["TICKET_REPLIED"]
    rig.opt_outs.opt_out(PHONE, rig.clock.now())
    rig.clock.set(datetime(2026, 12, 1, 8, 1, tzinfo=SHANGHAI))
    assert rig.dispatcher.send_deferred().skipped == ["TICKET_REPLIED"]
    assert rig.gateway.sent == []


def test_a_deferred_text_whose_send_fails_stays_deferred(rig: Rig) -> None:
    rig.clock.set(datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI))
    replied = a_ticket(status=t.TicketStatus.REPLIED)
    rig.dispatcher.handle(replied.event("TICKET_REPLIED", rig.clock.now()))
    rig.clock.set(datetime(2026, 12, 1, 8, 1, tzinfo=SHANGHAI))
    rig.gateway.failures_left = 1
    with pytest.raises(ConnectionError):
        rig.dispatcher.send_deferred()
    assert rig.dispatcher.send_deferred().sent == ["TICKET_REPLIED"]
    assert rig.dispatcher.send_deferred().sent == []


def test_the_relay_keeps_what_it_could_not_publish() -> None:
    outbox, publisher = FakeOutbox(), FakePublisher()
    events = [a_ticket().event(kind, NOW) for kind in ("TICKET_CREATED", "TICKET_DISPATCHED")]
    outbox.add(events)
    relay = OutboxRelay(outbox, publisher, FixedClock(NOW))
    publisher.failures_left = 1
    with pytest.raises(ConnectionError):
        relay.relay_pending()
    assert len(outbox.pending(10)) == 2
    assert relay.relay_pending() == 2
    assert relay.relay_pending() == 0
    assert [e.type for e in publisher.published] == [e.type for e in
                                                     sorted(events, key=lambda e: e.event_id)]
