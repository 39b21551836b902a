"""Every key of the single table is built here, and only here.

Inputs are validated values (canonical case numbers, staff ids matching
`STAFF_ID_PATTERN`, ISO timestamps), none of which can contain the ``#`` separator.
Personal identifiers never appear in keys: phones and lock subjects are replaced by a
keyed digest (HMAC-SHA256 with a server-side secret), so keys can show up in logs,
metrics and stream records without leaking anyone's number.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

CASE_SK = "#CASE"
STAFF_SK = "#STAFF"
LOCK_SK = "#LOCK"
TICKET_SK = "#TICKET"
COUNTER_SK = "#COUNTER"
CALENDAR_SK = "#CALENDAR"
SMS_SK = "#SMS"
OTP_SK = "#OTP"
RATE_SK = "#RATE"
OPTOUT_SK = "#OPTOUT"
INBOUND_SK = "#INBOUND"
STATS_SEEN_SK = "#SEEN"
OUTBOX_SHARDS = 4
SWEEP_SHARDS = 4


@dataclass(frozen=True)
class Key:
    pk: str
    sk: str


class KeyMaker:
    def __init__(self, pii_secret: bytes) -> None:
        self._secret = pii_secret

    def digest(self, kind: str, value: str) -> str:
        mac = hmac.new(self._secret, f"{kind}\x1f{value}".encode(), hashlib.sha256)
        return mac.hexdigest()[:40]

    @staticmethod
    def case(case_number: str) -> Key:
        return Key(f"CASE#{case_number}", CASE_SK)

    @staticmethod
    def event(aggregate: str, aggregate_id: str, at_iso: str, event_id: str) -> Key:
        """Events live in their aggregate's partition (CASE#…, TICKET#…), in time order."""
        return Key(f"{aggregate.upper()}#{aggregate_id}", f"EVENT#{at_iso}#{event_id}")

    @staticmethod
    def outbox(event_id: str, recorded_iso: str) -> Key:
        shard = int(event_id[-1], 16) % OUTBOX_SHARDS
        return Key(f"OUTBOX#{shard}", f"{recorded_iso}#{event_id}")

    def party_pk(self, phone_e164: str) -> str:
        return f"PARTY#{self.digest('phone', phone_e164)}"

    def party_link(self, phone_e164: str, filed_on_iso: str, case_number: str) -> Key:
        return Key(self.party_pk(phone_e164), party_link_sk(filed_on_iso, case_number))

    @staticmethod
    def staff(staff_id: str) -> Key:
        return Key(f"STAFF#{staff_id}", STAFF_SK)

    @staticmethod
    def staff_by_court(court_code: str, role: str, division: str, staff_id: str) -> Key:
        return Key(f"COURT#{court_code}#STAFF", f"{role}#{division}#{staff_id}")

    @staticmethod
    def ticket(ticket_id: str) -> Key:
        return Key(f"TICKET#{ticket_id}", TICKET_SK)

    @staticmethod
    def ticket_counter(day_compact: str) -> Key:
        return Key(f"COUNTER#TICKET#{day_compact}", COUNTER_SK)

    @staticmethod
    def assignee_queue(staff_id: str, status: str, at_iso: str, ticket_id: str) -> Key:
        """gsi1: an assignee's tickets of one status, by due time."""
        return Key(f"ASSIGNEE#{staff_id}#{status}", f"{at_iso}#{ticket_id}")

    @staticmethod
    def court_unreplied(court_code: str, at_iso: str, ticket_id: str) -> Key:
        """gsi2: a court's OPEN and DISPATCHED tickets, by due time."""
        return Key(f"COURT#{court_code}#UNREPLIED", f"{at_iso}#{ticket_id}")

    @staticmethod
    def sweep(at_iso: str, ticket_id: str) -> Key:
        """gsi3: when the sweep must next look at a ticket (due, then escalation time)."""
        shard = int(ticket_id[-1]) % SWEEP_SHARDS
        return Key(f"SWEEP#{shard}", f"{at_iso}#{ticket_id}")

    def callback_guard(self, case_number: str, phone_e164: str) -> Key:
        return Key(f"CALLBACKS#{case_number}#{self.digest('phone', phone_e164)}", COUNTER_SK)

    def awaiting_rating(self, phone_e164: str, replied_iso: str, ticket_id: str) -> Key:
        return Key(f"AWAITING#{self.digest('phone', phone_e164)}", f"{replied_iso}#{ticket_id}")

    @staticmethod
    def hearing_slot(day_iso: str, starts_iso: str, case_number: str, courtroom: str) -> Key:
        room = hashlib.sha256(courtroom.encode()).hexdigest()[:8]
        return Key(f"HEARINGS#{day_iso}", f"{starts_iso}#{case_number}#{room}")

    def sms(self, event_id: str, phone_e164: str) -> Key:
        return Key(f"SMS#{event_id}#{self.digest('phone', phone_e164)}", SMS_SK)

    @staticmethod
    def sms_deferred(send_iso: str, event_id: str, recipient: str) -> Key:
        """gsi3: texts held back by quiet hours, by the time they may go."""
        shard = int(event_id[-1], 16) % SWEEP_SHARDS
        return Key(f"DEFERRED#{shard}", f"{send_iso}#{event_id}#{recipient}")

    def opt_out(self, phone_e164: str) -> Key:
        return Key(f"OPTOUT#{self.digest('phone', phone_e164)}", OPTOUT_SK)

    @staticmethod
    def inbound(inbound_id: str) -> Key:
        return Key(f"INBOUND#{inbound_id}", INBOUND_SK)

    def otp(self, phone_e164: str) -> Key:
        return Key(f"OTP#{self.digest('phone', phone_e164)}", OTP_SK)

    def otp_day(self, phone_e164: str, day_compact: str) -> Key:
        return Key(f"OTPDAY#{self.digest('phone', phone_e164)}#{day_compact}", COUNTER_SK)

    @staticmethod
    def calendar(year: int) -> Key:
        return Key(f"CALENDAR#{year}", CALENDAR_SK)

    def rate(self, bucket: str, subject: str, window_start: int) -> Key:
        return Key(f"RATE#{bucket}#{self.digest('rate:' + bucket, subject)}#{window_start}",
                   RATE_SK)

    @staticmethod
    def court_day(court_code: str, day_iso: str, ticket_id: str) -> Key:
        """gsi4: the tickets a court recorded on a day (Asia/Shanghai)."""
        return Key(f"COURT#{court_code}#DAY#{day_iso}", ticket_id)

    @staticmethod
    def stats_day(court_code: str, day_iso: str) -> Key:
        """A court's counters, one item per day: a day is a GetItem, a range one Query."""
        return Key(f"STATS#{court_code}", f"DAY#{day_iso}")

    @staticmethod
    def stats_agent(court_code: str, month: str, agent_id: str) -> Key:
        """An agent's counters for a month, under the court's month (one Query ranks them)."""
        return Key(f"STATSAGENT#{court_code}#{month}", f"AGENT#{agent_id}")

    @staticmethod
    def stats_seen(event_id: str) -> Key:
        """The marker that makes a redelivered event count nothing."""
        return Key(f"STATSSEEN#{event_id}", STATS_SEEN_SK)

    def lock(self, scope: str, subject: str) -> Key:
        return Key(f"LOCK#{scope}#{self.digest('lock:' + scope, subject)}", LOCK_SK)


def party_link_sk(filed_on_iso: str, case_number: str) -> str:
    return f"CASE#{filed_on_iso}#{case_number}"


def ticket_id_of_index_sk(value: str) -> str | None:
    """The ticket id at the end of a ``{time}#{ticket id}`` index sort key, if well formed."""
    at, sep, ticket_id = value.rpartition("#")
    if not sep or len(at) != 25 or not ticket_id.startswith("GD"):
        return None
    return ticket_id


def is_party_link_sk(value: str) -> bool:
    parts = value.split("#")
    return len(parts) == 3 and parts[0] == "CASE" and len(parts[1]) == 10 and bool(parts[2])
