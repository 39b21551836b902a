"""Notifications: the outbox relay, the SMS sender, hearing reminders and inbound SMS.

Nothing lost, nothing twice:

* events are written with the change they announce (outbox); the relay publishes them and
  only then takes them out of the outbox, so an SNS outage delays them and loses none;
* a relay may publish an event twice (a crash between publish and mark, or the stream and
  the outbox sweep racing); the SMS sender claims (event, recipient) with a conditional
  put before it sends, so a second delivery of the same event sends nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import notifications as plan
from chalicelib.domain.case_number import parse_case_number
from chalicelib.domain.clock import Clock, day_of, new_id
from chalicelib.domain.errors import DomainError
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.identity import parse_phone
from chalicelib.domain.sms import TEMPLATES, deferred_until, render, segments
from chalicelib.observability import count, logger, measure
from chalicelib.services.calendar import CalendarService
from chalicelib.services.ports import (
    CaseRepository,
    EventPublisher,
    HearingReminderRepository,
    InboundRepository,
    InboundSms,
    OptOutRepository,
    OutboxRepository,
    SmsGateway,
    SmsLog,
    SmsRecord,
    StaffRepository,
    TicketRepository,
)

STALE_CLAIM = timedelta(minutes=5)


class PoisonMessage(ValueError):
    """A queue message that can never be processed (it belongs in the dead-letter queue)."""


# -- outbox relay -----------------------------------------------------------------------------


class OutboxRelay:
    def __init__(self, outbox: OutboxRepository, publisher: EventPublisher, clock: Clock) -> None:
        self._outbox = outbox
        self._publisher = publisher
        self._clock = clock

    def relay_pending(self, limit: int = 100) -> int:
        """Publish what the outbox still holds (the local relay, and AWS's safety net)."""
        return self._publish(self._outbox.pending(limit))

    def relay_stream_keys(self, keys: list[tuple[str, str]]) -> int:
        """Publish the events a DynamoDB stream batch announced, if still pending."""
        return self._publish(self._outbox.still_pending(keys))

    def _publish(self, entries: list[Any]) -> int:
        published = 0
        for entry in entries:
            self._publisher.publish(entry.event)  # raises: the entry stays for next time
            self._outbox.mark_published(entry, self._clock.now())
            published += 1
        if published:
            count("EventsPublished")
        return published


# -- SMS -----------------------------------------------------------------------------------


@dataclass
class SmsReport:
    sent: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def parse_event(body: str) -> DomainEvent:
    """An event as the relay published it (an SQS body); `PoisonMessage` if it is not one."""
    try:
        raw = json.loads(body)
        return DomainEvent(raw["event_id"], raw["type"], datetime.fromisoformat(raw["at"]),
                           raw["aggregate"], raw["aggregate_id"], raw.get("court_code", ""),
                           raw.get("label", ""), dict(raw.get("payload") or {}))
    except (ValueError, KeyError, TypeError) as error:
        raise PoisonMessage(f"not an event: {error}") from None


class SmsDispatcher:
    def __init__(self, tickets: TicketRepository, cases: CaseRepository, staff: StaffRepository,
                 inbound: InboundRepository, log: SmsLog, opt_outs: OptOutRepository,
                 gateway: SmsGateway, clock: Clock, signature: str) -> None:
        self._tickets = tickets
        self._cases = cases
        self._staff = staff
        self._inbound = inbound
        self._log = log
        self._opt_outs = opt_outs
        self._gateway = gateway
        self._clock = clock
        self._signature = signature

    def handle(self, event: DomainEvent, report: SmsReport | None = None) -> SmsReport:
        """Send (or defer) every text ``event`` calls for, each at most once."""
        report = report or SmsReport()
        for outgoing in self._plan(event):
            self._deliver(event.event_id, outgoing, report)
        return report

    def _plan(self, event: DomainEvent) -> list[plan.Outgoing]:
        if event.aggregate == "ticket":
            return self._plan_ticket(event)
        if event.type in ("HEARING_SCHEDULED", "HEARING_REMINDER"):
            return self._plan_hearing(event)
        if event.type == "SMS_REPLY":
            return self._plan_reply(event)
        return []

    def _plan_ticket(self, event: DomainEvent) -> list[plan.Outgoing]:
        ticket = self._tickets.get(event.aggregate_id)
        if ticket is None:
            logger.warning("ticket of an event not found", extra={"event_id": event.event_id})
            return []
        person_id = (event.payload.get("supervisor_id") if event.type == "TICKET_ESCALATED"
                     else event.payload.get("assignee_id"))
        person = self._staff.get(person_id) if isinstance(person_id, str) else None
        return plan.for_ticket(event.type, ticket, person)

    def _plan_hearing(self, event: DomainEvent) -> list[plan.Outgoing]:
        if event.type == "HEARING_SCHEDULED" and not event.payload.get("upcoming"):
            return []
        try:
            number = parse_case_number(event.aggregate_id)
            starts_at = datetime.fromisoformat(str(event.payload["starts_at"]))
            courtroom = str(event.payload["courtroom"])
        except (DomainError, KeyError, ValueError) as error:
            raise PoisonMessage(f"bad hearing event: {error}") from None
        if starts_at <= self._clock.now():
            return []  # a notice about a hearing that has begun helps nobody
        case = self._cases.get(number).case
        return plan.for_hearing(event.type, case, starts_at, courtroom) if case else []

    def _plan_reply(self, event: DomainEvent) -> list[plan.Outgoing]:
        message = self._inbound.get(event.aggregate_id)
        template = str(event.payload.get("template", ""))
        if message is None or template not in TEMPLATES:
            return []
        params = {"ticket_id": message.ticket_id} if message.ticket_id else {}
        return [plan.Outgoing(message.phone, template, params)]

    def _deliver(self, event_id: str, outgoing: plan.Outgoing, report: SmsReport) -> None:
        template = TEMPLATES[outgoing.template]
        record = SmsRecord(event_id, outgoing.phone, outgoing.template,
                           render(outgoing.template, self._signature, **outgoing.params), "NEW")
        if not template.essential and self._opt_outs.is_opted_out(outgoing.phone):
            self._log.mark_skipped(record, "opted out")
            report.skipped.append(outgoing.template)
            count("SmsSkipped", template=outgoing.template, reason="opted_out")
            return
        now = self._clock.now()
        later = deferred_until(now, template)
        if later is not None:
            deferred = SmsRecord(record.event_id, record.phone, record.template, record.text,
                                 "DEFERRED", later)
            if self._log.defer(deferred):
                report.deferred.append(outgoing.template)
                count("SmsDeferred", template=outgoing.template)
            else:
                report.duplicates.append(outgoing.template)
            return
        if not self._log.claim(record, now, STALE_CLAIM):
            report.duplicates.append(outgoing.template)
            count("SmsDuplicate", template=outgoing.template)
            return
        self._send(record, report, back_to="NEW")

    def _send(self, record: SmsRecord, report: SmsReport, back_to: str) -> None:
        try:
            message_id = self._gateway.send(record.phone, record.text)
        except Exception:
            self._log.release(record, back_to)
            raise
        parts = segments(record.text)
        self._log.mark_sent(record, message_id, parts, self._clock.now())
        report.sent.append(record.template)
        measure("SmsSegments", parts, template=record.template)
        logger.info("sms sent", extra={"template": record.template, "to": record.phone,
                                       "segments": parts})

    def send_deferred(self, limit: int = 100) -> SmsReport:
        """Texts held back by quiet hours whose time has come (a scheduled job)."""
        report = SmsReport()
        for record in self._log.due(self._clock.now(), limit):
            template = TEMPLATES.get(record.template)
            if template and not template.essential and self._opt_outs.is_opted_out(record.phone):
                self._log.mark_skipped(record, "opted out")
                report.skipped.append(record.template)
                continue
            if self._log.claim_deferred(record, self._clock.now()):
                self._send(record, report, back_to="DEFERRED")
        return report


# -- hearing reminders ------------------------------------------------------------------------


class HearingReminders:
    """On each working day, remind the parties of hearings up to the next working day."""

    def __init__(self, slots: HearingReminderRepository, calendar: CalendarService,
                 clock: Clock) -> None:
        self._slots = slots
        self._calendar = calendar
        self._clock = clock

    def run(self) -> int:
        now = self._clock.now()
        today = day_of(now)
        working, _ = self._calendar.working.is_workday(today, strict=False)
        if not working:
            return 0
        next_working, _ = self._calendar.working.add_working_days(today, 1, strict=False)
        reminded = 0
        day = today + timedelta(days=1)
        while day <= next_working:
            for slot in self._slots.hearings_on(day):
                if slot.reminded:
                    continue
                event = DomainEvent(new_id(now), "HEARING_REMINDER", now, "case",
                                    slot.case_number, slot.court_code,
                                    payload={"starts_at": slot.starts_at.isoformat(),
                                             "courtroom": slot.courtroom})
                reminded += self._slots.mark_reminded(slot, event)
            day += timedelta(days=1)
        if reminded:
            count("HearingRemindersQueued")
        return reminded


# -- inbound SMS -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboundResult:
    action: str
    ticket_id: str | None = None


class InboundSmsService:
    def __init__(self, inbound: InboundRepository, opt_outs: OptOutRepository,
                 rate_by_phone: Any, clock: Clock) -> None:
        self._inbound = inbound
        self._opt_outs = opt_outs
        self._rate_by_phone = rate_by_phone
        self._clock = clock

    def receive(self, sender: str, text: str, received_at: datetime) -> InboundResult:
        """Rate (1/2/3), opt out (TD/退订), or answer with help; every message is recorded."""
        phone = parse_phone(sender, field="from")
        meaning = plan.read_inbound(text)
        ticket_id = None
        if meaning.score is not None:
            rated = self._rate_by_phone(phone, meaning.score)
            ticket_id = rated.ticket_id if rated is not None else None
            action = plan.InboundAction.RATED if rated else plan.InboundAction.NOTHING_TO_RATE
        elif meaning.opt_out:
            self._opt_outs.opt_out(phone, self._clock.now())
            action = plan.InboundAction.OPTED_OUT
        else:
            action = plan.InboundAction.HELP
        template = {plan.InboundAction.RATED: "INBOUND_RATED",
                    plan.InboundAction.OPTED_OUT: "INBOUND_OPTED_OUT"}.get(action, "INBOUND_HELP")
        now = self._clock.now()
        message = InboundSms(new_id(now), phone, text, received_at, action.value, ticket_id)
        reply = DomainEvent(new_id(now), "SMS_REPLY", now, "inbound", message.inbound_id, "",
                            payload={"template": template, "action": action.value})
        self._inbound.record(message, [reply])
        count("SmsInbound", action=action.value)
        return InboundResult(action.value, ticket_id)

