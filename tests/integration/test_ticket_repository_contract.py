"""The ticket and calendar repository contract, for the fake and DynamoDB on moto server."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from chalicelib.domain import tickets as t
from chalicelib.domain.calendar import published_year
from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import ValidationFailed
from chalicelib.services.ports import LimitReached, StaleWrite
from tests.integration.conftest import Repositories

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
CASE = "（2026）沪0101民初1234号"
PHONE = "+8613812345678"
JUDGE = PersonRef("J001", "王法官")
AGENT = t.Actor("AG1", "agent", "李座席")


def draft(sequence: int, *, assignee: PersonRef | None = JUDGE, due_in_days: int = 2,
          limited: bool = True, court: str = "沪0101", on_spot: bool = False) -> t.Ticket:
    return t.Ticket(
        ticket_id=t.format_ticket_id(NOW.date(), sequence), category=t.Category.CONTACT_JUDGE,
        channel=t.Channel.WEB, status=t.TicketStatus.OPEN, answered_on_spot=on_spot,
        court_code=court, caller=t.Caller("李四", PHONE, "当事人"), summary="请法官回电",
        created_at=NOW, created_by=t.Actor("P1", "party"), case_number=CASE,
        callback_phone=PHONE, elements={"note": "下午方便"}, assignee=assignee,
        due_at=NOW + timedelta(days=due_in_days), limited=limited,
    )


def create(repos: Repositories, ticket: t.Ticket, limit: int = 3) -> t.Ticket:
    opened, events = t.opened(ticket)
    return repos.tickets.create(opened, events, limit)


def test_a_created_ticket_reads_back_equal(repos: Repositories) -> None:
    stored = create(repos, draft(1))
    assert stored.version == 1
    assert stored.status is t.TicketStatus.DISPATCHED
    assert repos.tickets.get(stored.ticket_id) == stored
    assert repos.tickets.get("GD20261130-999999") is None
    with pytest.raises(StaleWrite):
        create(repos, draft(1))  # the same id twice


def test_sequences_are_atomic_and_per_day(repos: Repositories) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(lambda _: repos.tickets.next_sequence(NOW.date()), range(50)))
    assert sorted(numbers) == list(range(1, 51))
    assert repos.tickets.next_sequence(NOW.date() + timedelta(days=1)) == 1


def test_open_callbacks_are_limited_and_released_by_a_reply(repos: Repositories) -> None:
    first = create(repos, draft(1))
    create(repos, draft(2))
    with pytest.raises(LimitReached):
        create(repos, draft(3), limit=2)
    assert repos.tickets.get(t.format_ticket_id(NOW.date(), 3)) is None  # nothing written
    create(repos, draft(4, limited=False), limit=2)  # agents' records do not count
    replied, events = t.reply(first, t.ReplyResult.CALLED_BACK, "已回电", AGENT, NOW)
    repos.tickets.save(replied, first, events)
    create(repos, draft(5), limit=2)


def test_saves_are_optimistic(repos: Repositories) -> None:
    stored = create(repos, draft(1))
    moved, events = t.dispatch(stored, PersonRef("J002", "陈法官"), AGENT, NOW)
    second = repos.tickets.save(moved, stored, events)
    assert second.version == 2
    with pytest.raises(StaleWrite):
        repos.tickets.save(moved, stored, events)


def test_parallel_transitions_have_one_winner(repos: Repositories) -> None:
    stored = create(repos, draft(1))
    replied, events = t.reply(stored, t.ReplyResult.CALLED_BACK, "已回电", AGENT, NOW)
    current = repos.tickets.save(replied, stored, events)

    def rate(score: int) -> str:
        rated, announced = t.rate(current, score, t.Actor("P1", "party"), NOW)
        try:
            repos.tickets.save(rated, current, announced)
            return "won"
        except StaleWrite:
            return "stale"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(rate, [1, 2, 3] * 7))
    assert outcomes.count("won") == 1


def test_worklists_are_ordered_by_due_time_and_page(repos: Repositories) -> None:
    for sequence, days in ((1, 3), (2, 1), (3, 2)):
        create(repos, draft(sequence, due_in_days=days))
    first = repos.tickets.assigned("J001", t.TicketStatus.DISPATCHED, 2, None)
    assert [x.ticket_id[-1] for x in first.items] == ["2", "3"]
    assert first.cursor is not None
    rest = repos.tickets.assigned("J001", t.TicketStatus.DISPATCHED, 2, first.cursor)
    assert [x.ticket_id[-1] for x in rest.items] == ["1"]
    assert rest.cursor is None
    assert repos.tickets.assigned("J001", t.TicketStatus.REPLIED, 10, None).items == []
    with pytest.raises(ValidationFailed):
        repos.tickets.assigned("J001", t.TicketStatus.DISPATCHED, 2, "garbage")


def test_court_lists_hold_unreplied_tickets_only(repos: Repositories) -> None:
    late = create(repos, draft(1, due_in_days=-1))
    create(repos, draft(2, due_in_days=2))
    queued = create(repos, draft(3, assignee=None))
    create(repos, draft(4, on_spot=True))
    overdue = repos.tickets.unreplied("沪0101", 10, None, due_before=NOW)
    assert [x.ticket_id for x in overdue.items] == [late.ticket_id]
    duty = repos.tickets.unreplied("沪0101", 10, None, status=t.TicketStatus.OPEN)
    assert [x.ticket_id for x in duty.items] == [queued.ticket_id]
    everything = repos.tickets.unreplied("沪0101", 10, None)
    assert len(everything.items) == 3
    replied, events = t.reply(late, t.ReplyResult.UNREACHABLE, "无人接听", AGENT, NOW)
    repos.tickets.save(replied, late, events)
    assert repos.tickets.unreplied("沪0101", 10, None, due_before=NOW).items == []


def test_the_sweep_sees_due_tickets_then_escalation_times(repos: Repositories) -> None:
    due = create(repos, draft(1, due_in_days=-1))
    create(repos, draft(2, due_in_days=1))
    assert [x.ticket_id for x in repos.tickets.needing_sweep(NOW)] == [due.ticket_id]
    overdue, events = t.mark_overdue(due, NOW, NOW + timedelta(hours=12))
    flagged = repos.tickets.save(overdue, due, events)
    assert repos.tickets.needing_sweep(NOW) == []
    later = NOW + timedelta(hours=13)
    assert [x.ticket_id for x in repos.tickets.needing_sweep(later)] == [due.ticket_id]
    escalated, events = t.escalate(flagged, later, PersonRef("H001", "钱庭长"))
    repos.tickets.save(escalated, flagged, events)
    assert repos.tickets.needing_sweep(later) == []


def test_the_latest_reply_awaits_a_rating(repos: Repositories) -> None:
    assert repos.tickets.awaiting_rating(PHONE) is None
    tickets = [create(repos, draft(n)) for n in (1, 2)]
    for minutes, ticket in enumerate(tickets):
        replied, events = t.reply(ticket, t.ReplyResult.CALLED_BACK, "已回电", AGENT,
                                  NOW + timedelta(minutes=minutes))
        repos.tickets.save(replied, ticket, events)
    latest = repos.tickets.awaiting_rating(PHONE)
    assert latest is not None
    assert latest.ticket_id == tickets[1].ticket_id
    rated, events = t.rate(latest, 1, t.Actor("P1", "party"), NOW)
    repos.tickets.save(rated, latest, events)
    remaining = repos.tickets.awaiting_rating(PHONE)
    assert remaining is not None
    assert remaining.ticket_id == tickets[0].ticket_id


def test_published_calendars_round_trip(repos: Repositories) -> None:
    assert repos.calendars.get(2027) is None
    year = published_year(2027, [date(2027, 1, 1)], [date(2027, 2, 20)])
    repos.calendars.put(year, "A1", NOW)
    assert repos.calendars.get(2027) == year
    replacement = replace(year, holidays=frozenset({date(2027, 1, 1), date(2027, 2, 5)}))
    repos.calendars.put(replacement, "A1", NOW)
    assert repos.calendars.get(2027) == replacement
