"""The scheduled sweep over unreplied tickets: flag and remind when due, escalate (督办)
one working day later. Runs every few minutes (Chalice schedule in AWS, the local worker
in `make run`).

Each step is a conditional write on the ticket's version, so two sweeps running at once,
or one run twice, announce each step exactly once: the loser of a race re-reads the
ticket, finds the step taken, and moves on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.domain import tickets as t
from chalicelib.domain.cases import PersonRef
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import InvalidState
from chalicelib.domain.sla import escalation_at
from chalicelib.observability import count, logger
from chalicelib.services.calendar import CalendarService
from chalicelib.services.ports import StaffRepository, StaleWrite, TicketRepository


@dataclass
class SweepReport:
    examined: int = 0
    overdue: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)


class TicketSweep:
    def __init__(self, tickets: TicketRepository, staff: StaffRepository,
                 calendar: CalendarService, clock: Clock) -> None:
        self._tickets = tickets
        self._staff = staff
        self._calendar = calendar
        self._clock = clock

    def run(self) -> SweepReport:
        now = self._clock.now()
        report = SweepReport()
        for ticket in self._tickets.needing_sweep(now):
            report.examined += 1
            for _ in range(2):
                try:
                    self._step(ticket, report)
                    break
                except StaleWrite:
                    fresh = self._tickets.get(ticket.ticket_id)
                    if fresh is None:
                        break
                    ticket = fresh
                except InvalidState:
                    break  # another sweep (or a reply) got there first
        if report.overdue or report.escalated:
            logger.info("ticket sweep", extra={"overdue": len(report.overdue),
                                               "escalated": len(report.escalated)})
        return report

    def _step(self, ticket: t.Ticket, report: SweepReport) -> None:
        now = self._clock.now()
        if ticket.status not in t.UNREPLIED or ticket.escalated:
            return
        if not ticket.overdue:
            if ticket.due_at is None or ticket.due_at > now:
                return
            escalate_at = escalation_at(self._calendar.working, ticket.due_at)
            updated, events = t.mark_overdue(ticket, now, escalate_at)
            self._tickets.save(updated, ticket, events)
            report.overdue.append(ticket.ticket_id)
            count("TicketOverdue")
            return
        if ticket.escalate_at is None or ticket.escalate_at > now:
            return
        updated, events = t.escalate(ticket, now, self._supervisor(ticket))
        self._tickets.save(updated, ticket, events)
        report.escalated.append(ticket.ticket_id)
        count("TicketEscalated")

    def _supervisor(self, ticket: t.Ticket) -> PersonRef | None:
        """The assignee's supervisor, else a division head of the assignee's division."""
        if ticket.assignee is None:
            return None
        member = self._staff.get(ticket.assignee.id)
        if member is None:
            return None
        if member.supervisor_id:
            boss = self._staff.get(member.supervisor_id)
            if boss is not None:
                return PersonRef(boss.staff_id, boss.name)
        heads = [h for h in self._staff.division_heads(member.court_code, member.division)
                 if h.staff_id != member.staff_id]
        return PersonRef(heads[0].staff_id, heads[0].name) if heads else None
