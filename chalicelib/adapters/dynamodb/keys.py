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
OUTBOX_SHARDS = 4


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

    def lock(self, scope: str, subject: str) -> Key:
        return Key(f"LOCK#{scope}#{self.digest('lock:' + scope, subject)}", LOCK_SK)


def party_link_sk(filed_on_iso: str, case_number: str) -> str:
    return f"CASE#{filed_on_iso}#{case_number}"


def is_party_link_sk(value: str) -> bool:
    parts = value.split("#")
    return len(parts) == 3 and parts[0] == "CASE" and len(parts[1]) == 10 and bool(parts[2])
